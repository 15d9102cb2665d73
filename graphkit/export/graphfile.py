"""Reading a saved graph back: the one reader behind `graphkit export`, the query commands and the Python API.

It takes graph.json (or the folder holding it), a .graphml or a .gexf file, and checks once, on load, what
the later code relies on, so an edited or foreign file fails here with one line naming what is wrong
rather than deep inside a layout or a query:

>>> graph = read_graph("output/graph.json")                       # doctest: +SKIP
>>> read_graph("edited.json")                                     # doctest: +SKIP
GraphFileError: edited.json: edge 12 (A -> B) has no numeric "weight"

Edges and nodes are counted from 1 in the order of the file.

`open_graph` is the reader for a question about a few entities: graph.sqlite beside graph.json (see
graphkit.export.graphstore) when it is up to date, so only the rows asked for are read; else read_graph.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from graphkit.export.formats import EXPORT_BY_NAME, SNIFFED, format_for
from graphkit.export.graphstore import STORE_FILE, StoredGraph, StoreError, open_graph_store
from graphkit.export.json import JSON, load_node_link, node_link_graph
from graphkit.model import Format
from graphkit.schema import EDGE_ATTRIBUTES, ENTITY_TYPES, NODE_ATTRIBUTES, coerce_edge, coerce_node

if TYPE_CHECKING:
    import networkx as nx

REBUILD = "run `graphkit build` to write it again"


class GraphFileError(ValueError):
    """A saved graph that cannot be used: missing, unreadable, or not what `graphkit build` writes.

    The message is meant for the user, on one line, and names the file.
    """


def graph_file(path: str | os.PathLike[str]) -> Path:
    """The graph file meant by `path`: the file itself, or graph.json inside a folder."""
    path = Path(path)
    return path / "graph.json" if path.is_dir() else path


def read_graph(path: str | os.PathLike[str] = "output/graph.json") -> nx.Graph:
    """Read and check a saved graph; every schema attribute comes back present and of its declared type.

    Raises GraphFileError (one-line message naming the file and, for damage inside it, the node or edge).
    """
    import networkx as nx

    path = graph_file(path)
    if not path.exists():
        raise GraphFileError(f"no graph at {path}: run `graphkit build` first, or give the graph file")
    fmt = _format_of_file(path)
    try:
        if fmt is JSON:
            data = load_node_link(path)
            _check_layout(data, path)
            nodes, edges = data["nodes"], data.get("edges", data.get("links"))
            check_graph(nodes, edges, path)
            graph = node_link_graph(data)
        else:
            if fmt.read is None:
                raise GraphFileError(f"{path}: graphkit cannot read {fmt.label} back; give graph.json")
            graph = fmt.read(path)
            if graph.is_directed() or graph.is_multigraph():
                raise GraphFileError(
                    f"{path}: a directed graph or multigraph; graphkit reads the undirected one it writes"
                )
            check_graph(
                ({"id": node, **data} for node, data in graph.nodes(data=True)),
                ({"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)),
                path,
            )
    except GraphFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        reason = reason.removeprefix(f"{path}: ")  # the format reader may name the file already
        raise GraphFileError(f"{path}: cannot read it as a graph ({reason}): {REBUILD}") from None
    for _, attrs in graph.nodes(data=True):
        attrs.update(coerce_node(attrs))
    for _, _, attrs in graph.edges(data=True):
        attrs.update(coerce_edge(attrs))
    return graph


def open_graph(path: str | os.PathLike[str] = "output/graph.json") -> nx.Graph | StoredGraph:
    """The saved graph for questions about one or two entities: its store when one beside graph.json agrees
    with it (same files, same graphkit), which reads only the rows a question needs; else read_graph.

    A missing, stale or damaged store is never an error, nor ever used: the graph file is read instead.
    Raises GraphFileError as read_graph does.
    """
    path = graph_file(path)
    if path.is_file() and _format_of_file(path) is JSON:
        try:
            store = open_graph_store(path.with_name(STORE_FILE))
        except StoreError:
            pass
        else:
            if path.name in store.made_from:
                return store
            store.close()  # the store of another graph file in the same folder
    return read_graph(path)


def _check_layout(data: Any, path: Path) -> None:
    """The node-link frame: an object with lists of nodes and edges, undirected and simple."""
    if not isinstance(data, dict):
        raise GraphFileError(f"{path}: not a node-link graph (a JSON {type(data).__name__}, not an object): {REBUILD}")
    if not isinstance(data.get("nodes"), list):
        raise GraphFileError(f'{path}: not a node-link graph (no "nodes" list): {REBUILD}')
    if not isinstance(data.get("edges", data.get("links")), list):
        raise GraphFileError(f'{path}: not a node-link graph (no "edges" list): {REBUILD}')
    if data.get("directed") or data.get("multigraph"):
        raise GraphFileError(f"{path}: a directed graph or multigraph; graphkit reads the undirected one it writes")


# the types a JSON, GraphML or GEXF reader gives for each declared type, and null (the schema default)
_READ_TYPES: dict[type, tuple[type, ...]] = {
    str: (str, type(None)),
    int: (int, type(None)),
    float: (float, int, type(None)),
}
_NODE_TYPES = [(name, _READ_TYPES[kind]) for name, (kind, _) in NODE_ATTRIBUTES.items()]
_EDGE_TYPES = [(name, _READ_TYPES[kind]) for name, (kind, _) in EDGE_ATTRIBUTES.items()]
_ID_TYPES = (str, int, float)


def check_graph(nodes: Iterable[Any], edges: Iterable[Any], path: str | os.PathLike[str]) -> None:
    """Raise GraphFileError at the first node or edge the later code could not use.

    Nodes need an id, a label and one of the entity types; edges need both ends among the nodes and a
    positive, finite weight (sentences). Any other schema attribute present must have its declared type.
    Each item is tried on a fast test first; only a failing one is looked at again to say what is wrong.
    """
    ids: set[Any] = set()
    for number, node in enumerate(nodes, 1):
        try:
            get = node.get
            node_id = get("id")
            ok = (
                type(node_id) in _ID_TYPES
                and node_id not in ids
                and type(get("label")) is str
                and get("label") != ""
                and get("type") in ENTITY_TYPES
                and all(type(get(name)) in allowed for name, allowed in _NODE_TYPES)
            )
        except (AttributeError, TypeError):
            ok = False
        if not ok:
            _explain_node(number, node, ids, path)
        ids.add(node_id)
    for number, edge in enumerate(edges, 1):
        try:
            get = edge.get
            weight = get("weight")
            ok = (
                get("source") in ids
                and get("target") in ids
                and type(weight) in (float, int)
                and 0 < weight < math.inf
                and all(type(get(name)) in allowed for name, allowed in _EDGE_TYPES)
            )
        except (AttributeError, TypeError):
            ok = False
        if not ok:
            _explain_edge(number, edge, ids, path)


def _explain_node(number: int, node: Any, ids: set[Any], path: str | os.PathLike[str]) -> None:
    """Raise GraphFileError saying what is wrong with a node the fast test refused (or return: nothing is)."""
    where = f"{path}: node {number}"
    if not isinstance(node, Mapping):
        raise GraphFileError(f"{where} is not an object")
    node_id = node.get("id")
    if isinstance(node_id, bool) or not isinstance(node_id, _ID_TYPES):
        raise GraphFileError(f'{where} has no "id" (a name or a number)')
    where = f"{where} ({node_id})"
    if node_id in ids:
        raise GraphFileError(f"{where} appears twice")
    label = node.get("label")
    if not isinstance(label, str) or not label:
        raise GraphFileError(f'{where} has no "label"')
    if node.get("type") not in ENTITY_TYPES:
        found = f'type "{node["type"]}"' if "type" in node else 'no "type"'
        raise GraphFileError(f"{where} has {found}: use one of {', '.join(ENTITY_TYPES)}")
    _check_attributes(node, NODE_ATTRIBUTES, where)


def _explain_edge(number: int, edge: Any, ids: set[Any], path: str | os.PathLike[str]) -> None:
    """Raise GraphFileError saying what is wrong with an edge the fast test refused (or return: nothing is)."""
    where = f"{path}: edge {number}"
    if not isinstance(edge, Mapping):
        raise GraphFileError(f"{where} is not an object")
    ends = [edge.get("source"), edge.get("target")]
    where = f"{where} ({ends[0]} -> {ends[1]})"
    for end, key in zip(ends, ("source", "target"), strict=True):
        if end is None:
            raise GraphFileError(f'{where} has no "{key}"')
        if isinstance(end, (list, dict)) or end not in ids:
            raise GraphFileError(f'{where}: its {key} "{end}" is not a node of the graph')
    weight = edge.get("weight")
    if not _is_number(weight):
        raise GraphFileError(f'{where} has no numeric "weight"')
    if not (math.isfinite(weight) and weight > 0):
        raise GraphFileError(f'{where} has "weight" {weight}: a weight counts sentences, so it is above 0')
    _check_attributes(edge, EDGE_ATTRIBUTES, where)


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_attributes(item: Mapping[str, Any], schema: Mapping[str, tuple[type, str]], where: str) -> None:
    """Schema attributes that are present (and not null) hold their type: numbers as numbers, text as text."""
    for name, (kind, _) in schema.items():
        value = item.get(name)
        if value is None:
            continue
        if kind is str:
            ok = isinstance(value, str)
        elif kind is int:
            ok = _is_number(value) and float(value).is_integer()
        else:
            ok = _is_number(value)
        if not ok:
            need = {str: "text", int: "a whole number", float: "a number"}[kind]
            raise GraphFileError(f'{where} has "{name}" {value!r}: it must be {need}')


def _format_of_file(path: Path) -> Format:
    """The format of a saved graph: from the suffix, else from the first bytes (JSON when nothing says)."""
    fmt = EXPORT_BY_NAME.get(format_for(path) or "")
    if fmt is not None:
        return fmt
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return JSON  # reading it again reports why, with the file name
    return next((fmt for mark, fmt in SNIFFED if mark in head), JSON)
