"""The `graphkit` command: a thin typer layer over the Python API, one module per group of commands."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

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


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    if version:
        from graphkit import __version__

        out.print(f"graphkit {__version__}")
        raise typer.Exit()


def main() -> None:
    """Console entry point: no traceback reaches the user unless GRAPHKIT_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - last line of defence for the CLI
        if os.environ.get("GRAPHKIT_DEBUG"):
            raise
        console.print(f"[bold red]error:[/] {_escape(str(error) or type(error).__name__)}")
        console.print("(set GRAPHKIT_DEBUG=1 to see the traceback)")
        sys.exit(1)


# Command modules register themselves on `app`.
from graphkit.cli import build_command, entities_command, export_command, query_commands  # noqa: E402,F401
