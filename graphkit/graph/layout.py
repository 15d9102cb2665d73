"""Positions, sizes and colours shared by the page and the Gephi files, so both look alike."""

from __future__ import annotations

import math

import networkx as nx

from graphkit.graph.metrics import as_igraph, seeded_igraph
from graphkit.schema import DEFAULT_COLOR, PALETTE, hex_to_rgb

SEED = 42
LAYOUT = ("x", "y", "size", "color", "r", "g", "b")
SPREAD = 1000.0  # layout coordinates are scaled to about [-SPREAD, SPREAD]
CORE_NODES = 1500  # laid out by force; the page shows the same top 1,500 by default
# Fruchterman-Reingold's work grows as steps x nodes²: igraph's default 500 steps up to 500 nodes, fewer above
# (at CORE_NODES the picture is the one 500 steps draw: same core, spread and crowding)
FORCE_WORK = 500 * 500**2
MIN_STEPS, MAX_STEPS = 50, 500


def force_steps(nodes: int) -> int:
    """Fruchterman-Reingold steps for `nodes` nodes: as many as a fixed budget of work allows."""
    return max(MIN_STEPS, min(MAX_STEPS, FORCE_WORK // max(nodes, 1) ** 2))


def _ranked(graph: nx.Graph) -> list:
    """Nodes by importance: PageRank, then weighted degree, then id (the order the page caps by)."""
    return [
        node
        for node, _ in sorted(
            graph.nodes(data=True),
            key=lambda item: (
                -float(item[1].get("pagerank") or 0.0),
                -float(item[1].get("degree") or 0.0),
                str(item[0]),
            ),
        )
    ]


def _force_directed(graph: nx.Graph, nodes: list) -> dict:
    """Fruchterman-Reingold positions from igraph for `nodes`, seeded for stable output."""
    g = as_igraph(graph, nodes)
    start = [[math.cos(i), math.sin(i)] for i in range(len(nodes))]
    with seeded_igraph(SEED):
        layout = g.layout_fruchterman_reingold(
            weights="weight" if g.ecount() else None, seed=start, niter=force_steps(len(nodes))
        )
    coords = layout.coords
    span = max((max(abs(x), abs(y)) for x, y in coords), default=1.0) or 1.0
    return {node: (coords[i][0] / span * SPREAD, coords[i][1] / span * SPREAD) for i, node in enumerate(nodes)}


def _positions(graph: nx.Graph) -> dict:
    """Force-directed positions for the CORE_NODES most important nodes; every other node sits beside its
    strongest placed neighbour, so a graph of 15,000 entities lays out in seconds rather than minutes.

    Gephi users who want every node placed by force can run ForceAtlas 2 on the imported file.
    """
    nodes = _ranked(graph)
    if not nodes:
        return {}
    positions = _force_directed(graph, nodes[:CORE_NODES])
    rest = nodes[CORE_NODES:]
    if not rest:
        return positions
    ring = 0
    adjacency = dict(graph.adjacency())  # plain dicts: networkx's views cost more than the lookups
    for step in range(len(rest) + 1):  # each pass places the nodes next to placed ones
        waiting = []
        for node in rest:
            placed = [(d.get("weight", 1.0), n) for n, d in adjacency[node].items() if n in positions]
            if not placed:
                waiting.append(node)
                continue
            _, anchor = max(placed, key=lambda item: (item[0], str(item[1])))
            ax, ay = positions[anchor]
            angle = (hash_angle(node) + step) % (2 * math.pi)
            radius = SPREAD * 0.04 * (1 + (ring % 5))
            positions[node] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
            ring += 1
        if len(waiting) == len(rest):
            break
        rest = waiting
    # what no path connects to the core goes round the outside
    for i, node in enumerate(rest):
        angle = 2 * math.pi * i / max(len(rest), 1)
        positions[node] = (SPREAD * 1.15 * math.cos(angle), SPREAD * 1.15 * math.sin(angle))
    return positions


def hash_angle(node: object) -> float:
    """A stable angle for a node (Python's hash of str is salted per process, so use a checksum)."""
    import zlib

    return (zlib.crc32(str(node).encode("utf-8")) % 3600) / 3600 * 2 * math.pi


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
