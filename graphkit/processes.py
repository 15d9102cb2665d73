"""Work on several cores: how many there are, how much memory is free for more processes, whether processes
can be forked, and running jobs beside this process in a forked one (which shares the graph already in
memory instead of being sent a copy).

Every forked child dies with its parent, even when the parent is killed with kill -9, and a parent
interrupted by Ctrl-C or SIGTERM stops its children before it exits: no worker is left behind blocked on a
pipe, holding memory and the caches.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

Job = Callable[[], object]

# glibc's mallopt parameters (<malloc.h>), and the most its adaptive rule raises the mmap threshold to on 64-bit
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
MMAP_THRESHOLD = 32 * 2**20
HEAP_PAD = 64 * 2**20


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def keep_heap_for_arrays() -> bool:
    """Tune glibc's malloc for spaCy's batches, in this process and the ones it forks afterwards; True when set.

    A batch allocates and frees arrays of a few hundred KiB to a few MiB. With glibc's defaults they are mapped
    and unmapped again (the mmap threshold starts at 128 KiB, and a value set in the environment, as Dask's
    nanny sets MALLOC_TRIM_THRESHOLD_, pins it there), and the heap is grown and trimmed a few pages at a time:
    a third of a million page faults per hundred articles, a fifteenth of the CPU time. Arrays up to 32 MiB
    then come from the heap, which grows 64 MiB at a time and keeps 64 MiB free: a third of the faults."""
    if not sys.platform.startswith("linux"):
        return False
    settings = ((M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD), (M_TOP_PAD, HEAP_PAD))
    try:
        libc = ctypes.CDLL(None)
        return all(libc.mallopt(parameter, value) == 1 for parameter, value in settings)
    except (OSError, AttributeError):  # not glibc
        return False


def one_blas_thread() -> None:
    """Run the matrix products of this process on one thread: graphkit spreads a build over processes, one a
    core, and a BLAS that also started a thread a core in each would have them wait on one another."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def available_memory() -> int | None:
    """Bytes of memory that new processes can use without swapping, or None when the system does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:  # other Unix systems: free pages only (not the reclaimable cache), an underestimate
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def can_fork() -> bool:
    """Whether worker processes can be forked: not on Windows, and not on macOS, where system libraries
    (and so Python's default since 3.8) rule it out."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_PARENT_SECONDS = 0.5  # where prctl is missing, how often a child checks that its parent lives
INTERRUPT_GRACE_SECONDS = 5.0  # how long an interrupted forked job may take to clean up before it is killed


def die_with_parent(parent: int) -> None:
    """In a forked child, first thing: die as soon as `parent` does, and leave Ctrl-C to it.

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere a thread
    watches the parent's pid. The parent may have died between the fork and this call, so it is checked
    after. Ctrl-C reaches the whole process group: children ignore it and the parent stops them; SIGTERM
    from the parent raises KeyboardInterrupt once, so that a job can remove its temporary files.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupted_by_parent)
    if not _kill_on_parent_death():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_PARENT_SECONDS)
    os._exit(1)


def _interrupted_by_parent(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: a second one must not break the cleanup
    raise KeyboardInterrupt


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the processes of `pool` now, for a parent that stops before their work is done (interrupted, or
    failed): they hold nothing that needs cleaning up, and waiting would let them finish batches no one reads."""
    for process in _processes_of(pool):
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.kill()


def _processes_of(pool: ProcessPoolExecutor) -> list[multiprocessing.process.BaseProcess]:
    return list((getattr(pool, "_processes", None) or {}).values())  # the executor has no public list


def _interrupt_job(pool: ProcessPoolExecutor, future: Future[None]) -> None:
    """Interrupt a forked job like Ctrl-C would (it removes its temporary files), then kill it if it lingers."""
    for process in _processes_of(pool):
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.terminate()
    with contextlib.suppress(FutureTimeout, CancelledError, KeyboardInterrupt):
        future.exception(timeout=INTERRUPT_GRACE_SECONDS)
    if not future.done():
        kill_workers(pool)


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
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            future = pool.submit(_run_forked_jobs)
            try:
                for job in here:
                    job()
                future.result()
            except KeyboardInterrupt:
                _interrupt_job(pool, future)
                raise
    finally:
        _forked_jobs = ()
