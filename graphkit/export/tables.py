"""CSV tables: Gephi's spreadsheet-import node and edge tables, plus mentions, documents and evidence."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable

import networkx as nx

from graphkit.export.atomic import atomic_open
from graphkit.model import DocExtraction, Document, Relation
from graphkit.resolve import Resolution
from graphkit.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

MENTION_COLUMNS = ["document", "start", "end", "text", "type", "entity"]
DOCUMENT_COLUMNS = ["document", "title", "author", "date", "url", "source", "words", "mentions", "duplicate_of", "path"]
EVIDENCE_COLUMNS = [
    "source", "target", "relation", "directed", "negated", "hedged", "document", "start", "end", "sentence",
]


def column(name: str) -> str:
    """Schema attribute -> table column, in Gephi's capitalised style: first_seen -> FirstSeen."""
    return name.title().replace("_", "")


def _write(path: str | os.PathLike[str], header: list[str], rows: Iterable[list]) -> None:
    with atomic_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_entities_csv(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Gephi node table: Id, Label, Type, Aliases, Mentions, Documents, then the other node attributes."""
    names = list(NODE_ATTRIBUTES)
    header = ["Id"] + [column(n) for n in names]
    _write(path, header, ([node] + [data.get(n, "") for n in names] for node, data in graph.nodes(data=True)))


def write_relations_csv(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Gephi edge table: Source, Target, Type (Undirected), Weight, Label, Evidence and the rest."""
    names = [n for n in EDGE_ATTRIBUTES if n not in ("weight", "label")]
    header = ["Source", "Target", "Type", "Weight", "Label"] + [column(n) for n in names]
    rows = (
        [u, v, "Undirected", data.get("weight", 1.0), data.get("label", "")] + [data.get(n, "") for n in names]
        for u, v, data in graph.edges(data=True)
    )
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
                yield [extraction.document, m.start, m.end, m.text, m.type, entity or ""]

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
