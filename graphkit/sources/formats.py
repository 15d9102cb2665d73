"""Which reader handles which file: one function per format, chosen by extension.

A reader takes (path, document id, warn, options) and yields Documents whose text is repaired
(graphkit.sources.repair) and whose title, author, date, url and source are set when the format carries
them; read_sources then cleans each one (graphkit.sources.clean) and marks duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graphkit.model import Document
from graphkit.sources.files import ReadOptions, Warn
from graphkit.sources.html import read_html
from graphkit.sources.pdf import read_pdf
from graphkit.sources.tables import read_csv, read_json, read_jsonl
from graphkit.sources.text import read_plain_text

Reader = Callable[[Path, str, Warn, ReadOptions], Iterable[Document]]

READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".md": read_plain_text,
    ".markdown": read_plain_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".pdf": read_pdf,
}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
