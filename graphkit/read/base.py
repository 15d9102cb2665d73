"""What every reader shares: its options, its errors, its limits and its type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from graphkit.model import Document, Warn

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are skipped with a warning: usually a dump, not an article

# Files that configure a corpus rather than being articles.
CONFIG_NAMES = {"aliases.yaml", "aliases.yml"}


class SourceError(Exception):
    """A problem with the input as a whole (missing path, nothing to read): the CLI prints it and exits 2."""


@dataclass
class ReadOptions:
    """Settings a reader may need beyond the file itself."""

    text_column: str | None = None  # CSV/TSV column or JSON key holding the article text; None: found by name


# A reader takes (path, document id, warn, options) and yields the file's Documents, text repaired.
Reader = Callable[[Path, str, Warn, ReadOptions], Iterable[Document]]
