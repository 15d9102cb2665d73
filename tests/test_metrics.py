"""PageRank and communities as a reader of the graph relies on them: networkx's PageRank values, Louvain groups
of densely related entities numbered largest first, the same on every run."""

from __future__ import annotations

import networkx as nx
import pytest

from graphkit.graph.metrics import add_metrics
from graphkit.schema import coerce_edge, coerce_node


def schema_graph(graph: nx.Graph, weight=lambda u, v: 1.0) -> nx.Graph:
    """`graph` with string ids and schema attributes, as graph.py builds it."""
    result = graph.__class__()
    for node in graph:
        result.add_node(f"E{node}", **coerce_node({"label": f"E{node}", "type": "person"}))
    for u, v in graph.edges:
        result.add_edge(f"E{u}", f"E{v}", **coerce_edge({"weight": weight(u, v)}))
    return result


def test_pagerank_is_networkx_pagerank_on_weights_run_to_convergence():
    graph = schema_graph(nx.les_miserables_graph(), weight=lambda u, v: 1.0 + len(u + v) % 4)
    graph.add_node("alone", **coerce_node({"label": "alone"}))  # a node without edges shares its rank evenly
    add_metrics(graph)
    reference = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=10_000)
    assert all(graph.nodes[n]["pagerank"] == pytest.approx(reference[n], rel=1e-6) for n in graph)
    assert sum(d["pagerank"] for _, d in graph.nodes(data=True)) == pytest.approx(1.0)


def test_communities_are_the_dense_groups_numbered_largest_first():
    big, small = nx.complete_graph(6), nx.complete_graph(range(10, 14))
    graph = schema_graph(nx.union(big, small))
    graph.add_edge("E0", "E10", **coerce_edge({"weight": 0.2}))  # one weak tie between the groups
    graph.add_node("alone", **coerce_node({"label": "alone"}))
    add_metrics(graph)
    community = {n: d["community"] for n, d in graph.nodes(data=True)}
    assert {community[f"E{i}"] for i in big} == {0}
    assert {community[f"E{i}"] for i in small} == {1}
    assert community["alone"] == 2


def test_communities_are_louvains_and_repeat_on_every_run():
    graphs = [schema_graph(nx.les_miserables_graph(), weight=lambda u, v: 1.0 + len(u + v) % 4) for _ in range(2)]
    for graph in graphs:
        add_metrics(graph)
    first, second = ({n: d["community"] for n, d in g.nodes(data=True)} for g in graphs)
    assert first == second
    groups: dict[int, set] = {}
    for node, number in first.items():
        groups.setdefault(number, set()).add(node)
    ours = nx.community.modularity(graphs[0], groups.values(), weight="weight")
    theirs = nx.community.modularity(
        graphs[0], nx.community.louvain_communities(graphs[0], weight="weight", seed=1), weight="weight"
    )
    assert ours == pytest.approx(theirs, abs=0.02)  # as good a split as networkx's Louvain finds
    sizes = [len(groups[i]) for i in sorted(groups)]
    assert sizes == sorted(sizes, reverse=True)


def test_a_directed_graph_read_from_elsewhere_gets_its_metrics():
    graph = schema_graph(nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 4), (5, 6)]))
    add_metrics(graph)
    reference = nx.pagerank(graph, weight="weight", tol=1e-12, max_iter=10_000)
    assert all(graph.nodes[n]["pagerank"] == pytest.approx(reference[n], rel=1e-6) for n in graph)
    community = {n: d["community"] for n, d in graph.nodes(data=True)}
    assert community["E1"] == community["E2"] == community["E3"] != community["E5"] == community["E6"]
