"""What a folder format may need besides the graph: the build folder its tables come from, and a voice.

The Parquet export converts the build's own tables (evidence.csv, mentions.csv, documents.csv, beside
graph.json) and the neo4j-import export prints the command that loads its files; `export_graph` hands both
an ExportContext, and the CLI fills it with the saved graph's folder and its console.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.periods import DateRange


class ExportError(ValueError):
    """An export that cannot be done as asked; the message is meant for the user, on one line."""


def _silent(message: str) -> None:
    """Say nothing: the default for a caller that did not ask to hear."""


@dataclass(frozen=True)
class ExportContext:
    """The build folder (None: a graph made in Python, or one saved without its tables), the date range the
    graph was made for (`--since`/`--until`; its statements are the build's that it holds) and two callbacks,
    `warn` for what could not be written and why, `note` for what to do next with the files."""

    build: Path | None = None
    period: DateRange = field(default_factory=DateRange)
    warn: Callable[[str], None] = field(default=_silent)
    note: Callable[[str], None] = field(default=_silent)
