"""The graph does not depend on how it was computed: one process or several, parsed or read from the cache."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import graphkit.extract.extraction
from graphkit import build
from graphkit.extract.extraction import BATCHES_PER_PROCESS, MAX_BATCH, _batched, batching, extract_all
from graphkit.model import Document
from graphkit.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
TABLES = ("entities.csv", "relations.csv", "mentions.csv", "documents.csv", "evidence.csv")


def outputs(out: Path) -> dict[str, object]:
    """graph.json without its build time, and every CSV table, as read back."""
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    graph.get("graph", {}).pop("built", None)
    return {"graph.json": graph, **{name: (out / name).read_text(encoding="utf-8") for name in TABLES}}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample corpus built four ways; each value is the output folder."""
    base = tmp_path_factory.mktemp("workers")
    runs = {
        "1 process, no cache": dict(workers=1, cache=False),
        "2 processes, no cache": dict(workers=2, cache=False),
        "2 processes, empty cache": dict(workers=2, cache_dir=base / "cache"),
        "1 process, every extraction cached": dict(workers=1, cache_dir=base / "cache"),
    }
    outs = {}
    for name, options in runs.items():
        out = base / name.replace(" ", "-").replace(",", "")
        result = build([SAMPLE_SOURCES], out, **options)
        expected_cached = len(result.documents) if "cached" in name else 0
        assert result.cached == expected_cached, name
        outs[name] = out
    return outs


def test_two_workers_do_run_two_processes_on_the_sample_corpus():
    processes, _ = batching(len(read_sources([SAMPLE_SOURCES])), 2)
    assert processes == 2


@pytest.mark.parametrize(
    "way", ["2 processes, no cache", "2 processes, empty cache", "1 process, every extraction cached"]
)
def test_the_graph_is_the_same_however_it_was_computed(builds, way):
    reference = outputs(builds["1 process, no cache"])
    other = outputs(builds[way])
    for name in reference:
        assert other[name] == reference[name], f"{name} differs when built with {way}"


@pytest.mark.parametrize("documents, workers", [(2225, 2), (2225, 8), (300, 2), (10, 8), (1, 4), (50, 1)])
def test_batches_are_many_per_process_and_processes_never_outnumber_batches(documents, workers):
    processes, batch_size = batching(documents, workers)
    batches = -(-documents // batch_size)
    assert 1 <= processes <= min(workers, batches)
    assert 1 <= batch_size <= MAX_BATCH
    if documents >= workers * BATCHES_PER_PROCESS * MAX_BATCH:
        assert batches >= processes * BATCHES_PER_PROCESS


def test_by_default_extraction_runs_on_every_core(monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, max_workers, **options):
            pools.append(max_workers)
            super().__init__(max_workers, **options)

    monkeypatch.setattr(graphkit.extract.extraction, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(graphkit.extract.extraction, "load_pipeline", lambda model, **options: nlp)
    documents = [Document(id=str(n), text=f"Article {n}. It has two sentences.") for n in range(1000)]
    extractions, cached = extract_all(documents)
    assert [len(e.sentences) for e in extractions] == [2] * 1000
    cores = len(os.sched_getaffinity(0))
    assert pools == ([cores] if cores > 1 else [])


@pytest.mark.parametrize("fork", [True, False], ids=["forked workers", "spaCy's multiprocessing"])
def test_documents_stream_through_two_processes_and_each_keeps_its_own_extraction(monkeypatch, fork):
    monkeypatch.setattr(graphkit.extract.extraction, "_can_fork", lambda: fork)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    texts = [f"Article number {n} says {'a lot ' * (n % 7)}here." for n in range(60)]  # unequal lengths
    documents = [Document(id=f"article {n}", text=text) for n, text in enumerate(texts)]
    extractions = list(graphkit.extract.extraction.extract(nlp, iter(documents), workers=2, batch_size=4))
    assert [e.document for e in extractions] == [d.id for d in documents]
    assert [e.sentences[0].text for e in extractions] == [d.text for d in documents]


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc):
    if "boom" in doc.text:
        raise ValueError(f"cannot read {doc.text!r}")
    return doc


def test_an_error_in_a_worker_process_stops_the_extraction_with_that_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_fails_on_boom")
    documents = [Document(id=str(n), text="boom" if n == 37 else f"Article {n}.") for n in range(60)]
    with pytest.raises(ValueError, match="cannot read 'boom'"):
        list(graphkit.extract.extraction.extract(nlp, documents, workers=2, batch_size=4))


def test_the_last_batches_shared_by_processes_are_smaller_and_every_document_is_in_one():
    documents = [Document(id=str(i), text="x") for i in range(2215)]
    batches = list(_batched(documents, 32, 2))
    assert [d for batch in batches for d in batch] == documents
    sizes = [len(batch) for batch in batches]
    assert sizes[:60] == [32] * 60 and max(sizes[-6:]) == 8  # a quarter at the end: the processes end together
    assert [len(batch) for batch in _batched(documents, 32, 1)][-2:] == [32, 2215 % 32]  # one process: no need
