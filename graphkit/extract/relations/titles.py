"""Title patterns: a sentence read as a row of items (mentions, titles, words) and matched against the
sequences of table.TITLES ("ORG 's? ROLE PERSON" reads "Britain's Prime Minister Tony Blair")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from graphkit.extract.relations.endpoints import PLACE_TYPES, Endpoints, hyphenated
from graphkit.extract.relations.grammar import is_former, role_starting_at
from graphkit.extract.relations.table import TitlePattern

KINDS = ("PERSON", "ORG", "ROLE", "FORMER", "WORD")


@dataclass  # not frozen: a frozen dataclass takes four times as long to make, and a sentence makes dozens
class Item:
    kind: str  # PERSON | ORG | ROLE | FORMER | TOKEN
    start: int  # token indices
    end: int
    text: str  # lower case
    mention: int | None = None
    former: bool = False  # for ROLE: "former" stood before it
    organization: bool = False  # for ORG: a mention typed organization, which may be a person NER mistyped


@dataclass(frozen=True)
class Element:
    options: tuple[str, ...]  # kinds (upper case) or words
    optional: bool
    label: str


@dataclass(frozen=True)
class TitleMatch:
    subject: int  # mention index
    objects: tuple[tuple[str, int], ...]  # (relation name, mention index)
    start: int  # token index where the match starts
    role: range  # token indices of the title, which stands for the person in the rest of the sentence


@cache
def parse_sequence(sequence: str) -> tuple[Element, ...]:
    """ "ORG@of 's? ROLE PERSON@subject" -> elements."""
    elements = []
    for part in sequence.split():
        optional = part.endswith("?")
        part = part.rstrip("?")
        label = ""
        if "@" in part:
            part, label = part.split("@", 1)
            label, _, rest = label.partition("|")
            part = "|".join(filter(None, [part, rest]))
        elements.append(Element(tuple(part.split("|")), optional, label))
    return tuple(elements)


def items_of(sentence: Span, endpoints: Endpoints) -> list[Item]:
    """The sentence as a row of items: each mention one item, each listed title one item.

    A title wins over a mention it covers ("Finance Minister" tagged as an organization); a title at the start
    of a person span stays a title ("President Vladimir Putin"); a country word hyphenated to another
    ("pro-Russian") or a demonym opening a longer name ("the British Library") is only a word.
    """
    vocabulary, doc, words, at = endpoints.vocabulary, sentence.doc, endpoints.words, endpoints.at
    items: list[Item] = []
    i = sentence.start
    while i < sentence.end:
        index = at.get(i)
        span = endpoints.spans[index] if index is not None else None  # `at` holds only mentions with a span
        end = min(span.end, sentence.end) if span is not None else i + 1
        role = role_starting_at(words, i, vocabulary, sentence.end)
        if role and role[0] >= end and all(at.get(j) in (None, index) for j in range(i, role[0])):
            items.append(Item("ROLE", i, role[0], role[1], former=is_former(doc[i], vocabulary)))
            i = role[0]
            continue
        if index is not None:
            mention = endpoints.mentions[index]
            if mention.type == "person":
                role = role_starting_at(words, i, vocabulary, end - 1)
                if role:
                    items.append(Item("ROLE", i, role[0], role[1], former=is_former(doc[i], vocabulary)))
                    i = role[0]
                items.append(Item("PERSON", i, end, doc[i:end].text.lower(), index))
            elif mention.type in PLACE_TYPES and not _only_a_word(doc[i:end], endpoints):
                organization = mention.type == "organization"
                items.append(Item("ORG", i, end, doc[i:end].text.lower(), index, organization=organization))
            else:
                items.append(Item("TOKEN", i, end, doc[i:end].text.lower()))
            i = end
            continue
        word = words[i]
        if word in vocabulary.former:
            end = i + 2 if i + 1 < sentence.end and words[i + 1] == "-" else i + 1  # "ex-"
            items.append(Item("FORMER", i, end, word))
            i = end
            continue
        country = endpoints.demonym_at(i)
        if country is not None and _only_a_word(doc[i : i + 1], endpoints):
            country = None
        items.append(Item("ORG", i, i + 1, word, country) if country is not None else Item("TOKEN", i, i + 1, word))
        i += 1
    return items


def _only_a_word(span: Span, endpoints: Endpoints) -> bool:
    """A country word that names no country here: hyphenated ("pro-Russian", "Kyrgyz-Turkish"), or a demonym
    opening a longer name ("British Library", "Turkish Red Crescent")."""
    if hyphenated(span[0], span[-1]):
        return True
    countries, doc = endpoints.countries, span.doc
    if countries is None or not countries.demonym(span.text) or span.end >= span.sent.end:
        return False
    following = doc[span.end]
    return (
        following.is_title
        and following.pos_ == "PROPN"
        and endpoints.mention_of(following) is None
        and role_starting_at(endpoints.words, following.i, endpoints.vocabulary, span.sent.end) is None
    )


def _has_person(sentence: Span, endpoints: Endpoints) -> bool:
    """Whether a token of `sentence` is in a person or organization mention: without one, no item can be the
    PERSON every title pattern needs, and the sentence is not worth making items of."""
    at, mentions = endpoints.at, endpoints.mentions
    found = {at[i] for i in range(sentence.start, sentence.end) if i in at}
    return any(mentions[index].type in ("person", "organization") for index in found)


def _fitting(item: Item) -> frozenset[str]:
    """The sequence options `item` fits: its kind (KINDS), and for a plain word the word itself and WORD when it
    is all letters."""
    if item.kind == "TOKEN":
        return frozenset((item.text, "WORD")) if item.text.isalpha() else frozenset((item.text,))
    if item.organization:
        # the small model often types an unfamiliar name as an organization; a title next to it says otherwise
        return frozenset((item.kind, "PERSON"))
    return frozenset((item.kind,))


@cache
def _openers(sequence: str) -> frozenset[str] | None:
    """The options the first item of a match must fit: those of the optional elements that open the sequence
    and of the first required one. None when every element is optional (a match may then be empty)."""
    options: set[str] = set()
    for element in parse_sequence(sequence):
        options.update(element.options)
        if not element.optional:
            return frozenset(options)
    return None


def _match(
    items: list[Item], fitting: list[frozenset[str]], at: int, elements: tuple[Element, ...], bound: dict[str, Item]
) -> dict | None:
    if not elements:
        return bound
    element, rest = elements[0], elements[1:]
    if at < len(items):
        item, fits = items[at], fitting[at]
        for option in element.options:
            if option in fits:
                names = dict(bound)
                names[element.label or f"#{len(bound)}"] = item
                found = _match(items, fitting, at + 1, rest, names)
                if found is not None:
                    return found
    if element.optional:
        return _match(items, fitting, at, rest, bound)
    return None


def _owns_next(item: Item, after: dict[int, Item], bound: dict[str, Item]) -> bool:
    """ "the leader of Britain's biggest union": an organization followed by a possessive the pattern did not
    take owns what comes next, so it is not the one the title is of."""
    following = after.get(item.start)
    return following is not None and following.text in ("'s", "'", "’s", "’") and following not in bound.values()


def find_titles(sentence: Span, endpoints: Endpoints, patterns: tuple[TitlePattern, ...]) -> Iterator[TitleMatch]:
    """Every (person, role, organization) the title patterns read in `sentence`, one name per pair: the first
    pattern and the earliest start win ("Former US President X" is not also "US President X")."""
    if not _has_person(sentence, endpoints):
        return
    items = items_of(sentence, endpoints)
    fitting = [_fitting(item) for item in items]
    if not any("PERSON" in fits for fits in fitting):
        return
    named: set[tuple[int, int]] = set()
    after = {item.start: items[k + 1] for k, item in enumerate(items[:-1])}
    for pattern in patterns:
        elements, openers = parse_sequence(pattern.sequence), _openers(pattern.sequence)
        for at in range(len(items)):
            if openers is not None and openers.isdisjoint(fitting[at]):
                continue  # no match can start here: most items are words no sequence opens with
            bound = _match(items, fitting, at, elements, {})
            if bound is None or "subject" not in bound:
                continue
            roles = [item for item in bound.values() if item.kind == "ROLE"]
            former = any(item.kind == "FORMER" or item.former for item in bound.values())
            role = roles[0].text if roles else pattern.role
            if any(_owns_next(item, after, bound) for item in bound.values() if item.kind == "ORG"):
                continue
            subject = bound["subject"].mention
            objects = tuple(
                (f"{'former ' if former else ''}{role} {label}", item.mention)
                for label, item in bound.items()
                if label != "subject"
                and not label.startswith("#")
                and item.mention is not None
                and (subject, item.mention) not in named
            )
            named.update((subject, target) for _, target in objects)
            if objects:
                title = range(roles[0].start, roles[0].end) if roles else range(0)
                yield TitleMatch(subject, objects, items[at].start, title)
