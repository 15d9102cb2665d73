"""How much graphkit adds to spaCy, and what the extraction cache saves.

    .venv/bin/python bench/bench_speed.py [--corpus /work/shared/corpus/bbc] [--limit N] [--workers N] [--rounds N]

In one run, on the corpus CSVs (columns text, category) less the last 10 articles:
  spacy   bare spaCy: the same model and spaCy components graphkit loads (not graphkit's own entity
          components), the same processes and batch size, nlp.pipe over the texts read with the csv
          module, spaCy's own multiprocessing (n_process), every Doc sent back and consumed;
  forked  bare spaCy in graphkit's worker arrangement on Linux: forked processes each run nlp.pipe over
          batches and send back only a count (graphkit's workers send back plain extractions, not Docs);
          the target is checked against the faster of the two;
  numpy   the same as forked, with the model's layers on numpy's matrix product (one BLAS thread a process),
          as graphkit loads them (graphkit.extract.models.GEMMS): what spaCy alone would take given that choice;
  ner     bare spaCy NER only (a sentencizer, then ner: no tok2vec, tagger, parser, attribute ruler or
          lemmatizer), forked as above, on numpy's matrix product: the floor of any graphkit build;
  all     `graphkit build --parse all` (every sentence parsed) into its own folder with an empty cache;
  cold    `graphkit build` (selective parsing, the default) into a temporary folder with an empty cache;
  warm    the same build again, nothing changed (the build stamp finds nothing to do);
  forced  the same build again with --force: every step runs, reading and extraction from the cache;
  +10     the 10 held-back articles added (a second CSV file), built again.
Each runs in a fresh process, timed from start to exit (imports and model loading included in both).
With --rounds N everything runs N times, each round in a folder of its own; each run's fastest round counts
(the figures of every round are printed as they come), since on a shared machine one run's time may say more
of the machine than of the run.

Memory: the peak of the whole process tree's proportional set size (PSS: shared pages counted once,
split between the processes that share them), sampled every 0.1 s from /proc; and from getrusage, the
peak RSS of the main process and of the largest spaCy worker (RSS counts pages shared after fork in
every process, so main + workers x largest overstates the total).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # this module is imported first thing in a stage process

CORPUS = Path("/work/shared/corpus/bbc")
ADDED = 10
TARGETS = {"cold / spaCy": 0.85, "warm / cold": 0.05, "+10 / cold": 0.10}
JACCARD_TARGET = 0.98  # typed statements of the default build against --parse all
SAMPLED = 12  # differing statements printed, to read why
MEMORY_TARGET_MB = 1500


def read_rows(folder: Path, limit: int | None) -> list[list[str]]:
    """[text, category] rows of every CSV in `folder`, in file-name order."""
    csv.field_size_limit(sys.maxsize)
    rows: list[list[str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows.extend([record["text"], record["category"]] for record in csv.DictReader(handle))
    return rows[:limit] if limit else rows


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "category"])
        writer.writerows(rows)


# -- the stages, each run in its own process ----------------------------------------------------------------


def stage_spacy(csv_path: Path, workers: int) -> None:
    """Bare spaCy over the texts of `csv_path`, as graphkit would run it (model, components, processes)."""
    import spacy

    from graphkit.extract.extraction import batching
    from graphkit.extract.pipeline import DEFAULT_MODEL, excluded_components

    texts = [row[0] for row in read_rows_file(csv_path)]
    nlp = spacy.load(DEFAULT_MODEL, exclude=excluded_components(parse=True))
    processes, batch_size = batching(len(texts), workers)
    count = sum(1 for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    assert count == len(texts)
    print(
        f"spaCy components: {', '.join(nlp.pipe_names)}; {processes} processes, batch size {batch_size}",
        file=sys.stderr,
    )


_forked_nlp = None  # the pipeline of a forked worker, inherited at the fork


def _set_forked_nlp(nlp, gemm: str) -> None:
    global _forked_nlp
    _forked_nlp = nlp
    if gemm == "numpy":
        from graphkit.processes import one_blas_thread

        one_blas_thread()  # as graphkit's workers run


def _parse_batch(texts: list[str]) -> int:
    return sum(1 for _ in _forked_nlp.pipe(texts, batch_size=len(texts)))


def stage_spacy_forked(csv_path: Path, workers: int, parse: bool = True, gemm: str = "blis") -> None:
    """Bare spaCy in graphkit's own worker arrangement: forked processes each run nlp.pipe over batches of
    texts and send back nothing but a count, so no Doc crosses between processes (the floor for graphkit's
    extraction, which sends back plain extractions)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import spacy
    from thinc.api import use_ops

    from graphkit.extract.extraction import batching
    from graphkit.extract.pipeline import DEFAULT_MODEL, excluded_components

    texts = [row[0] for row in read_rows_file(csv_path)]
    with use_ops("numpy", use_blis=gemm == "blis"):
        nlp = spacy.load(DEFAULT_MODEL, exclude=excluded_components(parse=parse))
    if not parse:
        nlp.add_pipe("sentencizer", first=True)
    processes, batch_size = batching(len(texts), workers)
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_set_forked_nlp, initargs=(nlp, gemm)) as pool:
        count = sum(pool.map(_parse_batch, batches))
    assert count == len(texts)


def read_rows_file(path: Path) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        return [[record["text"], record["category"]] for record in csv.DictReader(handle)]


# The steps of graphkit.api.build, timed by wrapping the names build.py calls them by (and where).
STEP_MODULES = {
    "up_to_date": "graphkit.api",  # the build stamp check, before the build
    "read_sources": "graphkit.api",
    "extract_all": "graphkit.extract.extraction",  # imported inside analyse(), so spaCy loads only when needed
    "resolve": "graphkit.api",
    "relate": "graphkit.api",
    "build_graph": "graphkit.api",
    "write_outputs": "graphkit.api",
}
STEPS = tuple(STEP_MODULES)


def stage_graphkit(arguments: list[str]) -> dict[str, float]:
    """`graphkit build ARGUMENTS` through the command line interface, and the seconds spent in each step."""
    import importlib

    from graphkit.cli import app

    importlib.import_module("graphkit.api")  # the commands import it when they run: its steps are wrapped first

    seconds = {"imports": time.perf_counter() - STARTED}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    build_module = sys.modules["graphkit.api"]  # (`graphkit.api` the attribute is the function)
    for name, module_name in STEP_MODULES.items():
        if module_name in sys.modules:  # graphkit.extract.extraction is not: importing it would load spaCy
            module = sys.modules[module_name]
            setattr(module, name, timed(name, getattr(module, name)))
    analyse = build_module.analyse

    def analyse_timing_extraction(*args, **kwargs):
        started = time.perf_counter()
        import graphkit.extract.extraction  # where analyse() imports it: spaCy's import counts as extraction time

        graphkit.extract.extraction.extract_all = timed("extract_all", graphkit.extract.extraction.extract_all)
        seconds["extract_all"] = time.perf_counter() - started
        return analyse(*args, **kwargs)

    build_module.analyse = analyse_timing_extraction
    app(["build", *arguments], standalone_mode=False)
    return seconds


def run_stage(stats_path: Path, stage: str, arguments: list[str], workers: int) -> None:
    steps: dict[str, float] = {}
    if stage == "spacy":
        stage_spacy(Path(arguments[0]), workers)
    elif stage == "spacy-forked":
        stage_spacy_forked(Path(arguments[0]), workers)
    elif stage == "spacy-numpy":
        stage_spacy_forked(Path(arguments[0]), workers, gemm="numpy")
    elif stage == "spacy-ner":
        stage_spacy_forked(Path(arguments[0]), workers, parse=False, gemm="numpy")
    else:
        steps = stage_graphkit(arguments)
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the spaCy workers, joined by now
    stats = {
        "main_rss_mb": me.ru_maxrss / 1024,
        "largest_child_rss_mb": children.ru_maxrss / 1024,
        "cpu_s": me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime,
        "steps": steps,
    }
    stats_path.write_text(json.dumps(stats), encoding="utf-8")


# -- measuring a stage from outside ---------------------------------------------------------------------------


def tree_pss_mb(root: int) -> float:
    """Proportional set size of `root` and all its descendants, in MB (0 where /proc cannot tell)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total_kb = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:
            continue
    return total_kb / 1024


def measure(stage: str, arguments: list[str], workers: int, scratch: Path) -> dict[str, float]:
    stats_path = scratch / f"stats-{stage}.json"
    command = [sys.executable, __file__, "--stage", stage, "--stats", str(stats_path), "--workers", str(workers)]
    command += ["--", *arguments]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"stage {stage} failed with exit code {code}")
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    return {"wall_s": wall, "peak_pss_mb": peak, "load": load_before, **stats}


# -- the run ---------------------------------------------------------------------------------------------


def run_round(scratch: Path, base: list[list[str]], added: list[list[str]], workers: int) -> dict[str, Any]:
    """Every run once, in `scratch` (its own corpus, caches and outputs), the bare and graphkit runs alternated."""
    corpus, out, cache = scratch / "corpus", scratch / "out", scratch / "cache"
    corpus.mkdir(parents=True, exist_ok=True)
    write_rows(corpus / "articles.csv", base)
    build = [str(corpus), "--out", str(out), "--workers", str(workers), "--cache-dir", str(cache), "-q"]
    every = [str(corpus), "--out", str(scratch / "out-all"), "--workers", str(workers), "-q", "--parse", "all"]
    every += ["--cache-dir", str(scratch / "cache-all")]
    texts = [str(corpus / "articles.csv")]
    results: dict[str, Any] = {"forked": measure("spacy-forked", texts, workers, scratch)}
    results["cold"] = measure("graphkit", build, workers, scratch)
    results["ner"] = measure("spacy-ner", texts, workers, scratch)
    results["all"] = measure("graphkit", every, workers, scratch)
    results["spacy"] = measure("spacy", texts, workers, scratch)
    results["numpy"] = measure("spacy-numpy", texts, workers, scratch)
    results["agreement"] = compare_statements(out, scratch / "out-all")
    results["warm"] = measure("graphkit", build, workers, scratch)
    results["forced"] = measure("graphkit", [*build, "--force"], workers, scratch)
    write_rows(corpus / "added.csv", added)
    results["+10"] = measure("graphkit", build, workers, scratch)
    return results


def compare_statements(default: Path, every: Path) -> tuple[float, list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Jaccard of the typed statements (document, offset, source, relation, target) of two builds' evidence.csv,
    and the statements only one of them has, with their sentences, in a stable random order."""
    import random

    def statements(folder: Path) -> dict[tuple[str, ...], str]:
        with (folder / "evidence.csv").open(newline="", encoding="utf-8") as handle:
            return {
                (row["document"], row["start"], row["source"], row["relation"], row["target"]): row["sentence"]
                for row in csv.DictReader(handle)
                if row["relation"] != "co-mentioned"
            }

    first, second = statements(default), statements(every)
    union = first.keys() | second.keys()
    jaccard = len(first.keys() & second.keys()) / len(union) if union else 1.0
    rng = random.Random(0)
    only_first = sorted((*k, first[k]) for k in first.keys() - second.keys())
    only_second = sorted((*k, second[k]) for k in second.keys() - first.keys())
    rng.shuffle(only_first)
    rng.shuffle(only_second)
    return jaccard, only_first, only_second


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of CSV files (text, category)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (for a quick run)")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    parser.add_argument("--keep", type=Path, default=None, help="build here instead of a temporary folder")
    parser.add_argument("--rounds", type=int, default=1, help="run everything N times; each run's fastest counts")
    parser.add_argument(
        "--stage", choices=["spacy", "spacy-forked", "spacy-numpy", "spacy-ner", "graphkit"], help=argparse.SUPPRESS
    )
    parser.add_argument("--stats", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:  # the parent always passes --workers; importing graphkit.extract.extraction here would load spaCy
        run_stage(args.stats, args.stage, args.arguments, args.workers)
        return

    from graphkit.extract.extraction import batching
    from graphkit.processes import default_workers

    workers = args.workers or default_workers()

    rows = read_rows(args.corpus, args.limit)
    if len(rows) <= ADDED:
        raise SystemExit(f"{args.corpus}: need more than {ADDED} articles")
    base, added = rows[:-ADDED], rows[-ADDED:]
    words = sum(len(text.split()) for text, _ in base)
    added_words = sum(len(text.split()) for text, _ in added)
    processes, batch_size = batching(len(base), workers)
    print(f"# bench_speed {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {machine()}")
    print(
        f"# corpus {args.corpus}: {len(base)} articles, {words:,} words (+{ADDED} articles, {added_words:,} "
        f"words held back); {processes} processes, batch size {batch_size}"
    )

    rounds: list[dict[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as temporary:
        for number in range(args.rounds):
            scratch = (args.keep or Path(temporary)) / f"round-{number + 1}"
            rounds.append(run_round(scratch, base, added, workers))
            if args.rounds > 1:
                done = [(name, r) for name, r in rounds[-1].items() if name != "agreement"]
                figures = ", ".join(f"{name} {r['wall_s']:.1f} s ({r['cpu_s']:.1f} CPU s)" for name, r in done)
                print(f"# round {number + 1}: {figures}", flush=True)
    # each run's fastest round (wall time): a run slowed by something else on the machine says nothing of graphkit
    results = {
        name: min((r[name] for r in rounds), key=lambda r: r["wall_s"]) for name in rounds[0] if name != "agreement"
    }
    agreement = rounds[-1]["agreement"]

    print(
        f"{'run':<6} {'wall s':>8} {'words/s':>9} {'CPU s':>8} {'peak PSS MB':>12} {'main RSS MB':>12} "
        f"{'worker RSS MB':>14} {'load':>5}"
    )
    for name, r in results.items():
        print(
            f"{name:<6} {r['wall_s']:8.1f} {words / r['wall_s']:9,.0f} {r['cpu_s']:8.1f} {r['peak_pss_mb']:12.0f} "
            f"{r['main_rss_mb']:12.0f} {r['largest_child_rss_mb']:14.0f} {r['load']:5.1f}"
        )
    print("seconds per step of the graphkit builds (imports: from process start to the command running)")
    print(f"{'run':<6} " + " ".join(f"{name:>13}" for name in ("imports", *STEPS)))
    for name, r in results.items():
        if r["steps"]:
            print(f"{name:<6} " + " ".join(f"{r['steps'].get(step, 0.0):13.1f}" for step in ("imports", *STEPS)))
    cold = results["cold"]["wall_s"]
    bare = min(results["spacy"]["wall_s"], results["forked"]["wall_s"])
    print(
        f"{'ner / spaCy':<13} {results['ner']['wall_s'] / bare:6.3f}   (bare NER only against the bare full pipeline)"
    )
    print(f"{'all / spaCy':<13} {results['all']['wall_s'] / bare:6.3f}   (graphkit --parse all)")
    numpy_gemm = results["numpy"]
    print(
        f"{'cold / numpy':<13} {cold / numpy_gemm['wall_s']:6.3f}   (against spaCy alone on graphkit's matrix "
        f"product; CPU time {results['cold']['cpu_s'] / numpy_gemm['cpu_s']:.3f}; spaCy's own gemm against it: "
        f"{bare / numpy_gemm['wall_s']:.3f})"
    )
    print(f"{'cold / all':<13} {cold / results['all']['wall_s']:6.3f}   (selective against --parse all)")
    ratios = {
        "cold / spaCy": cold / bare,
        "warm / cold": results["warm"]["wall_s"] / cold,
        "+10 / cold": results["+10"]["wall_s"] / cold,
    }
    print(
        f"{'forced / cold':<13} {results['forced']['wall_s'] / cold:6.3f}   (no target: an unchanged rebuild "
        "run in full, from the cache)"
    )
    for name, value in ratios.items():
        verdict = "ok" if value <= TARGETS[name] else "OVER"
        print(f"{name:<13} {value:6.3f}   target <= {TARGETS[name]:.2f}  {verdict}")
    cpu_ratio = results["cold"]["cpu_s"] / min(results["spacy"]["cpu_s"], results["forked"]["cpu_s"])
    print(f"{'cold / spaCy CPU time':<13} {cpu_ratio:6.3f}   (steadier than wall time on a shared machine)")
    jaccard, only_default, only_all = agreement
    verdict = "ok" if jaccard >= JACCARD_TARGET else "UNDER"
    print(
        f"typed statements, default against --parse all: Jaccard {jaccard:.4f} (target >= {JACCARD_TARGET}) {verdict}; "
        f"{len(only_default)} only in the default build, {len(only_all)} only with --parse all"
    )
    for label, rows in (("default only", only_default), ("--parse all only", only_all)):
        for row in rows[:SAMPLED]:
            document, start, source, relation, target, sentence = row
            print(f"  {label}: {source} -{relation}-> {target}  [{document}@{start}] {sentence[:160]!r}")
    peak = results["cold"]["peak_pss_mb"]
    verdict = "ok" if peak <= MEMORY_TARGET_MB else "OVER"
    print(
        f"{'cold peak memory':<13} {peak:6.0f} MB (whole process tree, PSS)  target <= {MEMORY_TARGET_MB} MB  {verdict}"
    )


if __name__ == "__main__":
    main()
