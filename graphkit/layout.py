"""Positions, sizes and colours shared by the page and the Gephi files, so both look alike."""

from __future__ import annotations

import math

import networkx as nx

from graphkit.schema import DEFAULT_COLOR, PALETTE, hex_to_rgb

SEED = 42
LAYOUT = ("x", "y", "size", "color", "r", "g", "b")
SPREAD = 1000.0  # layout coordinates are scaled to about [-SPREAD, SPREAD]


def _positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions from igraph (fast on thousands of nodes), seeded for stable output."""
    import random

    import igraph

    nodes = list(graph.nodes)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges])
    weights = [float(d.get("weight", 1.0)) for _, _, d in graph.edges(data=True)]
    start = [[math.cos(i), math.sin(i)] for i in range(len(nodes))]
    # igraph draws from one process-wide generator: seed our own, and give the default back afterwards
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        layout = g.layout_fruchterman_reingold(weights=weights or None, seed=start, niter=500)
    finally:
        igraph.set_random_number_generator(random)
    coords = layout.coords
    span = max((max(abs(x), abs(y)) for x, y in coords), default=1.0) or 1.0
    return {node: (coords[i][0] / span * SPREAD, coords[i][1] / span * SPREAD) for node, i in index.items()}


def ensure_layout(graph: nx.Graph) -> None:
    """Lay out only a graph that has no positions, sizes or colours yet; a saved graph keeps its own."""
    # schema defaults do not count: a laid-out node is never drawn at size 0
    if not all(all(k in data for k in LAYOUT) and (data["size"] or 0) > 0 for _, data in graph.nodes(data=True)):
        add_layout(graph)


def add_layout(graph: nx.Graph) -> None:
    """Set `x`, `y`, `size`, `color`, `r`, `g`, `b` on every node; size grows with PageRank."""
    positions = _positions(graph)
    ranks = [data.get("pagerank", 0.0) for _, data in graph.nodes(data=True)]
    top = max(ranks, default=0.0) or 1.0
    for node, data in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        data["x"], data["y"] = round(x, 2), round(y, 2)
        data["size"] = round(10.0 + 40.0 * math.sqrt(data.get("pagerank", 0.0) / top), 2)
        color = PALETTE.get(data.get("type", ""), DEFAULT_COLOR)
        data["color"] = color
        data["r"], data["g"], data["b"] = hex_to_rgb(color)
