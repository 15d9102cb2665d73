"""The model's layers on numpy's matrix product (the default) or on blis, thinc's own: the same extraction
either way, and one BLAS thread in each worker process, since graphkit already runs a process a core."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from graphkit.extract import load_pipeline
from graphkit.extract.extraction import _start_worker, extraction_key, extraction_of

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"


def _layers_on_blis(nlp) -> set[bool]:  # type: ignore[no-untyped-def]
    return {node.ops.use_blis for name in ("tok2vec", "ner") for node in nlp.get_pipe(name).model.walk()}


def test_either_matrix_product_gives_the_same_extraction_of_the_sample_articles() -> None:
    numpy_gemm, blis = load_pipeline(), load_pipeline(gemm="blis")
    assert _layers_on_blis(numpy_gemm) == {False}
    assert _layers_on_blis(blis) == {True}
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE_SOURCES.iterdir()) if path.is_file()]
    assert texts
    for number, (first, second) in enumerate(zip(numpy_gemm.pipe(texts), blis.pipe(texts), strict=True)):
        on_numpy = extraction_of(first, str(number), texts[number])
        on_blis = extraction_of(second, str(number), texts[number])
        assert on_numpy.to_dict() == on_blis.to_dict()
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in first] == [
            (t.tag_, t.dep_, t.head.i, t.lemma_) for t in second
        ]


def test_the_matrix_product_keys_the_cache_and_an_unknown_one_is_refused() -> None:
    assert extraction_key(options={"gemm": "blis"}) != extraction_key()
    assert extraction_key(options={"gemm": "numpy"}) == extraction_key()
    with pytest.raises(ValueError, match="gemm"):
        load_pipeline(gemm="fortran")


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_process_runs_its_matrix_products_on_one_thread() -> None:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(None, os.getpid())) as pool:
        threads = pool.submit(_blas_threads).result()
    assert threads, "numpy's BLAS is loaded"
    assert set(threads) == {1}
