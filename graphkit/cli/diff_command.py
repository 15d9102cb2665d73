"""`graphkit diff OLD NEW`: what a rebuild changed, counts first, then the largest changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from graphkit.cli.app import app, fail, out
from graphkit.export.graphfile import GraphFileError, read_graph

if TYPE_CHECKING:
    from graphkit.query.diff import GraphDiff


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier build: its output folder or a graph file.")],
    new: Annotated[Path, typer.Argument(help="The later build: its output folder or a graph file.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Changes listed of each kind (0: all).")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print every change as JSON.")] = False,
) -> None:
    """Compare two builds: entities added, removed, merged and split; relations added, removed,
    strengthened and weakened; typed statements new.

    Entities are matched by any of their names, so a merge or a split shows as such.

    Example: graphkit diff before/ output/
    """
    from graphkit.query.diff import diff_graphs  # networkx: imported by the command that needs it

    try:
        before, after = read_graph(old), read_graph(new)
    except GraphFileError as error:
        raise fail(escape(str(error)), 2) from None
    changes = diff_graphs(before, after)
    if as_json:
        typer.echo(json.dumps(changes.to_dict(), ensure_ascii=False, indent=2))
        return
    print_diff(changes, limit or None)


def print_diff(changes: GraphDiff, limit: int | None) -> None:
    counts = changes.counts()
    e, r = counts["entities"], counts["relations"]
    out.print(
        f"entities: +{e['added']} added, −{e['removed']} removed, {e['merged']} merged, {e['split']} split, "
        f"{e['renamed']} renamed"
    )
    out.print(
        f"relations: +{r['added']} added, −{r['removed']} removed, {r['strengthened']} strengthened, "
        f"{r['weakened']} weakened"
    )
    out.print(f"typed statements: +{counts['statements']['added']} new")

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.print(f"\n{title}:")
            for line in lines[:limit]:
                out.print(f"  {escape(line)}")
            if limit and len(lines) > limit:
                out.print(f"  and {len(lines) - limit} more")

    entities, relations = changes.entities, changes.relations
    section("entities added", [f"+ {x['label']} ({x['type']}, {x['mentions']} mentions)" for x in entities["added"]])
    section(
        "entities removed", [f"− {x['label']} ({x['type']}, {x['mentions']} mentions)" for x in entities["removed"]]
    )
    section("entities merged", [f"{' + '.join(x['from'])} -> {x['label']}" for x in entities["merged"]])
    section("entities split", [f"{x['label']} -> {' / '.join(x['into'])}" for x in entities["split"]])
    section("entities renamed", [f"{x['was']} -> {x['label']}" for x in entities["renamed"]])
    section("relations added", [f"+ {x['source']} — {x['target']} ({x['weight']:g})" for x in relations["added"]])
    section("relations removed", [f"− {x['source']} — {x['target']} ({x['weight']:g})" for x in relations["removed"]])
    section(
        "relations strengthened",
        [f"{x['source']} — {x['target']}: {x['old_weight']:g} -> {x['weight']:g}" for x in relations["strengthened"]],
    )
    section(
        "relations weakened",
        [f"{x['source']} — {x['target']}: {x['old_weight']:g} -> {x['weight']:g}" for x in relations["weakened"]],
    )
    section("typed statements new", [f"+ {s}" for s in changes.statements])
