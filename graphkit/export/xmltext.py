"""XML written as text, one element per line: escaping, and the file around the lines.

GraphML and GEXF files hold a million small elements on a large graph; building them as ElementTree
objects took seconds, writing lines takes a fraction of that. The output is what ElementTree writes
after `indent(root, space=" ")`: the same escaping, `<tag />` for empty elements, one space per level.
Callers pass text already through `values.clean_text` (no control characters, no surrogates).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from itertools import islice

from graphkit.export.atomic import atomic_open

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_LINES_PER_WRITE = 1000  # pieces written at a time: an item of a large graph is several KB of lines


def text(value: str) -> str:
    """`value` as element text: &, < and > escaped."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def attribute(value: str) -> str:
    """`value` as an attribute value in double quotes: also quotes, and line breaks and tabs as character
    references (a reader turns literal ones into spaces)."""
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def _each(escape: Callable[[str], str], values: list[str]) -> list[str]:
    # clean text has no NUL: escape the whole column in one pass of each replace, and split it again
    joined = "\0".join(values)
    if joined.count("\0") != len(values) - 1 or not values:
        return [escape(v) for v in values]
    return escape(joined).split("\0")


def texts(values: list[str]) -> list[str]:
    """`text()` of every value of a column."""
    return _each(text, values)


def attributes(values: list[str]) -> list[str]:
    """`attribute()` of every value of a column."""
    return _each(attribute, values)


def start_tag(indent: int, tag: str, attributes: dict[str, str], *, empty: bool = False) -> str:
    """`<tag a="1">` (or `<tag a="1" />` when `empty`) indented by `indent` spaces; attribute values are escaped."""
    attrs = "".join(f' {name}="{attribute(value)}"' for name, value in attributes.items())
    return f"{' ' * indent}<{tag}{attrs}{' />' if empty else '>'}"


def text_element(indent: int, tag: str, attributes: dict[str, str]) -> tuple[str, str, str]:
    """The pieces of `<tag a="1">text</tag>` for many texts: the opening, the closing, and the whole line
    when the text is empty (`<tag a="1" />`)."""
    return start_tag(indent, tag, attributes), f"</{tag}>", start_tag(indent, tag, attributes, empty=True)


def write_xml(path: str | os.PathLike[str], lines: Iterable[str]) -> None:
    """Write the XML declaration and `lines` (pieces of one or more whole lines, without the last newline:
    UTF-8), atomically."""
    lines = iter(lines)
    with atomic_open(path, newline="\n") as handle:  # "\n" on every platform, as ElementTree writes it
        handle.write(XML_DECLARATION + "\n")
        while batch := list(islice(lines, _LINES_PER_WRITE)):
            handle.write("\n".join(batch) + "\n")
