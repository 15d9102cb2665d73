"""Extraction: documents through spaCy into plain `DocExtraction`s (mentions, sentences, typed relations).

Documents stream through `nlp.pipe`, on several processes when asked, and each parsed Doc is turned into
plain data as it arrives and dropped: memory does not grow with the corpus beyond the texts and the
extractions. With a cache, a document seen before by the same pipeline and code is not parsed again, and
when every document is cached the model is not even loaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import metadata
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.cache import ExtractionCache, code_fingerprint
from graphkit.model import DocExtraction, Document
from graphkit.nlp.mentions import byline_mentions, mentions_of, sentences_of
from graphkit.nlp.pipeline import DEFAULT_MODEL, load_pipeline, pipeline_settings
from graphkit.relations import find_relations

# Bump when what an extraction means changes in a way the code hash below would not see.
EXTRACTION_VERSION = 1
# The modules whose code and data decide an extraction (followed through their graphkit imports).
EXTRACTION_MODULES = ("graphkit.extract", "graphkit.data")

MAX_BATCH = 32  # documents per batch: enough to amortise the model's per-batch cost
BATCHES_PER_PROCESS = 8  # many more batches than processes, so no process idles at the end

Progress = Callable[[int], None]


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


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

    With `workers` > 1, spaCy's own multiprocessing runs the pipeline (see `batching`). The texts go to
    spaCy bare, not `as_tuples`: with (text, id) pairs spaCy 3.8 tokenizes every text in this process
    and ships the serialized Doc to a worker, serial work in the one process that feeds them all.
    `nlp.pipe` gives the Docs back in input order, so the document of each is the next one sent.
    """
    if batch_size is None:
        count = len(documents) if isinstance(documents, Sequence) else 1000
        workers, batch_size = batching(count, workers)
    sent: deque[Document] = deque()  # documents whose text spaCy has, in order

    def texts() -> Iterator[str]:
        for document in documents:
            sent.append(document)
            yield document.text

    for doc in nlp.pipe(texts(), n_process=workers, batch_size=batch_size):
        document = sent.popleft()
        extraction = extraction_of(doc, document.id, document.text)
        extraction.mentions.extend(byline_mentions(document))
        yield extraction
        if progress:
            progress(1)


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
