"""Graph metrics computed once, when the graph is built, and written everywhere: degree, PageRank,
betweenness, community. Re-exporting a saved graph (`graphkit export`) reuses them as saved."""

from __future__ import annotations

import random

import networkx as nx

BETWEENNESS_EXACT = 5000  # up to this many nodes betweenness is exact (igraph: about 5 s at 5,000 nodes)
BETWEENNESS_SAMPLE = 1000  # above it, estimated from shortest paths out of this many seeded random nodes
SEED = 42
METRICS = ("degree", "pagerank", "betweenness", "community")


def _pagerank(graph: nx.Graph) -> dict:
    try:
        return nx.pagerank(graph, weight="weight")
    except nx.PowerIterationFailedConvergence:  # rare on odd weights: give it longer rather than fail the build
        return nx.pagerank(graph, weight="weight", max_iter=1000, tol=1e-5)


def betweenness_centrality(
    graph: nx.Graph, exact_up_to: int = BETWEENNESS_EXACT, sample: int = BETWEENNESS_SAMPLE
) -> dict:
    """Normalised betweenness, as networkx computes it, but in igraph's C code (50 times faster).

    Exact up to `exact_up_to` nodes; above, networkx's estimator (paths from a seeded sample of `sample`
    sources, scaled up), which keeps the top entities' values within about 10% and their order.
    """
    import igraph

    nodes = list(graph.nodes)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    g = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in graph.edges], directed=graph.is_directed())
    scale = (1.0 if graph.is_directed() else 2.0) / ((n - 1) * (n - 2))
    if n <= max(exact_up_to, sample):
        raw = g.betweenness(directed=graph.is_directed())
    else:
        sources = sorted(random.Random(SEED).sample(range(n), sample))
        raw = g.betweenness(directed=graph.is_directed(), sources=sources)
        scale *= n / len(sources)
    return {node: raw[i] * scale for node, i in index.items()}


def has_metrics(graph: nx.Graph) -> bool:
    """True when every node carries computed metrics (a graph saved by `graphkit build` does); schema
    defaults do not count: computed PageRank is never 0."""
    nodes = [data for _, data in graph.nodes(data=True)]
    return all(all(k in data for k in METRICS) for data in nodes) and (
        not nodes or sum(float(d["pagerank"] or 0.0) for d in nodes) > 0
    )


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
    betweenness = betweenness_centrality(graph)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {node: index for index, members in enumerate(ordered) for node in members}
    uniform = 1.0 / graph.number_of_nodes()
    for node, data in graph.nodes(data=True):
        data["degree"] = float(degree.get(node, 0.0))
        data["pagerank"] = float(pagerank.get(node, uniform))
        data["betweenness"] = float(betweenness.get(node, 0.0))
        data["community"] = int(community.get(node, 0))
