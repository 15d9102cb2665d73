"""A file format declared once, by the module that reads or writes it.

The readers (graphkit.read.formats) and the writers (graphkit.export.formats) each keep one tuple of these
records; the suffix tables, the CLI's choices and help, the build's file names and the README's tables
follow from those tuples, so adding a format is one record in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Format:
    """One format: its name, the suffixes that ask for it (the first is the usual one) and its functions."""

    name: str
    suffixes: tuple[str, ...]
    description: str  # what it is, in a few words (the README says it at length)
    read: Callable[..., Any] | None = None
    write: Callable[..., Any] | None = None
    title: str = ""  # how help text names it in a list ("GraphML", "an HTML page"); default: the name
    files: tuple[str, ...] = ()  # a format written as a folder: the files it puts there

    @property
    def label(self) -> str:
        return self.title or self.name


def by_name(formats: Iterable[Format]) -> dict[str, Format]:
    """The formats by name; a name declared twice is a mistake caught at import."""
    table: dict[str, Format] = {}
    for fmt in formats:
        if fmt.name in table:
            raise ValueError(f"format {fmt.name!r} is declared twice")
        table[fmt.name] = fmt
    return table


def by_suffix(formats: Iterable[Format]) -> dict[str, Format]:
    """The formats by suffix ('.gexf' -> the gexf record); a suffix claimed by two formats is a mistake."""
    table: dict[str, Format] = {}
    for fmt in formats:
        for suffix in fmt.suffixes:
            if suffix != suffix.lower() or not suffix.startswith("."):
                raise ValueError(f"format {fmt.name!r}: suffix {suffix!r} must be lower case and start with '.'")
            if suffix in table:
                raise ValueError(f"suffix {suffix!r} is claimed by {table[suffix].name!r} and {fmt.name!r}")
            table[suffix] = fmt
    return table


def usual_suffixes(formats: Iterable[Format]) -> list[str]:
    """The first suffix of each format that has one, in registry order: what help text lists."""
    return [fmt.suffixes[0] for fmt in formats if fmt.suffixes]


def spoken_list(words: Iterable[str], last: str = "and") -> str:
    """'a, b and c': a list for a sentence of help text."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"
