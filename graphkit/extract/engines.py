"""Where the parsing runs: this machine's processes (`local`) or a Dask cluster (`dask`).

This module names the engines and checks their options (graphkit.api makes one); it imports neither
spaCy nor Dask, so the CLI starts fast and the core works without the `graphkit[dask]` extra. The Dask
engine itself is graphkit.extract.cluster.
"""

from __future__ import annotations

ENGINES = ("local", "dask")
DASK_EXTRA = "install graphkit[dask] (pip install 'graphkit[dask]')"
SCHEDULER_TIMEOUT = 10.0  # seconds to reach the scheduler and see a worker before giving up


class EngineError(Exception):
    """The engine cannot run as asked (no Dask, a scheduler out of reach, a worker that lacks something).

    The message is meant for the user, on one line, and names the option or the worker."""


def check_engine_options(
    engine: str | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    timeout: float = SCHEDULER_TIMEOUT,
) -> str:
    """The engine the options ask for (None: dask with a `scheduler`, else local); raises EngineError (one line,
    naming the option) for options that contradict each other. Imports nothing."""
    engine = engine or ("dask" if scheduler is not None else "local")
    if engine not in ENGINES:
        raise EngineError(f"unknown --engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler is not None and engine == "local":
        raise EngineError("--scheduler sends the parsing to a Dask cluster: it cannot go with --engine local")
    if scheduler is not None and workers is not None:
        raise EngineError("--workers sets the processes of this machine; with --scheduler the cluster's workers parse")
    if not timeout > 0:
        raise EngineError(f"--scheduler-timeout {timeout:g}: give a number of seconds above 0")
    return engine
