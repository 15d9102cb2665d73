"""Typed relations between mentions of one sentence, read with the pattern table (table.py) from word order and
the dependency parse. Only sentences with two or more possible parties are read."""

from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from graphkit.extract.relations.clauses import find_clauses
from graphkit.extract.relations.endpoints import PRONOUN_TYPES, CountryNames, Endpoints
from graphkit.extract.relations.modality import Quotations, hedged, negated
from graphkit.extract.relations.table import CLAUSES, TITLES
from graphkit.extract.relations.titles import find_titles
from graphkit.extract.relations.vocabulary import load_vocabulary
from graphkit.gazetteer import load_gazetteer
from graphkit.model import Mention, RelationCandidate
from graphkit.relation_types import relation_types

# relations that say where something is or was: their object must be a place
PLACE_NAMES = frozenset(name for name, kind in relation_types().items() if kind.relation_class == "location")
HELD_IN = "held in"


@cache
def country_names() -> CountryNames:
    return CountryNames(load_gazetteer())


def _worth_reading(sentence: Span, mentions: int, endpoints: Endpoints) -> bool:
    """Two parties at least: two mentions, or one and a pronoun or demonym that may stand for another."""
    if mentions >= 2:
        return True
    words = endpoints.words
    return mentions == 1 and any(
        words[i] in PRONOUN_TYPES or endpoints.demonym_at(i) is not None for i in range(sentence.start, sentence.end)
    )


def find_relations(doc: Doc, mentions: list[Mention], text: str | None = None) -> list[RelationCandidate]:
    """Typed relations the grammar of `doc` states between `mentions`, with negation and hedging marked.
    `text` is `doc.text` when the caller has it (spaCy joins every token to make it)."""
    vocabulary = load_vocabulary()
    endpoints = Endpoints(doc, mentions, vocabulary, country_names())
    per_sentence = Counter(m.sentence for m in mentions if m.sentence >= 0)
    quotations: Quotations | None = None
    found: dict[tuple[int, int, str, int], RelationCandidate] = {}

    def add(candidate: RelationCandidate) -> None:
        key = (candidate.subject, candidate.object, candidate.name, candidate.sentence)
        found.setdefault(key, candidate)

    for index, sentence in enumerate(doc.sents):
        if not _worth_reading(sentence, per_sentence[index], endpoints):
            continue
        quotations = quotations or Quotations(doc.text if text is None else text)
        for title in find_titles(sentence, endpoints, TITLES):
            endpoints.holders.update(dict.fromkeys(title.role, title.subject))
            reported = doc[title.start].idx in quotations
            for name, target in title.objects:
                if target != title.subject:
                    add(RelationCandidate(title.subject, target, name, index, hedged=reported))
        for clause in find_clauses(sentence, endpoints, CLAUSES):
            if clause.name in PLACE_NAMES and mentions[clause.object].type not in ("country", "location"):
                continue  # "the talks took place in January", "... in secret": where, or nothing
            if clause.name == HELD_IN and mentions[clause.subject].type != "organization":
                continue  # "the Trump-Putin summit in Alaska": a body holds a gathering, two leaders only meet
            add(
                RelationCandidate(
                    clause.subject,
                    clause.object,
                    clause.name,
                    index,
                    negated=negated(clause.trigger, vocabulary),
                    hedged=hedged(clause.trigger, vocabulary, quotations),
                )
            )
    return list(found.values())
