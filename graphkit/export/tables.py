"""CSV tables: Gephi's spreadsheet-import node and edge tables, plus mentions, documents and evidence."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.export.values import clean_text, edge_columns, format_value, node_columns, node_ids, row, scalar
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


def _write(path: str | os.PathLike[str], header: list[str], rows: Iterable[list]) -> None:
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_cell(v) for v in r] for r in rows)


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


def write_entities_csv(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Gephi node table: Id, Label, Type, Aliases, Mentions, Documents, then the other node attributes.

    Import in Gephi with File > Import spreadsheet, "Nodes table"; every value is a plain scalar.
    """
    cols = [c for c in node_columns(graph) if c.name != "label"]
    header = ["Id", "Label"] + _headers([c.name for c in cols], ["Id", "Label"])
    ids = node_ids(graph)

    def rows():
        for node, data in graph.nodes(data=True):
            values = row(data, cols)
            yield [ids[node], scalar(data.get("label"), str) or ids[node]] + [values[c.name] for c in cols]

    _write(path, header, rows())


def write_relations_csv(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Gephi edge table: Source, Target, Type (Undirected), Weight, Label, then Relation, Statements, Evidence...

    Import in Gephi with File > Import spreadsheet, "Edges table", after the node table.
    """
    fixed = ["Source", "Target", "Type", "Weight", "Label"]
    cols = [c for c in edge_columns(graph) if c.name not in ("weight", "label")]
    header = fixed + _headers([c.name for c in cols], fixed)
    ids = node_ids(graph)
    direction = "Directed" if graph.is_directed() else "Undirected"

    def rows():
        for u, v, data in graph.edges(data=True):
            values = row(data, cols)
            weight = 1.0 if data.get("weight") is None else scalar(data["weight"], float)
            label = scalar(data.get("label"), str)
            yield [ids[u], ids[v], direction, weight, label] + [values[c.name] for c in cols]

    _write(path, header, rows())


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

    _write(path, MENTION_COLUMNS, rows())


def write_documents_csv(
    documents: Iterable[Document], extractions: Iterable[DocExtraction], path: str | os.PathLike[str]
) -> None:
    counts = {e.document: len(e.mentions) for e in extractions}
    rows = (
        [d.id, d.title, d.author, d.date, d.url, d.source, d.words, counts.get(d.id, 0), d.duplicate_of, d.path]
        for d in documents
    )
    _write(path, DOCUMENT_COLUMNS, rows)


def write_evidence_csv(relations: Iterable[Relation], path: str | os.PathLike[str]) -> None:
    """Every statement of every relation with its sentence and offsets: the full evidence behind the edges."""
    rows = (
        [
            r.source, r.target, r.name, r.directed, r.negated, r.hedged,
            r.evidence.document, r.evidence.start, r.evidence.end, r.evidence.sentence,
        ]
        for r in relations
    )
    _write(path, EVIDENCE_COLUMNS, rows)
