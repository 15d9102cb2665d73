"""CPU seconds of one build's analysis (NLP, resolution, relations, graph), for comparing two versions.

    python bench/bench_cpu.py CORPUS... [--root CHECKOUT] [--repeat 2]

CPU time (user + system) of `graphkit.api.analyse` on one process, so that a loaded machine disturbs the
comparison less than wall-clock time would. To compare with an earlier version, check it out beside this
one (`git worktree add /tmp/old REV`) and run this script once with `--root /tmp/old`, alternating runs.
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import time


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="+", help="article files or folders")
    parser.add_argument("--root", help="the graphkit checkout to measure (default: this one)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.root:
        sys.path.insert(0, args.root)
    sources = importlib.import_module("graphkit.read")
    build = importlib.import_module("graphkit.api")
    documents = sources.read_sources(args.corpus)
    words = sum(len(d.text.split()) for d in documents)
    for _ in range(args.repeat):
        cpu, wall = cpu_seconds(), time.perf_counter()
        result = build.analyse(documents, workers=1)
        print(
            f"{build.__file__}: {len(documents)} documents, {words} words: "
            f"cpu {cpu_seconds() - cpu:.1f} s, wall {time.perf_counter() - wall:.1f} s, "
            f"{result.graph.number_of_nodes()} entities, {result.graph.number_of_edges()} relations"
        )


if __name__ == "__main__":
    main()
