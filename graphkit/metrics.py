"""Graph metrics computed once, when the graph is built, and written everywhere: degree, PageRank,
betweenness, community. Re-exporting a saved graph (`graphkit export`) reuses them as saved."""

from __future__ import annotations

import networkx as nx

BETWEENNESS_SAMPLE = 500  # above this many nodes betweenness is estimated from a seeded sample
SEED = 42
METRICS = ("degree", "pagerank", "betweenness", "community")


def _pagerank(graph: nx.Graph) -> dict:
    try:
        return nx.pagerank(graph, weight="weight")
    except nx.PowerIterationFailedConvergence:  # rare on odd weights: give it longer rather than fail the build
        return nx.pagerank(graph, weight="weight", max_iter=1000, tol=1e-5)


def has_metrics(graph: nx.Graph) -> bool:
    """True when every node carries every metric (a graph saved by `graphkit build` does)."""
    return all(all(k in data for k in METRICS) for _, data in graph.nodes(data=True))


def ensure_metrics(graph: nx.Graph) -> None:
    """Compute the metrics only for a graph that lacks them (one made in Python or read from elsewhere)."""
    if not has_metrics(graph):
        add_metrics(graph)


def add_metrics(graph: nx.Graph) -> None:
    """Set `degree`, `pagerank`, `betweenness` and `community` on every node (deterministic)."""
    if graph.number_of_nodes() == 0:
        return
    degree = dict(graph.degree(weight="weight"))
    pagerank = _pagerank(graph) if graph.number_of_edges() else {}
    k = min(BETWEENNESS_SAMPLE, graph.number_of_nodes())
    betweenness = nx.betweenness_centrality(graph, k=k if k < graph.number_of_nodes() else None, seed=SEED)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {node: index for index, members in enumerate(ordered) for node in members}
    uniform = 1.0 / graph.number_of_nodes()
    for node, data in graph.nodes(data=True):
        data["degree"] = float(degree.get(node, 0.0))
        data["pagerank"] = float(pagerank.get(node, uniform))
        data["betweenness"] = float(betweenness.get(node, 0.0))
        data["community"] = int(community.get(node, 0))
