"""Work on several cores: how many there are, whether processes can be forked, and running jobs beside
this process in a forked one (which shares the graph already in memory instead of being sent a copy)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

Job = Callable[[], object]


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes can be forked: not on Windows, and not on macOS, where system libraries
    (and so Python's default since 3.8) rule it out."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


# The jobs of a forked process: inherited from the parent at the fork, never pickled.
_forked_jobs: Sequence[Job] = ()


def _run_forked_jobs() -> None:
    for job in _forked_jobs:
        job()


def run_beside(forked: Sequence[Job], here: Sequence[Job], *, parallel: bool = True) -> None:
    """Run the `forked` jobs in one forked process while this process runs the `here` jobs.

    An exception in a forked job is raised here once this process's jobs are done. Where processes
    cannot be forked, or with `parallel` False, every job runs here, `forked` ones first.
    """
    global _forked_jobs
    if not (parallel and forked and can_fork()):
        for job in [*forked, *here]:
            job()
        return
    _forked_jobs = forked
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_run_forked_jobs)
            for job in here:
                job()
            future.result()
    finally:
        _forked_jobs = ()
