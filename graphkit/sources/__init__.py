"""Reading: paths in, `Document`s out, with a warning (never a traceback) for anything unreadable."""

from graphkit.sources.files import (
    MAX_FILE_BYTES,
    SourceError,
    Warn,
    iter_source_files,
    read_sources,
)

__all__ = ["MAX_FILE_BYTES", "SourceError", "Warn", "iter_source_files", "read_sources"]
