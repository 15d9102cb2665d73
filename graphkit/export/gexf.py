"""GEXF 1.3 for Gephi and Gephi Lite: typed attributes, viz colour, size and position, and dates for the timeline.

Written directly rather than through networkx's writer, which gives every colour an alpha value (Gephi Lite
then ignores the colour) and a wrong XML Schema namespace in 1.3 files. What is written is what networkx
and Gephi both read:
- node and edge `label` and edge `weight` as XML attributes, every other attribute as a typed attvalue
  (position, size and colour also as `viz:position`, `viz:size` and `viz:color` with r, g, b only);
- when documents have dates, `start` and `end` on nodes from `first_seen` and `last_seen` (ISO dates), with
  `mode="dynamic" timeformat="date"` on the graph, as networkx writes them for string times;
- on edges, one `<spell>` per period in which the relation was stated (from the edge's `dates`): per day,
  or per month when the dates span more than DAY_SPELLS_UP_TO days; a partial date ("2021-03", "2021")
  makes a spell of its month or year, and overlapping periods make one spell. Each spell has the edge's
  weight in that period as the dynamic attribute `period_weight` (the weight shared among the periods by
  their statements), declared with the id `weight`, which Gephi's importer takes as the edge's weight over
  time, so Gephi's timeline shows relations appear, thicken and fade. An edge without
  `dates` but with `first_seen` (a graph saved before edges kept their dates) gets `start` and `end`.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("Russia", first_seen="2024-01-05", last_seen="2024-02-01")
    >>> write_gexf(g, "/tmp/example.gexf")
    >>> read_gexf("/tmp/example.gexf").nodes["Russia"]["start"]
    '2024-01-05'
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from graphkit.export.graphml import key_ids
from graphkit.export.values import CleanGraph, Column, Table, clean_column, clean_graph, clean_text, format_column
from graphkit.export.xmltext import attribute, attributes, start_tag, text, write_xml
from graphkit.model import Format
from graphkit.periods import period
from graphkit.schema import split_list
from graphkit.version import __version__

if TYPE_CHECKING:
    import networkx as nx

NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://gexf.net/1.3/gexf.xsd"
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# written as XML attributes of <node> or <edge>, not as attvalues
_NODE_OWN = {"label"}
_EDGE_OWN = {"label", "weight"}
# Spells per day while the edges' dates span at most this many days (a quarter of a year), else per month:
# a year of daily spells is more steps than Gephi's timeline slider can show apart.
DAY_SPELLS_UP_TO = 92
PERIOD_WEIGHT = "period_weight"  # the dynamic edge attribute's title; not `weight`, which readers take from the edge
# Its id: Gephi's import processor makes an edge column whose id is "weight" the edge's weight over time
# (so the timeline thickens and thins edges); networkx and other readers name the attribute by its title.
GEPHI_WEIGHT_ID = "weight"


def iso_date(text: str) -> str:
    """The calendar date of an ISO 8601 date or date-time ('2024-03-05T10:00Z' -> '2024-03-05'), or ''."""
    if not text:  # most entities and relations of an undated corpus
        return ""
    try:
        return date.fromisoformat(str(text).strip()[:10]).isoformat()
    except ValueError:
        return ""


def _interval(data: Mapping[str, Any]) -> str:
    """The ` start="..." end="..."` attributes of a node or edge (ISO dates need no escaping), or ''."""
    start, end = iso_date(data.get("first_seen", "")), iso_date(data.get("last_seen", ""))
    if start and end and end < start:
        start, end = end, start
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


Spell = tuple[date, date, float]  # first day, last day, the edge's weight in it


def _periods(data: Mapping[str, Any]) -> list[tuple[date, date]]:
    """The period of each dated statement of an edge (its `dates`), undated ones left out."""
    return [days for days in map(period, split_list(data.get("dates"))) if days is not None]


def _by_month(days: tuple[date, date]) -> tuple[date, date]:
    """A period widened to whole months: the spell of a date on a long corpus."""
    first, last = days
    following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return first.replace(day=1), following - timedelta(days=1)


def _spells(periods: list[tuple[date, date]], weight: float, monthly: bool) -> list[Spell]:
    """The spells of one edge: its statements' periods (whole months when `monthly`), overlapping ones made
    one, each with its share of `weight` (Gephi refuses a dynamic value over overlapping intervals)."""
    if not periods:
        return []
    spans = sorted(_by_month(p) if monthly else p for p in periods)
    merged: list[list[Any]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
            merged[-1][2] += 1
        else:
            merged.append([first, last, 1])
    return [(first, last, round(weight * count / len(spans), 4)) for first, last, count in merged]


def edge_spells(graph_edges: Sequence[Mapping[str, Any]]) -> list[list[Spell]]:
    """The spells of every edge, per day or per month as the span of all their dates asks (DAY_SPELLS_UP_TO)."""
    periods = [_periods(data) for data in graph_edges]
    starts = [first for found in periods for first, _ in found]
    ends = [last for found in periods for _, last in found]
    monthly = bool(starts) and (max(ends) - min(starts)).days > DAY_SPELLS_UP_TO
    weights = clean_column([d.get("weight", 1.0) for d in graph_edges], float)
    return [_spells(found, weight, monthly) for found, weight in zip(periods, weights, strict=True)]


def _spell_lines(spells: list[Spell], pid: str) -> tuple[str, ...]:
    """The `<spells>` block of an edge and its `period_weight` attvalues (ISO dates need no escaping)."""
    if not spells:
        return ()
    values = [f'     <attvalue for="{attribute(pid)}" value="{w!r}" start="{a}" end="{b}" />' for a, b, w in spells]
    marks = [f'     <spell start="{a}" end="{b}" />' for a, b, _ in spells]
    return ("    <attvalues>", *values, "    </attvalues>", "    <spells>", *marks, "    </spells>")


def _declare(scope: str, cols: list[Column], taken: set[str], mode: str = "static") -> tuple[list[str], dict[str, str]]:
    ids = key_ids(scope, [c.name for c in cols], taken)
    block = {"class": scope, "mode": mode}
    if not cols:
        return [start_tag(2, "attributes", block, empty=True)], ids
    lines = [start_tag(2, "attributes", block)]
    lines += [
        start_tag(3, "attribute", {"id": ids[c.name], "title": clean_text(c.name), "type": _TYPES[c.kind]}, empty=True)
        for c in cols
    ]
    return lines + ["  </attributes>"], ids


def _attvalues(table: Table, ids: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """Each item's `<attvalues>` block: one tuple of lines per item, made a slice of the table at a time."""
    openings = {
        col.name: f'     <attvalue for="{attribute(ids[col.name])}" value="' for col in table.columns if col.name in ids
    }
    if not openings:
        yield from (("    <attvalues />",),) * len(table.items)
        return
    for part in table.slices():
        columns = []
        for col in part.columns:
            if col.name in openings:
                opening = openings[col.name]
                values = format_column(part.values[col.name], col.kind)
                columns.append([f'{opening}{t}" />' for t in (attributes(values) if col.kind is str else values)])
        yield from (("    <attvalues>", *cells, "    </attvalues>") for cells in zip(*columns, strict=True))


def _channel(value: Any) -> str:
    try:
        return str(min(255, max(0, int(value))))
    except (TypeError, ValueError, OverflowError):
        return "127"


def _viz(items: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """The viz lines of every node: colour (no alpha: Gephi Lite ignores a viz:color that has one), size, position."""
    sizes = clean_column([d.get("size", 10.0) for d in items], float)
    xs = clean_column([d.get("x") for d in items], float)
    ys = clean_column([d.get("y") for d in items], float)
    for data, size, x, y in zip(items, sizes, xs, ys, strict=True):
        red, green, blue = _channel(data.get("r")), _channel(data.get("g")), _channel(data.get("b"))
        yield (
            f'    <viz:color r="{red}" g="{green}" b="{blue}" />',
            f'    <viz:size value="{size!r}" />',
            f'    <viz:position x="{x!r}" y="{y!r}" z="0.0" />',
        )


def _edge_viz(items: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, ...]]:
    """The viz colour of every edge that has one (graphkit's edges: the colour of their relation class)."""
    for data in items:
        if data.get("color") and "r" in data:
            red, green, blue = _channel(data.get("r")), _channel(data.get("g")), _channel(data.get("b"))
            yield (f'    <viz:color r="{red}" g="{green}" b="{blue}" />',)
        else:
            yield ()


def gexf_lines(graph: nx.Graph, clean: CleanGraph | None = None) -> Iterator[str]:
    """The GEXF 1.3 document of `graph`, one element per line, in pieces of whole lines.
    `clean`: `clean_graph(graph)` when the caller has it."""

    clean = clean or clean_graph(graph)
    nodes, edges = clean.nodes, clean.edges
    yield start_tag(
        0,
        "gexf",
        {
            "xmlns": NAMESPACE,
            "xmlns:viz": VIZ_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": SCHEMA_LOCATION,
            "version": "1.3",
        },
    )
    yield start_tag(1, "meta", {"lastmodifieddate": time.strftime("%Y-%m-%d")})
    yield f"  <creator>{text(f'graphkit {__version__}')}</creator>"
    if graph.graph.get("name"):
        description = text(clean_text(str(graph.graph["name"])))
        yield f"  <description>{description}</description>" if description else "  <description />"
    yield " </meta>"

    intervals = [_interval(d) for d in nodes.items]
    spells = edge_spells(edges.items)
    edge_intervals = [
        "" if spell or d.get("dates") else _interval(d) for spell, d in zip(spells, edges.items, strict=True)
    ]
    dynamic = any(intervals) or any(edge_intervals) or any(spells)
    element = {
        "defaultedgetype": "directed" if clean.directed else "undirected",
        "mode": "dynamic" if dynamic else "static",
    }
    if dynamic:
        element["timeformat"] = "date"
    yield start_tag(1, "graph", element)
    taken: set[str] = set()
    node_declarations, nids = _declare("node", [c for c in nodes.columns if c.name not in _NODE_OWN], taken)
    edge_declarations, eids = _declare("edge", [c for c in edges.columns if c.name not in _EDGE_OWN], taken)
    yield from node_declarations
    yield from edge_declarations
    pid = ""
    if any(spells):
        pid = GEPHI_WEIGHT_ID
        yield start_tag(2, "attributes", {"class": "edge", "mode": "dynamic"})
        yield start_tag(3, "attribute", {"id": pid, "title": PERIOD_WEIGHT, "type": _TYPES[float]}, empty=True)
        yield "  </attributes>"

    if not clean.ids:
        yield "  <nodes />"
    else:
        yield "  <nodes>"
        for node_id, label, interval, values, viz in zip(
            attributes(clean.node_ids),
            attributes(clean.labels),
            intervals,
            _attvalues(nodes, nids),
            _viz(nodes.items),
            strict=True,
        ):
            opening = f'   <node id="{node_id}" label="{label}"{interval}>'
            yield "\n".join((opening, *values, *viz, "   </node>"))
        yield "  </nodes>"
    if not edges.items:
        yield "  <edges />"
    else:
        yield "  <edges>"
        for index, (source, target, label, weight, interval, values, spell, viz) in enumerate(
            zip(
                attributes(clean.sources),
                attributes(clean.targets),
                attributes(edges.values["label"]),
                clean.weights,
                edge_intervals,
                _attvalues(edges, eids),
                spells,
                _edge_viz(edges.items),
                strict=True,
            )
        ):
            opening = (
                f'   <edge id="{index}" source="{source}" target="{target}" '
                f'label="{label}" weight="{weight!r}"{interval}>'
            )
            if spell:  # the dynamic values join the static ones in the one <attvalues> an edge may have
                values = (*values[:-1], *_spell_lines(spell, pid)[1:]) if len(values) > 1 else _spell_lines(spell, pid)
            yield "\n".join((opening, *values, *viz, "   </edge>"))
        yield "  </edges>"
    yield " </graph>"
    yield "</gexf>"


def write_gexf(graph: nx.Graph, path: str | os.PathLike[str], clean: CleanGraph | None = None) -> None:
    """Write `graph` as GEXF 1.3 (UTF-8, with an XML declaration), atomically.

    `clean`: `clean_graph(graph)`, when the caller writes several files of the same graph.
    """
    write_xml(path, gexf_lines(graph, clean))


def read_gexf(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GEXF file with networkx: attvalues come back typed, plus `label`, `weight`, `viz`, `start`, `end`,
    `spells`, and `period_weight` as (value, start, end) items, which networkx's reader alone folds into the
    static `weight` because of the id Gephi needs."""
    import networkx as nx

    graph = nx.read_gexf(path, version="1.3")
    for edge in ElementTree.parse(path).getroot().iter(f"{{{NAMESPACE}}}edge"):
        values = [
            (float(item.get("value", "nan")), item.get("start", ""), item.get("end", ""))
            for item in edge.iter(f"{{{NAMESPACE}}}attvalue")
            if item.get("for") == GEPHI_WEIGHT_ID
        ]
        if values and graph.has_edge(edge.get("source"), edge.get("target")):
            graph.edges[edge.get("source"), edge.get("target")][PERIOD_WEIGHT] = values
    return graph


def read_gexf_graph(path: str | os.PathLike[str]) -> nx.Graph:
    """A GEXF file as a graph of schema attributes only: what networkx adds beside them (viz, start, end,
    spells, period_weight, edge id) is dropped."""
    graph = read_gexf(path)
    for _, data in graph.nodes(data=True):
        for key in ("viz", "start", "end"):
            data.pop(key, None)
    for _, _, data in graph.edges(data=True):
        for key in ("id", "viz", "start", "end", "spells", PERIOD_WEIGHT):
            data.pop(key, None)
    for key in ("mode", "node_default", "edge_default"):
        graph.graph.pop(key, None)
    return graph


GEXF = Format(
    "gexf",
    (".gexf",),
    "GEXF 1.3 for Gephi, with viz colour, size and position",
    read=read_gexf_graph,
    write=write_gexf,
    title="GEXF",
)
