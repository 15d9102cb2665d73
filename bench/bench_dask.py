"""What a Dask LocalCluster costs against the local processes, and what one worker process parses.

    .venv/bin/python bench/bench_dask.py [--corpus /work/shared/corpus/bbc] [--limit N] [--workers N] [--rounds N]

Writes the first N articles of the corpus CSVs (all by default) into one CSV, then times, each in a fresh
process from start to exit with an empty cache: `graphkit build --workers N` (local) and
`graphkit build --engine dask --workers N` (a LocalCluster of N processes), alternating them `--rounds` times
and keeping each one's fastest wall and CPU time. Prints both times, their
ratio (the cluster's overhead), the articles per second per worker process (by the clock, and by CPU time,
which is what a worker with a core of its own would do), and the hours for a million articles on 8, 64 and
512 worker processes at those rates.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

csv.field_size_limit(sys.maxsize)


def corpus_slice(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    """One CSV of the first `limit` articles; (its path, articles, words)."""
    rows: list[dict[str, str]] = []
    for name in ("train.csv", "val.csv", "test.csv"):
        path = corpus / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                rows.extend(csv.DictReader(handle))
    rows = rows[:limit] if limit else rows
    target = folder / "articles" / "bbc.csv"
    target.parent.mkdir(parents=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "category"])
        writer.writeheader()
        writer.writerows({"text": r["text"], "category": r.get("category", "")} for r in rows)
    return target.parent, len(rows), sum(len(r["text"].split()) for r in rows)


def children_cpu() -> float:
    """CPU seconds of every finished descendant: the build and the worker processes it waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(articles: Path, out: Path, *options: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one cold build in a fresh process."""
    graphkit = Path(sys.executable).with_name("graphkit")
    command = [str(graphkit), "build", str(articles), "--out", str(out), "--cache-dir", str(out) + "-cache", "-q"]
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run([*command, *options], check=True)
    return time.perf_counter() - started, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/bbc"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2, help="processes, local and in the LocalCluster")
    parser.add_argument(
        "--rounds", type=int, default=1, help="alternate the two builds this many times and keep each one's fastest"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        articles, count, words = corpus_slice(args.corpus, args.limit, Path(tmp))
        print(f"{count} articles, {words} words, {args.workers} processes")
        print(f"load average {os.getloadavg()[0]:.1f} at the start")
        workers = str(args.workers)
        runs: dict[str, list[tuple[float, float]]] = {"local": [], "LocalCluster": []}
        for round_number in range(1, args.rounds + 1):
            # alternating spreads a change in the machine's other load over both builds
            for name, options in (("local", ()), ("LocalCluster", ("--engine", "dask"))):
                out = Path(tmp) / f"{name}-{round_number}"
                runs[name].append(timed_build(articles, out, *options, "--workers", workers))
                wall, cpu = runs[name][-1]
                load = os.getloadavg()[0]
                print(f"{name:12} {wall:8.1f} s  (CPU {cpu:.1f} s)  round {round_number}, load {load:.1f}")
        local, local_cpu = min(w for w, _ in runs["local"]), min(c for _, c in runs["local"])
        cluster, cluster_cpu = min(w for w, _ in runs["LocalCluster"]), min(c for _, c in runs["LocalCluster"])
        if args.rounds > 1:
            print(f"fastest: local {local:.1f} s (CPU {local_cpu:.1f} s), ", end="")
            print(f"LocalCluster {cluster:.1f} s (CPU {cluster_cpu:.1f} s)")
        print(f"ratio        {cluster / local:8.2f} (LocalCluster / local; target <= 1.10)")
        print(f"CPU ratio    {cluster_cpu / local_cpu:8.2f} (less sensitive to other load on the machine)")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        rate = count / cluster / args.workers
        print(f"per worker   {rate:8.2f} articles/s ({words / cluster / args.workers:,.0f} words/s), by the clock")
        own_core = count / cluster_cpu  # what a worker process does with a core to itself, whatever else ran
        print(f"per core     {own_core:8.2f} articles/s ({words / cluster_cpu:,.0f} words/s), by CPU time")
        for n in (8, 64, 512):
            print(
                f"1 M articles on {n:3d} worker processes: {1_000_000 / (rate * n) / 3600:6.1f} h at this clock rate, "
                f"{1_000_000 / (own_core * n) / 3600:5.1f} h with a core each"
            )


if __name__ == "__main__":
    main()
