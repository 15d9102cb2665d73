"""`graphkit review`: the least certain merges and the near misses, each decided in a keystroke and kept in
the alias file, so the next build (and the next review) knows."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from graphkit.cli.app import app, fail, out
from graphkit.export.graphfile import GraphFileError, read_graph

if TYPE_CHECKING:
    from graphkit.query.review import Item
    from graphkit.resolve.aliases import AliasRules

ANSWERS = {"y": "yes", "yes": "yes", "n": "no", "no": "no", "s": "skip", "skip": "skip", "": "skip", "q": "quit"}


@app.command("review")
def review_command(
    graph_path: Annotated[
        Path, typer.Option("--graph", "-g", help="The build's output folder, or its graph.json.")
    ] = Path("output"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Ask about at most this many (0: all).")] = 20,
    aliases: Annotated[
        Path | None,
        typer.Option(
            "--aliases",
            help="The alias file to write decisions to. Default: the aliases.yaml the build read, beside the articles.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the items as JSON and ask nothing.")] = False,
    list_only: Annotated[bool, typer.Option("--list", help="Print the items and ask nothing.")] = False,
) -> None:
    """Ask about the merges graphkit is least sure of and the near misses it did not merge.

    Each item shows the names, their documents and a sentence each. In a terminal, answer y (one entity:
    written as `merge`), n (different entities: written as `apart`) or s (skip; asked again next time), q to
    stop; without a terminal the answers are read one a line from standard input. Decisions go to the alias
    file with a dated comment, and an item decided there is not asked again. Rebuild to apply them.

    Example: graphkit review --graph output/
    """
    # review reads the articles again and resolves names as the build does: that machinery loads here
    from graphkit.query.review import default_alias_file, graph_folder, review_items
    from graphkit.resolve.alias_writer import add_decisions
    from graphkit.resolve.aliases import AliasFileError, load_aliases
    from graphkit.resolve.entities import CLOSE_TYPE_VOTE

    try:
        graph = read_graph(graph_path)
    except GraphFileError as error:
        raise fail(escape(str(error)), 2) from None
    folder = graph_folder(graph_path)
    alias_file = aliases or default_alias_file(folder)
    rules: AliasRules | None = None
    if alias_file.exists():
        try:
            rules = load_aliases(alias_file)
        except AliasFileError as error:
            raise fail(escape(str(error)), 2) from None
    items = review_items(graph, folder, rules, limit or None)
    if as_json:
        typer.echo(json.dumps([item.to_dict() for item in items], ensure_ascii=False, indent=2))
        return
    if not items:
        out.print(f"nothing to review in {folder} (decisions are in {alias_file})")
        return
    interactive = sys.stdin.isatty()
    answers: list[str] = []
    if not list_only and not interactive:
        answers = [ANSWERS.get(line.strip().lower(), "skip") for line in sys.stdin.read().splitlines()]
    if list_only or (not interactive and not answers):
        for number, item in enumerate(items, 1):
            _show(number, len(items), item)
        out.print(
            f"decide in a terminal with `graphkit review --graph {folder}"
            + (f" --aliases {alias_file}" if aliases else "")
            + f"`, or pipe the answers (y, n or s, one a line); they are written to {alias_file}"
        )
        return
    merges: list[tuple[str, str]] = []
    apart: list[tuple[str, str]] = []
    types: list[tuple[str, str]] = []
    for number, item in enumerate(items, 1):
        _show(number, len(items), item)
        if interactive:
            answer = _ask()
        elif number <= len(answers):
            answer = answers[number - 1]
            out.print(f"> {answer}")
        else:
            break
        if answer == "quit":
            break
        if answer == "skip":
            continue
        first, second = item.names
        if item.rule == CLOSE_TYPE_VOTE:
            if answer == "yes":  # the type it was given is right: say so, so it is not asked again
                types.append((first, item.detail.split()[0]))
            continue  # otherwise the type is the user's to write under `types:`
        if answer == "yes":
            merges.append(item.merge)
        else:
            apart.append((second, first))
    if not merges and not apart and not types:
        out.print("no decision written")
        return
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    try:
        add_decisions(alias_file, merges, apart, f"reviewed {today}", types=types)
    except (AliasFileError, OSError) as error:
        raise fail(escape(str(error)), 2) from None
    out.print(
        f"wrote {len(merges)} merge, {len(apart)} apart and {len(types)} types to {alias_file}; rebuild to apply them "
        f"(graphkit build ... --aliases {alias_file} if it is not beside the articles)"
    )


def _ask() -> str:
    """One answer from the keyboard, asked until it is one of y, n, s or q."""
    while True:
        text = typer.prompt("one entity? [y]es / [n]o / [s]kip / [q]uit", default="s", show_default=False)
        answer = ANSWERS.get(text.strip().lower())
        if answer is not None:
            return answer


def _show(number: int, total: int, item: Item) -> None:
    first, second = item.names
    if item.merged:
        head = f"merged ({item.rule}): {first} -> {second}"
    else:
        head = f"not merged ({item.rule}): {first} / {second}"
    if item.detail and not item.merged or item.rule.startswith("close type"):
        head += f" [{item.detail}]"
    elif item.detail:
        head += f" [in {item.detail}]"
    out.print(escape(f"{number}/{total}. {head}  (touches {item.touches:g})"))
    for form in item.forms:
        documents = ", ".join(form.documents[:3])
        if len(form.documents) > 3:
            documents += f" and {len(form.documents) - 3} more"
        out.print(escape(f"   {form.name} [{form.entity}]: {form.mentions} mentions in {documents or '-'}"))
        if form.sentence:
            out.print(escape(f'     "{_short(form.sentence)}" [{form.document}]'))


def _short(sentence: str, width: int = 220) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
