"""Extraction: documents through spaCy into plain `DocExtraction`s (mentions, sentences, typed relations).

Documents stream through `nlp.pipe`, on several processes when asked, and each parsed Doc is turned into
plain data where it was parsed and dropped: memory does not grow with the corpus beyond the texts and the
extractions, and worker processes send back extractions, not Docs. An article longer than spaCy takes at
once is parsed a piece at a time (graphkit.extract.pieces), offsets kept into its whole text. With a cache,
a document seen before by the same pipeline and code is not parsed again, and when every document is
cached the model is not even loaded.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import metadata
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract.cache import ExtractionCache
from graphkit.extract.mentions import byline_mentions, mentions_of, sentences_of
from graphkit.extract.pieces import PIECE_CHARS, joined, pieces
from graphkit.extract.pipeline import DEFAULT_MODEL, load_pipeline, pipeline_settings
from graphkit.extract.relations import find_relations
from graphkit.fingerprint import code_fingerprint
from graphkit.model import DocExtraction, Document
from graphkit.processes import can_fork as _can_fork
from graphkit.processes import default_workers

# Bump when what an extraction means changes in a way the code hash below would not see.
EXTRACTION_VERSION = 1
# The modules whose code and data decide an extraction (followed through their graphkit imports).
EXTRACTION_MODULES = ("graphkit.extract.extraction", "graphkit.data")

MAX_BATCH = 32  # documents per batch: enough to amortise the model's per-batch cost
BATCHES_PER_PROCESS = 8  # many more batches than processes, so no process idles at the end
BATCHES_AHEAD = 2  # batches queued per worker process beyond the one it runs

Progress = Callable[[int], None]


def batching(documents: int, workers: int) -> tuple[int, int]:
    """(processes, batch size) for `documents` on at most `workers` processes.

    Batches are small enough that each process gets several, and there are never more processes than
    batches: ten new articles on eight cores do not start eight copies of the model.
    """
    workers = max(1, workers)
    if documents <= 0:
        return 1, 1
    batch_size = max(1, min(MAX_BATCH, math.ceil(documents / (workers * BATCHES_PER_PROCESS))))
    processes = max(1, min(workers, math.ceil(documents / batch_size)))
    return processes, batch_size


def extraction_of(doc: Doc, document_id: str, text: str | None = None) -> DocExtraction:
    """Everything graphkit keeps of a parsed Doc, as plain data. `text` is the text the Doc was made from
    (spaCy keeps it exactly), so that it is not joined again from the tokens."""
    text = doc.text if text is None else text
    sentences = sentences_of(doc, text)
    mentions = mentions_of(doc, sentences)
    relations = find_relations(doc, mentions, text) if doc.has_annotation("DEP") else []
    return DocExtraction(document=document_id, sentences=sentences, mentions=mentions, relations=relations)


def extract(
    nlp: Language,
    documents: Iterable[Document],
    *,
    workers: int = 1,
    batch_size: int | None = None,
    progress: Progress | None = None,
) -> Iterator[DocExtraction]:
    """Run `nlp` over `documents` (in order) and yield one extraction per document, streaming.

    With `workers` > 1 (see `batching`), forked worker processes each run `nlp` over batches of texts and
    send back the extractions. spaCy's own multiprocessing would send back every Doc instead: serialised in
    the worker with its tensors and span groups, rebuilt here, then read, all in the one process that feeds
    the workers. Where processes cannot be forked safely (macOS, Windows), spaCy's multiprocessing runs
    the pipeline and the Docs are read here.
    """
    if batch_size is None:
        count = len(documents) if isinstance(documents, Sequence) else 1000
        workers, batch_size = batching(count, workers)
    if workers > 1 and _can_fork():
        extractions = _extract_in_processes(nlp, documents, workers, batch_size)
    else:
        extractions = _extract_here(nlp, documents, workers, batch_size)
    for document, extraction in extractions:
        extraction.mentions.extend(byline_mentions(document))
        yield extraction
        if progress:
            progress(1)


def _extract_here(
    nlp: Language, documents: Iterable[Document], workers: int, batch_size: int
) -> Iterator[tuple[Document, DocExtraction]]:
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


def _start_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_batch(batch: list[tuple[str, str]]) -> list[DocExtraction]:
    """In a worker process: the extractions of a batch of (document id, text)."""
    assert _worker_nlp is not None
    return list(_parsed(_worker_nlp, batch, 1, len(batch)))


def _extract_in_processes(
    nlp: Language, documents: Iterable[Document], workers: int, batch_size: int
) -> Iterator[tuple[Document, DocExtraction]]:
    """Extractions made in `workers` forked processes, a batch at a time, given back in document order.

    A few batches per process are queued ahead (not the whole corpus), so memory stays flat and an early
    slow batch holds back only those. If the consumer stops early, queued batches are cancelled.
    """
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(nlp,))
    pending: deque[tuple[list[Document], Future[list[DocExtraction]]]] = deque()
    batches = _batched(documents, batch_size)
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
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


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


def extract_all(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    workers: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    warn: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> tuple[list[DocExtraction], int]:
    """Every extraction, in document order, and how many came from the cache in `cache_dir` (None: no cache)."""
    if cache_dir is None:
        return list(extract_documents(documents, model=model, workers=workers, progress=progress)), 0
    with ExtractionCache(cache_dir, warn=warn) as cache:
        extractions = list(extract_documents(documents, model=model, workers=workers, cache=cache, progress=progress))
        return extractions, cache.hits


def extract_documents(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    options: dict[str, Any] | None = None,
    workers: int | None = None,
    cache: ExtractionCache | None = None,
    progress: Progress | None = None,
) -> Iterator[DocExtraction]:
    """The extraction of every document, in order: from `cache` where it has one, from spaCy for the rest.

    The model is loaded only when something is left to parse; new extractions go into the cache.
    `options` are `load_pipeline` keywords; `workers` defaults to every core.
    """
    options = options or {}
    workers = workers or default_workers()
    if cache is None or not cache.enabled:
        nlp = load_pipeline(model, **options)
        yield from extract(nlp, documents, workers=workers, progress=progress)
        return
    key = extraction_key(model, options)
    cached = [cache.get(key, document) for document in documents]
    missing = [document for document, extraction in zip(documents, cached, strict=True) if extraction is None]
    fresh: Iterator[DocExtraction] = iter(())
    if missing:
        nlp = load_pipeline(model, **options)
        fresh = extract(nlp, missing, workers=workers)
    for document, extraction in zip(documents, cached, strict=True):
        if extraction is None:
            extraction = next(fresh)
            cache.put(key, document, extraction)
        yield extraction
        if progress:
            progress(1)
