"""CSV tables: Gephi's spreadsheet-import node and edge tables, plus mentions, documents and evidence."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.export.values import CleanGraph, clean_graph, clean_text, format_column, format_value
from graphkit.model import DocExtraction, Document, Relation
from graphkit.resolve import Resolution

MENTION_COLUMNS = ["document", "start", "end", "text", "type", "entity", "source"]
DOCUMENT_COLUMNS = ["document", "title", "author", "date", "url", "source", "words", "mentions", "duplicate_of", "path"]
EVIDENCE_COLUMNS = [
    "source", "target", "relation", "directed", "negated", "hedged", "document", "start", "end", "sentence",
]


def column(name: str) -> str:
    """Schema attribute -> table column, in Gephi's capitalised style: first_seen -> FirstSeen."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_")) or name


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    return format_value(value) if isinstance(value, (bool, float)) else value


def _cells(rows: Iterable[Iterable[Any]]) -> Iterator[list[Any]]:
    """Rows of any values as CSV cells: text cleaned, floats with every digit, bools lowercase."""
    for r in rows:
        # most cells are ints or text with nothing to clean: keep them without a call
        yield [v if (t := type(v)) is int or t is str and v.isprintable() else _cell(v) for v in r]


def _write(path: str | os.PathLike[str], header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    """Write `header` and `rows` (cells already clean), atomically."""
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


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


def _column_cells(clean: CleanGraph, scope: str, names: list[str]) -> list[list[Any]]:
    """The cells of the named node or edge columns, column by column."""
    table = clean.nodes if scope == "node" else clean.edges
    kinds = {c.name: c.kind for c in table.columns}
    return [format_column(table.values[name], kinds[name]) if kinds[name] is not int else table.values[name]
            for name in names]


def write_entities_csv(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Gephi node table: Id, Label, Type, Aliases, Mentions, Documents, then the other node attributes.

    Import in Gephi with File > Import spreadsheet, "Nodes table"; every value is a plain scalar.
    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    clean = clean or clean_graph(graph)
    names = [c.name for c in clean.nodes.columns if c.name != "label"]
    header = ["Id", "Label"] + _headers(names, ["Id", "Label"])
    _write(path, header, zip(clean.node_ids, clean.labels, *_column_cells(clean, "node", names), strict=True))


def write_relations_csv(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Gephi edge table: Source, Target, Type (Undirected), Weight, Label, then Relation, Statements, Evidence...

    Import in Gephi with File > Import spreadsheet, "Edges table", after the node table.
    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    clean = clean or clean_graph(graph)
    fixed = ["Source", "Target", "Type", "Weight", "Label"]
    names = [c.name for c in clean.edges.columns if c.name not in ("weight", "label")]
    header = fixed + _headers(names, fixed)
    edges = clean.edges
    types = ["Directed" if clean.directed else "Undirected"] * len(edges.items)
    weights = format_column(clean.weights, float)
    columns = _column_cells(clean, "edge", names)
    rows = zip(clean.sources, clean.targets, types, weights, edges.values["label"], *columns, strict=True)
    _write(path, header, rows)


def write_mentions_csv(
    extractions: Iterable[DocExtraction], resolution: Resolution, path: str | os.PathLike[str]
) -> None:
    """One row per mention; start and end are character offsets into the document text as read."""

    def rows():
        for extraction in extractions:
            entities = resolution.mention_entities.get(extraction.document, [])
            for index, m in enumerate(extraction.mentions):
                entity = entities[index] if index < len(entities) else None
                yield [extraction.document, m.start, m.end, m.text, m.type, entity or "", m.source]

    _write(path, MENTION_COLUMNS, _cells(rows()))


def write_documents_csv(
    documents: Iterable[Document], extractions: Iterable[DocExtraction], path: str | os.PathLike[str]
) -> None:
    counts = {e.document: len(e.mentions) for e in extractions}
    rows = (
        [d.id, d.title, d.author, d.date, d.url, d.source, d.words, counts.get(d.id, 0), d.duplicate_of, d.path]
        for d in documents
    )
    _write(path, DOCUMENT_COLUMNS, _cells(rows))


def write_evidence_csv(relations: Iterable[Relation], path: str | os.PathLike[str]) -> None:
    """Every statement of every relation with its sentence and offsets: the full evidence behind the edges."""
    rows = (
        [
            r.source, r.target, r.name, r.directed, r.negated, r.hedged,
            r.evidence.document, r.evidence.start, r.evidence.end, r.evidence.sentence,
        ]
        for r in relations
    )
    _write(path, EVIDENCE_COLUMNS, _cells(rows))
