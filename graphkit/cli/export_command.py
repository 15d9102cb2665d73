"""`graphkit export`: the saved graph, filtered, in any format. No NLP is re-run.

One call to graphkit.query.filters.filter_graph and one to graphkit.export.formats.export_graph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from graphkit.cli.app import app, fail, out, warn
from graphkit.cli.time_range import SinceOption, UntilOption, date_range, in_range
from graphkit.export.formats import (
    FOLDER_FORMATS,
    FORMATS,
    ExportError,
    export_graph,
    format_for,
    format_help,
    formats_title,
)
from graphkit.export.graphfile import GraphFileError, graph_file, read_graph
from graphkit.query.filters import COMPONENTS, AmbiguousName, FilterError, UnknownName, filter_graph

DEFAULT_GRAPH = Path("output/graph.json")


EXPORT_HELP = f"""Write the saved graph (or part of it) as {formats_title()}.

Filters apply in this order: --since/--until, --min-weight, --focus/--hops, --types, --top, --component.
A date range keeps the statements dated within it (evidence.csv beside the graph) and builds the edges
again from them; metrics are those of the range. Other filters keep the metrics and positions of the whole
graph, so a filtered file matches the full one.

Examples:

  graphkit export -o graph.gexf

  graphkit export output/graph.json --focus "Vladimir Putin" --hops 1 -o putin.graphml

  graphkit export --types person,organization --top 100 --component largest -f csv -o tables/

  graphkit export -f parquet -o parquet/        (with the build's evidence, mentions and documents)

  graphkit export -f neo4j-import -o neo4j/     (then the neo4j-admin command it prints)
"""


@app.command("export", help=EXPORT_HELP)
def export_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=f"File to write; for {', '.join(FOLDER_FORMATS)}, a folder."),
    ],
    graph_path: Annotated[
        Path,
        typer.Argument(
            metavar="[GRAPH]",
            help="The graph written by `graphkit build`: graph.json (or its folder), or a .graphml / .gexf file.",
        ),
    ] = DEFAULT_GRAPH,
    format: Annotated[str | None, typer.Option("--format", "-f", help=format_help(), show_default=False)] = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types", "-t", help="Only these entity types, comma-separated: person,country,organization,location."
        ),
    ] = None,
    min_weight: Annotated[
        float | None,
        typer.Option(
            "--min-weight", help="Only relations of at least this weight (sentences), and the entities they join."
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", help="Only the N entities with the highest PageRank.")] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus",
            help="Only the neighbourhood of this entity (any of its names, any case); repeat for several.",
        ),
    ] = None,
    hops: Annotated[
        int | None, typer.Option("--hops", help="With --focus: how many steps out to go.  [default: 1]")
    ] = None,
    component: Annotated[
        str | None, typer.Option("--component", help="'largest': only the largest connected part of what is left.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing when it works.")] = False,
) -> None:
    """`graphkit export`; its help is EXPORT_HELP, which names the formats from the registry."""
    fmt = (format or format_for(output) or "").lower()
    if not fmt:
        raise fail(escape(f"cannot tell the format from {output.name!r}: add --format ({', '.join(FORMATS)})"), 2)
    if fmt not in FORMATS:
        raise fail(escape(f"unknown format {format!r}: use one of {', '.join(FORMATS)}"), 2)
    if hops is not None and not focus:
        raise fail("--hops needs --focus NAME", 2)
    if component is not None and component not in COMPONENTS:
        raise fail(escape(f"unknown --component {component!r}: use {', '.join(COMPONENTS)}"), 2)
    period = date_range(since, until)
    try:
        graph = in_range(read_graph(graph_path), graph_path, period)
        part = filter_graph(
            graph,
            types=types,
            min_weight=min_weight,
            top=top,
            focus=focus or None,
            hops=1 if hops is None else hops,
            component=component,
        )
        if part.number_of_nodes() == 0:
            raise FilterError("the filters leave no entity: nothing written")
        notes: list[str] = []  # printed after the counts, unless --quiet
        build = graph_file(graph_path).parent
        written = export_graph(part, output, fmt, build=build, period=period, warn=warn, note=notes.append)
    except (UnknownName, AmbiguousName) as error:  # exit 1, as the query commands do for names
        raise fail(escape(str(error)), 1) from None
    except (GraphFileError, FilterError, ExportError) as error:
        raise fail(escape(str(error)), 2) from None
    except OSError as error:
        raise fail(escape(f"cannot write {output}: {error.strerror or error}"), 1) from None
    if not quiet:
        files = ", ".join(str(p) for p in written)
        nodes, edges = part.number_of_nodes(), part.number_of_edges()
        counts = f"{nodes} {'entity' if nodes == 1 else 'entities'}, {edges} relation{'' if edges == 1 else 's'}"
        out.print(escape(f"{counts} -> {files}"), highlight=False)
        for line in notes:
            out.print(escape(line), highlight=False)
