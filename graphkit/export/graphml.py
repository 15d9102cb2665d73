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
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from graphkit.export.values import CleanGraph, Column, Table, clean_graph, clean_text, format_column
from graphkit.export.xmltext import attributes, start_tag, text_element, texts, write_xml
from graphkit.model import Format

if TYPE_CHECKING:
    import networkx as nx

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
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


def _declare(scope: str, cols: list[Column], taken: set[str]) -> tuple[list[str], dict[str, str]]:
    ids = key_ids(scope, [c.name for c in cols], taken)
    lines = [
        start_tag(
            1,
            "key",
            {"id": ids[c.name], "for": scope, "attr.name": clean_text(c.name), "attr.type": _TYPES[c.kind]},
            empty=True,
        )
        for c in cols
    ]
    return lines, ids


def data_lines(table: Table, ids: dict[str, str], indent: int) -> list[list[str]]:
    """The `<data>` line of every value, column by column (one list per column, one line per item)."""
    columns = []
    for col in table.columns:
        opening, closing, empty = text_element(indent, "data", {"key": ids[col.name]})
        if col.kind is str:
            columns.append([f"{opening}{t}{closing}" if t else empty for t in texts(table.values[col.name])])
        else:
            columns.append([f"{opening}{t}{closing}" for t in format_column(table.values[col.name], col.kind)])
    return columns


def graphml_lines(graph: nx.Graph, clean: CleanGraph | None = None) -> Iterator[str]:
    """The GraphML document of `graph` (undirected; a directed graph keeps edgedefault="directed"), one element
    per line, in pieces of whole lines. `clean`: `clean_graph(graph)` when the caller has it."""
    clean = clean or clean_graph(graph)
    yield start_tag(
        0,
        "graphml",
        {
            "xmlns": NAMESPACE,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": SCHEMA_LOCATION,
        },
    )
    taken: set[str] = set()
    node_keys, nids = _declare("node", clean.nodes.columns, taken)
    edge_keys, eids = _declare("edge", clean.edges.columns, taken)
    graph_keys, gids = _declare("graph", clean.attributes.columns, taken)
    yield from node_keys
    yield from edge_keys
    yield from graph_keys
    graph_attributes = {"id": "G", "edgedefault": "directed" if clean.directed else "undirected"}
    graph_data = [lines[0] for lines in data_lines(clean.attributes, gids, 2)]  # one item: the graph
    if not (graph_data or clean.ids):
        yield start_tag(1, "graph", graph_attributes, empty=True)
    else:
        yield start_tag(1, "graph", graph_attributes)
        yield from graph_data
        node_openings = (f'  <node id="{i}"' for i in attributes(clean.node_ids))
        edge_openings = (
            f'  <edge source="{s}" target="{t}"'
            for s, t in zip(attributes(clean.sources), attributes(clean.targets), strict=True)
        )
        yield from _items(clean.nodes, nids, node_openings, "node")
        yield from _items(clean.edges, eids, edge_openings, "edge")
        yield " </graph>"
    yield "</graphml>"


def _items(table: Table, ids: dict[str, str], openings: Iterator[str], tag: str) -> Iterator[str]:
    """Each item's element: its opening tag (given without its closing bracket), data lines and closing tag."""
    closing = f"  </{tag}>"
    for part in table.slices():
        rows = zip(*data_lines(part, ids, 3), strict=True) if part.columns else ((),) * len(part.items)
        for cells, opening in zip(rows, islice(openings, len(part.items)), strict=True):
            yield "\n".join((opening + ">", *cells, closing)) if cells else opening + " />"


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Write `graph` as GraphML (UTF-8, with an XML declaration), atomically.

    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    write_xml(path, graphml_lines(graph, clean))


def read_graphml(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GraphML file back (networkx reads attributes by name, so values and types come back as written)."""
    import networkx as nx

    return nx.read_graphml(path)


GRAPHML = Format(
    "graphml",
    (".graphml",),
    "for Gephi, yEd, igraph (named key ids, scalar attributes, colours, sizes and positions)",
    read=read_graphml,
    write=write_graphml,
    title="GraphML",
)
