"""Which reader handles which file: one Format record per format, chosen by extension.

A reader takes (path, document id, warn, options) and yields Documents whose text is repaired
(graphkit.read.repair) and whose title, author, date, url and source are set when the format carries
them; read_sources then cleans each one (graphkit.read.clean) and marks duplicates. Each reader module
declares its formats (graphkit.model.Format); INPUT_FORMATS lists them, and everything else that names
the formats read (the suffix table, `graphkit build --help`, the README table) follows from it.
"""

from __future__ import annotations

from pathlib import Path

from graphkit.model import Format, by_name, by_suffix, spoken_list, usual_suffixes
from graphkit.read.base import Reader
from graphkit.read.html import HTML
from graphkit.read.pdf import PDF
from graphkit.read.tables import CSV, JSON, JSONL, TSV
from graphkit.read.text import MARKDOWN, TEXT

INPUT_FORMATS: tuple[Format, ...] = (TEXT, MARKDOWN, HTML, CSV, TSV, JSONL, JSON, PDF)
INPUT_BY_NAME = by_name(INPUT_FORMATS)
READERS: dict[str, Reader] = {suffix: fmt.read for suffix, fmt in by_suffix(INPUT_FORMATS).items() if fmt.read}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def input_suffixes_text() -> str:
    """'.txt, .md, ... and .pdf': the usual suffix of every format read, for help text."""
    return spoken_list(usual_suffixes(INPUT_FORMATS))
