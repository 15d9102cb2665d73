"""GraphML for Gephi, yEd, igraph and networkx.

What Gephi needs and networkx's own writer does not guarantee (see ECOSYSTEM.md):
- key ids are names, unique in the file (`label`, `pagerank`, `edge_label`, `edge_weight`, ...): Gephi
  takes a node key with id `d3` and an edge key with id `d7` for the label, and networkx numbers its keys
  so that an arbitrary attribute lands there (its named ids repeat `label` for nodes and edges);
- one key, of one type, per attribute; scalar values only; no control characters; non-empty node ids;
- Gephi recognises node `label`, `x`, `y`, `size`, `r`, `g`, `b` and edge `label`, `weight` by name.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("Vladimir Putin", "Russia", weight=2.0)
    >>> write_graphml(g, "/tmp/example.graphml")
    >>> read_graphml("/tmp/example.graphml")["Russia"]["Vladimir Putin"]["weight"]
    2.0
"""

from __future__ import annotations

import os
import re
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.export.values import Column, edge_columns, format_value, graph_columns, node_columns, node_ids, row

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def key_id(scope: str, name: str) -> str:
    """The key id of attribute `name` of `scope` (graph, node or edge): readable, and never `d<n>`.

    Node keys are named after their attribute (`label`, `x`, `size`...), which Gephi matches first;
    edge and graph keys get a prefix (`edge_label`) so that every id in the file is unique, and Gephi
    still finds the edge `label` and `weight` by their attr.name.
    """
    clean = re.sub(r"[^0-9A-Za-z_.-]", "_", name) or "_"
    return clean if scope == "node" else f"{scope}_{clean}"


def key_ids(scope: str, names: list[str], taken: set[str]) -> dict[str, str]:
    """A unique key id for each attribute name (`taken` holds the ids already used in the file)."""
    ids = {}
    for name in names:
        kid, n = key_id(scope, name), 2
        while kid in taken or re.fullmatch(r"d[0-9]+", kid):  # a clash, or an id Gephi might take for a label
            kid, n = f"{key_id(scope, name)}_{n}", n + 1
        taken.add(kid)
        ids[name] = kid
    return ids


def _declare(root: Element, scope: str, cols: list[Column], taken: set[str]) -> dict[str, str]:
    ids = key_ids(scope, [c.name for c in cols], taken)
    for col in cols:
        SubElement(root, "key", {"id": ids[col.name], "for": scope, "attr.name": col.name,
                                 "attr.type": _TYPES[col.kind]})
    return ids


def _data(parent: Element, values: dict, ids: dict[str, str]) -> None:
    for name, value in values.items():
        SubElement(parent, "data", key=ids[name]).text = format_value(value)


def graphml_tree(graph: nx.Graph) -> ElementTree:
    """The GraphML document of `graph` (undirected; a directed graph keeps edgedefault="directed")."""
    root = Element("graphml", {"xmlns": NAMESPACE, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": SCHEMA_LOCATION})
    taken: set[str] = set()
    gcols, ncols, ecols = graph_columns(graph), node_columns(graph), edge_columns(graph)
    nids = _declare(root, "node", ncols, taken)
    eids = _declare(root, "edge", ecols, taken)
    gids = _declare(root, "graph", gcols, taken)
    element = SubElement(root, "graph", id="G", edgedefault="directed" if graph.is_directed() else "undirected")
    _data(element, row(graph.graph, gcols), gids)
    ids = node_ids(graph)
    for node, data in graph.nodes(data=True):
        _data(SubElement(element, "node", id=ids[node]), row(data, ncols), nids)
    for u, v, data in graph.edges(data=True):
        _data(SubElement(element, "edge", source=ids[u], target=ids[v]), row(data, ecols), eids)
    indent(root, space=" ")
    return ElementTree(root)


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write `graph` as GraphML (UTF-8, with an XML declaration), atomically."""
    tree = graphml_tree(graph)
    with atomic_open(path, "wb") as handle:
        handle.write(XML_DECLARATION)
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")


def read_graphml(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GraphML file back (networkx reads attributes by name, so values and types come back as written)."""
    return nx.read_graphml(path)
