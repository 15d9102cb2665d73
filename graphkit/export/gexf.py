"""GEXF 1.3 for Gephi and Gephi Lite: typed attributes, viz colour, size and position, and dates for the timeline.

Written directly rather than through networkx's writer, which gives every colour an alpha value (Gephi Lite
then ignores the colour) and a wrong XML Schema namespace in 1.3 files. What is written is what networkx
and Gephi both read:
- node and edge `label` and edge `weight` as XML attributes, every other attribute as a typed attvalue
  (position, size and colour also as `viz:position`, `viz:size` and `viz:color` with r, g, b only);
- when documents have dates, `start` and `end` on nodes and edges from `first_seen` and `last_seen`
  (ISO dates), with `mode="dynamic" timeformat="date"` on the graph, as networkx writes them for string
  times: Gephi's timeline then shows when each entity and relation appears in the news.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("Russia", first_seen="2024-01-05", last_seen="2024-02-01")
    >>> write_gexf(g, "/tmp/example.gexf")
    >>> read_gexf("/tmp/example.gexf").nodes["Russia"]["start"]
    '2024-01-05'
"""

from __future__ import annotations

import os
import time
from datetime import date
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.export.graphml import XML_DECLARATION, key_ids
from graphkit.export.values import (
    Column,
    clean_text,
    edge_columns,
    format_value,
    node_columns,
    node_ids,
    row,
    scalar,
)

NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://gexf.net/1.3/gexf.xsd"
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# written as XML attributes of <node> or <edge>, not as attvalues
_NODE_OWN = {"label"}
_EDGE_OWN = {"label", "weight"}


def iso_date(text: str) -> str:
    """The calendar date of an ISO 8601 date or date-time ('2024-03-05T10:00Z' -> '2024-03-05'), or ''."""
    try:
        return date.fromisoformat(str(text).strip()[:10]).isoformat()
    except ValueError:
        return ""


def _interval(data: dict) -> dict[str, str]:
    start, end = iso_date(data.get("first_seen", "")), iso_date(data.get("last_seen", ""))
    if start and end and end < start:
        start, end = end, start
    return {k: v for k, v in (("start", start), ("end", end)) if v}


def _declare(graph_element: Element, scope: str, cols: list[Column], taken: set[str]) -> dict[str, str]:
    block = SubElement(graph_element, "attributes", {"class": scope, "mode": "static"})
    ids = key_ids(scope, [c.name for c in cols], taken)
    for col in cols:
        SubElement(block, "attribute", id=ids[col.name], title=col.name, type=_TYPES[col.kind])
    return ids


def _attvalues(parent: Element, values: dict, ids: dict[str, str]) -> None:
    block = SubElement(parent, "attvalues")
    for name, value in values.items():
        if name in ids:
            SubElement(block, "attvalue", {"for": ids[name], "value": format_value(value)})


def _channel(value: object) -> str:
    try:
        return str(min(255, max(0, int(value))))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "127"


def _viz(parent: Element, data: dict) -> None:
    # no alpha: Gephi Lite ignores a viz:color that has one
    SubElement(parent, "viz:color", r=_channel(data.get("r")), g=_channel(data.get("g")), b=_channel(data.get("b")))
    SubElement(parent, "viz:size", value=format_value(scalar(data.get("size", 10.0), float)))
    x, y = scalar(data.get("x"), float), scalar(data.get("y"), float)
    SubElement(parent, "viz:position", x=format_value(x), y=format_value(y), z="0.0")


def gexf_tree(graph: nx.Graph) -> ElementTree:
    """The GEXF 1.3 document of `graph`."""
    from graphkit import __version__  # the package imports this module while it loads

    root = Element("gexf", {"xmlns": NAMESPACE, "xmlns:viz": VIZ_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE,
                            "xsi:schemaLocation": SCHEMA_LOCATION, "version": "1.3"})
    meta = SubElement(root, "meta", lastmodifieddate=time.strftime("%Y-%m-%d"))
    SubElement(meta, "creator").text = f"graphkit {__version__}"
    if graph.graph.get("name"):
        SubElement(meta, "description").text = clean_text(str(graph.graph["name"]))

    ncols, ecols = node_columns(graph), edge_columns(graph)
    intervals = {n: _interval(d) for n, d in graph.nodes(data=True)}
    edge_intervals = [_interval(d) for _, _, d in graph.edges(data=True)]
    dynamic = any(intervals.values()) or any(edge_intervals)
    element = SubElement(root, "graph", defaultedgetype="directed" if graph.is_directed() else "undirected",
                         mode="dynamic" if dynamic else "static")
    if dynamic:
        element.set("timeformat", "date")
    taken: set[str] = set()
    nids = _declare(element, "node", [c for c in ncols if c.name not in _NODE_OWN], taken)
    eids = _declare(element, "edge", [c for c in ecols if c.name not in _EDGE_OWN], taken)

    ids = node_ids(graph)
    nodes = SubElement(element, "nodes")
    for node, data in graph.nodes(data=True):
        values = row(data, ncols)
        item = SubElement(nodes, "node", id=ids[node], label=values["label"] or ids[node], **intervals[node])
        _attvalues(item, values, nids)
        _viz(item, data)
    edges = SubElement(element, "edges")
    for index, (u, v, data) in enumerate(graph.edges(data=True)):
        values = row(data, ecols)
        weight = 1.0 if data.get("weight") is None else values["weight"]
        item = SubElement(edges, "edge", id=str(index), source=ids[u], target=ids[v], label=values["label"],
                          weight=format_value(weight), **edge_intervals[index])
        _attvalues(item, values, eids)
    indent(root, space=" ")
    return ElementTree(root)


def write_gexf(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write `graph` as GEXF 1.3 (UTF-8, with an XML declaration), atomically."""
    tree = gexf_tree(graph)
    with atomic_open(path, "wb") as handle:
        handle.write(XML_DECLARATION)
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")


def read_gexf(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GEXF file with networkx: attvalues come back typed, plus `label`, `weight`, `viz`, `start`, `end`."""
    return nx.read_gexf(path, version="1.3")
