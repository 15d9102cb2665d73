"""Which reader handles which file: one function per format, chosen by extension.

A reader takes (path, document id, warn, options) and yields Documents whose text is repaired
(graphkit.read.repair) and whose title, author, date, url and source are set when the format carries
them; read_sources then cleans each one (graphkit.read.clean) and marks duplicates.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.read.base import Reader
from graphkit.read.html import read_html
from graphkit.read.pdf import read_pdf
from graphkit.read.tables import read_csv, read_json, read_jsonl
from graphkit.read.text import read_plain_text

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
