"""A graph whose attributes live in columns behaves as a graph of dicts: what a caller reads, copies, pickles
or writes is the same."""

from __future__ import annotations

import copy
import pickle

import networkx as nx
from test_graph import DOCUMENTS, RELATIONS, resolution

from graphkit.graph.build import build_graph
from graphkit.graph.columns import ColumnGraph, Deferred


def test_an_edge_reads_as_the_dict_it_was_given() -> None:
    graph = ColumnGraph()
    graph.add_edge("a", "b", weight=1.5, label="met")
    graph.add_edge("b", "c", label="visited", evidence=Deferred(lambda n: f"{n} lines", 2))
    graph.add_node("d", type="person")
    assert graph["a"]["b"] == {"weight": 1.5, "label": "met"}
    assert dict(graph["b"]["c"]) == {"label": "visited", "evidence": "2 lines"}  # worked out when read
    assert list(graph["b"]["c"]) == ["label", "evidence"]  # the order attributes came in, as a dict keeps it
    assert graph["b"]["c"].get("weight", 0) == 0 and "weight" not in graph["b"]["c"]
    assert graph.nodes["a"] == {} and graph.nodes["d"] == {"type": "person"}
    graph["a"]["b"]["weight"] = 2.0
    del graph["a"]["b"]["label"]
    assert graph["b"]["a"] == {"weight": 2.0}  # one row for both directions
    assert list(graph.edges(data="weight", default=1.0)) == [("a", "b", 2.0), ("b", "c", 1.0)]


def test_copies_and_pickles_are_plain_graphs_with_the_same_attributes() -> None:
    graph = build_graph(DOCUMENTS, resolution(), RELATIONS, name="t")
    edges = [(u, v, dict(d)) for u, v, d in graph.edges(data=True)]
    assert edges and all(type(d["evidence"]) is str and d["evidence"].startswith("[") for _, _, d in edges)
    for other in (graph.copy(), pickle.loads(pickle.dumps(graph)), copy.deepcopy(graph), nx.Graph(graph)):
        assert [(u, v, dict(d)) for u, v, d in other.edges(data=True)] == edges
        assert dict(other.nodes(data=True)) == {n: dict(d) for n, d in graph.nodes(data=True)}
    assert all(type(d) is dict for _, _, d in nx.Graph(graph).edges(data=True))


def test_a_compact_graph_reads_and_takes_writes_as_before() -> None:
    graph = ColumnGraph()
    for i in range(40):
        graph.add_edge(i, i + 1, weight=i / 3, label="met" if i % 2 else "co-mentioned", count=i, first=-0.0)
    graph.add_edge(0, 1, note="late")  # only one edge has it
    before = [(u, v, dict(d)) for u, v, d in graph.edges(data=True)]
    graph.compact()
    assert [(u, v, dict(d)) for u, v, d in graph.edges(data=True)] == before
    assert str(graph[3][4]["first"]) == "-0.0" and type(graph[3][4]["count"]) is int
    graph[3][4]["label"] = "visited"
    graph[5][6]["weight"] = "heavy"
    graph.add_edge(100, 101, label="met")
    assert graph[3][4] == {**before[3][2], "label": "visited"}
    assert graph[5][6]["weight"] == "heavy" and graph[7][8] == before[7][2]
    assert graph[100][101] == {"label": "met"}
