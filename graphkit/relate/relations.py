"""Relations: typed statements from the parse plus co-occurrence, each with the sentence as evidence."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from graphkit.extract.columns import mention_sentences, quoted
from graphkit.extract.relations.endpoints import EVIDENCE_REACH
from graphkit.model import DocExtraction, Evidence, Relation, RelationCandidate, Resolution
from graphkit.relate.dates import statement_date
from graphkit.relation_types import relation_type
from graphkit.schema import CO_MENTIONED


def evidence_of(
    extraction: DocExtraction, first: int, last: int, quotes: dict[tuple[int, int], str] | None = None
) -> Evidence:
    """Sentences `first`..`last` of a document, with their character offsets into its text.

    `quotes` holds the text of each span already quoted in the document, so that the relations a sentence
    states share one string (a sentence is read back from the document's text, a new string each time)."""
    text, start, end = quoted(extraction.sentences, first, last)
    if quotes is not None:
        text = quotes.setdefault((first, last), text)
    return Evidence(document=extraction.document, sentence=text, start=start, end=end)


def statement_span(extraction: DocExtraction, candidate: RelationCandidate) -> tuple[int, int]:
    """The sentences that prove a typed relation: its own, and those back to where a party is named when that is
    one of the few sentences before (a pronoun's antecedent: "Kyrgyzstan ... . Keep in mind that it is a member
    of the EAEU"; a speaker named before "he said")."""
    first = candidate.sentence
    sentence_of = mention_sentences(extraction.mentions)
    for index in (candidate.subject, candidate.object):
        named = sentence_of[index]
        if candidate.sentence - EVIDENCE_REACH <= named < first:
            first = named
    return first, candidate.sentence


def class_and_stance(name: str, source_type: str) -> tuple[str, str]:
    """A typed relation's class and stance by the relation schema; a name it lacks (an edited pattern table)
    keeps its statement, classless and neutral, rather than stop the build."""
    try:
        kind = relation_type(name)
    except KeyError:
        return "", "neutral"
    return kind.class_for(source_type), kind.stance


MEETING = "met"  # between two clubs it is a fixture ("travel to Old Trafford to meet holders Manchester United")


def _fits(name: str, source_type: str, target_type: str) -> bool:
    """Whether the resolved ends can bear relation `name`: the patterns see NER's type of each mention, the
    resolved entity may be otherwise. One joins or belongs to a body, not a person ("he will join fellow
    Springboks Smit and Visagie"); two bodies that "meet" with nobody's name as either end are two teams in
    a fixture, not a meeting of people."""
    try:
        kind = relation_type(name)
    except KeyError:
        return True
    if kind.relation_class == "membership" and target_type != "organization":
        return False
    return not (name == MEETING and source_type == target_type == "organization")


def relate(
    extractions: list[DocExtraction], resolution: Resolution, dates: Mapping[str, str] | None = None
) -> list[Relation]:
    """Every typed relation the parse found, and one co-mention per entity pair per sentence where no typed
    relation already relates the pair.

    Each is dated (graphkit.relate.dates) with `dates` (document id -> its date): a typed relation by the date
    its clause states, a co-mention by the date of its sentence's main clause when the sentence states
    exactly one; either, failing that, by its document's date."""
    relations: list[Relation] = []
    for extraction in extractions:
        entity_of = resolution.mention_entities.get(extraction.document, [])
        document_date = (dates or {}).get(extraction.document, "")
        phrases = extraction.dates
        main_dates: dict[int, list[int]] = {}  # sentence -> its main clause's date phrases
        for number, phrase in enumerate(phrases):
            if phrase.main:
                main_dates.setdefault(phrase.sentence, []).append(number)
        typed: set[tuple[int, frozenset[str]]] = set()  # (sentence, pair) a typed relation already states
        quotes: dict[tuple[int, int], str] = {}

        for candidate in extraction.relations:
            if max(candidate.subject, candidate.object) >= len(entity_of):
                continue
            source, target = entity_of[candidate.subject], entity_of[candidate.object]
            if not source or not target or source == target:
                continue
            known = resolution.entities
            if not _fits(candidate.name, known[source].type, known[target].type):
                continue  # the pair stays co-mentioned
            relation_class, stance = class_and_stance(candidate.name, resolution.entities[source].type)
            speaker = entity_of[candidate.according_to] if 0 <= candidate.according_to < len(entity_of) else None
            date, date_source = statement_date(phrases, candidate.date, document_date)
            relations.append(
                Relation(
                    source=source,
                    target=target,
                    name=candidate.name,
                    evidence=evidence_of(extraction, *statement_span(extraction, candidate), quotes),
                    directed=True,
                    negated=candidate.negated,
                    hedged=candidate.hedged,
                    relation_class=relation_class,
                    stance=stance,
                    according_to=speaker or "",
                    via=candidate.via,
                    date=date,
                    date_source=date_source,
                )
            )
            typed.add((candidate.sentence, frozenset((source, target))))

        by_sentence: dict[int, set[str]] = {}
        for index, sentence in enumerate(mention_sentences(extraction.mentions)):
            entity = entity_of[index] if index < len(entity_of) else None
            if entity and sentence >= 0:
                by_sentence.setdefault(sentence, set()).add(entity)
        for sentence, entities in sorted(by_sentence.items()):
            quoted = None  # one sentence, many pairs: quote it once
            stated = main_dates.get(sentence, [])
            date, date_source = statement_date(phrases, stated[0] if len(stated) == 1 else -1, document_date)
            for source, target in combinations(sorted(entities), 2):
                if not typed or (sentence, frozenset((source, target))) not in typed:
                    # one Evidence for all the pairs of a sentence: nothing changes a relation's evidence
                    quoted = quoted or evidence_of(extraction, sentence, sentence, quotes)
                    relations.append(Relation(source, target, CO_MENTIONED, quoted, date=date, date_source=date_source))
    return relations
