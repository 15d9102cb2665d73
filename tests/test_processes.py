"""Jobs run beside the build in a forked process: their files appear, their errors reach the caller, and
the outputs are the same bytes as when one process writes everything."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from graphkit import OUTPUT_FILES, write_outputs
from graphkit.processes import can_fork, run_beside

needs_fork = pytest.mark.skipif(not can_fork(), reason="processes cannot be forked here")


@needs_fork
def test_forked_jobs_run_in_another_process(tmp_path):
    def record(name: str):
        return lambda: (tmp_path / name).write_text(str(os.getpid()), encoding="utf-8")

    run_beside([record("forked")], [record("here")])
    assert (tmp_path / "here").read_text(encoding="utf-8") == str(os.getpid())
    assert (tmp_path / "forked").read_text(encoding="utf-8") != str(os.getpid())


@needs_fork
def test_an_error_in_a_forked_job_is_raised_here(tmp_path):
    def fail() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        run_beside([fail], [lambda: (tmp_path / "here").touch()])
    assert (tmp_path / "here").exists()  # this process's jobs still ran


def test_without_parallel_every_job_runs_here_in_order():
    order: list[str] = []
    run_beside([lambda: order.append("forked")], [lambda: order.append("here")], parallel=False)
    assert order == ["forked", "here"]


@needs_fork
def test_outputs_written_by_two_processes_are_the_same_bytes(sample_build, tmp_path, monkeypatch):
    build_module = importlib.import_module("graphkit.export.outputs")
    monkeypatch.setattr(build_module, "PARALLEL_WRITE_EDGES", 0)  # the sample graph is small
    one = write_outputs(sample_build, tmp_path / "one", workers=1)
    two = write_outputs(sample_build, tmp_path / "two", workers=2)
    for name in OUTPUT_FILES:
        assert Path(one[name]).read_bytes() == Path(two[name]).read_bytes(), name
