"""Every export format by name: what `graphkit export` does, as Python (the graph read by graphfile.read_graph).

>>> from graphkit.export.formats import export_graph
>>> from graphkit.export.graphfile import read_graph
>>> graph = read_graph("output/graph.json")                       # doctest: +SKIP
>>> export_graph(graph, "putin.gexf")                             # doctest: +SKIP
[PosixPath('putin.gexf')]
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graphkit.export.cypher import write_cypher
from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.json import write_json
from graphkit.export.tables import write_entities_csv, write_relations_csv
from graphkit.graph.layout import ensure_layout
from graphkit.graph.metrics import ensure_metrics

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
