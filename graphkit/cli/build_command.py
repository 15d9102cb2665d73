"""`graphkit build`: articles in, graph files out, with progress and a summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

import typer
from rich.markup import escape
from rich.table import Table

from graphkit.cli.app import app, console, fail, out, warn
from graphkit.export.html import MAX_NODES
from graphkit.extract.engines import ENGINES, SCHEDULER_TIMEOUT, EngineError, check_engine_options
from graphkit.extract.models import DEFAULT_MODEL, DEFAULT_PARSE, PARSE_MODES, ModelNotFound
from graphkit.read import SourceError
from graphkit.read.formats import input_suffixes_text

if TYPE_CHECKING:
    import networkx as nx

BUILD_HELP = f"""Read articles, find people, countries and organizations, relate them, and write the graph.

Reads {input_suffixes_text()} files; a SOURCE may be a quoted glob
pattern ('articles/*.html'). Writes graph.html (open it in a browser), graph.graphml and graph.gexf
(for Gephi), graph.json (read by the other commands) and CSV tables into --out.

When the articles, options, model and graphkit are those of the last build into --out and its files
are untouched, there is nothing to do: the build says so and stops (--force builds anyway).
Articles already read and parsed come from the cache (.graphkit-cache/ beside --out), so a rebuild
after adding articles parses only the new ones.

--engine dask parses on a Dask LocalCluster of --workers processes; --scheduler ADDRESS on the
workers of a running Dask cluster (needs graphkit[dask]). The files written are the same.

Example: graphkit build sources/ --out output/
"""


class _Settings(TypedDict):
    """The options that both `up_to_date` and `build` take, so that mypy checks them at both calls."""

    model: str
    parse: str
    max_nodes: int | None
    aliases: Path | None
    capitals_as_countries: bool
    text_column: str | None


@app.command("build", help=BUILD_HELP)
def build_command(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Article files or folders (walked recursively). Default: sources/", show_default=False),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output files.")] = Path("output"),
    model: Annotated[
        str, typer.Option("--model", "-m", help="Any installed spaCy pipeline with an 'ner' component.")
    ] = DEFAULT_MODEL,
    parse: Annotated[
        str,
        typer.Option(
            "--parse",
            help=f"Sentences the parser reads: {' or '.join(PARSE_MODES)} (selective: those that can give a typed "
            "relation).",
        ),
    ] = DEFAULT_PARSE,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Processes for spaCy. Default: every core.", show_default=False),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help=f"Where spaCy runs: {' or '.join(ENGINES)} (a Dask LocalCluster of --workers processes). "
            "Default: local, or dask with --scheduler.",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="A running Dask scheduler (tcp://HOST:8786, or a scheduler file) whose workers parse the articles.",
            show_default=False,
        ),
    ] = None,
    scheduler_timeout: Annotated[
        float,
        typer.Option("--scheduler-timeout", help="Seconds to reach the Dask scheduler and see a worker there."),
    ] = SCHEDULER_TIMEOUT,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache", help="Reuse the NLP of articles already seen (--no-cache: parse everything)."
        ),
    ] = True,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Folder of the extraction cache. Default: .graphkit-cache/ beside --out.",
            show_default=False,
        ),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes", min=0, help="Most entities drawn in graph.html (the most important); 0 draws all."),
    ] = MAX_NODES,
    aliases: Annotated[
        Path | None,
        typer.Option(
            "--aliases",
            help="Alias file (YAML: merge, rename, types, drop, apart, split) to fix entities by hand. "
            "Default: aliases.yaml in a source folder, if there is one.",
            show_default=False,
        ),
    ] = None,
    capitals_as_countries: Annotated[
        bool,
        typer.Option(
            "--capitals-as-countries",
            help="Read capitals and seats of power (Moscow, Ankara, the Kremlin) as their country.",
        ),
    ] = False,
    text_column: Annotated[
        str | None,
        typer.Option(
            "--text-column",
            help="CSV/TSV column or JSON key holding the article text. Default: found by name (text, body, ...).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="Build even when nothing changed since the last build into --out."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """`graphkit build`; its help is BUILD_HELP, which names the formats read from the registry."""
    # the build machinery loads here, so that the other commands and --help start without it
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from graphkit.api import build, up_to_date
    from graphkit.export.publish import OutputError
    from graphkit.query.diff import diff_graphs
    from graphkit.resolve.aliases import AliasFileError

    paths = [os.fspath(p) for p in sources] if sources else ["sources"]
    try:
        engine = check_engine_options(
            engine and engine.lower(), scheduler=scheduler, workers=workers, timeout=scheduler_timeout
        )
    except EngineError as error:
        raise fail(escape(str(error)), 2) from None
    if parse not in PARSE_MODES:
        raise fail(f"--parse must be {' or '.join(PARSE_MODES)}, not {escape(parse)!r}", 2)
    settings: _Settings = {
        "model": model,
        "parse": parse,
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
    previous = None if quiet else _previous_graph(out_dir)
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
                engine=engine,
                scheduler=scheduler,
                scheduler_timeout=scheduler_timeout,
                cache=cache,
                cache_dir=cache_dir,
                warn=warn,
                progress=lambda n: progress.advance(task, n),
                on_read=lambda docs: progress.update(task, total=len(docs)),
                **settings,
            )
    except (SourceError, ModelNotFound, AliasFileError, OutputError, EngineError) as error:
        raise fail(str(error), 2) from None
    if not quiet:
        print_summary(result.summary(), out_dir)
        if previous is not None:
            out.print(diff_graphs(previous, result.graph).line())


def _previous_graph(out_dir: Path) -> nx.Graph | None:
    """The graph an earlier build left in `out_dir`, read before this build replaces it; None if there is
    none or it cannot be read (the build writes it again either way)."""
    from graphkit.export.graphfile import GraphFileError, read_graph

    if not (out_dir / "graph.json").is_file():
        return None
    try:
        return read_graph(out_dir / "graph.json")
    except GraphFileError:
        return None


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
    if summary.get("ambiguous_dates"):
        count = summary["ambiguous_dates"]
        had = "document had an ambiguous numeric date" if count == 1 else "documents had ambiguous numeric dates"
        table.add_row("dates", f"{count} {had} (read day first)")
    table.add_row("time", f"{summary['seconds']:.1f} s")
    table.add_row("outputs", str(out_dir))
    out.print(table)
    out.print(f"open {(out_dir / 'graph.html').resolve().as_uri()}")
