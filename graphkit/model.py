"""Plain data passed between the stages: read -> extract -> resolve -> relate -> graph -> export.

Every stage takes these in and gives these out, so each can be tested (and cached) alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

Warn = Callable[[str], None]  # how every stage reports what it skipped: one line, naming the file or row


@dataclass
class Document:
    """One article as read: `text` is what the NLP sees and what every offset points into."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    author: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD) when known
    url: str = ""
    source: str = ""  # outlet or site name
    duplicate_of: str = ""  # id of an earlier identical or near-identical document
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A span of a document that names an entity, with its graphkit type."""

    start: int
    end: int
    text: str
    type: str  # person | country | organization | location
    sentence: int  # index into DocExtraction.sentences, -1 for document metadata (byline)
    canonical: str = ""  # name given by the gazetteer or span repair, "" when only NER spoke
    source: str = "ner"  # ner | gazetteer | demonym | byline


@dataclass(slots=True)
class RelationCandidate:
    """A typed relation the grammar states between two mentions of one sentence."""

    subject: int  # index into DocExtraction.mentions
    object: int
    name: str  # "met", "member of", "prime minister of", ...
    sentence: int
    negated: bool = False
    hedged: bool = False
    according_to: int = -1  # the mention of whoever the sentence reports it from; -1: the article's own voice
    via: str = ""  # "pronoun" when a party was reached through a pronoun, else ""
    date: int = -1  # index into DocExtraction.dates of the date its clause states; -1: none


@dataclass(slots=True)
class DatePhrase:
    """A date a sentence states ("on Tuesday", "8 May 2021", "last week"), read but not yet resolved: the
    parts it names, and the tense of the verb it attaches to, so that it can be resolved against any
    document date without parsing the text again. Unnamed parts are 0 (weekday -1)."""

    start: int  # character offsets of the phrase in the document text
    end: int
    text: str
    sentence: int
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = -1  # 0 = Monday
    unit: str = ""  # "day", "week", "month" or "year": a date counted from the document's ("last week")
    shift: int = 0  # how many units from the document's date: -1 for "last week", -2 for "two days ago"
    explicit: bool = False  # "last Tuesday", "next Tuesday": the weekday before or after, never the same day
    tense: str = ""  # "past", "future" or "present" of the verb it attaches to; "" without one
    main: bool = False  # attached to the sentence's main clause (what a co-mention is dated by)


@dataclass
class DocExtraction:
    """What the NLP found in one document; plain data so it can be cached and shipped between processes.

    Extraction gives lists; once a build has them, graphkit.extract.columns swaps the sentences and mentions
    for read-only columns over the document's text, hence sequences here.
    """

    document: str
    sentences: Sequence[Sentence] = field(default_factory=list)
    mentions: Sequence[Mention] = field(default_factory=list)
    relations: list[RelationCandidate] = field(default_factory=list)
    dates: list[DatePhrase] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "sentences": [asdict(s) for s in self.sentences],
            "mentions": [asdict(m) for m in self.mentions],
            "relations": [asdict(r) for r in self.relations],
            "dates": [asdict(d) for d in self.dates],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocExtraction:
        return cls(
            document=data["document"],
            sentences=[Sentence(**s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            relations=[RelationCandidate(**r) for r in data["relations"]],
            dates=[DatePhrase(**d) for d in data.get("dates", [])],
        )


@dataclass(slots=True)
class Entity:
    """A canonical entity: every mention that resolution merged into it."""

    id: str
    label: str
    type: str
    aliases: dict[str, int] = field(default_factory=dict)  # surface form -> count
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    country: str = ""  # for locations: the country they lie in
    first_seen: str = ""
    last_seen: str = ""


@dataclass(slots=True)
class Evidence:
    document: str
    sentence: str
    start: int  # sentence offsets into the document text
    end: int


@dataclass(slots=True)
class Relation:
    """One statement of a relation between two entities, with the sentence that makes it."""

    source: str  # entity id (the subject for typed relations)
    target: str
    name: str  # "co-mentioned" or a typed relation name
    evidence: Evidence
    directed: bool = False
    negated: bool = False
    hedged: bool = False
    relation_class: str = ""  # graphkit/relation_types.py: role, contact, conflict, ...; "" for a co-mention
    stance: str = ""  # cooperative, hostile or neutral; "" for a co-mention
    according_to: str = ""  # entity id of whoever the sentence reports it from; "" for the article's own voice
    via: str = ""  # "pronoun" when a party was reached through a pronoun
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD: the date the sentence states, else the document's; "" when undated
    date_source: str = ""  # "sentence" or "document"; "" when undated


@dataclass(frozen=True)
class Merge:
    """One join an automatic rule made: `form` joined `into` in `entity`; what `graphkit review` questions."""

    entity: str  # entity id
    rule: str  # graphkit.resolve.entities.MERGE_RULES
    form: str
    into: str
    detail: str = ""  # the article the join was made in, or the votes of a close type vote


@dataclass
class Resolution:
    """Resolution's result: the entities, and the entity each mention of each document became."""

    entities: dict[str, Entity] = field(default_factory=dict)
    # document id -> the entity id of each of its mentions (None where a mention was dropped)
    mention_entities: dict[str, list[str | None]] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)  # the automatic joins behind the entities


# A file format, declared once by the module that reads or writes it. The readers (graphkit.read.formats)
# and the writers (graphkit.export.formats) each keep one tuple of these; the suffix tables, the CLI's
# choices and help, the build's file names and the README's tables (tests/test_registry.py) follow from it.
@dataclass(frozen=True)
class Format:
    """One format: its name, the suffixes that ask for it (the first is the usual one) and its functions."""

    name: str
    suffixes: tuple[str, ...]
    description: str  # what it is, in a few words (the README says it at length)
    read: Callable[..., Any] | None = None
    write: Callable[..., Any] | None = None
    title: str = ""  # how help text names it in a list ("GraphML", "an HTML page"); default: the name
    files: tuple[str, ...] = ()  # a format written as a folder: the files it puts there
    # a folder format's files made from the build's tables beside the saved graph, when they are there
    build_files: tuple[str, ...] = ()
    context: bool = False  # its writer takes a graphkit.export.context.ExportContext as a third argument

    @property
    def label(self) -> str:
        return self.title or self.name


def by_name(formats: Iterable[Format]) -> dict[str, Format]:
    """The formats by name; a name declared twice is a mistake caught at import."""
    table: dict[str, Format] = {}
    for fmt in formats:
        if fmt.name in table:
            raise ValueError(f"format {fmt.name!r} is declared twice")
        table[fmt.name] = fmt
    return table


def by_suffix(formats: Iterable[Format]) -> dict[str, Format]:
    """The formats by suffix ('.gexf' -> the gexf record); a suffix claimed by two formats is a mistake."""
    table: dict[str, Format] = {}
    for fmt in formats:
        for suffix in fmt.suffixes:
            if suffix != suffix.lower() or not suffix.startswith("."):
                raise ValueError(f"format {fmt.name!r}: suffix {suffix!r} must be lower case and start with '.'")
            if suffix in table:
                raise ValueError(f"suffix {suffix!r} is claimed by {table[suffix].name!r} and {fmt.name!r}")
            table[suffix] = fmt
    return table


def usual_suffixes(formats: Iterable[Format]) -> list[str]:
    """The first suffix of each format that has one, in registry order: what help text lists."""
    return [fmt.suffixes[0] for fmt in formats if fmt.suffixes]


def spoken_list(words: Iterable[str], last: str = "and") -> str:
    """'a, b and c': a list for a sentence of help text."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"
