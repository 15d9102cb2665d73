"""How long metrics, layout and each export format take on a graph of a given size, and how big the files are.

    .venv/bin/python bench/bench_export.py                      # synthetic graphs of 1,000 and 5,000 entities
    .venv/bin/python bench/bench_export.py output/graph.json    # a saved graph

The synthetic graphs are scale-free (like co-mention graphs: a few hubs, many small entities), with
evidence strings of news-sentence length on every edge.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphkit.export.formats import export_graph, read_graph
from graphkit.filters import filter_graph
from graphkit.layout import add_layout
from graphkit.metrics import add_metrics, betweenness_centrality
from graphkit.schema import ENTITY_TYPES, coerce_edge, coerce_node


def synthetic(nodes: int, per_node: int = 8, seed: int = 1) -> nx.Graph:
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(nodes, per_node, seed=seed)
    graph = nx.Graph(name=f"synthetic {nodes}")
    for n in shape:
        name = f"Entity {n}"
        graph.add_node(name, **coerce_node({"label": name, "type": rng.choice(ENTITY_TYPES), "aliases": name,
                                            "mentions": rng.randint(1, 50), "documents": rng.randint(1, 20)}))
    for u, v in shape.edges:
        sentence = " ".join(rng.choice(["the", "minister", "said", "talks", "border", "Moscow", "agreed"])
                            for _ in range(30))
        graph.add_edge(f"Entity {u}", f"Entity {v}", **coerce_edge({
            "weight": float(rng.choice([1, 1, 1, 2, 3])), "label": "co-mentioned", "relation": "co-mentioned",
            "evidence": f"[doc-{rng.randint(1, 2000)}] {sentence}.", "documents": 1, "sentences": 1}))
    return graph


def timed(what: str, call) -> object:
    started = time.perf_counter()
    result = call()
    print(f"  {what:<28} {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def bench(graph: nx.Graph, folder: Path, compute: bool) -> None:
    print(f"{graph.graph.get('name', 'graph')}: {graph.number_of_nodes()} entities, "
          f"{graph.number_of_edges()} relations")
    if compute:
        timed("metrics (all four)", lambda: add_metrics(graph))
        timed("pagerank", lambda: nx.pagerank(graph, weight="weight"))
        timed("betweenness", lambda: betweenness_centrality(graph))
        timed("louvain", lambda: nx.community.louvain_communities(graph, weight="weight", seed=42))
        timed("layout", lambda: add_layout(graph))
    for name, fmt in [("g.json", None), ("g.graphml", None), ("g.gexf", None), ("tables", "csv"),
                      ("g.cypher", None)]:
        files = timed(f"write {fmt or name.split('.')[1]}", lambda n=name, f=fmt: export_graph(graph, folder / n, f))
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"  {'':<28} {size:7.1f} MB")
    timed("read json back", lambda: read_graph(folder / "g.json"))
    centre = max(graph, key=lambda n: graph.nodes[n].get("pagerank", 0.0))
    timed("filter focus hops=1", lambda: filter_graph(graph, focus=str(centre), hops=1))
    timed("filter top=100 + largest", lambda: filter_graph(graph, top=100, component="largest"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 1:
            bench(read_graph(sys.argv[1]), Path(tmp), compute=False)
            return
        for size in (1000, 5000):
            bench(synthetic(size), Path(tmp), compute=True)


if __name__ == "__main__":
    main()
