"""Tuned malloc: spaCy-sized arrays come from the heap instead of fresh pages, even where the environment pinned
glibc's thresholds (as Dask's nanny does for its workers)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

LOOP = """
import resource, sys
import numpy
from graphkit.processes import keep_heap_for_arrays
tuned = keep_heap_for_arrays() if sys.argv[1] == "tuned" else False
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(200):
    array = numpy.ones(2**18)  # 2 MiB, as a batch's hidden states
    del array
print(tuned, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def faults(mode: str) -> tuple[str, int]:
    environment = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536"}
    done = subprocess.run(
        [sys.executable, "-c", LOOP, mode], env=environment, capture_output=True, text=True, check=True
    )
    tuned, count = done.stdout.split()
    return tuned, int(count)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_arrays_reuse_the_heap_once_malloc_is_tuned() -> None:
    assert faults("default")[1] > 200 * 256  # every 2 MiB array mapped afresh: 512 pages each
    tuned, count = faults("tuned")
    assert tuned == "True"
    assert count < 20 * 256
