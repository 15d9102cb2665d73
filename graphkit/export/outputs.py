"""The files of one build: every output written into the output folder, each atomically."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graphkit.export.formats import EXPORT_BY_NAME
from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.graphstore import STORE_FILE, write_graph_store
from graphkit.export.html import MAX_NODES, write_html
from graphkit.export.json import write_json
from graphkit.export.tables import (
    BUILD_TABLES,
    document_keys,
    mention_keys,
    write_csv_tables,
    write_documents_csv,
    write_evidence_csv,
    write_mentions_csv,
    write_merges_csv,
)
from graphkit.export.values import clean_graph
from graphkit.model import DocExtraction, Document, Format, Relation, Resolution
from graphkit.processes import default_workers, run_beside

# The export formats a build writes, in this order: each as graph.<suffix>, or its files for a folder format.
BUILD_FORMATS = ("html", "graphml", "gexf", "json", "csv")


def build_file_names(fmt: Format) -> tuple[str, ...]:
    """The files a build writes in `fmt`: a folder format's files, else graph plus its usual suffix."""
    return fmt.files or (f"graph{fmt.suffixes[0]}",)


OUTPUT_FILES = (
    *(name for fmt in BUILD_FORMATS for name in build_file_names(EXPORT_BY_NAME[fmt])),
    *BUILD_TABLES,
    STORE_FILE,
)


PARALLEL_WRITE_EDGES = 5000  # below this the files take milliseconds: not worth a second process


def write_build_files(
    graph: nx.Graph,
    documents: list[Document],
    extractions: list[DocExtraction],
    resolution: Resolution,
    relations: list[Relation],
    out: str | os.PathLike[str],
    *,
    max_nodes: int | None = MAX_NODES,
    workers: int | None = None,
) -> dict[str, Path]:
    """Write every output file into `out`, each atomically; graph.html draws at most `max_nodes` (None: all).

    With more than one worker (default: every core) and a large graph, a forked process writes GraphML,
    GEXF, the two Gephi tables and the page while this one writes the rest (bench/bench_export.py times both ways).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in OUTPUT_FILES}

    def write_gephi_files() -> None:
        clean = clean_graph(graph)  # every value cleaned and typed once, for the four files of the graph
        write_graphml(graph, paths["graph.graphml"], clean)
        write_gexf(graph, paths["graph.gexf"], clean)
        write_csv_tables(graph, out, clean)

    def write_page() -> None:
        write_html(graph, paths["graph.html"], title=graph.graph.get("name") or "graphkit", max_nodes=max_nodes)

    here = [
        lambda: write_json(graph, paths["graph.json"]),
        lambda: write_mentions_csv(extractions, resolution, paths["mentions.csv"]),
        lambda: write_documents_csv(documents, extractions, paths["documents.csv"]),
        lambda: write_evidence_csv(relations, paths["evidence.csv"]),
        lambda: write_merges_csv(resolution, paths["merges.csv"]),
        lambda: write_graph_store(  # after the files it indexes, whose size and time it records
            graph,
            paths[STORE_FILE],
            made_from=[paths["graph.json"], paths["mentions.csv"], paths["documents.csv"]],
            mentions=mention_keys(extractions, resolution),
            documents=document_keys(documents),
        ),
    ]
    parallel = (workers or default_workers()) > 1 and graph.number_of_edges() >= PARALLEL_WRITE_EDGES
    run_beside([write_gephi_files, write_page], here, parallel=parallel)
    return paths
