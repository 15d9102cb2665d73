"""JSON node-link: the saved graph that every other command reads back (`graphkit export`, queries).

networkx's node-link layout with edges under "edges" (d3 and most JavaScript graph libraries read it).
Unlike the XML formats it keeps every value exactly, control characters included: it is the lossless copy.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("Vladimir Putin", "Russia", weight=2.0)
    >>> write_json(g, "/tmp/example.json")
    >>> read_json("/tmp/example.json")["Russia"]["Vladimir Putin"]["weight"]
    2.0
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.model import Format

if TYPE_CHECKING:
    import networkx as nx


def _plain(value: Any) -> Any:
    """Values JSON can hold: sets become sorted lists, numbers that are not finite become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return value


def _default(value: Any) -> Any:
    """What the encoder calls for a value JSON has no type for: a set is a sorted list, anything else its text."""
    return sorted(value, key=str) if isinstance(value, (set, frozenset)) else str(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_default)
_ITEMS_PER_WRITE = 1000


def _as_dict(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes as a dict: a graph's own dict, or the copy a graph holding them in columns makes in one
    pass (`{**row}` asks it for each value in turn)."""
    if isinstance(attributes, dict):
        return attributes
    copy = getattr(attributes, "copy", None)
    plain = copy() if copy is not None else None
    return plain if isinstance(plain, dict) else dict(attributes)


def _encode(item: Mapping[str, Any]) -> str:
    """One node, edge or the graph's attributes as compact JSON (the C encoder: json.dump with indent is
    pure Python, seconds on a large graph)."""
    if not isinstance(item, dict):  # the attributes of a graph that holds them in columns (graphkit.graph.columns)
        item = _as_dict(item)
    try:
        return _ENCODER.encode(item)
    except ValueError:  # a number that is not finite: null, as JSON has no NaN
        return _ENCODER.encode({key: _plain(value) for key, value in item.items()})


def _write_items(handle: IO[str], items: Iterable[dict[str, Any]]) -> None:
    items = iter(items)
    first = True
    while batch := list(islice(items, _ITEMS_PER_WRITE)):
        handle.write("\n" if first else ",\n")
        handle.write(",\n".join(map(_encode, batch)))
        first = False
    handle.write("\n")


def write_json(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write `graph` as node-link JSON (UTF-8), atomically: one node or edge per line, so files diff well.

    The items are those of networkx's node_link_data, made a batch at a time as they are written rather than
    copied for the whole graph first."""
    head = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph()}
    nodes: Iterable[dict[str, Any]]
    edges: Iterable[dict[str, Any]]
    if graph.is_multigraph():  # no graph graphkit makes: networkx's own items, all at once
        import networkx as nx

        data = nx.node_link_data(graph, edges="edges")
        nodes, edges = data["nodes"], data["edges"]
    else:
        nodes = ({**_as_dict(attributes), "id": node} for node, attributes in graph.nodes(data=True))
        edges = ({**_as_dict(attributes), "source": u, "target": v} for u, v, attributes in graph.edges(data=True))
    with atomic_open(path) as handle:
        handle.write(_encode(head)[:-1] + ', "graph": ' + _encode(graph.graph) + ',\n"nodes": [')
        _write_items(handle, nodes)
        handle.write('],\n"edges": [')
        _write_items(handle, edges)
        handle.write("]}\n")


def load_node_link(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of a node-link file, unchecked; raises OSError or ValueError (e.g. "not JSON: ...")."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text: {error}") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error}") from None


def node_link_graph(data: dict[str, Any]) -> nx.Graph:
    """The networkx graph of parsed node-link data, its edges under "edges" (or the older "links").

    Without "directed" and "multigraph" keys it is the simple undirected graph graphkit writes (networkx alone
    would make a multigraph of it)."""
    import networkx as nx

    edges = "edges" if "edges" in data else "links"
    return nx.node_link_graph(data, directed=False, multigraph=False, edges=edges)


def read_json(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a graph written by `write_json` as it is, without checks (graphkit.export.graphfile.read_graph
    checks it and is what the commands use); raises OSError or ValueError naming the file when it cannot."""
    import networkx as nx

    try:
        data = load_node_link(path)
        if not isinstance(data, dict) or "nodes" not in data or not ({"edges", "links"} & data.keys()):
            raise ValueError("not a node-link graph (no 'nodes' and 'edges')")
        return node_link_graph(data)
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as error:
        raise ValueError(f"{path}: {error}") from None


JSON = Format(
    "json",
    (".json",),
    "node-link JSON: the saved graph that the other commands read",
    read=read_json,
    write=write_json,
    title="JSON",
)
