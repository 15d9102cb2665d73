"""`graphkit top|show|neighbors|path|communities|stats|relations|timeline|open`: questions to the saved graph,
no NLP re-run.

Each command is one call into graphkit.query.questions (graphkit.query.timeline for dates); tables on stdout
for people, `--json` for scripts. `--since`/`--until` (graphkit.cli.time_range) take the graph of a date range.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from graphkit.cli.app import app, console, fail, out
from graphkit.cli.time_range import SinceOption, UntilOption, date_range, in_range
from graphkit.export.graphfile import GraphFileError, graph_file, open_graph, read_graph
from graphkit.export.graphstore import StoredGraph
from graphkit.query import questions as query
from graphkit.query.filters import AmbiguousName, UnknownName, resolve_node
from graphkit.relation_types import relation_classes
from graphkit.schema import CO_MENTIONED, join_list

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_GRAPH = Path("output/graph.json")
GRAPH_HELP = "The graph written by `graphkit build`: graph.json, or the folder that holds it."
JSON_HELP = "Print JSON on stdout instead of tables (for scripts)."
SHOWN_DOCUMENTS = 10  # documents `show` lists without --all: the ones with most mentions
SHOWN_NEIGHBORS = 20  # entities the table of `neighbors` lists without --limit: a screenful, strongest first


class Ranking(str, Enum):
    pagerank = "pagerank"
    degree = "degree"
    betweenness = "betweenness"
    mentions = "mentions"


class EntityType(str, Enum):
    person = "person"
    country = "country"
    organization = "organization"
    location = "location"


class Prefer(str, Enum):
    hops = "hops"
    strength = "strength"


# The two options every question takes, declared once.
GraphOption = Annotated[Path, typer.Option("--graph", "-g", help=GRAPH_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
EntityName = Annotated[str, typer.Argument(help="Any name of the entity (canonical name or alias), in any case.")]


def _load(path: Path, since: str | None = None, until: str | None = None, *, few: bool = False) -> nx.Graph:
    """The saved graph, or the part of it the statements dated from `since` to `until` make.

    `few`: the question is about one or two entities, or the first few by rank, so the indexed store
    (graphkit.export.graphstore) answers it when it is up to date, without reading the whole graph; a date
    range needs every edge.
    """
    period = date_range(since, until)  # a date that is not one fails before the graph is read
    try:
        graph = open_graph(path) if few and not period else read_graph(path)
    except GraphFileError as error:
        raise fail(escape(str(error)), 2) from None
    if isinstance(graph, StoredGraph):
        return graph  # type: ignore[return-value]  # it answers what the single-entity questions ask
    return in_range(graph, path, period)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _answering(graph: nx.Graph) -> Iterator[None]:
    """Turn a question the graph cannot answer into a one-line error (and the candidates for an ambiguous name)."""
    try:
        yield
    except AmbiguousName as error:
        console.print(
            f'[bold red]error:[/] "{escape(error.name)}" matches {len(error.candidates)} entities; '
            "give one of these names:"
        )
        table = Table(box=None, show_header=False, pad_edge=False)
        for node in error.candidates:
            d = graph.nodes[node]
            table.add_row(Text(f"  {node}"), Text(d.get("type", "")), Text(_mentions(d)))
        console.print(table)
        raise typer.Exit(1) from None
    except query.QUESTION_ERRORS as error:
        within = graph.graph.get("filter") if isinstance(error, UnknownName) else ""
        raise fail(escape(f"{error} ({within})" if within else str(error)), 1) from None


def _mentions(data: dict) -> str:
    mentions, documents = int(data.get("mentions", 0)), int(data.get("documents", 0))
    return f"{mentions} mention{'s' * (mentions != 1)} in {documents} document{'s' * (documents != 1)}"


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.3f}"


def _evidence(evidence: query.Evidence | None) -> Text:
    if evidence is None:
        return Text("")
    text = Text(f"[{evidence.document}] ", style="dim") if evidence.document else Text("")
    return text.append(evidence.sentence)


def _relation(relation: str, statements: list[str]) -> Text:
    return Text(statements[0] if statements else relation, style="" if relation == CO_MENTIONED else "bold")


def _empty(graph: nx.Graph) -> bool:
    if graph.number_of_nodes():
        return False
    console.print("the graph has no entities: build it from articles that mention people, countries or organizations")
    return True


@app.command("top")
def top_command(
    by: Annotated[Ranking, typer.Option("--by", "-b", help="What makes an entity central.")] = Ranking.pagerank,
    type_: Annotated[
        EntityType | None, typer.Option("--type", "-t", help="Only entities of this type.", show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many entities to list.")] = 20,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """List the most central entities: who matters most in these articles.

    Example: graphkit top --by betweenness --type person -n 10
    """
    graph = _load(graph_path, since, until, few=True)
    kind = type_.value if type_ else None
    with _answering(graph):
        rows = query.top(graph, by=by.value, type=kind, n=limit)
    if as_json:
        _print_json({"by": by.value, "type": kind, "entities": [asdict(r) for r in rows]})
        return
    if _empty(graph):
        return
    table = Table(title=f"top {len(rows)} {kind or 'entities'} by {by.value}", title_justify="left")
    for name in ("#", "entity", "type", by.value):
        table.add_column(name, justify="right" if name in ("#", by.value) else "left")
    others = [r for r in query.RANKINGS if r != by.value]
    for name in others:
        table.add_column(name, justify="right", style="dim")
    for rank, row in enumerate(rows, 1):
        values = [_number(getattr(row, name)) for name in (by.value, *others)]
        table.add_row(str(rank), Text(row.id), row.type, *values)
    out.print(table)


@app.command("show")
def show_command(
    name: EntityName,
    relations: Annotated[int, typer.Option("--relations", "-r", min=0, help="How many of its relations to list.")] = 10,
    all_documents: Annotated[
        bool,
        typer.Option("--all", help=f"List every document that mentions it, not only the {SHOWN_DOCUMENTS} first."),
    ] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """Show what the articles say about one entity: names, counts, dates, strongest relations with a sentence.

    Documents are listed most mentions first, the first ten unless --all; --json gives every one.

    Example: graphkit show "Putin"
    """
    graph = _load(graph_path, since, until, few=True)
    folder = graph_file(graph_path).parent
    period = date_range(since, until)
    documents = query.documents_table(graph, folder)
    with _answering(graph):
        node = resolve_node(graph, name)
        mentions = query.entity_mentions(graph, folder, node)
        if period and mentions is not None:  # the documents of the range only
            mentions = Counter(
                {d: n for d, n in mentions.items() if period.holds(documents.get(d, {}).get("date", ""))}
            )
        entity = query.card(graph, node, relations=relations, mentions=mentions, documents=documents)
    if as_json:
        _print_json(asdict(entity))
        return
    out.print(Text.assemble((entity.label, "bold"), f"  {entity.type}"))
    facts = Table(show_header=False, box=None, pad_edge=False)
    facts.add_row("id", Text(entity.id))
    facts.add_row("aliases", Text(join_list(entity.aliases)))
    facts.add_row("mentions", _mentions({"mentions": entity.mentions, "documents": entity.documents}))
    if entity.country:
        facts.add_row("country", Text(entity.country))
    if entity.first_seen or entity.last_seen:
        facts.add_row("seen", f"{entity.first_seen or '?'} to {entity.last_seen or '?'}")
    facts.add_row(
        "centrality",
        f"#{entity.rank} of {graph.number_of_nodes()} by PageRank ({entity.pagerank:.4f}), "
        f"weighted degree {_number(entity.degree)}, betweenness {entity.betweenness:.3f}",
    )
    facts.add_row("neighbors", f"{entity.neighbors}, in community {entity.community}")
    out.print(facts)
    if entity.seen_in:
        dated = any(doc.date for doc in entity.seen_in)
        docs = Table(title="documents", title_justify="left")
        for column in ("document", "title", "date", "mentions"):
            if column != "date" or dated:
                docs.add_column(column, justify="right" if column == "mentions" else "left")
        listed = entity.seen_in if all_documents else entity.seen_in[:SHOWN_DOCUMENTS]
        for doc in listed:
            count = "" if doc.mentions is None else str(doc.mentions)
            docs.add_row(Text(doc.id), Text(doc.title), *([doc.date] if dated else []), count)
        out.print(docs)
        if len(listed) < len(entity.seen_in):
            out.print(f"and {len(entity.seen_in) - len(listed)} more (--all to list them)")
    if entity.relations:
        shown = f"{len(entity.relations)} of {entity.neighbors}"
        table = Table(title=f"strongest relations ({shown})", title_justify="left")
        for column in ("entity", "relation", "weight", "evidence"):
            table.add_column(column, justify="right" if column == "weight" else "left")
        for x in entity.relations:
            table.add_row(Text(x.id), _relation(x.relation, x.statements), _number(x.weight), _evidence(x.evidence))
        out.print(table)


@app.command("neighbors")
def neighbors_command(
    name: EntityName,
    hops: Annotated[int, typer.Option("--hops", "-k", min=1, help="How many edges away to look.")] = 1,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            help=f"List at most this many, strongest first (0: all). Default: {SHOWN_NEIGHBORS} in the table, "
            "all with --json.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """List the entities linked to one entity, directly or within --hops edges, strongest links first.

    The table lists the first twenty unless --limit; --json lists every one unless --limit, and then also
    gives how many there are in all ("total").

    Example: graphkit neighbors "Kyrgyzstan" --hops 2
    """
    graph = _load(graph_path, since, until, few=True)
    shown = (None if as_json else SHOWN_NEIGHBORS) if limit is None else limit or None
    with _answering(graph):
        center = resolve_node(graph, name)
        found = query.neighborhood(graph, center, hops=hops, limit=shown)
    if as_json:
        total = {} if limit is None else {"total": found.total}
        _print_json({"entity": found.entity, "hops": hops, **total, "neighbors": [asdict(n) for n in found.neighbors]})
        return
    if not found.total:
        console.print(f"{escape(str(center))} has no relations in this graph")
        return
    table = Table(title=f"{center}: {found.total} within {hops} hop{'s' * (hops != 1)}", title_justify="left")
    columns = (["hops", "via"] if hops > 1 else []) + ["entity", "type", "relation", "weight", "evidence"]
    for column in columns:
        table.add_column(column, justify="right" if column in ("hops", "weight") else "left")
    for n in found.neighbors:
        cells: list[str | Text] = [str(n.hops), Text(n.via or "")] if hops > 1 else []
        cells += [Text(n.id), n.type, Text(n.relation), _number(n.weight), _evidence(n.evidence)]
        table.add_row(*cells)
    out.print(table)
    if len(found.neighbors) < found.total:
        out.print(f"and {found.total - len(found.neighbors)} more (--limit 0 to list them all)")


@app.command("path")
def path_command(
    source: Annotated[str, typer.Argument(help="Where the path starts: any name of an entity.")],
    target: Annotated[str, typer.Argument(help="Where it ends: any name of an entity.")],
    prefer: Annotated[
        Prefer,
        typer.Option(
            "--prefer",
            help="hops: fewest hops, strongest edges among those. "
            "strength: least total 1/weight, so a longer chain of well-attested relations can win.",
        ),
    ] = Prefer.hops,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """Show who links two entities: the shortest chain of relations, each hop with a sentence that says so.

    Example: graphkit path "Erdogan" "Putin"
    """
    graph = _load(graph_path, since, until, few=True)
    with _answering(graph):
        route = query.path(graph, source, target, prefer=prefer.value)
    if as_json:
        _print_json(asdict(route))
        return
    chain = " -> ".join([route.source] + [hop.target for hop in route.hops])
    out.print(Text(f"{chain}  ({len(route.hops)} hop{'s' * (len(route.hops) != 1)})", style="bold"))
    table = Table()
    for column in ("#", "from", "relation", "to", "weight", "evidence"):
        table.add_column(column, justify="right" if column in ("#", "weight") else "left")
    for index, hop in enumerate(route.hops, 1):
        statements = [hop.statement] if hop.statement else []
        table.add_row(
            str(index),
            Text(hop.source),
            _relation(hop.relation, statements),
            Text(hop.target),
            _number(hop.weight),
            _evidence(hop.evidence),
        )
    out.print(table)


@app.command("communities")
def communities_command(
    min_size: Annotated[int, typer.Option("--min-size", min=1, help="Hide communities with fewer entities.")] = 2,
    members: Annotated[
        int, typer.Option("--members", "-m", min=1, help="Members listed per community (--json: all).")
    ] = 10,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """List the communities (groups of entities more linked to each other than to the rest), largest first.

    Each is named by its three most central members. Example: graphkit communities --min-size 3
    """
    graph = _load(graph_path, since, until)
    found = query.communities(graph, min_size=min_size)
    hidden = len(query.communities(graph, min_size=1)) - len(found)
    if as_json:
        _print_json({"min_size": min_size, "hidden": hidden, "communities": [asdict(c) for c in found]})
        return
    if _empty(graph):
        return
    table = Table(title=f"{len(found)} communities", title_justify="left")
    for column in ("id", "name", "size", "types", "members (most central first)"):
        table.add_column(column, justify="right" if column in ("id", "size") else "left")
    for c in found:
        listed = ", ".join(m.id for m in c.members[:members])
        if c.size > members:
            listed += f" … and {c.size - members} more"
        types = ", ".join(f"{n} {t}" for t, n in c.types.items())
        table.add_row(str(c.id), Text(c.name, style="bold"), str(c.size), types, Text(listed))
    out.print(table)
    if hidden:
        console.print(f"{hidden} communities smaller than {min_size} not shown (--min-size 1 lists them)")


@app.command("stats")
def stats_command(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many top documents to list.")] = 10,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """Summarise the graph: entities by type, relations, density, components, communities, top documents,
    and documents and statements per month when they are dated.

    Top documents rank by entity mentions when documents.csv is next to graph.json, else by evidence sentences.
    """
    from graphkit.query.timeline import per_month, read_statements  # networkx and the graph stage: not for show

    graph = _load(graph_path, since, until)
    folder = graph_file(graph_path).parent
    period = date_range(since, until)
    documents = query.read_documents_table(folder)
    months = per_month(graph, read_statements(folder), documents, period)
    if period:  # the documents of the range only
        documents = {d: row for d, row in documents.items() if period.holds(row.get("date", ""))}
    result = query.stats(graph, documents, n=limit, months=months)
    if as_json:
        _print_json(asdict(result))
        return
    facts = Table(show_header=False, box=None, pad_edge=False)
    if result.name:
        facts.add_row("graph", Text(f"{result.name} (built {result.built})" if result.built else result.name))
    facts.add_row("documents", str(result.documents))
    by_type = ", ".join(f"{n} {t}" for t, n in result.by_type.items())
    facts.add_row("entities", f"{result.entities}" + (f" ({by_type})" if by_type else ""))
    facts.add_row("relations", f"{result.relations} edges, {result.typed_relations} with typed relations")
    facts.add_row("density", f"{result.density:.4f}")
    facts.add_row(
        "components",
        f"{result.components} (largest {result.largest_component} entities; {result.isolated} isolated)",
    )
    facts.add_row("communities", str(result.communities))
    out.print(facts)
    if result.top_documents:
        table = Table(title=f"top documents by {result.top_documents_by}", title_justify="left")
        for column in ("document", "title", result.top_documents_by):
            table.add_column(column, justify="right" if column == result.top_documents_by else "left")
        for doc in result.top_documents:
            table.add_row(Text(doc.id), Text(doc.title), str(doc.count))
        out.print(table)
    if result.by_month:
        table = Table(title="per month", title_justify="left")
        for column in ("month", "documents", "statements", "typed"):
            table.add_column(column, justify="left" if column == "month" else "right")
        for month in result.by_month:
            table.add_row(month.month, str(month.documents), str(month.statements), str(month.typed))
        out.print(table)


@app.command("relations")
def relations_command(
    name: Annotated[
        str | None, typer.Argument(help="Only the statements about this entity (any name or alias).")
    ] = None,
    relation_class: Annotated[
        str | None,
        typer.Option("--class", "-c", help=f"Only this class: {', '.join(relation_classes())}."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show at most this many (0: all).")] = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """List the typed statements: who did what to whom, with the class, who says so and the sentence.

    Reads evidence.csv beside graph.json. Statements marked "denied" are negated in their sentence;
    "hedged" ones are expected, possible or only alleged.

    Examples: graphkit relations "Sadyr Japarov" · graphkit relations --class conflict --json
    """
    from graphkit.query.timeline import rows_in_range

    if relation_class is not None and relation_class not in relation_classes():
        raise fail(f"unknown class '{escape(relation_class)}'; use one of {', '.join(relation_classes())}", 2)
    graph = _load(graph_path, since, until)
    folder = graph_file(graph_path).parent
    evidence = query.read_evidence_table(folder)
    if evidence is None:
        raise fail(f"no evidence.csv beside {escape(str(graph_file(graph_path)))}: build into that folder first", 2)
    evidence = rows_in_range(evidence, query.read_documents_table(folder), date_range(since, until))
    with _answering(graph):
        found = query.statements(graph, evidence, name, relation_class)
    shown = found[:limit] if limit else found
    if as_json:
        _print_json([asdict(s) for s in shown])
        return
    about = f" about {name}" if name else ""
    kind = f" of class {relation_class}" if relation_class else ""
    table = Table(title=f"{len(found)} typed statements{about}{kind}", title_justify="left")
    speakers = any(item.according_to for item in shown)
    for column in ("source", "relation", "target", "class", *(["according to"] * speakers)):
        table.add_column(column, no_wrap=True, max_width=28, overflow="ellipsis")
    table.add_column("sentence", overflow="fold", min_width=30, ratio=1)
    for item in shown:
        marks = [m for m, on in (("denied", item.negated), ("hedged", item.hedged), ("pronoun", item.via)) if on]
        relation = Text(item.relation, style="bold")
        if marks:
            relation.append(f" ({', '.join(marks)})", style="dim")
        table.add_row(
            Text(item.source),
            relation,
            Text(item.target),
            Text(item.relation_class),
            *([Text(item.according_to)] * speakers),
            Text(f"[{item.document}] ", style="dim").append(item.sentence),
        )
    out.print(table)
    if limit and len(found) > limit:
        out.print(f"and {len(found) - limit} more (--limit 0 to list them all)")


@app.command("timeline")
def timeline_command(
    name: EntityName,
    other: Annotated[
        str | None, typer.Argument(help="A second entity: only the statements between the two, co-mentions too.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="Show at most this many (0: all).")] = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    graph_path: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
) -> None:
    """List what the articles say about an entity, or between two, in date order: each statement with its
    relation, the other party, who says so, the document and the sentence. Undated statements come last.

    A statement's date is the one its sentence gives, else its document's. About one entity the typed
    statements are listed; between two, the sentences that only name both too.

    Examples: graphkit timeline "Sadyr Japarov" · graphkit timeline Kyrgyzstan Turkey --since 2022
    """
    from graphkit.query.timeline import read_statements
    from graphkit.query.timeline import timeline as chronology

    period = date_range(since, until)
    graph = _load(graph_path)  # the whole graph: an entity is found by name even when the range leaves it out
    folder = graph_file(graph_path).parent
    statements = read_statements(folder)
    if statements is None:
        raise fail(f"no evidence.csv beside {escape(str(graph_file(graph_path)))}: build into that folder first", 2)
    with _answering(graph):
        found = chronology(graph, statements, query.read_documents_table(folder), name, other, period)
    shown = found[:limit] if limit else found
    if as_json:
        _print_json([asdict(item) for item in shown])
        return
    about = f"between {name} and {other}" if other is not None else f"about {name}"
    within = f" ({period.describe()})" if period else ""
    table = Table(title=f"{len(found)} statements {about}{within}", title_justify="left")
    speakers = any(item.according_to for item in shown)
    table.add_column("date", no_wrap=True, min_width=10)
    for column in ("relation", "other party", *(["according to"] * speakers)):
        table.add_column(column, no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("sentence", overflow="fold", min_width=30, ratio=1)
    arrows = {"->": "→", "<-": "←", "--": "·"}
    for item in shown:
        marks = [m for m, on in (("denied", item.negated), ("hedged", item.hedged)) if on]
        relation = Text(item.relation, style="" if item.relation == CO_MENTIONED else "bold")
        if marks:
            relation.append(f" ({', '.join(marks)})", style="dim")
        date = Text(item.date) if item.date else Text("undated", style="dim")
        if item.date_source == "sentence":
            date.append(" *", style="dim")
        table.add_row(
            date,
            relation,
            Text(f"{arrows[item.direction]} {item.other}"),
            *([Text(item.according_to)] * speakers),
            Text(f"[{item.document}] ", style="dim").append(item.sentence),
        )
    out.print(table)
    if any(item.date_source == "sentence" for item in shown):
        out.print("* the date the sentence gives; the others are their documents' dates")
    if limit and len(found) > limit:
        out.print(f"and {len(found) - limit} more (--limit 0 to list them all)")


@app.command("open")
def open_command(
    page: Annotated[
        Path, typer.Argument(help="The page written by `graphkit build`, or the folder that holds it.")
    ] = Path("output/graph.html"),
    as_json: JsonOption = False,
) -> None:
    """Open the interactive graph page in the default browser.

    Example: graphkit open my-graph/
    """
    if page.is_dir():
        page = page / "graph.html"
    elif page.suffix == ".json":
        page = page.with_name("graph.html")
    if not page.is_file():
        raise fail(f"no page at {escape(str(page))}: run `graphkit build` first", 2)
    import webbrowser

    uri = page.resolve().as_uri()
    opened = webbrowser.open(uri)
    if as_json:
        _print_json({"page": str(page), "uri": uri, "opened": opened})
    elif opened:
        out.print(f"opened {uri}")
    if not opened:
        raise fail(f"no browser found: open {escape(uri)} yourself", 1)
