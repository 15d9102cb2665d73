"""Reading: paths in, `Document`s out, with a warning (never a traceback) for anything unreadable."""

from graphkit.read.base import MAX_FILE_BYTES, ReadOptions, SourceError
from graphkit.read.files import iter_source_files, read_sources

__all__ = ["MAX_FILE_BYTES", "ReadOptions", "SourceError", "iter_source_files", "read_sources"]
