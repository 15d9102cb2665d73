"""Which reader handles which file: one function per format, chosen by extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graphkit.model import Document
from graphkit.sources.files import Warn
from graphkit.sources.text import read_plain_text

Reader = Callable[[Path, str, Warn], Iterable[Document]]

READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
    ".markdown": read_plain_text,
}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
