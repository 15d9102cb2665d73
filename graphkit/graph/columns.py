"""Node and edge attributes held column by column: a graph of a million edges without a dict per edge.

A networkx graph keeps one attribute dict per node and per edge; with the schema's twenty attributes that dict,
and the evidence text it holds, took most of a build's memory after parsing. `ColumnGraph` is an `nx.Graph`
whose attribute dicts are `Row`s: small mappings over one `Columns` table, a list per attribute, so an edge
costs a pointer per attribute. A value may be `Deferred`, worked out each time it is read (an edge's evidence
lines, from the relations that hold its sentences), so the text is not held twice.
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, TypeAlias

import networkx as nx


class Deferred(tuple):
    """A value worked out when read: (function, *arguments); a tuple so that it costs a few pointers."""

    __slots__ = ()

    def __new__(cls, function: Callable[..., Any], *arguments: Any) -> Deferred:
        return super().__new__(cls, (function, *arguments))

    def value(self) -> Any:
        return self[0](*self[1:])


_MISSING: Any = Deferred(lambda: None)  # a cell of a row that does not have the attribute


def _value(cell: Any) -> Any:
    return cell.value() if type(cell) is Deferred else cell


class Coded:
    """A column of few distinct values: each cell a small number in an array, the values held once."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: array[int], values: list[Any]) -> None:
        self.codes = codes
        self.values = values

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, row: int) -> Any:
        return self.values[self.codes[row]]

    def __iter__(self) -> Iterator[Any]:
        values = self.values
        return (values[code] for code in self.codes)


# A column is a list of cells while items are added; `Columns.compact` makes the finished ones an array of
# numbers (every cell a float, or an int) or `Coded` (few distinct texts), a few bytes a cell instead of eight
# and a number object. Writing to a compact column makes it a list again.
Column: TypeAlias = "list[Any] | array[Any] | Coded"


class Columns:
    """The attributes of many items: one column per attribute name, one cell per item (row)."""

    __slots__ = ("names", "rows")

    def __init__(self) -> None:
        self.names: dict[str, Column] = {}  # attribute -> its cells, in the order attributes first came
        self.rows = 0

    def row(self) -> Row:
        """A new item's attributes: an empty mapping that takes a row of the table when first written."""
        return Row(self)

    def _add_row(self) -> int:
        for name in self.names:
            self._column(name).append(_MISSING)
        self.rows += 1
        return self.rows - 1

    def _column(self, name: str) -> list[Any]:
        cells = self.names.get(name)
        if cells is None:
            cells = self.names[name] = [_MISSING] * self.rows
        elif type(cells) is not list:
            cells = self.names[name] = list(cells)
        return cells

    def compact(self) -> None:
        """Every column in its smallest form (see `Column`): done once the items are complete."""
        for name, cells in self.names.items():
            if type(cells) is list:
                self.names[name] = compact_column(cells)


def compact_column(cells: list[Any]) -> Column:
    """`cells` as an array of floats or ints, as `Coded` texts when at most one in four differs, or as is."""
    kinds = set(map(type, cells))
    if kinds == {float}:
        return array("d", cells)
    if kinds == {int} and min(cells) >= -(2**31) and max(cells) < 2**31:
        return array("i", cells)
    if kinds <= {str, Deferred}:  # texts, and _MISSING (the only Deferred a finished column may code)
        if Deferred in kinds and any(type(c) is Deferred and c is not _MISSING for c in cells):
            return cells
        index: dict[Any, int] = {}
        codes = [index.setdefault(cell, len(index)) for cell in cells]
        if len(index) * 4 <= len(cells):
            return Coded(array("H" if len(index) <= 2**16 else "I", codes), list(index))
    return cells


class Row(MutableMapping[str, Any]):
    """One item's attributes, a mapping over its row of a `Columns` table. Attributes come in the order they
    first came to any row of the table (for the rows of a build, the order each was given in)."""

    __slots__ = ("_table", "_row")

    def __init__(self, table: Columns) -> None:
        self._table = table
        self._row = -1  # no row of the table yet: nothing was written

    def __getitem__(self, name: str) -> Any:
        cells = self._table.names.get(name) if self._row >= 0 else None
        if cells is None:
            raise KeyError(name)
        cell = cells.values[cells.codes[self._row]] if type(cells) is Coded else cells[self._row]
        if cell is _MISSING:
            raise KeyError(name)
        return cell.value() if type(cell) is Deferred else cell

    def get(self, name: str, default: Any = None) -> Any:
        cells = self._table.names.get(name) if self._row >= 0 else None
        if cells is None:
            return default
        cell = cells.values[cells.codes[self._row]] if type(cells) is Coded else cells[self._row]
        if cell is _MISSING:
            return default
        return cell.value() if type(cell) is Deferred else cell

    def __setitem__(self, name: str, value: Any) -> None:
        if self._row < 0:
            self._row = self._table._add_row()
        self._table._column(name)[self._row] = value

    def __delitem__(self, name: str) -> None:
        cells = self._table.names.get(name) if self._row >= 0 else None
        if cells is None or cells[self._row] is _MISSING:
            raise KeyError(name)
        self._table._column(name)[self._row] = _MISSING

    def __contains__(self, name: object) -> bool:
        cells = self._table.names.get(name) if self._row >= 0 else None  # type: ignore[call-overload]
        return cells is not None and cells[self._row] is not _MISSING

    def __iter__(self) -> Iterator[str]:
        if self._row >= 0:
            row = self._row
            yield from (name for name, cells in self._table.names.items() if cells[row] is not _MISSING)

    def __len__(self) -> int:
        if self._row < 0:
            return 0
        row = self._row
        return sum(cells[row] is not _MISSING for cells in self._table.names.values())

    def update(self, other: Any = (), /, **more: Any) -> None:
        """As dict.update: nodes and edges are added with one update each, so it is kept short."""
        pairs = other.items() if isinstance(other, Mapping) else other
        for name, value in pairs:
            self[name] = value
        for name, value in more.items():
            self[name] = value

    def cells(self) -> Iterator[tuple[str, Any]]:
        """(attribute, value) of each attribute the row has, values not worked out yet."""
        if self._row >= 0:
            row = self._row
            for name, cells in self._table.names.items():
                cell = cells[row]
                if cell is not _MISSING:
                    yield name, cell

    def copy(self) -> dict[str, Any]:
        """A plain dict of the attributes, as `dict.copy` gives (networkx copies a graph with it)."""
        plain: dict[str, Any] = {}
        row = self._row
        if row >= 0:  # one pass over the columns, inline: the writers copy every row
            for name, cells in self._table.names.items():
                cell = cells.values[cells.codes[row]] if type(cells) is Coded else cells[row]
                if cell is not _MISSING:
                    plain[name] = cell.value() if type(cell) is Deferred else cell
        return plain

    def __copy__(self) -> dict[str, Any]:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return copy.deepcopy(self.copy(), memo)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))  # pickled as the dict it stands for, not with its whole table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self.copy() == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.copy())


class ColumnGraph(nx.Graph):
    """An undirected graph whose node and edge attributes live in two `Columns` tables (see the module)."""

    def __init__(self, incoming_graph_data: Any = None, **attr: Any) -> None:
        self.node_columns = Columns()
        self.edge_columns = Columns()
        self.node_attr_dict_factory = self.node_columns.row  # type: ignore[misc,method-assign]
        self.edge_attr_dict_factory = self.edge_columns.row  # type: ignore[misc,method-assign]
        super().__init__(incoming_graph_data, **attr)

    def compact(self) -> None:
        """Hold the attributes in the least memory (`Columns.compact`): call it once the graph is complete;
        attributes written afterwards stay correct, in the columns they make lists again."""
        self.node_columns.compact()
        self.edge_columns.compact()
