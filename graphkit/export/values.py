"""What every exporter writes: the schema's attributes in order, one type each, as clean scalar values.

GraphML, GEXF, CSV and Cypher take scalars only, and Gephi and igraph want one type per attribute name.
The schema (graphkit.schema) fixes the type of every attribute graphkit makes; any other attribute a
caller put on the graph is exported too, with one type inferred from all its values (mixed types give
str, lists are joined with ' | ').
`clean_graph` does all of it once for a graph, column by column, and the writers of one build share it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphkit.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, join_list

if TYPE_CHECKING:
    import networkx as nx

# C0 controls other than tab and newline: XML 1.0 cannot carry them at all; DEL, C1 controls and surrogates
# mean nothing in text either.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DEFAULTS: dict[type, Any] = {str: "", int: 0, float: 0.0, bool: False}
ROWS_PER_SLICE = 1000  # items a writer formats at a time (Table.slices)


def clean_text(text: str) -> str:
    """Text that every format carries unchanged: control characters other than tab and newline removed,
    and line ends as newline (XML readers turn a bare carriage return into one anyway)."""
    if text.isprintable():  # no control, surrogate or unassigned character: nothing to remove (most text)
        return text
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
    names = schema.keys()
    for data in items:
        if data.keys() <= names:  # nearly every item: only schema attributes
            continue
        for name, value in data.items():
            if name in names:
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
        return join_list(_text(v) for v in items)
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


def clean_column(values: list[Any], kind: type) -> list[Any]:
    """`scalar(value, kind)` of every value. A graph has a million cells, nearly all clean already: a column
    of values of its own type (finite numbers, text with nothing to remove) is checked in C and kept."""
    if set(map(type, values)) <= {kind} and (
        kind is str
        and all(map(str.isprintable, values))
        or kind is float
        and all(map(math.isfinite, values))
        or kind in (int, bool)
    ):
        return values
    if kind is str:
        return [v if type(v) is str and v.isprintable() else scalar(v, str) for v in values]
    if kind is float:
        return [v if type(v) is float and math.isfinite(v) else scalar(v, float) for v in values]
    return [v if type(v) is kind else scalar(v, kind) for v in values]


@dataclass(frozen=True)
class Table:
    """The clean values of one kind of item (nodes or edges), column by column, items in graph order."""

    columns: list[Column]
    values: dict[str, list[Any]]  # column name -> one clean value per item
    items: Sequence[Mapping[str, Any]]  # the attribute dicts they come from (a few files treat a missing value apart)

    @classmethod
    def of(cls, items: Sequence[Mapping[str, Any]], cols: list[Column]) -> Table:
        return cls(cols, {c.name: clean_column([d.get(c.name) for d in items], c.kind) for c in cols}, items)

    def slices(self, size: int | None = None) -> Iterator[Table]:
        """The table `size` items at a time (default ROWS_PER_SLICE): a writer that formats each slice in turn
        holds the text of one slice, not of the whole file (the lines of a large graph's GEXF took several
        times the graph)."""
        size = size or ROWS_PER_SLICE
        for start in range(0, len(self.items), size):
            stop = start + size
            values = {name: column[start:stop] for name, column in self.values.items()}
            yield Table(self.columns, values, self.items[start:stop])


@dataclass(frozen=True)
class CleanGraph:
    """A graph as every file writes it: clean ids, typed columns and clean values.

    Made once per graph by `clean_graph`; pass it to several writers and none of them cleans a value again.
    It is a snapshot: change the graph and make a new one.
    """

    ids: dict[Any, str]  # node -> its id in the files
    nodes: Table
    edges: Table
    attributes: Table  # the graph's own attributes: one item
    sources: list[str]  # the id of each edge's first end, in edge order
    targets: list[str]
    directed: bool

    @property
    def node_ids(self) -> list[str]:
        return list(self.ids.values())

    @property
    def labels(self) -> list[str]:
        """Each node's label, or its id when it has none: what Gephi shows."""
        return [label or node_id for label, node_id in zip(self.nodes.values["label"], self.ids.values(), strict=True)]

    @property
    def weights(self) -> list[float]:
        """Each edge's weight, 1.0 (Gephi's default) for an edge that has none."""
        pairs = zip(self.edges.items, self.edges.values["weight"], strict=True)
        return [1.0 if data.get("weight") is None else weight for data, weight in pairs]


def clean_graph(graph: nx.Graph) -> CleanGraph:
    """Everything the exporters write about `graph`, cleaned and typed once."""
    ids = node_ids(graph)
    nodes = [data for _, data in graph.nodes(data=True)]
    ends = list(graph.edges())
    edges = [data for _, _, data in graph.edges(data=True)]
    return CleanGraph(
        ids=ids,
        nodes=Table.of(nodes, columns(nodes, NODE_ATTRIBUTES)),
        edges=Table.of(edges, columns(edges, EDGE_ATTRIBUTES)),
        attributes=Table.of([graph.graph], columns([graph.graph], {})),
        sources=[ids[u] for u, _ in ends],
        targets=[ids[v] for _, v in ends],
        directed=graph.is_directed(),
    )


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


def format_column(values: list[Any], kind: type) -> list[str]:
    """`format_value` of every clean value of a column of `kind`."""
    if kind is str:
        return values
    if kind is float:
        return list(map(float.__repr__, values))
    if kind is bool:
        return ["true" if v else "false" for v in values]
    return list(map(str, values))


def format_value(value: Any) -> str:
    """A scalar as text in files that have no types (XML, CSV): floats keep every digit, bools are lowercase."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
