"""GraphML for Gephi, yEd and igraph: named key ids, one type per key, scalars only, no control characters."""

from __future__ import annotations

import os
import re

import networkx as nx

from graphkit.export.atomic import atomic_open

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_value(value):
    """XML 1.0 forbids most control characters; drop them from strings."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def xml_safe_copy(graph: nx.Graph) -> nx.Graph:
    """A copy with control characters removed from every string attribute and id."""
    mapping = {node: clean_value(str(node)) for node in graph.nodes}
    copy = nx.relabel_nodes(graph, mapping, copy=True)
    for _, data in copy.nodes(data=True):
        for key, value in data.items():
            data[key] = clean_value(value)
    for _, _, data in copy.edges(data=True):
        for key, value in data.items():
            data[key] = clean_value(value)
    copy.graph = {k: clean_value(v) for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))}
    return copy


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write GraphML with key ids equal to attribute names, so Gephi never takes `d3` for a label."""
    safe = xml_safe_copy(graph)
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(safe, handle, encoding="utf-8", prettyprint=True, named_key_ids=True)


def read_graphml(path: str | os.PathLike[str]) -> nx.Graph:
    return nx.read_graphml(path)
