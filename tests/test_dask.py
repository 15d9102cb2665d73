"""Extraction on a Dask cluster gives the files of a local build: a real `dask scheduler` and two `dask worker`
processes on 127.0.0.1 (started once for the module), a LocalCluster, a worker killed with kill -9 in the
middle of its batch, a scheduler that does not answer, a worker without the model, and Ctrl-C.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import shuffled_corpus
from typer.testing import CliRunner

from graphkit import BuildResult, build
from graphkit.cache import default_cache_dir
from graphkit.cli import app
from graphkit.export.outputs import OUTPUT_FILES
from graphkit.extract.cache import CACHE_FILE, ExtractionCache
from graphkit.extract.extraction import extraction_key
from graphkit.read import read_sources

distributed = pytest.importorskip("distributed", reason="needs graphkit[dask]")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
DASK = Path(sys.executable).with_name("dask")
STARTUP_SECONDS = 180  # a worker imports Dask, then loads spaCy and the model, on a loaded machine
BUILT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC")  # the build time


def output_problems(out: Path, reference: Path) -> list[str]:
    """The output files of `out` that differ from those of `reference`, byte for byte, but for the build time."""
    return [
        name
        for name in OUTPUT_FILES
        if BUILT.sub(b"BUILT", (out / name).read_bytes()) != BUILT.sub(b"BUILT", (reference / name).read_bytes())
    ]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not after {timeout:.0f} s: {what}")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    address: str
    logs: Path
    processes: list[subprocess.Popen]

    def client(self) -> distributed.Client:
        return distributed.Client(self.address, timeout=30)

    def start_worker(self, *options: str) -> subprocess.Popen:
        log = (self.logs / f"worker-{len(self.processes)}.log").open("w")
        command = [str(DASK), "worker", self.address, "--nthreads", "1", "--no-dashboard", *options]
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A scheduler and two single-threaded workers on 127.0.0.1, stopped (then killed) after the module."""
    logs = tmp_path_factory.mktemp("dask")
    port = free_port()
    with (logs / "scheduler.log").open("w") as log:
        scheduler = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = Cluster(f"tcp://127.0.0.1:{port}", logs, [scheduler])
    try:
        for _ in range(2):
            running.start_worker("--nworkers", "1")
        wait_for(lambda: _connects(port), STARTUP_SECONDS, "the scheduler listening")
        with running.client() as client:
            client.wait_for_workers(2, timeout=STARTUP_SECONDS)
        yield running
    finally:
        for process in reversed(running.processes):
            process.terminate()
        for process in running.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _connects(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


def run_build(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", *arguments])
    return result.exit_code, result.output


ARTICLES_TO_INTERRUPT = 1000


def cached_rows(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache / CACHE_FILE}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_build_through_the_scheduler_writes_the_files_of_a_local_build_and_its_cache_serves_a_local_one(
    cluster: Cluster, sample_build: BuildResult, sample_out: Path, tmp_path: Path
):
    cache = tmp_path / "cache"
    code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "dask"), "--cache-dir", str(cache),
                             "--scheduler", cluster.address)  # fmt: skip
    assert code == 0, output
    assert "6 read (0 from the cache)" in output
    assert output_problems(tmp_path / "dask", sample_out) == []
    assert cached_rows(cache) == 6

    local = build([SAMPLE_SOURCES], tmp_path / "local", workers=1, cache_dir=cache)  # the cluster's work, reused
    assert local.cached == len(local.documents) == 6
    assert output_problems(tmp_path / "local", sample_out) == []


def test_a_local_cluster_writes_the_files_of_a_local_build_and_a_local_cache_serves_the_cluster(
    cluster: Cluster, sample_build: BuildResult, sample_out: Path, tmp_path: Path
):
    code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "engine"), "--no-cache",
                             "--engine", "dask", "--workers", "2")  # fmt: skip
    assert code == 0, output
    assert output_problems(tmp_path / "engine", sample_out) == []

    local_cache = default_cache_dir(sample_out)  # where the sample build, a local one, left its extractions
    code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "reused"), "--cache-dir", str(local_cache),
                             "--scheduler", cluster.address)  # fmt: skip
    assert code == 0, output
    assert "6 read (6 from the cache)" in output
    assert output_problems(tmp_path / "reused", sample_out) == []


def make_corpus(folder: Path, articles: int) -> Path:
    return shuffled_corpus(folder, articles, seed=19)


def test_a_worker_killed_in_the_middle_of_its_batch_loses_no_document_and_counts_none_twice(
    cluster: Cluster, tmp_path: Path
):
    corpus = make_corpus(tmp_path / "articles", 40)
    build([corpus], tmp_path / "local", workers=1, cache=False)
    doomed = cluster.start_worker("--no-nanny", "--name", "doomed")  # no nanny: killed, it stays dead
    with cluster.client() as client:
        wait_for(lambda: doomed.pid in client.run(os.getpid).values(), STARTUP_SECONDS, "the extra worker")
        address = next(a for a, pid in client.run(os.getpid).items() if pid == doomed.pid)
        results: list[BuildResult | BaseException] = []

        def build_on_cluster() -> None:
            try:
                results.append(
                    build([corpus], tmp_path / "dask", cache_dir=tmp_path / "cache", scheduler=cluster.address)
                )
            except BaseException as error:  # noqa: BLE001 - handed to the test thread
                results.append(error)

        builder = threading.Thread(target=build_on_cluster)
        builder.start()
        wait_for(lambda: client.processing([address]).get(address) or results, STARTUP_SECONDS, "a batch on it")
        held = [key for key in client.processing([address]).get(address, []) if "graphkit-extract" in str(key)]
        doomed.kill()
        builder.join(timeout=STARTUP_SECONDS)
    assert held, "the extra worker was killed before it had a batch"
    assert not builder.is_alive()
    result = results[0]
    assert isinstance(result, BuildResult), result
    assert (len(result.documents), result.cached) == (40, 0)
    assert cached_rows(tmp_path / "cache") == 40
    assert output_problems(tmp_path / "dask", tmp_path / "local") == []


def test_an_unreachable_scheduler_is_one_line_and_exit_2_within_the_timeout(tmp_path: Path):
    started = time.monotonic()
    code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "out"), "--no-cache",
                             "--scheduler", "tcp://127.0.0.1:1", "--scheduler-timeout", "3")  # fmt: skip
    assert code == 2
    assert output.strip().splitlines() == [
        "error: --scheduler tcp://127.0.0.1:1: cannot reach the Dask scheduler within 3 s (Connection refused)"
    ]
    with socket.socket() as silent:  # accepts connections and never answers: the client's own timeout
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "out"), "--no-cache",
                                 "--scheduler", address, "--scheduler-timeout", "3")  # fmt: skip
        elapsed = time.monotonic() - started
    assert code == 2
    lines = output.strip().splitlines()
    assert lines == [f"error: --scheduler {address}: the Dask scheduler did not answer within 3 s"]
    assert elapsed < 60  # reading the six articles, then 3 s of waiting: not distributed's 30 s default, nor forever
    assert not (tmp_path / "out" / "graph.json").exists()


def client_only_model(folder: Path) -> str:
    """A tiny spaCy pipeline installed as a package in `folder`, which only this process has on its path."""
    import spacy

    name = "graphkit_client_only_model"
    nlp = spacy.blank("en")
    nlp.add_pipe("ner").add_label("PERSON")
    nlp.initialize()
    nlp.meta.update(name="client_only_model", version="0.0.1")
    package = folder / name
    package.mkdir()
    nlp.to_disk(package / "en_client_only_model-0.0.1")
    (package / "meta.json").write_text(json.dumps(nlp.meta), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from spacy.util import load_model_from_init_py\n\n\ndef load(**overrides):\n"
        "    return load_model_from_init_py(__file__, **overrides)\n",
        encoding="utf-8",
    )
    info = folder / f"{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n", encoding="utf-8")
    return name


def test_a_worker_without_the_model_is_named_before_any_work_is_sent(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import spacy

    monkeypatch.syspath_prepend(str(tmp_path))  # this process only: the workers were started without it
    model = client_only_model(tmp_path)
    assert "ner" in spacy.load(model).pipe_names  # a real pipeline, that a local build could use
    code, output = run_build(str(SAMPLE_SOURCES), "--out", str(tmp_path / "out"), "--no-cache",
                             "--model", model, "--scheduler", cluster.address)  # fmt: skip
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    with cluster.client() as client:
        workers = sorted(client.nthreads())
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    named = re.fullmatch(
        rf"error: Dask worker (\S+) lacks the spaCy pipeline '{model}': install it there "
        rf"\(pip install {model.replace('_', '-')}\); nothing was sent to the cluster",
        lines[0],
    )
    assert named and named[1] in workers, lines[0]
    assert all(not any(model in name for name in names) for names in plugins.values())  # the model never went


def test_ctrl_c_cancels_the_cluster_work_and_keeps_what_was_parsed(cluster: Cluster, tmp_path: Path):
    # enough articles that an idle machine is still parsing when the signal comes
    corpus, cache = make_corpus(tmp_path / "articles", ARTICLES_TO_INTERRUPT), tmp_path / "cache"
    command = [sys.executable, "-m", "graphkit", "build", str(corpus), "--out", str(tmp_path / "out"),
               "--cache-dir", str(cache), "--scheduler", cluster.address]  # fmt: skip
    with (tmp_path / "stderr").open("w") as stderr:
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        wait_for(lambda: cached_rows(cache) > 0 or run.poll() is not None, STARTUP_SECONDS, "the first extractions")
        assert run.poll() is None, (tmp_path / "stderr").read_text()
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=60) == 130
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert (tmp_path / "stderr").read_text().strip().splitlines() == ["interrupted"]
    kept = cached_rows(cache)
    assert 0 < kept < ARTICLES_TO_INTERRUPT
    with cluster.client() as client:  # the build's tasks were cancelled: the cluster is idle again
        wait_for(lambda: not any(client.processing().values()), 30, "the workers idle")
    with ExtractionCache(cache) as kept_cache:  # every row it kept reads back for its article
        key = extraction_key()
        hits = sum(kept_cache.get(key, document) is not None for document in read_sources([corpus]))
        assert (hits, kept_cache.unreadable) == (kept, 0)
