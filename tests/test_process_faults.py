"""A build that is killed or interrupted leaves no process behind, and asking for absurdly many processes
starts a sensible number: real `graphkit build` processes, killed with real signals, children found in /proc.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import shuffled_corpus

from graphkit.extract.extraction import WORKER_MEMORY, plan_processes
from graphkit.processes import can_fork

STARTUP_SECONDS = 180  # loading spaCy in a fresh process, on a loaded machine
GONE_SECONDS = 5  # how long the children of a killed build may take to die

pytestmark = pytest.mark.skipif(
    not (can_fork() and Path("/proc/self/stat").exists()), reason="needs forked workers and /proc"
)


def make_corpus(folder: Path, articles: int) -> Path:
    return shuffled_corpus(folder, articles, seed=7)


def children_of(pid: int) -> set[int]:
    """The live processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _stat(int(entry.name))[1:2] == [str(pid)]:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    return _stat(pid)[:1] not in ([], ["Z"])  # a zombie has exited


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, parent pid, ... ([] when gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not after {timeout:.0f} s: {what}")
        time.sleep(0.02)


class Run:
    """A process started with its output in files (a pipe would be held open by leftover children)."""

    def __init__(self, tmp_path: Path, *args: str):
        self.stdout = tmp_path / f"stdout-{time.monotonic_ns()}"
        self.stderr = self.stdout.with_name(self.stdout.name.replace("stdout", "stderr"))
        with self.stdout.open("w") as out, self.stderr.open("w") as err:
            self.process = subprocess.Popen([sys.executable, *args], stdout=out, stderr=err, cwd=tmp_path)
        self.seen: set[int] = set()

    def children(self) -> set[int]:
        found = children_of(self.process.pid)
        self.seen |= found
        return found

    def left(self) -> set[int]:
        return {pid for pid in self.seen if alive(pid)}

    def output(self) -> tuple[str, str]:
        return self.stdout.read_text(encoding="utf-8"), self.stderr.read_text(encoding="utf-8")

    def kill_all(self) -> None:
        """After the test, whatever happened: nothing of this run keeps running."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        command = b"".join(os.fsencode(arg) + b"\0" for arg in self.process.args)
        for pid in self.left():  # forked from the run, so with its command line
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/cmdline").read_bytes() == command:
                    os.kill(pid, signal.SIGKILL)


def build(tmp_path: Path, corpus: Path, *options: str) -> Run:
    return Run(tmp_path, "-m", "graphkit", "build", str(corpus), "--out", str(tmp_path / "out"), *options)


@pytest.fixture
def runs():
    started: list[Run] = []
    yield started
    for run in started:
        run.kill_all()


def test_kill_9_during_extraction_leaves_no_worker(tmp_path, runs):
    corpus = make_corpus(tmp_path / "articles", 200)
    runs.append(run := build(tmp_path, corpus, "--workers", "2", "--cache-dir", str(tmp_path / "cache")))
    wait_for(lambda: len(run.children()) == 2, STARTUP_SECONDS, "two worker processes")
    run.process.send_signal(signal.SIGKILL)
    run.process.wait()
    wait_for(lambda: not run.left(), GONE_SECONDS, f"workers {sorted(run.left())} gone after the build was killed")


def _cached_rows(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache / 'extractions.sqlite'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigterm_stops_a_build_like_ctrl_c_and_the_next_build_reuses_its_cache(tmp_path, runs):
    corpus, cache = make_corpus(tmp_path / "articles", 300), tmp_path / "cache"
    runs.append(run := build(tmp_path, corpus, "--workers", "2", "--cache-dir", str(cache)))
    wait_for(lambda: _cached_rows(cache) > 0, STARTUP_SECONDS, "the first extractions in the cache")
    assert len(run.children()) == 2 and run.process.poll() is None  # still extracting
    run.process.send_signal(signal.SIGTERM)
    assert run.process.wait(timeout=30) == 130  # what Ctrl-C gives
    stdout, stderr = run.output()
    assert stderr.strip().splitlines() == ["interrupted"]
    wait_for(lambda: not run.left(), GONE_SECONDS, f"workers {sorted(run.left())} gone after SIGTERM")

    cached = _cached_rows(cache)
    assert 0 < cached < 300
    again = make_corpus(tmp_path / "again", 0)
    for path in sorted(corpus.iterdir())[: min(cached, 5)]:  # extracted in this order, so all in the cache
        shutil.copy(path, again)
    runs.append(rerun := build(tmp_path, again, "--workers", "2", "--cache-dir", str(cache), "--force"))
    assert rerun.process.wait(timeout=STARTUP_SECONDS) == 0, rerun.output()[1]
    read = re.search(r"(\d+) read \((\d+) from the cache\)", rerun.output()[0])
    assert read and read.groups() == (str(min(cached, 5)),) * 2


WRITER = """
import pickle, sys
import networkx as nx
from graphkit import write_outputs

result = pickle.loads(open(sys.argv[1], "rb").read())
big = nx.Graph(**result.graph.graph)
for n in range(200):  # 200 relabelled copies: a graph large enough for the forked writer
    big.update(nx.relabel_nodes(result.graph, {node: f"{node} ({n})" for node in result.graph}))
result.graph = big
write_outputs(result, sys.argv[2], workers=2)
"""


def test_kill_9_while_writing_a_large_graph_leaves_no_writer(tmp_path, runs, sample_build):
    (tmp_path / "result.pickle").write_bytes(pickle.dumps(sample_build))
    (tmp_path / "writer.py").write_text(textwrap.dedent(WRITER), encoding="utf-8")
    runs.append(run := Run(tmp_path, "writer.py", "result.pickle", str(tmp_path / "out")))
    wait_for(lambda: run.children() or run.process.poll() is not None, STARTUP_SECONDS, "the forked writer")
    assert run.children(), f"no forked writer: {run.output()[1]}"
    run.process.send_signal(signal.SIGKILL)
    run.process.wait()
    wait_for(lambda: not run.left(), GONE_SECONDS, f"writer {sorted(run.left())} gone after the build was killed")


def test_a_thousand_workers_asked_start_no_more_processes_than_batches(tmp_path, runs):
    corpus = make_corpus(tmp_path / "articles", 40)
    runs.append(run := build(tmp_path, corpus, "--workers", "1000", "--no-cache"))
    wait_for(lambda: run.children() or run.process.poll() is not None, STARTUP_SECONDS, "worker processes")
    stable = time.monotonic()  # every worker is forked at the first batch: wait until none is added
    while time.monotonic() - stable < 2 and run.process.poll() is None:
        before = set(run.seen)
        if run.children() - before or not before:
            stable = time.monotonic()
        time.sleep(0.05)
    stderr = run.output()[1]
    warning = re.search(
        r"warning: --workers 1000: using (\d+) \(40 articles to parse in (\d+) batches; [\d.]+ GB", stderr
    )
    assert warning, stderr
    using, batches = map(int, warning.groups())
    assert len(run.seen) == using <= batches < 40


def test_memory_caps_the_processes_and_the_warning_says_why():
    plan = plan_processes(300, 1000, cores=2, available=4 * WORKER_MEMORY + 1)
    assert (plan.processes, plan.by_memory) == (4, True)
    assert plan.message(1000, 300).startswith("--workers 1000: using 4 (300 articles to parse in 16 batches; ")
    assert plan_processes(300, 1000, cores=2, available=None).processes == plan.batches  # memory unknown
    assert plan_processes(300, 2, cores=2, available=1).processes == 1  # always one, in this process
