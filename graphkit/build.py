"""The whole job, as one call a notebook can make: read -> extract -> resolve -> relate -> graph -> export."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.html import MAX_NODES, write_html
from graphkit.export.json import write_json
from graphkit.export.tables import (
    write_documents_csv,
    write_entities_csv,
    write_evidence_csv,
    write_mentions_csv,
    write_relations_csv,
)
from graphkit.extract import extract
from graphkit.graph import build_graph
from graphkit.model import DocExtraction, Document, Relation
from graphkit.nlp import DEFAULT_MODEL, load_pipeline
from graphkit.relate import relate
from graphkit.resolve import Resolution, resolve
from graphkit.sources import SourceError, read_sources

OUTPUT_FILES = (
    "graph.html",
    "graph.graphml",
    "graph.gexf",
    "graph.json",
    "entities.csv",
    "relations.csv",
    "mentions.csv",
    "documents.csv",
    "evidence.csv",
)


class EmptyCorpus(SourceError):
    """Nothing readable was found under the given paths."""


@dataclass
class BuildResult:
    documents: list[Document]
    extractions: list[DocExtraction]
    resolution: Resolution
    relations: list[Relation]
    graph: nx.Graph
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    elapsed: float = 0.0


def analyse(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    name: str = "",
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Run the NLP and build the graph for documents already read (no files written)."""
    nlp = load_pipeline(model)
    documents = list(documents)
    extractions = list(extract(nlp, documents, workers=workers, progress=progress))
    resolution = resolve(documents, extractions)
    relations = relate(extractions, resolution)
    graph = build_graph(documents, resolution, relations, name=name)
    return BuildResult(documents, extractions, resolution, relations, graph)


def write_outputs(
    result: BuildResult, out: str | os.PathLike[str], *, max_nodes: int | None = MAX_NODES
) -> dict[str, Path]:
    """Write every output file into `out`, each atomically; graph.html draws at most `max_nodes` (None: all)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in OUTPUT_FILES}
    graph = result.graph
    write_json(graph, paths["graph.json"])
    write_graphml(graph, paths["graph.graphml"])
    write_gexf(graph, paths["graph.gexf"])
    write_entities_csv(graph, paths["entities.csv"])
    write_relations_csv(graph, paths["relations.csv"])
    write_mentions_csv(result.extractions, result.resolution, paths["mentions.csv"])
    write_documents_csv(result.documents, result.extractions, paths["documents.csv"])
    write_evidence_csv(result.relations, paths["evidence.csv"])
    write_html(graph, paths["graph.html"], title=graph.graph.get("name") or "graphkit", max_nodes=max_nodes)
    return paths


def build(
    sources: Iterable[str | os.PathLike[str]] = ("sources",),
    out: str | os.PathLike[str] = "output",
    *,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    warn: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    on_read: Callable[[list[Document]], None] | None = None,
    max_nodes: int | None = MAX_NODES,
) -> BuildResult:
    """Build the graph of the articles under `sources` and write every output file into `out`.

    Raises SourceError for a missing path or an empty corpus, ModelNotFound for a model not installed.
    Unreadable files do not stop the build: each gives a warning (passed to `warn` and kept on the result).
    """
    started = time.perf_counter()
    warnings: list[str] = []

    def record(message: str) -> None:
        warnings.append(message)
        if warn:
            warn(message)

    sources = [os.fspath(s) for s in sources]
    documents = read_sources(sources, warn=record)
    if not documents:
        raise EmptyCorpus(f"no readable articles found in {', '.join(sources)}")
    if on_read:
        on_read(documents)
    name = ", ".join(Path(s).name or s for s in sources)
    result = analyse(documents, model=model, workers=workers, name=name, progress=progress)
    result.warnings = warnings
    result.outputs = write_outputs(result, out, max_nodes=max_nodes)
    result.elapsed = time.perf_counter() - started
    return result
