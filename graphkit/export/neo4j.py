"""Node and relationship files for Neo4j's bulk importer: `graphkit export -f neo4j-import -o DIR`.

`neo4j-admin database import full` loads millions of entities in minutes where the Cypher script's
transactions would take hours. nodes.csv has the header `id:ID,label:string,type:string,aliases:string[],
mentions:long,...,:LABEL` and relationships.csv `:START_ID,:END_ID,:TYPE,weight:double,...` (the header
format of the Neo4j operations manual, "Import > Header format"). Labels, relationship types, directions
and property names are those of the Cypher export (graphkit.export.cypher): every entity is an `Entity`
with the label of its type, every edge one relationship named after its strongest relation, pointing from
its subject. The attributes that hold lists (graphkit.schema.NODE_LISTS, EDGE_LISTS: aliases, relation
names, statements, evidence sentences...) are `string[]` arrays, their items joined with `;` (the
importer's default array delimiter) or, when an item holds one, the first of ARRAY_DELIMITERS no item
holds, given to the command with --array-delimiter. An empty cell sets no property.

The command that loads the files, with the options they need, is given to `context.note` after writing:

>>> write_neo4j_import(graph, "neo4j", ExportContext(note=print))                           # doctest: +SKIP
neo4j-admin database import full neo4j --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv
"""

from __future__ import annotations

import csv
import os
import shlex
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.export.context import ExportContext, ExportError
from graphkit.export.cypher import entity_labels, relationships
from graphkit.export.values import Column, edge_columns, node_columns, node_ids, row
from graphkit.model import Format
from graphkit.schema import EDGE_LISTS, NODE_LISTS, split_items

if TYPE_CHECKING:
    import networkx as nx

NODES = "nodes.csv"
RELATIONSHIPS = "relationships.csv"
# Property types of the header format for graphkit's four kinds; integers and floats at full width.
NEO4J_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# ';' is the importer's default; the others are tried in turn when an item of a list holds it.
ARRAY_DELIMITERS = (";", "|", "^", "~", "¦")


def _property(name: str) -> str:
    """A property key the header can carry: its ':' would start a type."""
    return name.replace(":", "_")


def header(cols: list[Column], lists: dict[str, str]) -> list[str]:
    """`name:type` fields of the columns, `string[]` for the list attributes."""
    return [f"{_property(c.name)}:{'string[]' if c.name in lists else NEO4J_TYPES[c.kind]}" for c in cols]


def _cell(value: Any, name: str, lists: dict[str, str], delimiter: str) -> str:
    if name in lists:
        return delimiter.join(split_items(value, lists[name]))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def array_delimiter(graph: nx.Graph, ncols: list[Column], ecols: list[Column]) -> str:
    """The first of ARRAY_DELIMITERS that no item of any list attribute holds."""
    free = list(ARRAY_DELIMITERS)
    items = [
        *(
            (data.get(c.name), NODE_LISTS[c.name])
            for _, data in graph.nodes(data=True)
            for c in ncols
            if c.name in NODE_LISTS
        ),
        *(
            (data.get(c.name), EDGE_LISTS[c.name])
            for _, _, data in graph.edges(data=True)
            for c in ecols
            if c.name in EDGE_LISTS
        ),
    ]
    for value, separator in items:
        for item in split_items(value, separator):
            free = [d for d in free if d not in item]
            if not free:
                raise ExportError(
                    f"every array delimiter ({' '.join(ARRAY_DELIMITERS)}) is in some list item (e.g. {item[:60]!r})"
                )
    return free[0]


def import_command(folder: Path, delimiter: str = ";", multiline: bool = False, database: str = "neo4j") -> str:
    """The `neo4j-admin database import full` command that loads the files of `folder` (Neo4j 5)."""
    # the database first: --nodes=<files>... takes every word after it that is not an option
    words = [
        "neo4j-admin database import full",
        shlex.quote(database),
        f"--nodes={shlex.quote(str(folder / NODES))}",
        f"--relationships={shlex.quote(str(folder / RELATIONSHIPS))}",
    ]
    if delimiter != ";":
        words.append(f"--array-delimiter={shlex.quote(delimiter)}")
    if multiline:
        words.append("--multiline-fields=true")
    return " ".join(words)


class _Rows:
    """Rows on their way to a file; notes whether a cell spans lines (the importer must be told)."""

    def __init__(self) -> None:
        self.multiline = False

    def __call__(self, rows: Iterable[list[str]]) -> Iterator[list[str]]:
        for cells in rows:
            if not self.multiline and any("\n" in cell or "\r" in cell for cell in cells):
                self.multiline = True
            yield cells


def write_neo4j_import(graph: nx.Graph, folder: str | os.PathLike[str], context: ExportContext) -> None:
    """Write nodes.csv and relationships.csv into `folder` (which exists), both or neither, then give
    `context.note` the command that loads them."""
    folder = Path(folder)
    ids = node_ids(graph)
    ncols = [c for c in node_columns(graph) if c.name != "id"]  # `id` is the :ID
    ecols = edge_columns(graph)
    delimiter = array_delimiter(graph, ncols, ecols)
    watch = _Rows()

    def node_rows() -> Iterator[list[str]]:
        for node, data in graph.nodes(data=True):
            values = row(data, ncols)
            cells = [_cell(values[c.name], c.name, NODE_LISTS, delimiter) for c in ncols]
            yield [ids[node], *cells, delimiter.join(entity_labels(data))]

    def relationship_rows() -> Iterator[list[str]]:
        for source, target, rel_type, values in relationships(graph, ids, ecols):
            yield [source, target, rel_type, *(_cell(values[c.name], c.name, EDGE_LISTS, delimiter) for c in ecols)]

    with ExitStack() as stack:  # both files renamed into place at the end, or neither
        for name, fields, rows in (
            (NODES, ["id:ID", *header(ncols, NODE_LISTS), ":LABEL"], node_rows()),
            (RELATIONSHIPS, [":START_ID", ":END_ID", ":TYPE", *header(ecols, EDGE_LISTS)], relationship_rows()),
        ):
            handle = stack.enter_context(atomic_open(folder / name, newline=""))
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(fields)
            writer.writerows(watch(rows))
    context.note(
        "load them with Neo4j stopped, into a database that does not exist yet "
        "(add --overwrite-destination=true to replace one):"
    )
    context.note(import_command(folder, delimiter, watch.multiline))


NEO4J_IMPORT = Format(
    "neo4j-import",
    (),
    "node and relationship files for neo4j-admin database import",
    write=write_neo4j_import,
    title="neo4j-admin import files",
    files=(NODES, RELATIONSHIPS),
    context=True,
)
