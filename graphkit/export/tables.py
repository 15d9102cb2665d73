"""CSV tables: Gephi's spreadsheet-import node and edge tables, plus mentions, documents, evidence and merges."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.export.values import CleanGraph, clean_graph, clean_text, format_column, format_value
from graphkit.extract.columns import mention_rows
from graphkit.model import DocExtraction, Document, Format, Relation, Resolution

if TYPE_CHECKING:
    import networkx as nx

MENTION_COLUMNS = ["document", "start", "end", "text", "type", "entity", "source"]
DOCUMENT_COLUMNS = ["document", "title", "author", "date", "url", "source", "words", "mentions", "duplicate_of", "path"]
EVIDENCE_COLUMNS = [
    "source",
    "target",
    "relation",
    "relation_class",
    "stance",
    "directed",
    "negated",
    "hedged",
    "according_to",
    "via",
    "date",
    "date_source",
    "document",
    "start",
    "end",
    "sentence",
]
MERGE_COLUMNS = ["entity", "rule", "form", "into", "detail"]
# The columns of the build tables that hold numbers or booleans (every other one is text): the types a
# typed copy of a table (the Parquet export) gives them, where a CSV cell is text.
BUILD_COLUMN_KINDS: dict[str, dict[str, type]] = {
    "mentions.csv": {"start": int, "end": int},
    "documents.csv": {"words": int, "mentions": int},
    "evidence.csv": {"directed": bool, "negated": bool, "hedged": bool, "start": int, "end": int},
}
_NEEDS_QUOTES = re.compile('[,"\r\n]')  # what makes the csv module quote a field (excel dialect)
# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): =, +, -, @, tab, carriage return
_FORMULA_START = re.compile("(?:^|\x00)[=+\\-@\t\r]")
_FORMULA_CHARACTERS = frozenset("=+-@\t\r")
_LINES_PER_WRITE = 4096


def column(name: str) -> str:
    """Schema attribute -> table column, in Gephi's capitalised style: first_seen -> FirstSeen."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_")) or name


def _text(value: Any) -> str:
    """A value as the text of a cell: text cleaned, floats with every digit, bools lowercase, None empty."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (bool, float)):
        return format_value(value)
    return "" if value is None else str(value)


def _texts(values: Sequence[Any]) -> list[str]:
    """`_text` of every value of a column; most are text with nothing to clean, kept without a call."""
    return [v if type(v) is str and v.isprintable() else _text(v) for v in values]


def _neutralised(texts: list[str]) -> list[str]:
    """Text cells that a spreadsheet would run as a formula, with a leading apostrophe: Excel and LibreOffice
    show the text and run nothing ("=cmd|' /C calc'!A0 ..." stays that text). Only for text columns: a
    negative number in a numeric column is a number."""
    if not _FORMULA_START.search("\x00".join(texts)):
        return texts
    return ["'" + t if t[:1] in _FORMULA_CHARACTERS else t for t in texts]


def cell_text(cell: str) -> str:
    """The text of a cell as graphkit wrote it: without the apostrophe `_neutralised` put before a formula
    character (readers of graphkit's own tables, such as `graphkit show`, see the text as it was)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_CHARACTERS else cell


def read_back(value: Any) -> str:
    """The text a reader of graphkit's tables gets back (through cell_text) from a text cell holding `value`."""
    return cell_text(_neutralised(_texts([value]))[0])


def _quoted(texts: list[str]) -> list[str]:
    """Texts as CSV fields, as the csv module writes them (excel dialect): quoted, with quotes doubled,
    when they hold a comma, a quote or a line break."""
    needs_quotes = _NEEDS_QUOTES.search
    if not needs_quotes("".join(texts)):
        return texts
    return ['"' + t.replace('"', '""') + '"' if needs_quotes(t) else t for t in texts]


def _write(
    path: str | os.PathLike[str],
    header: list[str],
    columns: Sequence[Sequence[Any]],
    kinds: Sequence[type | None] = (),
    numeric: Collection[int] = (),
) -> None:
    """Write `header` and the rows of `columns` (one sequence of values per column), atomically.

    Each column's values are clean texts, or clean values of the type its entry in `kinds` gives (None:
    texts), formatted by format_column. Every cell is text that may start a formula (`_neutralised`),
    except in the columns whose index is in `numeric`. Written a batch of rows at a time, each cell
    formatted, neutralised and quoted only in its batch, so no column of text is ever made whole; not
    through csv.writer, which takes half a second per 10 MB; the bytes are the same.
    """
    kinds = list(kinds) + [None] * (len(columns) - len(kinds))
    rows = len(columns[0]) if columns else 0
    with atomic_open(path, newline="") as handle:
        handle.write(",".join(_quoted(_neutralised(_texts(header)))) + "\r\n")
        for start in range(0, rows, _LINES_PER_WRITE):
            cells = []
            for index, (values, kind) in enumerate(zip(columns, kinds, strict=True)):
                texts = values[start : start + _LINES_PER_WRITE]
                texts = list(texts) if kind is None else format_column(list(texts), kind)
                cells.append(_quoted(texts if index in numeric else _neutralised(texts)))
            handle.write("\r\n".join(map(",".join, zip(*cells, strict=True))) + "\r\n")


def _write_rows(path: str | os.PathLike[str], header: list[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write `header` and `rows` of any values (one value per column in each), atomically, as they come:
    a batch of rows at a time, never the whole table. A cell holding a number is written as it is; any
    other may start a formula (`_neutralised`)."""
    rows = iter(rows)
    with atomic_open(path, newline="") as handle:
        handle.write(",".join(_quoted(_neutralised(_texts(header)))) + "\r\n")
        while batch := list(islice(rows, _LINES_PER_WRITE)):
            cells = []
            for index in range(len(header)):
                values = [row[index] for row in batch]
                texts = _texts(values)
                numbers = [type(v) in (int, float) for v in values]
                if not any(numbers):
                    texts = _neutralised(texts)
                elif not all(numbers):
                    texts = [t if number else _neutralised([t])[0] for number, t in zip(numbers, texts, strict=True)]
                cells.append(_quoted(texts))
            handle.write("\r\n".join(map(",".join, zip(*cells, strict=True))) + "\r\n")


def _headers(names: list[str], fixed: list[str]) -> list[str]:
    """Column names for `names`, never repeating one of `fixed` (Gephi matches them case-insensitively)."""
    taken = {f.lower() for f in fixed}
    headers = []
    for name in names:
        header = column(name)
        while header.lower() in taken:
            header += "_"
        taken.add(header.lower())
        headers.append(header)
    return headers


def entity_columns(clean: CleanGraph) -> list[tuple[str, type, list[Any]]]:
    """The node table as (header, type, clean values), column by column: Id, Label, Type, Aliases, Mentions,
    Documents, then the other node attributes. entities.csv writes it as text, entities.parquet typed."""
    names = [c.name for c in clean.nodes.columns if c.name != "label"]
    kinds = {c.name: c.kind for c in clean.nodes.columns}
    headers = _headers(names, ["Id", "Label"])
    return [
        ("Id", str, clean.node_ids),
        ("Label", str, clean.labels),
        *((header, kinds[name], clean.nodes.values[name]) for header, name in zip(headers, names, strict=True)),
    ]


def relation_columns(clean: CleanGraph) -> list[tuple[str, type, list[Any]]]:
    """The edge table as (header, type, clean values), column by column: Source, Target, Type (Undirected),
    Weight, Label, then Relation, Statements, Evidence... relations.csv writes it as text, relations.parquet
    typed."""
    fixed = ["Source", "Target", "Type", "Weight", "Label"]
    names = [c.name for c in clean.edges.columns if c.name not in ("weight", "label")]
    kinds = {c.name: c.kind for c in clean.edges.columns}
    edges = clean.edges
    types = ["Directed" if clean.directed else "Undirected"] * len(edges.items)
    return [
        ("Source", str, clean.sources),
        ("Target", str, clean.targets),
        ("Type", str, types),
        ("Weight", float, clean.weights),
        ("Label", str, edges.values["label"]),
        *(
            (header, kinds[name], edges.values[name])
            for header, name in zip(_headers(names, fixed), names, strict=True)
        ),
    ]


def _write_columns(path: str | os.PathLike[str], columns: list[tuple[str, type, list[Any]]]) -> None:
    """Write typed columns as a CSV table: numbers as numbers, every other cell as text."""
    numeric = [i for i, (_, kind, _) in enumerate(columns) if kind in (int, float)]
    _write(path, [h for h, _, _ in columns], [v for _, _, v in columns], [k for _, k, _ in columns], numeric)


def write_entities_csv(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Gephi node table: Id, Label, Type, Aliases, Mentions, Documents, then the other node attributes.

    Import in Gephi with File > Import spreadsheet, "Nodes table"; every value is a plain scalar.
    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    _write_columns(path, entity_columns(clean or clean_graph(graph)))


def write_relations_csv(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Gephi edge table: Source, Target, Type (Undirected), Weight, Label, then Relation, Statements, Evidence...

    Import in Gephi with File > Import spreadsheet, "Edges table", after the node table.
    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    _write_columns(path, relation_columns(clean or clean_graph(graph)))


def write_mentions_csv(
    extractions: Iterable[DocExtraction], resolution: Resolution, path: str | os.PathLike[str]
) -> None:
    """One row per mention; start and end are character offsets into the document text as read."""

    def rows():
        for extraction in extractions:
            entities = resolution.mention_entities.get(extraction.document, [])
            for index, (start, end, text, kind, _, _, source) in enumerate(mention_rows(extraction.mentions)):
                entity = entities[index] if index < len(entities) else None
                yield (extraction.document, start, end, text, kind, entity or "", source)

    _write_rows(path, MENTION_COLUMNS, rows())


def mention_keys(extractions: Iterable[DocExtraction], resolution: Resolution) -> Iterator[tuple[str, str]]:
    """(entity, document) of each row of mentions.csv, as a reader of the file gets them back."""
    for extraction in extractions:
        entities = resolution.mention_entities.get(extraction.document, [])
        document = read_back(extraction.document)
        for index in range(len(extraction.mentions)):
            entity = entities[index] if index < len(entities) else None
            yield read_back(entity or ""), document


def document_keys(documents: Iterable[Document]) -> Iterator[tuple[str, str, str]]:
    """(id, title, date) of each row of documents.csv, as a reader of the file gets them back."""
    return ((read_back(d.id), read_back(d.title), read_back(d.date)) for d in documents)


def write_documents_csv(
    documents: Iterable[Document], extractions: Iterable[DocExtraction], path: str | os.PathLike[str]
) -> None:
    counts = {e.document: len(e.mentions) for e in extractions}
    rows = (
        (d.id, d.title, d.author, d.date, d.url, d.source, d.words, counts.get(d.id, 0), d.duplicate_of, d.path)
        for d in documents
    )
    _write_rows(path, DOCUMENT_COLUMNS, rows)


def write_evidence_csv(relations: Iterable[Relation], path: str | os.PathLike[str]) -> None:
    """Every statement of every relation with its sentence and offsets: the full evidence behind the edges."""
    rows = (
        (
            r.source,
            r.target,
            r.name,
            r.relation_class,
            r.stance,
            r.directed,
            r.negated,
            r.hedged,
            r.according_to,
            r.via,
            r.date,
            r.date_source,
            r.evidence.document,
            r.evidence.start,
            r.evidence.end,
            r.evidence.sentence,
        )
        for r in relations
    )
    _write_rows(path, EVIDENCE_COLUMNS, rows)


def write_merges_csv(resolution: Resolution, path: str | os.PathLike[str]) -> None:
    """Every join the automatic rules made, with its rule: what `graphkit review` asks about."""
    rows = ((m.entity, m.rule, m.form, m.into, m.detail) for m in resolution.merges)
    _write_rows(path, MERGE_COLUMNS, rows)


def write_csv_tables(graph: nx.Graph, folder: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """The two Gephi tables of `graph` (CSV.files) into `folder`, which exists."""
    clean = clean or clean_graph(graph)
    write_entities_csv(graph, Path(folder) / "entities.csv", clean)
    write_relations_csv(graph, Path(folder) / "relations.csv", clean)


CSV = Format(
    "csv",
    (),
    "a folder with the Gephi node and edge tables",
    write=write_csv_tables,
    title="CSV tables",
    files=("entities.csv", "relations.csv"),
)

# Tables only a build has the data for (mentions, documents, statements), written beside the graph's files.
BUILD_TABLES = ("mentions.csv", "documents.csv", "evidence.csv", "merges.csv")
