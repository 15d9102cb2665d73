"""Metrics and layout: computed once, stable between runs, and carried unchanged into every export."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphkit.export.formats import export_graph
from graphkit.export.graphfile import read_graph
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics, betweenness_centrality
from graphkit.schema import coerce_edge, coerce_node


def named(graph: nx.Graph) -> nx.Graph:
    """`graph` with string ids and schema attributes, as graph.py builds it."""
    result = nx.Graph()
    for node in graph:
        result.add_node(f"E{node}", **coerce_node({"label": f"E{node}", "type": "person"}))
    for u, v in graph.edges:
        result.add_edge(f"E{u}", f"E{v}", **coerce_edge({"weight": 1.0 + (u + v) % 3}))
    return result


def test_betweenness_is_networkx_exact_on_small_graphs():
    graph = named(nx.karate_club_graph())
    ours, reference = betweenness_centrality(graph), nx.betweenness_centrality(graph)
    assert ours.keys() == reference.keys()
    assert all(ours[n] == pytest.approx(reference[n], abs=1e-12) for n in graph)


def test_betweenness_estimate_on_large_graphs_keeps_the_top_entities():
    graph = named(nx.barabasi_albert_graph(800, 3, seed=7))
    exact = nx.betweenness_centrality(graph)
    estimate = betweenness_centrality(graph, exact_up_to=100, sample=400)  # paths from half the nodes
    assert estimate == betweenness_centrality(graph, exact_up_to=100, sample=400), "seeded: the same every run"
    assert estimate != exact
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    assert all(estimate[n] == pytest.approx(exact[n], rel=0.25) for n in top)  # sampling error, measured: <16%
    assert set(sorted(estimate, key=estimate.get, reverse=True)[:5]) <= set(top)


def test_metrics_and_layout_are_the_same_on_every_run_and_leave_random_alone():
    first, second = (named(nx.convert_node_labels_to_integers(nx.les_miserables_graph())) for _ in range(2))
    random.seed(1)
    expected_draw = random.random()
    random.seed(1)
    for graph in (first, second):
        add_metrics(graph)
        add_layout(graph)
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
    sizes = {}
    for _, data in first.nodes(data=True):
        sizes[data["community"]] = sizes.get(data["community"], 0) + 1
    assert sizes[0] == max(sizes.values()), "community 0 is the largest"
    top = max(first, key=lambda n: first.nodes[n]["pagerank"])
    assert first.nodes[top]["size"] == max(d["size"] for _, d in first.nodes(data=True))
    random.seed(1)
    assert random.random() == expected_draw


def test_export_reuses_the_saved_metrics_and_computes_them_only_when_missing(tmp_path):
    graph = named(nx.karate_club_graph())
    add_metrics(graph)
    add_layout(graph)
    graph.nodes["E0"]["pagerank"] = 0.123456789  # a saved value export must not recompute
    back = read_graph(export_graph(graph, tmp_path / "g.graphml")[0])
    assert back.nodes["E0"]["pagerank"] == 0.123456789
    bare = named(nx.karate_club_graph())  # made in Python: no metrics, no positions (schema defaults only)
    back = read_graph(export_graph(bare, tmp_path / "bare.gexf")[0])
    assert back.nodes["E0"]["pagerank"] > 0 and back.nodes["E0"]["size"] > 0
    assert back.nodes["E0"]["betweenness"] == pytest.approx(nx.betweenness_centrality(bare)["E0"])
