"""How long metrics, layout and each export writer take on a graph of a given size, and how big the files are.

    .venv/bin/python bench/bench_export.py                      # synthetic graphs of 1,000 and 5,000 entities
    .venv/bin/python bench/bench_export.py output/graph.json    # a saved graph
    .venv/bin/python bench/bench_export.py result.pkl           # the nine files of a build, writer by writer

A `.pkl` is a pickled graphkit.api.BuildResult, e.g.
    .venv/bin/python -c "import pickle; from graphkit.api import build; \\
        pickle.dump(build(['/work/shared/corpus/bbc'], '/tmp/bbc'), open('/tmp/bbc-result.pkl', 'wb'))"
For it, each writer of `write_outputs` runs `--repeat` times (default 3) and the fastest run is shown, wall
and CPU time (the machine is shared: the minimum is the least disturbed run); the writers of the graph's
own formats share one `clean_graph`, timed on its own line. Then `write_outputs` itself, end to end.

The synthetic graphs are scale-free (like co-mention graphs: a few hubs, many small entities), with
evidence strings of news-sentence length on every edge.
"""

from __future__ import annotations

import argparse
import pickle
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graphkit.api import MAX_NODES, OUTPUT_FILES, write_outputs
from graphkit.export.cypher import write_cypher
from graphkit.export.gexf import write_gexf
from graphkit.export.graphfile import read_graph
from graphkit.export.graphml import write_graphml
from graphkit.export.html import write_html
from graphkit.export.json import write_json
from graphkit.export.tables import (
    write_documents_csv,
    write_entities_csv,
    write_evidence_csv,
    write_mentions_csv,
    write_relations_csv,
)
from graphkit.export.values import CleanGraph, clean_graph
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics, betweenness_centrality
from graphkit.query.filters import filter_graph
from graphkit.schema import ENTITY_TYPES, coerce_edge, coerce_node


def synthetic(nodes: int, per_node: int = 8, seed: int = 1) -> nx.Graph:
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(nodes, per_node, seed=seed)
    graph = nx.Graph(name=f"synthetic {nodes}")
    for n in shape:
        name = f"Entity {n}"
        graph.add_node(
            name,
            **coerce_node(
                {
                    "label": name,
                    "type": rng.choice(ENTITY_TYPES),
                    "aliases": name,
                    "mentions": rng.randint(1, 50),
                    "documents": rng.randint(1, 20),
                }
            ),
        )
    for u, v in shape.edges:
        sentence = " ".join(
            rng.choice(["the", "minister", "said", "talks", "border", "Moscow", "agreed"]) for _ in range(30)
        )
        graph.add_edge(
            f"Entity {u}",
            f"Entity {v}",
            **coerce_edge(
                {
                    "weight": float(rng.choice([1, 1, 1, 2, 3])),
                    "label": "co-mentioned",
                    "relation": "co-mentioned",
                    "evidence": f"[doc-{rng.randint(1, 2000)}] {sentence}.",
                    "documents": 1,
                    "sentences": 1,
                }
            ),
        )
    return graph


def timed(what: str, call: Callable[[], object], repeat: int = 1) -> tuple[float, float, object]:
    """Run `call` `repeat` times; print and return the fastest wall and CPU times, and the last result."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"  {what:<28} {min(walls):7.2f} s wall {min(cpus):7.2f} s cpu", flush=True)
    return min(walls), min(cpus), result


def size(*paths: Path) -> str:
    return f"{sum(p.stat().st_size for p in paths) / 1e6:.1f} MB"


def graph_writers(graph: nx.Graph, clean: CleanGraph) -> dict[str, Callable[[Path], None]]:
    return {
        "graph.json": lambda p: write_json(graph, p),
        "graph.graphml": lambda p: write_graphml(graph, p, clean),
        "graph.gexf": lambda p: write_gexf(graph, p, clean),
        "entities.csv": lambda p: write_entities_csv(graph, p, clean),
        "relations.csv": lambda p: write_relations_csv(graph, p, clean),
    }


def bench_graph(graph: nx.Graph, folder: Path, compute: bool) -> None:
    print(
        f"{graph.graph.get('name', 'graph')}: {graph.number_of_nodes()} entities, {graph.number_of_edges()} relations"
    )
    if compute:
        timed("metrics (all four)", lambda: add_metrics(graph))
        timed("pagerank", lambda: nx.pagerank(graph, weight="weight"))
        timed("betweenness", lambda: betweenness_centrality(graph))
        timed("louvain", lambda: nx.community.louvain_communities(graph, weight="weight", seed=42))
        timed("layout", lambda: add_layout(graph))
    *_, clean = timed("clean_graph (shared)", lambda: clean_graph(graph))
    writers = {**graph_writers(graph, clean), "graph.cypher": lambda p: write_cypher(graph, p)}
    for name, write in writers.items():
        timed(f"write {name}", lambda w=write, n=name: w(folder / n))
        print(f"  {'':<28} {size(folder / name):>9}")
    timed("read json back", lambda: read_graph(folder / "graph.json"))
    centre = max(graph, key=lambda n: graph.nodes[n].get("pagerank", 0.0))
    timed("filter focus hops=1", lambda: filter_graph(graph, focus=str(centre), hops=1))
    timed("filter top=100 + largest", lambda: filter_graph(graph, top=100, component="largest"))


def bench_result(path: Path, folder: Path, repeat: int) -> None:
    with open(path, "rb") as handle:
        result = pickle.load(handle)
    graph = result.graph
    mentions = sum(len(e.mentions) for e in result.extractions)
    print(
        f"{path.name}: {graph.number_of_nodes()} entities, {graph.number_of_edges()} edges, "
        f"{len(result.documents)} documents, {mentions} mentions, {len(result.relations)} statements"
    )
    wall, cpu, clean = timed("clean_graph (shared)", lambda: clean_graph(graph), repeat)
    writers = {
        **graph_writers(graph, clean),
        "mentions.csv": lambda p: write_mentions_csv(result.extractions, result.resolution, p),
        "documents.csv": lambda p: write_documents_csv(result.documents, result.extractions, p),
        "evidence.csv": lambda p: write_evidence_csv(result.relations, p),
        "graph.html": lambda p: write_html(graph, p, title=graph.graph.get("name") or "graphkit", max_nodes=MAX_NODES),
    }
    assert set(writers) == set(OUTPUT_FILES), "a file of write_outputs is not timed here"
    for name, write in writers.items():
        w, c, _ = timed(name, lambda wr=write, n=name: wr(folder / n), repeat)
        print(f"  {'':<28} {size(folder / name):>9}")
        wall, cpu = wall + w, cpu + c
    print(f"  {'sum':<28} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    timed("write_outputs", lambda: write_outputs(result, folder / "all"), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source",
        nargs="?",
        help="a saved graph (graph.json, .graphml, .gexf) or a pickled BuildResult (.pkl); default: synthetic graphs",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each writer for a .pkl (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.source and args.source.endswith(".pkl"):
            bench_result(Path(args.source), Path(tmp), args.repeat)
        elif args.source:
            bench_graph(read_graph(args.source), Path(tmp), compute=False)
        else:
            for nodes in (1000, 5000):
                bench_graph(synthetic(nodes), Path(tmp), compute=True)


if __name__ == "__main__":
    main()
