"""Title patterns: a sentence read as a row of items (mentions, titles, words) and matched against the
sequences of table.TITLES ("ORG 's? ROLE PERSON" reads "Britain's Prime Minister Tony Blair")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from graphkit.relations.endpoints import PLACE_TYPES, Endpoints, hyphenated
from graphkit.relations.grammar import is_former, role_starting_at
from graphkit.relations.table import TitlePattern

KINDS = ("PERSON", "ORG", "ROLE", "FORMER", "WORD")


@dataclass(frozen=True)
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
    """"ORG@of 's? ROLE PERSON@subject" -> elements."""
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
    vocabulary, doc, words = endpoints.vocabulary, sentence.doc, endpoints.words
    items: list[Item] = []
    i = sentence.start
    while i < sentence.end:
        token = doc[i]
        index = endpoints.mention_of(token)
        end = min(endpoints.spans[index].end, sentence.end) if index is not None else i + 1
        role = role_starting_at(words, i, vocabulary, sentence.end)
        if role and role[0] >= end and all(endpoints.mention_of(doc[j]) in (None, index) for j in range(i, role[0])):
            items.append(Item("ROLE", i, role[0], role[1], former=is_former(token, vocabulary)))
            i = role[0]
            continue
        if index is not None:
            mention = endpoints.mentions[index]
            if mention.type == "person":
                role = role_starting_at(words, i, vocabulary, end - 1)
                if role:
                    items.append(Item("ROLE", i, role[0], role[1], former=is_former(token, vocabulary)))
                    i = role[0]
                items.append(Item("PERSON", i, end, doc[i:end].text.lower(), index))
            elif mention.type in PLACE_TYPES and not _only_a_word(doc[i:end], endpoints):
                organization = mention.type == "organization"
                items.append(Item("ORG", i, end, doc[i:end].text.lower(), index, organization=organization))
            else:
                items.append(Item("TOKEN", i, end, doc[i:end].text.lower()))
            i = end
            continue
        if token.lower_ in vocabulary.former:
            end = i + 2 if i + 1 < sentence.end and doc[i + 1].text == "-" else i + 1  # "ex-"
            items.append(Item("FORMER", i, end, token.lower_))
            i = end
            continue
        country = None if _only_a_word(doc[i : i + 1], endpoints) else endpoints.demonym(token)
        items.append(Item("ORG", i, i + 1, token.lower_, country) if country is not None else
                     Item("TOKEN", i, i + 1, token.lower_))
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


def _fits(item: Item, option: str) -> bool:
    if option == "PERSON":
        # the small model often types an unfamiliar name as an organization; a title next to it says otherwise
        return item.kind == "PERSON" or item.organization
    if option == "WORD":
        return item.kind == "TOKEN" and item.text.isalpha()
    if option in KINDS:
        return item.kind == option
    return item.kind == "TOKEN" and item.text == option


def _match(items: list[Item], at: int, elements: tuple[Element, ...], bound: dict[str, Item]) -> dict | None:
    if not elements:
        return bound
    element, rest = elements[0], elements[1:]
    if at < len(items):
        item = items[at]
        for option in element.options:
            if _fits(item, option):
                names = dict(bound)
                names[element.label or f"#{len(bound)}"] = item
                found = _match(items, at + 1, rest, names)
                if found is not None:
                    return found
    if element.optional:
        return _match(items, at, rest, bound)
    return None


def _owns_next(item: Item, after: dict[int, Item], bound: dict[str, Item]) -> bool:
    """"the leader of Britain's biggest union": an organization followed by a possessive the pattern did not
    take owns what comes next, so it is not the one the title is of."""
    following = after.get(item.start)
    return following is not None and following.text in ("'s", "'", "’s", "’") and following not in bound.values()


def find_titles(sentence: Span, endpoints: Endpoints, patterns: tuple[TitlePattern, ...]) -> Iterator[TitleMatch]:
    """Every (person, role, organization) the title patterns read in `sentence`, one name per pair: the first
    pattern and the earliest start win ("Former US President X" is not also "US President X")."""
    items = items_of(sentence, endpoints)
    if not any(_fits(item, "PERSON") for item in items):
        return
    named: set[tuple[int, int]] = set()
    after = {item.start: items[k + 1] for k, item in enumerate(items[:-1])}
    for pattern in patterns:
        elements = parse_sequence(pattern.sequence)
        for at in range(len(items)):
            bound = _match(items, at, elements, {})
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
                if label != "subject" and not label.startswith("#") and item.mention is not None
                and (subject, item.mention) not in named
            )
            named.update((subject, target) for _, target in objects)
            if objects:
                title = range(roles[0].start, roles[0].end) if roles else range(0)
                yield TitleMatch(subject, objects, items[at].start, title)
