"""Positions as the page and Gephi draw them: related entities close, groups apart, every node on the canvas,
the same picture on every build."""

from __future__ import annotations

import math

import networkx as nx
import pytest

import graphkit.graph.layout
from graphkit.graph.layout import SPREAD, add_layout
from graphkit.graph.metrics import add_metrics
from graphkit.schema import coerce_edge, coerce_node


def two_groups(size: int = 12) -> nx.Graph:
    """Two dense groups of entities with one weak tie between them."""
    graph = nx.Graph()
    for group in ("a", "b"):
        members = [f"{group}{i}" for i in range(size)]
        for node in members:
            graph.add_node(node, **coerce_node({"label": node, "type": "person"}))
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                graph.add_edge(u, v, **coerce_edge({"weight": 2.0}))
    graph.add_edge("a0", "b0", **coerce_edge({"weight": 0.5}))
    add_metrics(graph)
    return graph


def distance(graph: nx.Graph, u, v) -> float:
    return math.dist((graph.nodes[u]["x"], graph.nodes[u]["y"]), (graph.nodes[v]["x"], graph.nodes[v]["y"]))


def test_a_group_sits_together_and_apart_from_the_other():
    graph = two_groups()
    add_layout(graph)
    within = [distance(graph, f"{g}{i}", f"{g}{j}") for g in "ab" for i in range(1, 12) for j in range(i + 1, 12)]
    across = [distance(graph, f"a{i}", f"b{j}") for i in range(1, 12) for j in range(1, 12)]
    assert max(within) < min(across)
    spread = [max(abs(d["x"]), abs(d["y"])) for _, d in graph.nodes(data=True)]
    assert max(spread) == pytest.approx(SPREAD, rel=0.01)  # the picture fills the canvas


def test_the_picture_is_the_same_on_every_build():
    first, second = two_groups(), two_groups()
    add_layout(first)
    add_layout(second)
    assert [(d["x"], d["y"]) for _, d in first.nodes(data=True)] == [
        (d["x"], d["y"]) for _, d in second.nodes(data=True)
    ]


def test_beyond_the_core_a_node_sits_beside_its_strongest_neighbour(monkeypatch):
    monkeypatch.setattr(graphkit.graph.layout, "CORE_NODES", 24)  # the two groups are the core
    graph = two_groups()
    graph.add_node("leaf", **coerce_node({"label": "leaf", "type": "person"}))
    graph.add_edge("leaf", "a3", **coerce_edge({"weight": 0.3}))
    graph.add_edge("leaf", "b5", **coerce_edge({"weight": 1.0}))
    graph.add_node("island", **coerce_node({"label": "island", "type": "person"}))
    add_metrics(graph)
    add_layout(graph)
    assert distance(graph, "leaf", "b5") < distance(graph, "leaf", "a3")
    assert distance(graph, "leaf", "b5") <= SPREAD * 0.2
    island = graph.nodes["island"]
    assert math.hypot(island["x"], island["y"]) == pytest.approx(SPREAD * 1.15, rel=0.01)  # round the outside
