"""`graphkit entities`: the entity table of the saved graph, to read what resolution made of the names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from graphkit.cli.app import app, fail, out
from graphkit.export.graphfile import GraphFileError, read_graph
from graphkit.schema import ENTITY_TYPES, join_list, split_list

if TYPE_CHECKING:
    import networkx as nx

SORTS = ("mentions", "documents", "name", "type")


def entity_rows(graph: nx.Graph, kind: str | None = None, sort: str = "mentions") -> list[dict]:
    """One row per entity: name, type, mentions, documents and the aliases merged into it."""
    rows = [
        {
            "name": data["label"],
            "type": data["type"],
            "mentions": data["mentions"],
            "documents": data["documents"],
            "aliases": split_list(data["aliases"]),
        }
        for _, data in graph.nodes(data=True)
        if kind is None or data["type"] == kind
    ]
    if sort in ("name", "type"):
        rows.sort(key=lambda r: (r[sort].casefold(), r["name"].casefold()))
    else:
        rows.sort(key=lambda r: (-r[sort], r["name"].casefold()))
    return rows


@app.command("entities")
def entities_command(
    type_: Annotated[
        str | None, typer.Option("--type", "-t", help=f"Only this type: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    sort: Annotated[str, typer.Option("--sort", "-s", help=f"Order by {', '.join(SORTS)}.")] = "mentions",
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show at most this many (0: all).")] = 0,
    graph_path: Annotated[Path, typer.Option("--graph", "-g", help="The graph written by `graphkit build`.")] = Path(
        "output/graph.json"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")] = False,
) -> None:
    """List the entities of the graph with their type, counts and the names merged into each.

    Read it after a build to spot duplicates or junk, then fix them with an alias file (--aliases).

    Example: graphkit entities --type person
    """
    if type_ is not None and type_ not in ENTITY_TYPES:
        raise fail(f"unknown type '{type_}'; use one of {', '.join(ENTITY_TYPES)}", 2)
    if sort not in SORTS:
        raise fail(f"unknown sort '{sort}'; use one of {', '.join(SORTS)}", 2)
    try:
        graph = read_graph(graph_path)
    except GraphFileError as error:
        raise fail(escape(str(error)), 2) from None
    rows = entity_rows(graph, type_, sort)
    if limit:
        rows = rows[:limit]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    for column in ("entity", "type", "mentions", "documents", "aliases"):
        table.add_column(column, justify="right" if column in ("mentions", "documents") else "left")
    for row in rows:
        table.add_row(
            escape(row["name"]),
            row["type"],
            str(row["mentions"]),
            str(row["documents"]),
            escape(join_list(a for a in row["aliases"] if a != row["name"])),
        )
    out.print(table)
