"""Parquet tables of a graph and its build, for DuckDB, pandas, Polars and Spark: `-f parquet -o DIR`.

entities.parquet and relations.parquet are the Gephi tables (graphkit.export.tables.entity_columns and
relation_columns: the columns of entities.csv and relations.csv, in their order); evidence.parquet,
mentions.parquet and documents.parquet are the build's tables beside graph.json, read from their CSV files
(graphkit.export.tables.BUILD_COLUMN_KINDS types their columns). Every column has one type (integers,
floats, booleans, text) and an empty text cell is null. Rows go out in row groups as they are read; each
file is written beside its place and renamed there only when all of them are written, so a failed export
leaves the earlier files as they were.

For a part of the graph (a filter or a date range: the graph attribute `filter`), the build's tables keep
the rows of the entities exported: the evidence between two of them (of a date range, the statements
dated within it), their mentions, and the documents of those rows.

>>> write_parquet(read_graph("output/graph.json"), "tables", ExportContext(Path("output")))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.export.context import ExportContext, ExportError
from graphkit.export.tables import BUILD_COLUMN_KINDS, cell_text, entity_columns, relation_columns
from graphkit.export.values import clean_graph
from graphkit.model import Evidence, Format, Relation
from graphkit.periods import statement_date

if TYPE_CHECKING:
    import networkx as nx

ROWS_PER_GROUP = 65536  # a row group: what a reader reads at once; big enough to compress well
MISSING_PYARROW = "the Parquet export needs pyarrow: pip install 'graphkit[dask]'"
# the build table each file is made from, and the column that says which entity or document a row is about
BUILD_SOURCES = {
    "evidence.parquet": "evidence.csv",
    "mentions.parquet": "mentions.csv",
    "documents.parquet": "documents.csv",
}


def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, imported only when a Parquet file is written (an optional dependency)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ExportError(MISSING_PYARROW) from None
    return pyarrow, pyarrow.parquet


def _arrow_type(pa: Any, kind: type) -> Any:
    return {int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(kind, pa.string())


def _nulls(values: list[Any], kind: type) -> list[Any]:
    """Text with empty cells as nulls; numbers and booleans as they are (the graph has no missing ones)."""
    return [v or None for v in values] if kind is str else values


def _write_table(
    handle: IO[bytes], header: list[str], kinds: list[type], batches: Iterator[list[list[Any]]], pa: Any, pq: Any
) -> None:
    """Write the batches (each a list of columns) as one row group each."""
    schema = pa.schema([(name, _arrow_type(pa, kind)) for name, kind in zip(header, kinds, strict=True)])
    with pq.ParquetWriter(handle, schema) as writer:
        for columns in batches:
            arrays = [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)]
            writer.write_batch(pa.record_batch(arrays, schema=schema))


def _graph_batches(columns: list[tuple[str, type, list[Any]]]) -> Iterator[list[list[Any]]]:
    rows = len(columns[0][2]) if columns else 0
    for start in range(0, rows, ROWS_PER_GROUP):
        yield [_nulls(values[start : start + ROWS_PER_GROUP], kind) for _, kind, values in columns]


def _cell(value: str, kind: type) -> Any:
    """A CSV cell as the value it stands for; an empty cell is null. ValueError says what is wrong."""
    if value == "":
        return None
    if kind is str:
        return cell_text(value)
    if kind is bool:
        if value.lower() not in ("true", "false"):
            raise ValueError(f"{value!r} is not true or false")
        return value.lower() == "true"
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _typed(cells: list[str], kind: type) -> list[Any]:
    """A column of CSV cells as values of `kind` (`_cell` of each; text, most of them, without a call)."""
    if kind is str:
        return [(cell_text(c) if c[:1] == "'" else c) if c else None for c in cells]
    if kind is int:
        return [int(c) if c else None for c in cells]
    return [_cell(c, kind) for c in cells]


class _BuildTable:
    """One build table read back from its CSV file, row by row, typed, optionally only some rows."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self.reader = csv.reader(handle)
        self.header: list[str] = next(self.reader, [])
        if not self.header:
            raise ExportError(f"{path}: empty file, no header: run `graphkit build` to write it again")
        types = BUILD_COLUMN_KINDS.get(path.name, {})
        self.kinds = [types.get(name, str) for name in self.header]
        self.column = {name: index for index, name in enumerate(self.header)}

    def rows(self, keep: Callable[[list[str]], bool] | None) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of the rows kept."""
        width = len(self.header)
        for cells in self.reader:
            if len(cells) != width:
                raise ExportError(
                    f"{self.path}: line {self.reader.line_num} has {len(cells)} cells, the header {width}"
                )
            if keep is None or keep(cells):
                yield self.reader.line_num, cells

    def batches(self, keep: Callable[[list[str]], bool] | None) -> Iterator[list[list[Any]]]:
        """The rows kept, ROWS_PER_GROUP at a time, as typed columns; a cell that is not of its column's
        type stops the export with one line naming the file, the line and the column."""
        rows = self.rows(keep)
        while batch := list(islice(rows, ROWS_PER_GROUP)):
            lines = [line for line, _ in batch]
            columns = [list(column) for column in zip(*(cells for _, cells in batch), strict=True)]
            typed = []
            for name, kind, cells in zip(self.header, self.kinds, columns, strict=True):
                try:
                    typed.append(_typed(cells, kind))
                except ValueError:
                    line, error = next((n, e) for n, c in zip(lines, cells, strict=True) if (e := _error(c, kind)))
                    raise ExportError(f"{self.path}: line {line}, column {name}: {error}") from None
            yield typed


def _error(cell: str, kind: type) -> str:
    """What is wrong with a cell of a column of `kind` ('' when nothing is)."""
    try:
        _cell(cell, kind)
    except ValueError as error:
        return str(error)
    return ""


def _document_dates(path: Path) -> dict[str, str]:
    """document -> its date, from documents.csv (none without it): what dates a statement whose sentence
    gives no date."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return {cell_text(r.get("document") or ""): cell_text(r.get("date") or "") for r in csv.DictReader(handle)}
    except (OSError, csv.Error, UnicodeDecodeError):
        return {}


def _row_filters(
    graph: nx.Graph, tables: dict[str, _BuildTable], context: ExportContext
) -> dict[str, Callable[[list[str]], bool] | None]:
    """For a part of the graph, which rows of each build table go with it; for the whole graph, all.

    A part keeps the evidence between two of its entities (of a date range: the statements it holds, dated
    as graphkit.periods.statement_date dates them), the mentions of its entities (of a date range: in the
    documents of those statements or dated within it), and the documents of the rows kept.
    """
    if not graph.graph.get("filter"):
        return dict.fromkeys(tables)
    entities = {str(node) for node in graph.nodes}
    period = context.period
    dates = _document_dates(context.build / "documents.csv") if period and context.build else {}
    documents: set[str] = set()
    stated: set[str] = set()  # the documents of the statements kept

    def columns(table: str, *names: str) -> list[int]:
        found = [tables[table].column.get(name) for name in names]
        if any(index is None for index in found):
            raise ExportError(f"{tables[table].path}: no column {', '.join(names)}: run `graphkit build` again")
        return [index for index in found if index is not None]

    def evidence(table: str) -> Callable[[list[str]], bool]:
        source, target, document, date = columns(table, "source", "target", "document", "date")

        def keep(cells: list[str]) -> bool:
            if cell_text(cells[source]) not in entities or cell_text(cells[target]) not in entities:
                return False
            doc = cell_text(cells[document])
            if period:
                statement = Relation("", "", "", Evidence(doc, "", 0, 0), date=cell_text(cells[date]))
                if not period.holds(statement_date(statement, dates)):
                    return False
                stated.add(doc)
            documents.add(doc)
            return True

        return keep

    def mentions(table: str) -> Callable[[list[str]], bool]:
        entity, document = columns(table, "entity", "document")

        def keep(cells: list[str]) -> bool:
            if cell_text(cells[entity]) not in entities:
                return False
            doc = cell_text(cells[document])
            if period and doc not in stated and not period.holds(dates.get(doc, "")):
                return False
            documents.add(doc)
            return True

        return keep

    def in_documents(table: str) -> Callable[[list[str]], bool]:
        (document,) = columns(table, "document")
        return lambda cells: cell_text(cells[document]) in documents

    kinds = {"evidence.csv": evidence, "mentions.csv": mentions, "documents.csv": in_documents}
    return {name: kinds[name](name) for name in tables}


def write_parquet(graph: nx.Graph, folder: str | os.PathLike[str], context: ExportContext) -> list[Path]:
    """Write the Parquet tables of `graph` into `folder` (which exists), and those of the build folder
    `context.build` that are there; returns the files written. A missing table is one `context.warn`."""
    pa, pq = _pyarrow()
    folder = Path(folder)
    clean = clean_graph(graph)
    written: list[Path] = []
    with ExitStack() as stack:  # every file renamed into place at the end, or none
        for name, columns in (
            ("entities.parquet", entity_columns(clean)),
            ("relations.parquet", relation_columns(clean)),
        ):
            handle = stack.enter_context(atomic_open(folder / name, "wb"))
            header, kinds = [c[0] for c in columns], [c[1] for c in columns]
            _write_table(handle, header, kinds, _graph_batches(columns), pa, pq)
            written.append(folder / name)
        tables: dict[str, _BuildTable] = {}
        targets: dict[str, str] = {}
        for target, source in BUILD_SOURCES.items():
            path = context.build / source if context.build is not None else None
            if path is None:
                context.warn(
                    f"{target} not written: it is made from {source} of a build, and no build folder was given"
                )
                continue
            try:
                handle_in = stack.enter_context(open(path, encoding="utf-8", newline=""))
            except FileNotFoundError:
                context.warn(f"{target} not written: no {source} beside the graph in {context.build}")
                continue
            except OSError as error:
                raise ExportError(f"cannot read {path}: {error.strerror or error}") from None
            tables[source] = _BuildTable(path, handle_in)
            targets[source] = target
        filters = _row_filters(graph, tables, context)
        try:
            for source, table in tables.items():
                handle = stack.enter_context(atomic_open(folder / targets[source], "wb"))
                _write_table(handle, table.header, table.kinds, table.batches(filters[source]), pa, pq)
                written.append(folder / targets[source])
        except (csv.Error, UnicodeDecodeError) as error:
            raise ExportError(f"{table.path}: not a CSV table graphkit wrote ({error})") from None
    return written


PARQUET = Format(
    "parquet",
    (),
    "a folder of typed Parquet tables for DuckDB, pandas, Polars, Spark",
    write=write_parquet,
    title="Parquet tables",
    files=("entities.parquet", "relations.parquet"),
    build_files=tuple(BUILD_SOURCES),
    context=True,
)
