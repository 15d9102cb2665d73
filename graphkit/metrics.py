"""Graph metrics computed once and written everywhere: degree, PageRank, betweenness, community."""

from __future__ import annotations

import networkx as nx

BETWEENNESS_SAMPLE = 500  # above this many nodes betweenness is estimated from a seeded sample
SEED = 42


def add_metrics(graph: nx.Graph) -> None:
    """Set `degree`, `pagerank`, `betweenness` and `community` on every node (deterministic)."""
    if graph.number_of_nodes() == 0:
        return
    degree = dict(graph.degree(weight="weight"))
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
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
