"""What every exporter writes: the schema's attributes in order, one type each, as clean scalar values.

GraphML, GEXF, CSV and Cypher take scalars only, and Gephi and igraph want one type per attribute name.
The schema (graphkit.schema) fixes the type of every attribute graphkit makes; any other attribute a
caller put on the graph is exported too, with one type inferred from all its values (mixed types give
str, lists are joined with ' | ').
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

# C0 controls other than tab and newline: XML 1.0 cannot carry them at all; DEL, C1 controls and surrogates
# mean nothing in text either.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DEFAULTS: dict[type, Any] = {str: "", int: 0, float: 0.0, bool: False}
LIST_SEPARATOR = " | "


def clean_text(text: str) -> str:
    """Text that every format carries unchanged: control characters other than tab and newline removed,
    and line ends as newline (XML readers turn a bare carriage return into one anyway)."""
    return _FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Column:
    """One attribute as the files declare it."""

    name: str
    kind: type  # str, int, float or bool


def _kind_of(value: Any) -> type:
    if isinstance(value, bool):
        return bool
    if isinstance(value, int):
        return int
    if isinstance(value, float):
        return float
    return str


def _common_kind(kinds: set[type]) -> type:
    if not kinds:
        return str
    if len(kinds) == 1:
        return next(iter(kinds))
    return float if kinds <= {int, float} else str


def columns(items: Iterable[Mapping[str, Any]], schema: Mapping[str, tuple[type, str]]) -> list[Column]:
    """The schema's attributes with their declared types, then any other attribute found on `items`."""
    result = [Column(name, kind) for name, (kind, _) in schema.items()]
    extra: dict[str, set[type]] = {}
    for data in items:
        for name, value in data.items():
            if name in schema:
                continue
            kinds = extra.setdefault(name, set())
            if value is not None:
                kinds.add(_kind_of(value))
    result.extend(Column(name, _common_kind(kinds)) for name, kinds in extra.items())
    return result


def node_columns(graph: nx.Graph) -> list[Column]:
    return columns((data for _, data in graph.nodes(data=True)), NODE_ATTRIBUTES)


def edge_columns(graph: nx.Graph) -> list[Column]:
    return columns((data for _, _, data in graph.edges(data=True)), EDGE_ATTRIBUTES)


def graph_columns(graph: nx.Graph) -> list[Column]:
    return columns([graph.graph], {})


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(_text(v) for v in items)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def scalar(value: Any, kind: type) -> Any:
    """`value` as a clean value of `kind`; None, and numbers that are not finite, become the kind's default."""
    if value is None:
        return _DEFAULTS[kind]
    if kind is str:
        return clean_text(_text(value))
    if kind is bool:
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes")
    try:
        number = kind(value)
    except (TypeError, ValueError):
        return _DEFAULTS[kind]
    return number if kind is int or math.isfinite(number) else _DEFAULTS[kind]


def row(data: Mapping[str, Any], cols: list[Column]) -> dict[str, Any]:
    """Every column of `cols`, present and of its declared type."""
    return {c.name: scalar(data.get(c.name), c.kind) for c in cols}


def node_ids(graph: nx.Graph) -> dict[Any, str]:
    """A non-empty, unique, clean string id for every node (the node itself when it is one)."""
    ids: dict[Any, str] = {}
    taken: set[str] = set()
    for index, node in enumerate(graph.nodes):
        base = clean_text(str(node)).strip() or f"node-{index}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base} ({n})", n + 1
        taken.add(candidate)
        ids[node] = candidate
    return ids


def format_value(value: Any) -> str:
    """A scalar as text in files that have no types (XML, CSV): floats keep every digit, bools are lowercase."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
