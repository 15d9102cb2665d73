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

from graphkit.export.cypher import CYPHER
from graphkit.export.gexf import GEXF
from graphkit.export.graphml import GRAPHML
from graphkit.export.html import HTML
from graphkit.export.json import JSON
from graphkit.export.tables import CSV
from graphkit.graph.layout import ensure_layout
from graphkit.graph.metrics import ensure_metrics
from graphkit.model import Format, by_name, by_suffix, spoken_list, usual_suffixes

# Every format `graphkit export` writes, in the order help text lists them; each module declares its own.
EXPORT_FORMATS: tuple[Format, ...] = (GRAPHML, GEXF, CSV, JSON, HTML, CYPHER)
EXPORT_BY_NAME = by_name(EXPORT_FORMATS)
FORMATS = tuple(EXPORT_BY_NAME)
SUFFIXES = {suffix: fmt.name for suffix, fmt in by_suffix(EXPORT_FORMATS).items()}
CSV_FILES = CSV.files
if any(fmt.write is None for fmt in EXPORT_FORMATS):
    raise ValueError("every export format declares a writer")
SNIFFED = ((b"<gexf", GEXF), (b"<graphml", GRAPHML))  # what a saved graph starts with when its suffix says nothing


class ExportError(ValueError):
    """An export that cannot be done as asked; the message is meant for the user, on one line."""


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for ('graph.gexf' -> 'gexf'); None when the suffix says nothing."""
    return SUFFIXES.get(Path(path).suffix.lower())


def format_help() -> str:
    """The help of --format: the names, and the suffixes that choose one without it."""
    suffixes = ", ".join(usual_suffixes(EXPORT_FORMATS))
    return f"One of {', '.join(FORMATS)}. Default: from the suffix of --output ({suffixes})."


def formats_title() -> str:
    """'GraphML, GEXF, ... or Cypher': the formats as a sentence names them."""
    return spoken_list((fmt.label for fmt in EXPORT_FORMATS), "or")


def export_graph(graph: nx.Graph, path: str | os.PathLike[str], format: str | None = None) -> list[Path]:
    """Write `graph` in `format` (default: from the suffix of `path`); returns the files written.

    A folder format (csv) writes a folder `path` with its files (for csv, entities.csv and relations.csv,
    Gephi's node and edge tables). A graph without metrics or positions (one made in Python) gets them
    first; a saved one keeps its own.
    """
    path = Path(path)
    format = format or format_for(path)
    if format is None:
        raise ExportError(f"cannot tell the format from {path.name!r}: give one of {', '.join(FORMATS)}")
    if format not in EXPORT_BY_NAME:
        raise ExportError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    fmt = EXPORT_BY_NAME[format]
    write = fmt.write
    if write is None:  # every export format has a writer: checked at import
        raise ExportError(f"{fmt.name} cannot be written")
    ensure_metrics(graph)
    ensure_layout(graph)
    if fmt.files:
        if path.suffix.lower() in {Path(name).suffix for name in fmt.files} or path.is_file():
            raise ExportError(f"{fmt.name} writes {', '.join(fmt.files)} into a folder: give a folder, not {path}")
        path.mkdir(parents=True, exist_ok=True)
        write(graph, path)
        return [path / name for name in fmt.files]
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name, e.g. {path / ('graph.' + format)}")
    write(graph, path)
    return [path]
