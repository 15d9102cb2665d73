"""Graph metrics computed once, when the graph is built, and written everywhere: degree, PageRank,
betweenness, community. Re-exporting a saved graph (`graphkit export`) reuses them as saved."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import networkx as nx

BETWEENNESS_EXACT = 5000  # up to this many nodes betweenness is exact (bench/bench_graph.py times it)
BETWEENNESS_SAMPLE = 1000  # above it, estimated from shortest paths out of this many seeded random nodes
SEED = 42
METRICS = ("degree", "pagerank", "betweenness", "community")
DAMPING = 0.85  # PageRank's, as networkx and igraph default to

if TYPE_CHECKING:  # for annotations only: the functions import igraph when they run
    import igraph


@contextmanager
def seeded_igraph(seed: int = SEED) -> Iterator[None]:
    """igraph draws from one process-wide generator, Python's `random` module by default: give it a seeded
    one of its own for the duration, so results repeat and the caller's `random` is left alone."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def as_igraph(graph: nx.Graph, nodes: list | None = None) -> igraph.Graph:
    """`graph`, or the part of it among `nodes`, as an igraph graph whose vertex i is nodes[i] (graph order by
    default) and whose edges carry a `weight` (1 when missing; never negative, which igraph refuses)."""
    import igraph

    nodes = list(graph.nodes) if nodes is None else nodes
    index = {node: i for i, node in enumerate(nodes)}
    edges, weights = [], []
    if graph.is_directed() or graph.is_multigraph():
        for u, v, weight in graph.edges(data="weight", default=1.0):
            i, j = index.get(u), index.get(v)
            if i is not None and j is not None:
                edges.append((i, j))
                weights.append(weight)
    else:  # each edge once, from its end first in `nodes`, off the plain dicts: twice as fast as the edge view
        for u, neighbours in graph.adjacency():
            i = index.get(u)
            if i is None:
                continue
            for v, data in neighbours.items():
                j = index.get(v)
                if j is not None and j >= i:
                    edges.append((i, j))
                    weights.append(data.get("weight", 1.0))
    weights = [max(float(w or 0.0), 0.0) for w in weights]
    return igraph.Graph(n=len(nodes), edges=edges, directed=graph.is_directed(), edge_attrs={"weight": weights})


def betweenness_centrality(
    graph: nx.Graph,
    exact_up_to: int = BETWEENNESS_EXACT,
    sample: int = BETWEENNESS_SAMPLE,
    converted: igraph.Graph | None = None,
) -> dict:
    """Normalised betweenness, as networkx computes it, but in igraph's C code (50 times faster).

    Exact up to `exact_up_to` nodes; above, networkx's estimator (paths from a seeded sample of `sample`
    sources, scaled up), which keeps the top entities' values within about 10% and their order.
    `converted` is `as_igraph(graph)` when the caller has made it already.
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    g = converted if converted is not None else as_igraph(graph)
    scale = (1.0 if graph.is_directed() else 2.0) / ((n - 1) * (n - 2))
    if n <= max(exact_up_to, sample):
        raw = g.betweenness(directed=graph.is_directed())
    else:
        sources = sorted(random.Random(SEED).sample(range(n), sample))
        raw = g.betweenness(directed=graph.is_directed(), sources=sources)
        scale *= n / len(sources)
    return {node: raw[i] * scale for i, node in enumerate(nodes)}


def pagerank(g: igraph.Graph) -> list[float]:
    """PageRank on edge weights (damping 0.85), solved to convergence by igraph's ARPACK with a seeded start
    vector. networkx's power iteration, run to convergence, gives the same values within 1e-6; with its default
    tolerance it stops while small entities are still far off. igraph's default solver, PRPACK,
    runs OpenMP threads, which crawl on a busy machine. A node without edges shares its rank evenly."""
    with seeded_igraph():
        return g.pagerank(weights="weight", damping=DAMPING, directed=g.is_directed(), implementation="arpack")


def communities(g: igraph.Graph, nodes: list) -> list[int]:
    """Louvain communities (igraph's multilevel, seeded), numbered by size, largest first, then by smallest
    member, so the numbers repeat run to run. A directed graph is taken as undirected, weights summed."""
    if g.is_directed():
        g = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    with seeded_igraph():
        membership = g.community_multilevel(weights="weight").membership
    members: dict[int, list] = {}
    for node, group in zip(nodes, membership, strict=True):
        members.setdefault(group, []).append(node)
    ordered = sorted(members.values(), key=lambda c: (-len(c), min(c)))
    number = {node: i for i, group in enumerate(ordered) for node in group}
    return [number[node] for node in nodes]


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
    nodes = list(graph.nodes)
    g = as_igraph(graph, nodes)  # converted once for every metric
    degree = g.strength(weights="weight", mode="all", loops=True)  # networkx's weighted degree
    ranks = pagerank(g)
    betweenness = betweenness_centrality(graph, converted=g)
    community = communities(g, nodes)
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        data["degree"] = float(degree[i])
        data["pagerank"] = float(ranks[i])
        data["betweenness"] = float(betweenness.get(node, 0.0))
        data["community"] = int(community[i])
