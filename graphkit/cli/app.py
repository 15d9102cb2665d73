"""The typer app every command registers on, and the one way commands print messages and errors."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from graphkit.version import __version__

app = typer.Typer(
    name="graphkit",
    help="Build a knowledge graph of the people, countries and organizations in news articles, offline.\n\n"
    "Start with `graphkit build` on a folder of articles, then open output/graph.html or import "
    "output/graph.graphml into Gephi.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
console = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise: `raise fail(...)`."""
    console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    console.print(f"[yellow]warning:[/] {_escape(message)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _print_version(value: bool) -> None:
    """Runs while the options are parsed, so `graphkit --version` needs no command."""
    if value:
        out.print(f"graphkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """Options that come before the command."""
