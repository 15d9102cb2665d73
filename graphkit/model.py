"""Plain data passed between the stages: read -> extract -> resolve -> relate -> graph -> export.

Every stage takes these in and gives these out, so each can be tested (and cached) alone.
"""

from __future__ import annotations

from collections.abc import Callable
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


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A span of a document that names an entity, with its graphkit type."""

    start: int
    end: int
    text: str
    type: str  # person | country | organization | location
    sentence: int  # index into DocExtraction.sentences, -1 for document metadata (byline)
    canonical: str = ""  # name given by the gazetteer or span repair, "" when only NER spoke
    source: str = "ner"  # ner | gazetteer | demonym | byline


@dataclass
class RelationCandidate:
    """A typed relation the grammar states between two mentions of one sentence."""

    subject: int  # index into DocExtraction.mentions
    object: int
    name: str  # "met", "member of", "prime minister of", ...
    sentence: int
    negated: bool = False
    hedged: bool = False


@dataclass
class DocExtraction:
    """What the NLP found in one document; plain data so it can be cached and shipped between processes."""

    document: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationCandidate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocExtraction:
        return cls(
            document=data["document"],
            sentences=[Sentence(**s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            relations=[RelationCandidate(**r) for r in data["relations"]],
        )


@dataclass
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


@dataclass
class Evidence:
    document: str
    sentence: str
    start: int  # sentence offsets into the document text
    end: int


@dataclass
class Relation:
    """One statement of a relation between two entities, with the sentence that makes it."""

    source: str  # entity id (the subject for typed relations)
    target: str
    name: str  # "co-mentioned" or a typed relation name
    evidence: Evidence
    directed: bool = False
    negated: bool = False
    hedged: bool = False


@dataclass
class Resolution:
    """Resolution's result: the entities, and the entity each mention of each document became."""

    entities: dict[str, Entity] = field(default_factory=dict)
    # document id -> the entity id of each of its mentions (None where a mention was dropped)
    mention_entities: dict[str, list[str | None]] = field(default_factory=dict)
