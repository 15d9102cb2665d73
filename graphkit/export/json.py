"""JSON node-link: the saved graph that every other command reads back."""

from __future__ import annotations

import json
import os

import networkx as nx

from graphkit.export.atomic import atomic_open


def write_json(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    data = nx.node_link_data(graph, edges="edges")
    with atomic_open(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)


def read_json(path: str | os.PathLike[str]) -> nx.Graph:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return nx.node_link_graph(data, edges="edges")
