"""The interactive page: one self-contained HTML file, drawn at once from the layout computed in Python.

The page is pyvis's vis-network (inlined from pyvis's packaged resources, nothing from a CDN) with our own
template, styles and script in `templates/`. Names and sentences come from untrusted articles, so none of
them is ever inserted as HTML: the graph travels as JSON in a `<script type="application/json">` block with
`<`, `>` and `&` escaped, the script writes every string with `textContent`, vis tooltips are plain strings,
and a Content-Security-Policy lets only the page's own scripts (by hash) run and nothing load from the network.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.model import Format
from graphkit.relation_types import relation_classes
from graphkit.schema import (
    CO_MENTION_COLOR,
    CO_MENTIONED,
    DEFAULT_COLOR,
    ENTITY_TYPES,
    PALETTE,
    split_evidence,
    split_list,
    split_statement,
)

if TYPE_CHECKING:  # pyvis, jinja2 and yaml load when a page is written, not when the registry of formats is read
    import networkx as nx
    import yaml
    from jinja2 import Environment
    from pyvis.network import Network

# graph attribute holding the text of the alias file the build obeyed (the page's corrections extend it)
ALIAS_FILE_ATTRIBUTE = "alias_file"
MAX_NODES = 1500  # default cap: above this the page shows the top nodes by PageRank
LARGE_EDGES = 4000  # above this many edges, edges are hidden while dragging or zooming to keep it fluid

# what the page receives of each node and edge (tooltips and everything else shown are made from these)
NODE_FIELDS = (
    "label",
    "group",
    "type",
    "x",
    "y",
    "size",
    "font",
    "aliases",
    "mentions",
    "documents",
    "country",
    "firstSeen",
    "lastSeen",
    "pagerank",
)
EDGE_FIELDS = (
    "from",
    "to",
    "width",
    "weight",
    "relations",
    "relationClass",
    "color",
    "denied",
    "statements",
    "evidence",
    "documents",
    "sentences",
    "firstSeen",
    "lastSeen",
    "dates",
)

TEMPLATES = Path(__file__).parent / "templates"
_PYVIS = importlib.util.find_spec("pyvis")  # found without importing it: pyvis takes a second to import
VIS_JS = Path(_PYVIS and _PYVIS.origin or "").parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"

_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*")
_STATEMENT_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def write_html(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    max_nodes: int | None = MAX_NODES,
) -> None:
    """Write the page for `graph` to `path` (atomically, UTF-8).

    `title` defaults to the corpus name (graph.graph["name"]). On graphs with more than `max_nodes` nodes the
    page shows the `max_nodes` most important ones (by PageRank) and says so in its header; `None` shows all.
    """
    html = render_page(graph, title=title, max_nodes=max_nodes)
    with atomic_open(path, encoding="utf-8") as handle:
        handle.write(html)


def render_page(graph: nx.Graph, *, title: str | None = None, max_nodes: int | None = MAX_NODES) -> str:
    """The page as a string (see write_html)."""
    from markupsafe import Markup

    shown = shown_graph(graph, max_nodes)
    net = vis_network(shown)
    name = title or str(graph.graph.get("name") or "") or "graphkit"
    data = {
        "meta": {
            "name": name,
            "built": graph.graph.get("built", ""),
            "documents": int(graph.graph.get("documents") or 0),
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        },
        "types": type_legend(shown),
        "classes": class_legend(shown),
        "classColors": {c.name: c.colour for c in relation_classes().values()},
        "entityTypes": [{"type": t, "color": PALETTE.get(t, DEFAULT_COLOR)} for t in ENTITY_TYPES],
        "aliasFile": alias_file_sections(graph.graph.get(ALIAS_FILE_ATTRIBUTE)),
        "options": net.options,
        **transport(net.nodes, net.edges),
    }
    script = (TEMPLATES / "page.js").read_text(encoding="utf-8")
    vis = _SOURCE_MAP.sub("", VIS_JS.read_text(encoding="utf-8"))
    template = _environment().get_template("page.html")
    return template.render(
        title=name,
        built=_readable_date(str(graph.graph.get("built", ""))),
        documents=data["meta"]["documents"],
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        shown_nodes=shown.number_of_nodes(),
        shown_edges=shown.number_of_edges(),
        capped=shown.number_of_nodes() < graph.number_of_nodes(),
        dated=any(edge["dates"] for edge in net.edges),
        types=data["types"],
        classes=data["classes"],
        style=Markup((TEMPLATES / "page.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis),
        page_js=Markup(script),
        graph_json=Markup(script_json(data)),
        script_hashes=" ".join(_csp_hash(s) for s in (vis, script)),
    )


def shown_graph(graph: nx.Graph, max_nodes: int | None) -> nx.Graph:
    """The graph itself, or a copy of its `max_nodes` most important nodes (PageRank, then weighted degree).

    The shown nodes keep the positions of the whole graph's layout, which spreads the most important
    nodes by force (graphkit.graph.layout), so the page and the Gephi files agree.
    """
    import networkx as nx

    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(
        graph.nodes(data=True),
        key=lambda item: (-_number(item[1].get("pagerank")), -_number(item[1].get("degree")), str(item[0])),
    )
    kept = {node for node, _ in ranked[: max(max_nodes, 0)]}
    # in the graph's order: graph.subgraph(kept) walks the set when it is under half the graph, an order that
    # changes with every process's string hashing, and the page with it
    return nx.Graph(nx.subgraph_view(graph, filter_node=kept.__contains__))


def vis_network(graph: nx.Graph) -> Network:
    """A pyvis Network holding vis-network nodes and edges (with the details the side panel shows) and options.

    Nodes get integer ids (so names never travel as ids) and keep their Python layout; physics is off.
    Nodes and edges are assigned directly: pyvis's add_node/add_edge/from_nx are quadratic on large graphs.
    """
    from pyvis.network import Network

    net = Network(height="100%", width="100%", cdn_resources="in_line")
    index = {node: i for i, node in enumerate(graph.nodes)}
    # dots shrink as the page fills up, so the crowded middle of a large graph stays readable
    shrink = min(1.0, max(0.4, math.sqrt(200 / max(graph.number_of_nodes(), 1))))
    net.nodes = [_vis_node(index[node], node, data, shrink) for node, data in graph.nodes(data=True)]
    labels = {node: str(data.get("label") or node) for node, data in graph.nodes(data=True)}
    net.edges = [
        _vis_edge(i, (index[u], labels[u]), (index[v], labels[v]), data)
        for i, (u, v, data) in enumerate(graph.edges(data=True))
    ]
    net.options = vis_options(graph.number_of_edges())
    return net


def transport(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes and edges as compact tables for the page: a list of fields and one row per item (ids are row
    numbers), and each evidence sentence stored once (a sentence naming five entities backs ten edges)."""
    sentences: dict[tuple[str, str], int] = {}
    edge_rows = []
    for edge in edges:
        cited = [sentences.setdefault((doc, sentence), len(sentences)) for doc, sentence in edge["evidence"]]
        edge_rows.append([cited if field == "evidence" else edge[field] for field in EDGE_FIELDS])
    return {
        "nodes": {"fields": NODE_FIELDS, "rows": [[node[field] for field in NODE_FIELDS] for node in nodes]},
        "edges": {"fields": EDGE_FIELDS, "rows": edge_rows},
        "sentences": [list(pair) for pair in sentences],
    }


def _vis_node(vis_id: int, node: Any, data: dict[str, Any], shrink: float = 1.0) -> dict[str, Any]:
    label = str(data.get("label") or node)
    kind = str(data.get("type") or "")
    size = _number(data.get("size")) or 10.0
    mentions, documents = int(data.get("mentions") or 0), int(data.get("documents") or 0)
    aliases = split_list(data.get("aliases"))
    return {
        "id": vis_id,
        "label": label,
        "group": kind if kind in PALETTE else "other",
        "x": _number(data.get("x")),
        "y": _number(data.get("y")),
        "size": round(size * shrink, 2),
        # label size follows importance; the script hides the small ones until the reader zooms in
        "font": {"size": round(14 + 0.5 * size, 1)},
        "type": kind,
        "aliases": aliases,
        "mentions": mentions,
        "documents": documents,
        "country": str(data.get("country") or ""),
        "firstSeen": str(data.get("first_seen") or ""),
        "lastSeen": str(data.get("last_seen") or ""),
        "pagerank": _number(data.get("pagerank")),
    }


def _vis_edge(vis_id: int, source: tuple[int, str], target: tuple[int, str], data: dict[str, Any]) -> dict[str, Any]:
    """`source` and `target` are (vis id, label): a statement names its ends by label, the page by id."""
    weight = _number(data.get("weight")) or 1.0
    relations = split_list(data.get("label"))
    sentences = int(data.get("sentences") or 0)
    statements = edge_statements(data, source, target)
    kind = edge_class(data)
    return {
        "id": vis_id,
        "from": source[0],
        "to": target[0],
        "width": round(min(10.0, 1.0 + 1.6 * math.log2(max(weight, 1.0))), 2),
        "weight": weight,
        "relations": relations,
        "relationClass": kind,
        "color": edge_color(data, kind),
        # a link that only denies (every statement negated) is drawn dashed
        "denied": bool(statements) and all(s["negated"] for s in statements),
        "statements": statements,
        "evidence": [list(pair) for pair in split_evidence(data.get("evidence"))],
        "documents": int(data.get("documents") or 0),
        "sentences": sentences,
        "firstSeen": str(data.get("first_seen") or ""),
        "lastSeen": str(data.get("last_seen") or ""),
        "dates": statement_dates(data),
    }


def statement_dates(data: dict[str, Any]) -> list[str]:
    """The dates of the edge's statements for the time bar (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, repeats kept,
    sorted); an item that is not such a date is left out, so one bad value cannot break the page's bar."""
    return sorted(item for item in split_list(data.get("dates")) if _is_date(item))


def _is_date(text: str) -> bool:
    if not _STATEMENT_DATE.fullmatch(text):
        return False
    try:
        datetime.strptime(text + "-01-01"[len(text) - 4 :], "%Y-%m-%d")
    except ValueError:
        return False
    return True


def edge_class(data: dict[str, Any]) -> str:
    """The edge's relation class; a graph saved before edges had classes reads as co-mentions."""
    kind = str(data.get("relation_class") or "")
    return kind if kind and kind != "-" else CO_MENTIONED


def edge_color(data: dict[str, Any], kind: str) -> str:
    """The edge's colour as the graph files give it, else its class colour (grey for co-mentions)."""
    color = str(data.get("color") or "")
    if re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return color
    known = relation_classes().get(kind)
    return known.colour if known else CO_MENTION_COLOR


def edge_statements(data: dict[str, Any], source: tuple[int, str], target: tuple[int, str]) -> list[dict[str, Any]]:
    """Each typed statement of the edge for the side panel: its class, which end it reads from, its words
    without the marks, and the marks apart ('Putin met Japarov (hedged) (according to Reuters)').

    `from` is the vis id of the end the statement starts with, or None when its text names neither end
    (labels edited after the build). Classes pair with statements in order; a missing one is ''."""
    texts = split_list(data.get("statements"))
    classes = split_list(data.get("classes"))
    said = []
    for i, text in enumerate(texts):
        text, negated, hedged, according = split_statement(text)
        kind = classes[i] if i < len(classes) and classes[i] != "-" else ""
        said.append(
            {
                "text": text,
                "class": kind,
                "from": _reads_from(text, source, target),
                "negated": negated,
                "hedged": hedged,
                "according": according,
            }
        )
    return said


def _reads_from(text: str, source: tuple[int, str], target: tuple[int, str]) -> int | None:
    """The vis id of the end a statement's text starts with (and the other end closes it)."""
    for (first, first_label), (_, last_label) in ((source, target), (target, source)):
        if text.startswith(first_label + " ") and text.endswith(" " + last_label):
            return first
    return None


def vis_options(edges: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are final), readable labels, type colours as groups."""
    large = edges > LARGE_EDGES
    # thousands of edges at full strength hide the nodes: fainter lines the more there are
    opacity = round(min(0.55, max(0.15, 0.55 * math.sqrt(1000 / max(edges, 1)))), 2)
    groups = {
        kind: {
            "color": {
                "background": color,
                "border": "#ffffff",
                "highlight": {"background": color, "border": "#111827"},
                "hover": {"background": color, "border": "#374151"},
            }
        }
        for kind, color in {**PALETTE, "other": DEFAULT_COLOR}.items()
    }
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "face": _FONT,
                "color": "#1f2937",
                "strokeWidth": 4,
                "strokeColor": "rgba(255,255,255,0.92)",
            },
            "scaling": {"label": {"drawThreshold": 6, "maxVisible": 20}},
        },
        "edges": {
            "smooth": False,
            # highlight and hover are drawn by the page's `chosen` function, which reads them from here
            "color": {
                "color": "#a3acb9",
                "highlight": "#1f2937",
                "hover": "#4b5563",
                "inherit": False,
                "opacity": opacity,
            },
        },
        "groups": groups,
    }


def type_legend(graph: nx.Graph) -> list[dict[str, Any]]:
    """The types present, in schema order, with their colour and count (legend and filter)."""
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        kind = str(data.get("type") or "")
        counts[kind] = counts.get(kind, 0) + 1
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(t for t in counts if t not in ENTITY_TYPES)
    return [{"type": t, "color": PALETTE.get(t, DEFAULT_COLOR), "count": counts[t]} for t in order]


def class_legend(graph: nx.Graph) -> list[dict[str, Any]]:
    """The relation classes present, strongest first, with their colour, what they hold and their count of
    edges (legend and class filter); co-mentions are not a class (the "typed relations only" toggle hides
    them). Classes the data files do not list (a graph from another version) come last."""
    counts: dict[str, int] = {}
    colors: dict[str, str] = {}
    for _, _, data in graph.edges(data=True):
        kind = edge_class(data)
        if kind != CO_MENTIONED:
            counts[kind] = counts.get(kind, 0) + 1
            colors.setdefault(kind, edge_color(data, kind))
    known = relation_classes()
    order = [c for c in known if c in counts] + sorted(c for c in counts if c not in known)
    return [
        {
            "name": c,
            "color": known[c].colour if c in known else colors[c],
            "holds": known[c].holds if c in known else "",
            "count": counts[c],
        }
        for c in order
    ]


def alias_file_sections(text: Any) -> list[list[Any]] | None:
    """The alias file the graph was built with, as [section, value] pairs for the page, which writes them back
    with its corrections added; None when the graph carries no alias file or one that is not a YAML mapping.

    Values keep the file's structure with every scalar as the text the alias loader reads: a string, a list,
    or {"map": [[key, value], ...]} (pairs, so order and repeated keys survive)."""
    if not isinstance(text, str) or not text.strip():
        return None
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    return [[str(key.value), _yaml_value(value)] for key, value in root.value if isinstance(key, yaml.ScalarNode)]


def _yaml_value(node: yaml.Node) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return {"map": [[_yaml_value(key), _yaml_value(value)] for key, value in node.value]}
    if isinstance(node, yaml.SequenceNode):
        return [_yaml_value(item) for item in node.value]
    return str(node.value)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can end it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _readable_date(stamp: str) -> str:
    try:
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return stamp
    return f"{when.day} {when:%b %Y, %H:%M} UTC"


def _number(value: Any) -> float:
    """A finite float (0.0 for missing, NaN or infinite values, which JSON cannot carry)."""
    try:
        number = float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


_ENV: Environment | None = None


def _environment() -> Environment:
    global _ENV
    if _ENV is None:
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        _ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    return _ENV


HTML = Format(
    "html",
    (".html", ".htm"),
    "the interactive page; works from file:// with the network off",
    write=write_html,
    title="an HTML page",
)
