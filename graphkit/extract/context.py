"""What the words around a mention say about it, for the mention repair (components.py).

NER reads a name from a few words around it; a reader uses the whole article. A firm NER calls a person in
every mention is a firm once one of its mentions is followed by "chief executive" or preceded by "shares in"
("Yukos"); a party's adjective names the party before a party word ("Conservative leader"); a capitalised word
that opens a sentence and is written in lower case elsewhere in the article is a common noun ("Broadband").
The word lists are data: graphkit/data/mention_cues.tsv and party_adjectives.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import IS_LOWER, IS_TITLE, ORTH, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from graphkit.gazetteer import load_gazetteer
from graphkit.names import titles

# mention sources whose type only NER gave, so context may correct it
_RETYPABLE = {"ner", "context"}
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Cues:
    firm_after: tuple[tuple[str, ...], ...]  # longest first
    firm_before: tuple[tuple[str, ...], ...]
    firm_nouns: frozenset[str]
    descriptors: frozenset[str]
    honorifics: frozenset[str]
    party_roles: frozenset[str]
    parties: dict[tuple[str, ...], str]  # adjective words (as written) -> party name


def _rows(name: str) -> list[list[str]]:
    text = resources.files("graphkit.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The lists of mention_cues.tsv and party_adjectives.tsv."""
    kinds: dict[str, list[str]] = {}
    for row in _rows("mention_cues.tsv"):
        kinds.setdefault(row[0].strip(), []).append(" ".join(row[1].split()).casefold())

    def phrases(kind: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted({tuple(p.split()) for p in kinds.get(kind, [])}, key=len, reverse=True))

    return Cues(
        firm_after=phrases("firm_after"),
        firm_before=phrases("firm_before"),
        firm_nouns=frozenset(kinds.get("firm_noun", [])),
        descriptors=frozenset(kinds.get("descriptor", [])),
        honorifics=frozenset(kinds.get("honorific", [])),
        party_roles=frozenset(kinds.get("party_role", [])),
        parties={tuple(row[0].split()): row[1].strip() for row in _rows("party_adjectives.tsv")},
    )


def is_honorific(text: str) -> bool:
    return text.casefold().rstrip(".") in load_cues().honorifics


def is_descriptor(text: str) -> bool:
    return text.casefold() in load_cues().descriptors


@lru_cache(maxsize=4)
def _by_length(phrases: tuple[tuple[str, ...], ...]) -> dict[int, frozenset[tuple[str, ...]]]:
    """`phrases` grouped by their number of words, so that the words beside a name are read once."""
    lengths: dict[int, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        lengths.setdefault(len(phrase), set()).add(phrase)
    return {length: frozenset(group) for length, group in lengths.items()}


def firm_cue(span: Span) -> bool:
    """Whether the words beside `span` say it names a business: "Yukos chief executive", "Yukos's profits",
    "shares in Yukos", "the oil firm Yukos", "Yukos, the oil firm"."""
    doc, cues = span.doc, load_cues()
    after = span.end
    if after < len(doc) and doc[after].text in _POSSESSIVE:
        after += 1
    lengths = _by_length(cues.firm_after)
    following = tuple(t.lower_ for t in doc[after : after + max(lengths, default=0)])
    if any(following[:length] in phrases for length, phrases in lengths.items() if len(following) >= length):
        return True
    lengths = _by_length(cues.firm_before)
    preceding = tuple(t.lower_ for t in doc[max(0, span.start - max(lengths, default=0)) : span.start])
    if any(preceding[-length:] in phrases for length, phrases in lengths.items() if len(preceding) >= length):
        return True
    if not doc.has_annotation("DEP"):
        return False
    root = span.root
    head = root.head
    if root.dep_ in ("appos", "compound") and head.i < span.start and head.lemma_.lower() in cues.firm_nouns:
        return True  # "the oil firm Yukos"
    return any(child.dep_ == "appos" and child.lemma_.lower() in cues.firm_nouns for child in root.children)


def may_read_firm(span: Span) -> bool:
    """Whether the parse of the sentence of `span`, a mention, may give it a firm cue (`firm_cue`: "the oil firm
    Yukos"): a mention NER typed person or place, in a sentence with a word that may name a business."""
    if span.label_ not in ("person", "location") or span.id_ not in _RETYPABLE:
        return False
    nouns = load_cues().firm_nouns
    return any(t.lower_ in nouns or t.lower_[:-1] in nouns for t in span.sent)


def _person_cue(span: Span) -> bool:
    """'Mr Theede', 'Theede, who': a mention that can only be a person's."""
    doc = span.doc
    if span.start > 0 and is_honorific(doc[span.start - 1].text):
        return True
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"


def retype_firms(doc: Doc, mentions: list[Span]) -> list[Span]:
    """Every mention of a name NER typed person or place becomes an organization when one of them has a firm
    cue and none a person's: the article names one thing by it ("Yukos chief executive Steven Theede", then
    "a lawyer for Yukos"). A surname of a person the article names in full stays a person's."""
    candidates = [m for m in mentions if m.label_ in ("person", "location") and m.id_ in _RETYPABLE]
    if not candidates:
        return mentions
    surnames = {m[-1].text for m in mentions if m.label_ == "person" and len(m) > 1}
    firms: set[str] = set()
    people: set[str] = set()
    for mention in candidates:
        if _person_cue(mention) or mention.text in surnames:
            people.add(mention.text)
        elif firm_cue(mention):
            firms.add(mention.text)
    firms -= people
    if not firms:
        return mentions
    gazetteer = load_gazetteer()
    retyped = {(m.start, m.end) for m in candidates if m.text in firms and gazetteer.lookup(m.text) is None}
    return [
        Span(doc, m.start, m.end, label="organization", kb_id=m.kb_id_, span_id=m.id_)
        if (m.start, m.end) in retyped
        else m
        for m in mentions
    ]


def party_mentions(doc: Doc, taken: set[int]) -> list[Span]:
    """A party's adjective as a mention of the party, where it can only name it: before a party word, maybe
    after lower-case words ("Conservative leader Michael Howard", "Liberal Democrat home affairs spokesman"),
    or as a possessive ("the Liberal Democrat's shadow home secretary")."""
    cues = load_cues()
    found: list[Span] = []
    strings = doc.vocab.strings
    firsts = [strings[words[0]] for words in cues.parties]
    # the words that can open one, found in the whole array: a Token object per word cost more than the rest
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), firsts)).tolist():
        token = doc[i]
        if token.i in taken:
            continue
        for words, party in cues.parties.items():
            end = token.i + len(words)
            if end > len(doc) or any(doc[token.i + k].text != w for k, w in enumerate(words)):
                continue
            if any(i in taken for i in range(token.i, end)) or not _names_party(doc, end, cues):
                continue
            found.append(Span(doc, token.i, end, label="organization", kb_id=party, span_id="context"))
            taken.update(range(token.i, end))
            break
    return found


def _names_party(doc: Doc, end: int, cues: Cues) -> bool:
    """Whether the words from `end` make the adjective before them a party's: a possessive, or a party word
    after at most three lower-case words in the same sentence."""
    if end >= len(doc):
        return False
    if doc[end].text in _POSSESSIVE:
        return True
    sentence_end = doc[end - 1].sent.end
    for i in range(end, min(end + 4, sentence_end)):
        token = doc[i]
        if token.lower_ in cues.party_roles:
            return True
        if not (token.is_alpha and token.is_lower):
            return False
    return False


def headline_words(doc: Doc, mentions: list[Span]) -> list[Span]:
    """Drop a one-word NER mention that is capitalised only because it opens a sentence or a line: the article
    writes the word in lower case elsewhere and never capitalised mid-sentence ("Broadband and telephony ...",
    then "sign up to broadband")."""
    openers = [m for m in mentions if len(m) == 1 and m.id_ == "ner" and m[0].is_sent_start and m[0].is_title]
    if not openers:
        return mentions
    # the words of the whole Doc as arrays: a Token object per word cost more than the rest of the repair
    words, lower, title, starts = doc.to_array([ORTH, IS_LOWER, IS_TITLE, SENT_START]).T
    starts = starts.astype(numpy.int64)
    lowers = set(words[lower == 1].tolist())
    inside = set(words[(title == 1) & (starts != 1)].tolist())  # a start unknown (0) counts as inside
    common = {
        m.start for m in openers if get_string_id(m.text.lower()) in lowers and get_string_id(m.text) not in inside
    }
    return [m for m in mentions if m.start not in common] if common else mentions


@lru_cache(maxsize=1)
def _role_titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Role titles that are no name titles ("DJ", "Coach", "Chief Executive"), as folded word tuples by first
    word, longest first."""
    name_titles = {t.casefold() for t in titles("name")}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in titles("role"):
        if title.casefold() not in name_titles:
            words = tuple(title.casefold().split())
            by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in by_first.items()}


def role_length(words: list[str]) -> int:
    """How many leading words form a role-only title ("Chief Executive Steven Theede" -> 2), 0 if none."""
    if not words:
        return 0
    for title in _role_titles().get(words[0].casefold(), ()):
        if tuple(w.casefold() for w in words[: len(title)]) == title:
            return len(title)
    return 0
