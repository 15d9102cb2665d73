"""Every export format by name: what `graphkit export` does, as Python (the graph read by graphfile.read_graph).

>>> from graphkit.export.formats import export_graph
>>> from graphkit.export.graphfile import read_graph
>>> graph = read_graph("output/graph.json")                       # doctest: +SKIP
>>> export_graph(graph, "putin.gexf")                             # doctest: +SKIP
[PosixPath('putin.gexf')]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.export.context import ExportContext, ExportError
from graphkit.export.cypher import CYPHER
from graphkit.export.gexf import GEXF
from graphkit.export.graphml import GRAPHML
from graphkit.export.html import HTML
from graphkit.export.json import JSON
from graphkit.export.neo4j import NEO4J_IMPORT
from graphkit.export.parquet import PARQUET
from graphkit.export.tables import CSV
from graphkit.model import Format, by_name, by_suffix, spoken_list, usual_suffixes
from graphkit.periods import DateRange

if TYPE_CHECKING:
    import networkx as nx

# Every format `graphkit export` writes, in the order help text lists them; each module declares its own.
EXPORT_FORMATS: tuple[Format, ...] = (GRAPHML, GEXF, CSV, JSON, HTML, CYPHER, PARQUET, NEO4J_IMPORT)
EXPORT_BY_NAME = by_name(EXPORT_FORMATS)
FORMATS = tuple(EXPORT_BY_NAME)
SUFFIXES = {suffix: fmt.name for suffix, fmt in by_suffix(EXPORT_FORMATS).items()}
CSV_FILES = CSV.files
if any(fmt.write is None for fmt in EXPORT_FORMATS):
    raise ValueError("every export format declares a writer")
SNIFFED = ((b"<gexf", GEXF), (b"<graphml", GRAPHML))  # what a saved graph starts with when its suffix says nothing
FOLDER_FORMATS = tuple(fmt.name for fmt in EXPORT_FORMATS if fmt.files)
# what a file that some format writes ends with: a folder format refuses such a name (`-f parquet -o graph.csv`)
FILE_SUFFIXES = {*SUFFIXES, *(Path(name).suffix for fmt in EXPORT_FORMATS for name in (*fmt.files, *fmt.build_files))}


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


def export_graph(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    build: str | os.PathLike[str] | None = None,
    period: DateRange | None = None,
    warn: Callable[[str], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write `graph` in `format` (default: from the suffix of `path`); returns the files written.

    A folder format (csv, parquet, neo4j-import) writes a folder `path` with its files (for csv,
    entities.csv and relations.csv, Gephi's node and edge tables). `build`: the folder of the build the
    graph comes from (beside graph.json), whose evidence, mentions and documents tables parquet converts
    too; `period`: the date range a graph of `graphkit.query.timeline.graph_in_range` was made for (its
    rows of those tables are the statements dated within it); `warn` hears what could not be written,
    `note` what to do next (neo4j-import: the command that loads the files). A graph without metrics or
    positions (one made in Python) gets them first; a saved one keeps its own.
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
    from graphkit.graph.layout import ensure_layout  # here: the registry above is read by every command
    from graphkit.graph.metrics import ensure_metrics

    ensure_metrics(graph)
    ensure_layout(graph)
    if fmt.files:
        names = (*fmt.files, *fmt.build_files)
        if path.suffix.lower() in FILE_SUFFIXES or path.is_file():
            raise ExportError(f"{fmt.name} writes {', '.join(names)} into a folder: give a folder, not {path}")
        path.mkdir(parents=True, exist_ok=True)
        if not fmt.context:
            write(graph, path)
            return [path / name for name in fmt.files]
        folder = None if build is None else Path(build)
        context = ExportContext(folder, period or DateRange(), warn or _silent, note or _silent)
        written = write(graph, path, context)
        return list(written) if written is not None else [path / name for name in fmt.files]
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name, e.g. {path / ('graph.' + format)}")
    write(graph, path)
    return [path]


def _silent(message: str) -> None:
    """Hear nothing: the default for a caller that gives no `warn` or `note`."""
