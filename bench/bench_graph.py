"""Graph bench: the time `build_graph` takes on a corpus's relations, and its parts.

    .venv/bin/python bench/bench_graph.py /tmp/bbc-result.pkl [--runs 5]

The `.pkl` is a pickled graphkit.api.BuildResult, e.g.
    .venv/bin/python -c "import pickle; from graphkit.api import build; \\
        pickle.dump(build(['/work/shared/corpus/bbc'], '/tmp/bbc'), open('/tmp/bbc-result.pkl', 'wb'))"

Each run builds the graph again from the result's documents, resolution and relations in this process and
times, wall and CPU: the whole call; add_metrics and within it betweenness, PageRank and communities;
add_layout and within it the force-directed core; the rest (nodes and edges from the relations) as `own`.
The first run also pays for importing igraph. On a shared machine take the minimum: CPU time stays near the
wall time of a quiet machine when others run; wall time does not.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import time
from collections.abc import Callable

from graphkit.graph import build as graph_module
from graphkit.graph import layout, metrics

PARTS = [
    (graph_module, "add_metrics"),
    (metrics, "betweenness_centrality"),
    (metrics, "pagerank"),
    (metrics, "communities"),
    (graph_module, "add_layout"),
    (layout, "_force_directed"),
]


def timed(times: dict[str, tuple[float, float]], name: str, function: Callable) -> Callable:
    def run(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            times[name] = (time.perf_counter() - wall, time.process_time() - cpu)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("result", help="a pickled BuildResult (.pkl)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with open(args.result, "rb") as handle:
        result = pickle.load(handle)
    times: dict[str, tuple[float, float]] = {}
    for module, name in PARTS:
        setattr(module, name, timed(times, name, getattr(module, name)))
    runs = []
    for _ in range(args.runs):
        times.clear()
        graph = timed(times, "build_graph", graph_module.build_graph)(
            result.documents, result.resolution, result.relations, name="bench"
        )
        times["own"] = tuple(  # type: ignore[assignment]
            whole - m - lay
            for whole, m, lay in zip(times["build_graph"], times["add_metrics"], times["add_layout"], strict=True)
        )
        runs.append(dict(times))
    print(
        f"{len(result.documents)} documents, {len(result.relations)} relations -> "
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; {args.runs} runs"
    )
    print(f"{'part':24s} {'wall min':>9s} {'wall med':>9s} {'cpu min':>9s}")
    for name in ["build_graph", "own", *(n for _, n in PARTS)]:
        walls = [run[name][0] for run in runs]
        cpus = [run[name][1] for run in runs]
        print(f"{name:24s} {min(walls):9.2f} {statistics.median(walls):9.2f} {min(cpus):9.2f}")


if __name__ == "__main__":
    main()
