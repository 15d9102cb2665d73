"""Python's cycle collector, kept from rescanning what a build holds.

Resolution and graph building each make a few hundred thousand records, and the writers a dict per node and
edge. Their count sets off full collections, and each one rescans everything the build holds (documents,
extractions, relations, the graph) to free nothing: the writers of BBC's files took a third longer for it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = 0  # how many `held_frozen` blocks are open


@contextmanager
def held_frozen() -> Iterator[None]:
    """Every object alive now left out of the collector's scans for the duration (gc.freeze), and back in
    after; an inner block adds what was made since, and the outermost one lets everything go. Processes
    forked meanwhile inherit the frozen objects and never scan them either (nor copy their pages for it)."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


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
