"""Python's cycle collector, paused while a stage builds many small objects that make no cycles.

Resolution and graph building each make a few hundred thousand records. Their count sets off full
collections, and each one rescans everything the build holds (documents, extractions, relations) to free
nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the duration, and back as it was (on or off) after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
