"""The `graphkit` command: a thin typer layer over the Python API, one module per group of commands."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

# Command modules register themselves on `app` when imported. Each imports at the top only what its options
# and help need; the machinery a command runs (spaCy, networkx, pyvis, ...) loads inside it, so that `--help`
# and a question to a saved graph start in a fraction of a second (tests/test_query_startup.py).
from graphkit.cli import build_command, diff_command, entities_command, export_command, query_commands, review_command  # noqa: F401  # noqa: F401
from graphkit.cli.app import _escape, app, console, out

__all__ = ["app", "console", "main", "out"]


INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT), and by SIGTERM alike


def main() -> None:
    """Console entry point: no traceback reaches the user unless GRAPHKIT_DEBUG is set.

    SIGTERM (kill, a service manager, a closed CI job) stops a build as Ctrl-C does: the same cleanup (the
    worker processes stopped, the extraction cache closed with what was parsed), one line, exit code 130.
    """
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except KeyboardInterrupt:
        _stop(INTERRUPTED)
    except SystemExit:
        if _interrupted:  # typer turns the KeyboardInterrupt into a silent exit 130
            _stop(INTERRUPTED)
        raise
    except Exception as error:  # noqa: BLE001 - last line of defence for the CLI
        if os.environ.get("GRAPHKIT_DEBUG"):
            raise
        console.print(f"[bold red]error:[/] {_escape(str(error) or type(error).__name__)}")
        console.print("(set GRAPHKIT_DEBUG=1 to see the traceback)")
        sys.exit(1)


_interrupted = False


def _interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _stop(code: int) -> None:
    console.print("interrupted")
    sys.exit(code)
