"""From relations to edges: typed statements over co-mentions, direction, negation, the weight formula and the
evidence an edge keeps. Built from hand-made extractions, no spaCy."""

from __future__ import annotations

import pytest

from graphkit.graph.build import MAX_EVIDENCE, build_graph
from graphkit.model import DocExtraction, Document, Entity, Mention, RelationCandidate, Resolution, Sentence
from graphkit.relate.relations import relate
from graphkit.schema import CO_MENTIONED


def document(doc_id: str, sentences: list[list[str]], relations=(), duplicate_of: str = ""):
    """A document whose sentences name the given entities (each name is its own mention and entity)."""
    text, kept, mentions = "", [], []
    for index, names in enumerate(sentences):
        start = len(text)
        for name in names:
            mentions.append(Mention(len(text), len(text) + len(name), name, "country", index))
            text += name + " and "
        text = text.removesuffix(" and ") + " talked. "
        kept.append(Sentence(start, len(text) - 1, text[start:-1]))
    extraction = DocExtraction(doc_id, kept, mentions, list(relations))
    return Document(id=doc_id, text=text, duplicate_of=duplicate_of), extraction


def resolution_of(extractions: list[DocExtraction]) -> Resolution:
    entities: dict[str, Entity] = {}
    mention_entities = {}
    for extraction in extractions:
        mention_entities[extraction.document] = [m.text for m in extraction.mentions]
        for m in extraction.mentions:
            entity = entities.setdefault(m.text, Entity(id=m.text, label=m.text, type=m.type))
            entity.mentions += 1
            entity.documents.add(extraction.document)
    return Resolution(entities=entities, mention_entities=mention_entities)


def graph_of(*docs):
    documents = [d for d, _ in docs]
    extractions = [e for _, e in docs]
    resolution = resolution_of(extractions)
    relations = relate(extractions, resolution)
    return build_graph(documents, resolution, relations), relations


def test_a_typed_relation_replaces_the_co_mention_of_its_sentence_and_keeps_its_direction() -> None:
    met = RelationCandidate(subject=1, object=0, name="met", sentence=0)
    graph, relations = graph_of(document("a", [["Japarov", "Putin"]], [met]))
    assert [(r.source, r.name, r.target, r.directed) for r in relations] == [("Putin", "met", "Japarov", True)]
    edge = graph.edges["Japarov", "Putin"]
    assert edge["label"] == "met" and edge["relation"] == "met"
    assert edge["subject"] == "Putin"
    assert edge["statements"] == "Putin met Japarov"
    assert edge["weight"] == 1.0


def test_a_denied_or_reported_relation_is_marked_not_asserted() -> None:
    denied = RelationCandidate(0, 1, "met", 0, negated=True)
    reported = RelationCandidate(0, 1, "visited", 1, hedged=True)
    graph, _ = graph_of(document("a", [["Japarov", "Rahmon"], ["Japarov", "Rahmon"]], [denied, reported]))
    edge = graph.edges["Japarov", "Rahmon"]
    assert edge["label"] == "visited | not met"  # a reported statement outranks a denied one
    assert set(edge["statements"].split(" | ")) == {"Japarov met Rahmon (negated)", "Japarov visited Rahmon (hedged)"}


def test_co_mention_weight_is_shared_among_the_names_of_a_sentence() -> None:
    graph, _ = graph_of(document("a", [["A", "B"], ["A", "B", "C", "D"]]))
    # 1 for the sentence about two, 1/3 for the sentence naming four
    assert graph.edges["A", "B"]["weight"] == pytest.approx(1 + 1 / 3, abs=1e-3)
    assert graph.edges["C", "D"]["weight"] == pytest.approx(1 / 3, abs=1e-3)
    assert graph.edges["A", "B"]["label"] == CO_MENTIONED and graph.edges["A", "B"]["subject"] == ""


def test_wire_copies_and_repeated_sentences_count_once() -> None:
    graph, _ = graph_of(
        document("a", [["A", "B"], ["A", "B"]]),  # a lead repeated in the same article
        document("b", [["A", "B"]]),  # the same sentence in another outlet
        document("c", [["A", "B"], ["B", "A"]], duplicate_of="a"),  # a near-duplicate with one new sentence
    )
    edge = graph.edges["A", "B"]
    assert edge["weight"] == 1.0
    assert edge["documents"] == 3 and edge["sentences"] == 5


def test_a_near_duplicate_counts_when_nothing_else_relates_the_two() -> None:
    graph, _ = graph_of(document("a", [["A"]]), document("c", [["A", "B"]], duplicate_of="a"))
    assert graph.edges["A", "B"]["weight"] == 1.0


def test_evidence_keeps_the_best_few_sentences_typed_first() -> None:
    names = [["A", "B", "C", "D", "E"], ["A", "B", "C"], ["A", "B"], ["B", "A", "C", "D"], ["A", "B"]]
    signed = RelationCandidate(10, 11, "signed", 3)  # B and A of the fourth sentence
    graph, relations = graph_of(document("a", names, [signed]))
    evidence = graph.edges["A", "B"]["evidence"].split("\n")
    assert len(evidence) == MAX_EVIDENCE
    assert evidence[0] == "[a] B and A and C and D talked."  # the typed statement, though long
    assert evidence[1] == "[a] A and B talked."  # then the shortest, the repeat of it left out
    assert sum(1 for r in relations if {r.source, r.target} == {"A", "B"}) == len(names)  # all go to evidence.csv


def test_a_pronoun_relation_quotes_both_sentences_with_their_offsets() -> None:
    doc, extraction = _typed(
        document("a", [["Kyrgyzstan"], ["EAEU"]], [RelationCandidate(0, 1, "member of", 1)]), {"EAEU": "organization"}
    )
    graph, relations = graph_of((doc, extraction))
    (member,) = relations
    assert member.evidence.start == 0 and member.evidence.end == extraction.sentences[1].end
    assert member.evidence.sentence == doc.text[member.evidence.start : member.evidence.end]
    assert graph.edges["Kyrgyzstan", "EAEU"]["statements"] == "Kyrgyzstan member of EAEU"


def _typed(doc, types: dict[str, str]):
    """`document` with some of its names retyped (person, organization)."""
    document_, extraction = doc
    for m in extraction.mentions:
        m.type = types.get(m.text, m.type)
    return document_, extraction


def test_one_joins_a_body_not_a_person_whatever_ner_first_called_the_person() -> None:
    # "He will join fellow Springboks Smit and Visagie": NER called one of the players an organisation
    joined = RelationCandidate(0, 1, "joined", 0)
    team = RelationCandidate(2, 3, "joined", 1)
    people = {"Burger": "person", "Visagie": "person", "Sharks": "organization"}
    graph, relations = graph_of(
        _typed(document("a", [["Burger", "Visagie"], ["Burger", "Sharks"]], [joined, team]), people)
    )
    assert [(r.source, r.name, r.target) for r in relations if r.relation_class] == [("Burger", "joined", "Sharks")]
    assert graph.edges["Burger", "Visagie"]["label"] == CO_MENTIONED


def test_two_clubs_that_meet_play_a_fixture_and_no_meeting_is_stated() -> None:
    fixture = RelationCandidate(0, 1, "met", 0)
    talks = RelationCandidate(2, 3, "met", 1)
    types = {"Exeter": "organization", "Leeds": "organization", "Bates": "person", "Pike": "person"}
    graph, relations = graph_of(
        _typed(document("a", [["Exeter", "Leeds"], ["Bates", "Pike"]], [fixture, talks]), types)
    )
    assert [(r.source, r.name, r.target) for r in relations if r.relation_class] == [("Bates", "met", "Pike")]
    assert graph.edges["Exeter", "Leeds"]["label"] == CO_MENTIONED
