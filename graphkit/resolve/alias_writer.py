"""Adding rules to the user's alias file without losing what the user wrote there.

`graphkit review` writes each decision as a `merge` or `apart` entry. The file is the user's: comments,
order and layout stay as they are; a new entry goes at the end of its section (a section in flow style,
`apart: [[a, b]]`, is rewritten in block style with its entries), under a comment line saying when it was
decided, or into a new section at the end of the file. A name merged into a name the section already
keeps joins that name's list, so no key appears twice. The result is read back with `load_aliases`
before it replaces the file (atomically): a file the loader would refuse is never written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from graphkit.names import name_key
from graphkit.resolve.aliases import AliasFileError, compose, load_aliases

_PLAIN = re.compile(r"[^\W\d_][\w .'’\-]*[\w.'’]|[^\W\d_]", re.UNICODE)
_YAML_WORDS = {"yes", "no", "y", "n", "on", "off", "true", "false", "null"}


def yaml_name(name: str) -> str:
    """A name as a YAML scalar: plain when YAML reads it back as that text, else double-quoted."""
    if _PLAIN.fullmatch(name) and name.casefold() not in _YAML_WORDS and ": " not in name and " #" not in name:
        return name
    return json.dumps(name, ensure_ascii=False)


def add_decisions(
    path: str | os.PathLike[str],
    merges: list[tuple[str, str]],
    apart: list[tuple[str, str]],
    comment: str,
    types: Sequence[tuple[str, str]] = (),
) -> None:
    """Add `merges` ((name kept, other name) pairs) and `apart` pairs to the alias file at `path`, creating it
    if need be; `comment` (e.g. "reviewed 2026-12-03") goes on a line above the new entries of a section.

    Raises AliasFileError when the file as it is cannot be read, or the result would not load.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    new: dict[str, list[str]] = {}  # name kept -> the names merged into it, for keys not in the file yet
    for keep, other in merges:
        text, added = _add_merge(path, text, keep, other)
        if not added:
            kept = next((k for k in new if name_key(k) == name_key(keep)), keep)
            new.setdefault(kept, []).append(other)
    if new:
        entries = [f"{yaml_name(k)}: [{', '.join(yaml_name(n) for n in names)}]" for k, names in new.items()]
        text = _add_to_section(path, text, "merge", entries, comment)
    if apart:
        entries = [f"[{', '.join(yaml_name(n) for n in pair)}]" for pair in apart]
        text = _add_to_section(path, text, "apart", [f"- {e}" for e in entries], comment)
    if types:
        text = _add_to_section(path, text, "types", [f"{yaml_name(n)}: {kind}" for n, kind in types], comment)
    _replace(path, text)


def _root(path: Path, text: str) -> yaml.MappingNode | None:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        compose(path)  # raises the error with the file's line
        raise
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise AliasFileError(f"{path}, line {root.start_mark.line + 1}: expected sections merge, apart, ...")
    return root


def _section(root: yaml.MappingNode | None, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of the last section called `name`."""
    found = None
    for key, value in root.value if root is not None else ():
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            found = (key, value)
    return found


def _add_merge(path: Path, text: str, keep: str, other: str) -> tuple[str, bool]:
    """`other` added to the names of `keep` when the merge section has `keep` already (and whether it had)."""
    section = _section(_root(path, text), "merge")
    if section is not None and isinstance(section[1], yaml.MappingNode) and section[1].flow_style:
        text = _add_to_section(path, text, "merge", [], "")  # in block style first, to add to its lists
        section = _section(_root(path, text), "merge")
    if section is not None and isinstance(section[1], yaml.MappingNode):
        for key, value in section[1].value:
            if isinstance(key, yaml.ScalarNode) and name_key(str(key.value)) == name_key(keep):
                return _add_to_names(text, value, other), True
    return text, False


def _add_to_names(text: str, value: yaml.Node, name: str) -> str:
    """`name` added to the names of one merge entry (a name, a flow list or a block list)."""
    start, end = value.start_mark.index, value.end_mark.index
    if isinstance(value, yaml.SequenceNode) and value.flow_style:
        close = text.rindex("]", start, end)
        joiner = ", " if value.value else ""
        return text[:close] + joiner + yaml_name(name) + text[close:]
    if isinstance(value, yaml.SequenceNode) and value.value:
        last = value.value[-1]
        line_end = text.find("\n", last.end_mark.index)
        indent = " " * (last.start_mark.column - 2)
        return text[: line_end + 1] + f"{indent}- {yaml_name(name)}\n" + text[line_end + 1 :]
    return text[:start] + f"[{text[start:end].strip() or ''}, {yaml_name(name)}]".replace("[, ", "[") + text[end:]


def _add_to_section(path: Path, text: str, name: str, entries: list[str], comment: str) -> str:
    """`entries` (lines without indentation) at the end of section `name`, or in a new one at the end."""
    section = _section(_root(path, text), name)
    if section is None:
        body = "".join(f"  {e}\n" for e in entries)
        return f"{text}{name}:  # {comment}\n{body}"
    key, value = section
    is_block = isinstance(value, (yaml.MappingNode, yaml.SequenceNode)) and not value.flow_style and value.value
    if is_block:
        first = value.value[0]
        if isinstance(value, yaml.MappingNode):
            first = first[0]
            last = value.value[-1][1]
            indent = first.start_mark.column
        else:
            last = value.value[-1]
            indent = max(first.start_mark.column - 2, 0)
        line_end = text.find("\n", last.end_mark.index - 1 if last.end_mark.column == 0 else last.end_mark.index)
        pad = " " * indent
        block = f"{pad}# {comment}\n" + "".join(f"{pad}{e}\n" for e in entries)
        return text[: line_end + 1] + block + text[line_end + 1 :]
    # an empty section, or one in flow style: written again in block style, its entries first
    old = []
    if isinstance(value, yaml.SequenceNode):
        old = [f"- [{', '.join(yaml_name(str(n.value)) for n in item.value)}]" for item in value.value]
    elif isinstance(value, yaml.MappingNode):
        old = [f"{yaml_name(str(k.value))}: {_flow(v)}" for k, v in value.value]
    start = key.end_mark.index
    end = value.end_mark.index if value.value or not isinstance(value, yaml.ScalarNode) else start
    line_end = text.find("\n", end)
    rest = text[end:line_end] if line_end >= 0 else text[end:]
    tail = rest[rest.index("#") :] if "#" in rest else ""
    body = "".join(f"  {e}\n" for e in old) + (f"  # {comment}\n" if entries else "")
    body += "".join(f"  {e}\n" for e in entries)
    after = text[line_end + 1 :] if line_end >= 0 else ""
    return text[:start] + ":" + (f"  {tail}" if tail else "") + "\n" + body + after


def _flow(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(yaml_name(str(n.value)) for n in node.value) + "]"
    return yaml_name(str(node.value))


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, once `load_aliases` reads it."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        try:
            load_aliases(temporary)
        except AliasFileError as error:
            raise AliasFileError(f"{path}: the decisions cannot be added ({error})") from None
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
