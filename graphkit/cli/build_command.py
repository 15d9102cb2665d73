"""`graphkit build`: articles in, graph files out, with progress and a summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from graphkit.api import build, up_to_date
from graphkit.cli.app import app, console, fail, out, warn
from graphkit.export.html import MAX_NODES
from graphkit.export.publish import OutputError
from graphkit.extract.models import DEFAULT_MODEL, ModelNotFound
from graphkit.read import SourceError
from graphkit.resolve.aliases import AliasFileError


@app.command("build")
def build_command(
    sources: list[Path] = typer.Argument(
        None, help="Article files or folders (walked recursively). Default: sources/", show_default=False
    ),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the output files."),
    model: str = typer.Option(
        DEFAULT_MODEL, "--model", "-m", help="Any installed spaCy pipeline with an 'ner' component."
    ),
    workers: int = typer.Option(
        None, "--workers", "-w", min=1, help="Processes for spaCy. Default: every core.", show_default=False
    ),
    cache: bool = typer.Option(
        True, "--cache/--no-cache", help="Reuse the NLP of articles already seen (--no-cache: parse everything)."
    ),
    cache_dir: Path = typer.Option(
        None,
        "--cache-dir",
        help="Folder of the extraction cache. Default: .graphkit-cache/ beside --out.",
        show_default=False,
    ),
    max_nodes: int = typer.Option(
        MAX_NODES, "--max-nodes", min=0, help="Most entities drawn in graph.html (the most important); 0 draws all."
    ),
    aliases: Path = typer.Option(
        None,
        "--aliases",
        help="Alias file (YAML: merge, rename, types, drop) to fix entities by hand. "
        "Default: aliases.yaml in a source folder, if there is one.",
        show_default=False,
    ),
    capitals_as_countries: bool = typer.Option(
        False,
        "--capitals-as-countries",
        help="Read capitals and seats of power (Moscow, Ankara, the Kremlin) as their country.",
    ),
    text_column: str = typer.Option(
        None,
        "--text-column",
        help="CSV/TSV column or JSON key holding the article text. Default: found by name (text, body, ...).",
        show_default=False,
    ),
    force: bool = typer.Option(
        False, "--force", "-f", help="Build even when nothing changed since the last build into --out."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Read articles, find people, countries and organizations, relate them, and write the graph.

    Reads .txt, .md, .html, .csv, .tsv, .jsonl, .json and .pdf files; a SOURCE may be a quoted glob
    pattern ('articles/*.html'). Writes graph.html (open it in a browser), graph.graphml and graph.gexf
    (for Gephi), graph.json (read by the other commands) and CSV tables into --out.

    When the articles, options, model and graphkit are those of the last build into --out and its files
    are untouched, there is nothing to do: the build says so and stops (--force builds anyway).
    Articles already read and parsed come from the cache (.graphkit-cache/ beside --out), so a rebuild
    after adding articles parses only the new ones.

    Example: graphkit build sources/ --out output/
    """
    paths = [os.fspath(p) for p in sources] if sources else ["sources"]
    settings = {
        "model": model,
        "max_nodes": max_nodes or None,
        "aliases": aliases,
        "capitals_as_countries": capitals_as_countries,
        "text_column": text_column,
    }
    if not force and cache:
        try:
            stamp = up_to_date(paths, out_dir, **settings)
        except SourceError as error:
            raise fail(str(error), 2) from None
        if stamp is not None:
            for message in stamp.warnings:
                warn(message)
            if not quiet:
                out.print(f"nothing changed since the last build into {out_dir} (--force builds anyway)")
                print_summary(stamp.summary, out_dir)
            return
    progress = Progress(
        TextColumn("reading articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )
    task = progress.add_task("nlp", total=None)
    try:
        with progress:
            result = build(
                paths,
                out_dir,
                workers=workers,
                cache=cache,
                cache_dir=cache_dir,
                warn=warn,
                progress=lambda n: progress.advance(task, n),
                on_read=lambda docs: progress.update(task, total=len(docs)),
                **settings,
            )
    except (SourceError, ModelNotFound, AliasFileError, OutputError) as error:
        raise fail(str(error), 2) from None
    if not quiet:
        print_summary(result.summary(), out_dir)


def print_summary(summary: dict[str, Any], out_dir: Path) -> None:
    """The figures of a build (BuildResult.summary, or as the build stamp kept them)."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_row(
        "documents",
        f"{summary['documents']} read ({summary['cached']} from the cache), {summary['warnings']} warnings",
    )
    by_type = ", ".join(f"{n} {t}" for t, n in summary["types"].items())
    table.add_row("entities", f"{summary['entities']} ({by_type})")
    table.add_row("relations", f"{summary['edges']} edges, {summary['typed_edges']} with typed relations")
    table.add_row("time", f"{summary['seconds']:.1f} s")
    table.add_row("outputs", str(out_dir))
    out.print(table)
    out.print(f"open {(out_dir / 'graph.html').resolve().as_uri()}")
