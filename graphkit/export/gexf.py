"""GEXF 1.3 for Gephi: typed attributes plus viz colour, size and position from the shared layout."""

from __future__ import annotations

import os

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.export.graphml import xml_safe_copy


def write_gexf(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write GEXF 1.3; colours carry no alpha, which Gephi Lite would ignore."""
    copy = xml_safe_copy(graph)
    for _, data in copy.nodes(data=True):
        data["viz"] = {
            "color": {"r": data.get("r", 127), "g": data.get("g", 127), "b": data.get("b", 127)},
            "size": data.get("size", 10.0),
            "position": {"x": data.get("x", 0.0), "y": data.get("y", 0.0), "z": 0.0},
        }
    with atomic_open(path, "wb") as handle:
        nx.write_gexf(copy, handle, encoding="utf-8", prettyprint=True, version="1.3")


def read_gexf(path: str | os.PathLike[str]) -> nx.Graph:
    return nx.read_gexf(path, version="1.3")
