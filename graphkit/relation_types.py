"""The relation schema: the class, stance and direction of every typed relation name, read once from
data/relation_types.tsv and data/relation_classes.tsv, so that extraction, the graph, the page and Gephi all
say the same thing about a "met" or a "sanctioned".

Role names are not listed one by one: a title marked "role" in data/titles.txt followed by "of" or "to"
("prime minister of", "ambassador to") is a role. "former " before any name keeps the name's class.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from graphkit.names import titles

STANCES = ("cooperative", "hostile", "neutral")
DIRECTIONS = ("directed", "symmetric")
ROLE_PREPOSITIONS = ("of", "to")
FORMER = "former "


class RelationDataError(ValueError):
    """A relation data file that cannot be read as documented: the message names the file and line."""


@dataclass(frozen=True)
class RelationClass:
    name: str
    stance: str  # the stance of its relations unless a relation says otherwise
    colour: str  # hex, for the page and Gephi
    holds: str  # what it holds, in a few words (the README and the page's legend say it)
    rank: int  # 0 is the strongest


@dataclass(frozen=True)
class RelationType:
    name: str
    relation_class: str
    stance: str
    symmetric: bool
    person_class: str = ""  # the class instead when the source is a person

    def class_for(self, source_type: str) -> str:
        """The class of a statement whose source is of `source_type` ("person", "country", ...)."""
        return self.person_class if self.person_class and source_type == "person" else self.relation_class


def _read(file: str) -> str:
    return resources.files("graphkit.data").joinpath(file).read_text(encoding="utf-8")


def data_rows(text: str, path: str, widths: range) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of a data file's lines that are not comments or blank, for every
    relation table (here and extract/relations/vocabulary.py). A line whose number of cells (trailing empty
    ones dropped) is outside `widths`, or with an empty one among the first widths.start, is a
    RelationDataError naming `path` and the line."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > widths.start and not cells[-1]:
            cells.pop()  # trailing empty cells ("side\tproxy\t")
        if len(cells) not in widths:
            wanted = f"{widths.start} to {widths.stop - 1}" if len(widths) > 1 else f"{widths.start}"
            raise RelationDataError(f"{path}:{number}: {len(cells)} fields where {wanted} are read")
        if not all(cells[: widths.start]):
            raise RelationDataError(f"{path}:{number}: an empty field where a word is needed")
        rows.append((number, cells))
    return rows


def _fail(file: str, line: int, problem: str) -> RelationDataError:
    return RelationDataError(f"graphkit/data/{file}:{line}: {problem}")


@cache
def relation_classes() -> dict[str, RelationClass]:
    """The classes in rank order, strongest first."""
    return parse_classes(_read("relation_classes.tsv"))


def parse_classes(text: str, file: str = "relation_classes.tsv") -> dict[str, RelationClass]:
    classes: dict[str, RelationClass] = {}
    for line, fields in data_rows(text, f"graphkit/data/{file}", range(4, 5)):
        name, stance, colour, holds = fields
        if stance not in STANCES:
            raise _fail(file, line, f"stance {stance!r} is not one of {', '.join(STANCES)}")
        if len(colour) != 7 or colour[0] != "#":
            raise _fail(file, line, f"colour {colour!r} is not #rrggbb")
        if name in classes:
            raise _fail(file, line, f"class {name!r} is listed twice")
        classes[name] = RelationClass(name, stance, colour, holds, len(classes))
    return classes


@cache
def relation_types() -> dict[str, RelationType]:
    """Every listed relation name's type (role names come from the titles, see relation_type)."""
    return parse_types(_read("relation_types.tsv"), relation_classes())


def parse_types(
    text: str, classes: dict[str, RelationClass], file: str = "relation_types.tsv"
) -> dict[str, RelationType]:
    types: dict[str, RelationType] = {}
    for line, fields in data_rows(text, f"graphkit/data/{file}", range(2, 6)):
        name, kind, stance, direction, person = [*fields, "", "", ""][:5]
        for label, value in (("class", kind), ("person class", person)):
            if value and value not in classes:
                raise _fail(file, line, f"{label} {value!r} is not one of relation_classes.tsv")
        if stance and stance not in STANCES:
            raise _fail(file, line, f"stance {stance!r} is not one of {', '.join(STANCES)}")
        if direction and direction not in DIRECTIONS:
            raise _fail(file, line, f"direction {direction!r} is not one of {', '.join(DIRECTIONS)}")
        if name in types:
            raise _fail(file, line, f"{name!r} is listed twice")
        types[name] = RelationType(name, kind, stance or classes[kind].stance, direction == "symmetric", person)
    return types


@cache
def _role_names() -> frozenset[str]:
    return frozenset(f"{title.lower()} {word}" for title in titles("role") for word in ROLE_PREPOSITIONS)


@cache
def relation_type(name: str) -> RelationType:
    """The type of relation `name` ("met", "former president of"); KeyError for a name the schema lacks."""
    base = name.removeprefix(FORMER)
    known = relation_types().get(base)
    if known is not None:
        return known if base == name else replace(known, name=name)
    if base in _role_names():
        return RelationType(name, "role", relation_classes()["role"].stance, False)
    raise KeyError(name)


def is_known(name: str) -> bool:
    try:
        relation_type(name)
    except KeyError:
        return False
    return True


def strongest_class(classes: list[str]) -> str:
    """The strongest of `classes` by the rank of relation_classes.tsv ('' when there is none)."""
    ranks = relation_classes()
    return min(classes, key=lambda c: ranks[c].rank) if classes else ""
