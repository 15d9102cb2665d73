"""build_graph as the exporters and the page rely on it: every attribute of the schema, in its order and of its
type, on every node and edge; the same graph on every build; the interpreter left as it was found."""

from __future__ import annotations

import gc

import pytest

from graphkit.graph.build import build_graph
from graphkit.model import Document, Entity, Evidence, Relation, Resolution
from graphkit.schema import CO_MENTIONED, EDGE_ATTRIBUTES, NODE_ATTRIBUTES

DOCUMENTS = [
    Document(id="a", text="", date="2024-03-01"),
    Document(id="b", text=""),  # no date
    Document(id="c", text="", date="2024-02-11", duplicate_of="a"),
]


def said(source: str, target: str, document: str, sentence: str, start: int, name: str = CO_MENTIONED, **how):
    evidence = Evidence(document=document, sentence=sentence, start=start, end=start + len(sentence))
    return Relation(source=source, target=target, name=name, evidence=evidence, directed=name != CO_MENTIONED, **how)


RELATIONS = [
    said("Putin", "Japarov", "a", "Putin met Japarov in Moscow.", 0, "met"),
    said("Japarov", "Putin", "b", "Putin  met Japarov in Moscow.", 10),  # the same words: one sentence
    said("Japarov", "Putin", "b", "Japarov did not meet Putin.", 40, "met", negated=True),
    said("Putin", "Japarov", "c", "Japarov may visit Putin.", 0, "visited", hedged=True),
    said("Putin", "Rahmon", "b", "Putin, Rahmon and Japarov spoke.", 80),
    said("Japarov", "Rahmon", "b", "Putin, Rahmon and Japarov spoke.", 80),
    said("Kyrgyzstan", "Rahmon", "c", "Rahmon flew to Kyrgyzstan.", 30),  # only in a near-duplicate
    said("Rahmon", "Bishkek", "a", "Rahmon never visited Bishkek.", 60, "visited", negated=True),
]


def resolution() -> Resolution:
    entities = {
        name: Entity(id=name, label=name, type=kind, aliases={name: 2}, mentions=2, documents={"a", "b"})
        for name, kind in [("Japarov", "person"), ("Putin", "person"), ("Rahmon", "person"), ("Kyrgyzstan", "country")]
    }
    entities["Bishkek"] = Entity(id="Bishkek", label="Bishkek", type="location", country="Kyrgyzstan")
    entities["Osh"] = Entity(id="Osh", label="Osh", type="location", country="Kyrgyzstan")  # no edges
    return Resolution(entities=entities)


@pytest.fixture(scope="module")
def graph():
    return build_graph(DOCUMENTS, resolution(), RELATIONS, name="test")


def test_every_node_and_edge_has_the_schema_attributes_in_order_and_of_their_type(graph):
    for node, data in graph.nodes(data=True):
        assert list(data) == list(NODE_ATTRIBUTES), node
        assert [type(data[name]) for name in data] == [kind for kind, _ in NODE_ATTRIBUTES.values()], node
    for u, v, data in graph.edges(data=True):
        assert list(data) == list(EDGE_ATTRIBUTES), (u, v)
        assert [type(data[name]) for name in data] == [kind for kind, _ in EDGE_ATTRIBUTES.values()], (u, v)


def test_an_edge_of_one_sentence_and_an_edge_of_many(graph):
    lone = graph.edges["Kyrgyzstan", "Rahmon"]
    assert lone["evidence"] == "[c] Rahmon flew to Kyrgyzstan."
    assert (lone["weight"], lone["documents"], lone["sentences"]) == (1.0, 1, 1)
    assert (lone["first_seen"], lone["last_seen"]) == ("2024-02-11", "2024-02-11")
    assert (lone["label"], lone["relation"], lone["subject"], lone["statements"]) == (
        CO_MENTIONED,
        CO_MENTIONED,
        "",
        "",
    )
    denied = graph.edges["Bishkek", "Rahmon"]
    assert (denied["label"], denied["relation"], denied["subject"]) == ("not visited", "not visited", "Rahmon")
    assert (denied["statements"], denied["weight"]) == ("Rahmon visited Bishkek (negated)", 1.0)
    shared = graph.edges["Putin", "Rahmon"]
    assert shared["weight"] == 0.5  # a sentence naming three gives each pair half
    assert (shared["first_seen"], shared["last_seen"]) == ("", "")  # document b has no date
    many = graph.edges["Japarov", "Putin"]
    assert many["label"] == "met | visited | not met | co-mentioned"
    assert (many["relation"], many["subject"]) == ("met", "Putin")
    assert many["evidence"].split("\n")[0] == "[a] Putin met Japarov in Moscow."
    assert (many["documents"], many["sentences"]) == (3, 4)
    assert (many["first_seen"], many["last_seen"]) == ("2024-02-11", "2024-03-01")
    assert many["weight"] == 2.0  # three distinct sentences outside the near-duplicate, one said twice


def test_the_graph_is_the_same_on_every_build(graph):
    again = build_graph(DOCUMENTS, resolution(), RELATIONS, name="test")
    assert list(again.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(again.edges(data=True)) == list(graph.edges(data=True))
    assert {k: v for k, v in again.graph.items() if k != "built"} == {
        k: v for k, v in graph.graph.items() if k != "built"
    }


@pytest.mark.parametrize("enabled", [True, False])
def test_building_leaves_the_cycle_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        build_graph(DOCUMENTS, resolution(), RELATIONS)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
