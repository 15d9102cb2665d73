"""Reading: paths in, `Document`s out, with a warning (never a traceback) for anything unreadable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphkit.read.base import MAX_FILE_BYTES, ReadOptions, SourceError

if TYPE_CHECKING:
    from graphkit.read.files import iter_source_files, read_sources

__all__ = ["MAX_FILE_BYTES", "ReadOptions", "SourceError", "iter_source_files", "read_sources"]


def __getattr__(name: str) -> Any:
    """The readers, imported on first use: the registry of formats (graphkit.read.formats) names the files
    `graphkit build --help` reads without loading the cache, numpy and the rest of graphkit.read.files."""
    if name in ("iter_source_files", "read_sources"):
        from graphkit.read import files

        return getattr(files, name)
    raise AttributeError(f"module 'graphkit.read' has no attribute {name!r}")
