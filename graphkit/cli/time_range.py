"""`--since` and `--until`, declared once for `export`, `timeline` and every question to the saved graph."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from graphkit.cli.app import fail
from graphkit.export.graphfile import graph_file
from graphkit.periods import FORMS, DateError, DateRange
from graphkit.query.questions import read_documents_table

if TYPE_CHECKING:
    import networkx as nx

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help=f"Only the statements dated on or after this date ({FORMS}); entities left with none go.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help=f"Only the statements dated on or before this date ({FORMS}).", show_default=False),
]


def date_range(since: str | None, until: str | None) -> DateRange:
    """The range the options give, or exit 2 with one line naming the option that is not a date."""
    try:
        return DateRange.parse(since, until)
    except DateError as error:
        raise fail(escape(str(error)), 2) from None


def in_range(graph: nx.Graph, graph_path: Path, period: DateRange) -> nx.Graph:
    """The saved graph as the statements of `period` make it (graphkit.query.timeline.graph_in_range); exit 2
    when there is no evidence.csv beside it to filter."""
    if not period:
        return graph
    from graphkit.query.timeline import NoEvidence, graph_in_range, read_statements  # the graph stage: networkx

    folder = graph_file(graph_path).parent
    try:
        return graph_in_range(graph, read_statements(folder), read_documents_table(folder), period)
    except NoEvidence as error:
        raise fail(escape(str(error)), 2) from None
