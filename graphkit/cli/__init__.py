"""The `graphkit` command: a thin typer layer over the Python API, one module per group of commands."""

from __future__ import annotations

import os
import sys

# Command modules register themselves on `app` when imported.
from graphkit.cli import build_command, entities_command, export_command, query_commands  # noqa: F401
from graphkit.cli.app import _escape, app, console, out

__all__ = ["app", "console", "main", "out"]


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
