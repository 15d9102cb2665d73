"""Every export format by name, and reading a saved graph back: what `graphkit export` does, as Python.

>>> from graphkit.export.formats import export_graph, read_graph
>>> graph = read_graph("output/graph.json")                       # doctest: +SKIP
>>> export_graph(graph, "putin.gexf")                             # doctest: +SKIP
[PosixPath('putin.gexf')]
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graphkit.export.cypher import write_cypher
from graphkit.export.gexf import read_gexf, write_gexf
from graphkit.export.graphml import read_graphml, write_graphml
from graphkit.export.json import GraphFileError, read_json, write_json
from graphkit.export.tables import write_entities_csv, write_relations_csv
from graphkit.graph.layout import ensure_layout
from graphkit.graph.metrics import ensure_metrics
from graphkit.schema import coerce_edge, coerce_node

FORMATS = ("graphml", "gexf", "csv", "json", "html", "cypher")
SUFFIXES = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".cypher": "cypher",
    ".cql": "cypher",
}
CSV_FILES = ("entities.csv", "relations.csv")


class ExportError(ValueError):
    """An export that cannot be done as asked; the message is meant for the user, on one line."""


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for ('graph.gexf' -> 'gexf'); None when the suffix says nothing."""
    return SUFFIXES.get(Path(path).suffix.lower())


def export_graph(graph: nx.Graph, path: str | os.PathLike[str], format: str | None = None) -> list[Path]:
    """Write `graph` in `format` (default: from the suffix of `path`); returns the files written.

    csv writes a folder `path` with entities.csv and relations.csv (Gephi's node and edge tables).
    A graph without metrics or positions (one made in Python) gets them first; a saved one keeps its own.
    """
    path = Path(path)
    format = format or format_for(path)
    if format is None:
        raise ExportError(f"cannot tell the format from {path.name!r}: give one of {', '.join(FORMATS)}")
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    ensure_metrics(graph)
    ensure_layout(graph)
    if format == "csv":
        if path.suffix.lower() == ".csv" or path.is_file():
            raise ExportError(f"csv writes two tables into a folder: give a folder, not {path}")
        path.mkdir(parents=True, exist_ok=True)
        write_entities_csv(graph, path / CSV_FILES[0])
        write_relations_csv(graph, path / CSV_FILES[1])
        return [path / name for name in CSV_FILES]
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name, e.g. {path / ('graph.' + format)}")
    if format == "html":
        from graphkit.export.html import write_html  # the page pulls in pyvis: load it only when asked

        write_html(graph, path)
    else:
        {"graphml": write_graphml, "gexf": write_gexf, "json": write_json, "cypher": write_cypher}[format](graph, path)
    return [path]


def read_graph(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a saved graph: graph.json (or a folder holding one), a .graphml or a .gexf file.

    Every schema attribute is made present and typed. Raises GraphFileError (one-line message).
    """
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.exists():
        raise GraphFileError(f"no graph at {path}: run `graphkit build` first, or give the graph file")
    try:
        kind = _kind_of_file(path)
        if kind == "graphml":
            graph = read_graphml(path)
        elif kind == "gexf":
            graph = _from_gexf(read_gexf(path))
        else:
            graph = read_json(path)
    except GraphFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, nx.NetworkXError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise GraphFileError(f"{path}: cannot read it as a graph ({reason})") from None
    for _, data in graph.nodes(data=True):
        data.update(coerce_node(data))
    for _, _, data in graph.edges(data=True):
        data.update(coerce_edge(data))
    return graph


def _kind_of_file(path: Path) -> str:
    """graphml, gexf or json: from the suffix, else from the first bytes."""
    kind = format_for(path)
    if kind in ("graphml", "gexf", "json"):
        return kind
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return "gexf" if b"<gexf" in head else "graphml" if b"<graphml" in head else "json"


def _from_gexf(graph: nx.Graph) -> nx.Graph:
    """Drop what networkx's GEXF reader adds beside the attributes (viz, start, end, edge id)."""
    for _, data in graph.nodes(data=True):
        for key in ("viz", "start", "end"):
            data.pop(key, None)
    for _, _, data in graph.edges(data=True):
        for key in ("id", "start", "end"):
            data.pop(key, None)
    for key in ("mode", "node_default", "edge_default"):
        graph.graph.pop(key, None)
    return graph
