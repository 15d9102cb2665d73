"""The user's alias file: how a journalist fixes the last few percent by hand.

    # sources/aliases.yaml
    merge:                      # the name to keep: [other names of the same entity]
      Vladimir Putin: [V. Putin, President of Russia]
    rename:                     # old name: new name
      Kyrgyz Republic: Kyrgyzstan
    types:                      # name: person | country | organization | location
      Kremlin: organization
    drop: [TikTok, Dear Readers] # names that are never entities

Names are matched case-insensitively against the canonical name and against any surface form.
A malformed file raises AliasFileError naming the file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graphkit.names import name_key
from graphkit.schema import ENTITY_TYPES

SECTIONS = ("merge", "rename", "types", "drop")


class AliasFileError(ValueError):
    """The alias file cannot be used as it is; the message names the file and line."""


@dataclass
class AliasRules:
    renames: dict[str, str] = field(default_factory=dict)  # name key -> new label
    types: dict[str, str] = field(default_factory=dict)  # name key -> type
    drops: set[str] = field(default_factory=set)  # name keys

    def apply(self, label: str, kind: str, surface: str) -> tuple[str, str] | None:
        """The (label, type) a mention ends with, or None when the user dropped it."""
        keys = (name_key(surface), name_key(label))
        if any(k in self.drops for k in keys):
            return None
        for key in keys:
            if key in self.renames:
                label = self.renames[key]
                break
        new_key = name_key(label)
        if new_key in self.drops:
            return None
        kind = self.types.get(new_key) or next((self.types[k] for k in keys if k in self.types), kind)
        return label, kind


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}, line {node.start_mark.line + 1}"


def _scalar(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise AliasFileError(f"{_where(path, node)}: {what} must be a name")
    return str(node.value).strip()


def _names(path: Path, node: yaml.Node, what: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [_scalar(path, node, what)]
    if not isinstance(node, yaml.SequenceNode):
        raise AliasFileError(f"{_where(path, node)}: {what} must be a name or a list of names")
    return [_scalar(path, item, what) for item in node.value]


def load_aliases(path: str | os.PathLike[str]) -> AliasRules:
    """Read and check an alias file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AliasFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{path}: not UTF-8 text") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise AliasFileError(f"{where}: {problem}") from None
    rules = AliasRules()
    if root is None:
        return rules
    if not isinstance(root, yaml.MappingNode):
        raise AliasFileError(f"{_where(path, root)}: expected sections {', '.join(SECTIONS)}")
    for key_node, value in root.value:
        section = _scalar(path, key_node, "a section")
        if section not in SECTIONS:
            raise AliasFileError(f"{_where(path, key_node)}: unknown section '{section}' (use {', '.join(SECTIONS)})")
        if section == "drop":
            rules.drops.update(name_key(n) for n in _names(path, value, "a dropped name"))
            continue
        if not isinstance(value, yaml.MappingNode):
            raise AliasFileError(f"{_where(path, value)}: '{section}' must map names to values")
        for name_node, target in value.value:
            name = _scalar(path, name_node, "a name")
            if section == "merge":
                for other in _names(path, target, "a merged name"):
                    rules.renames[name_key(other)] = name
            elif section == "rename":
                rules.renames[name_key(name)] = _scalar(path, target, "a new name")
            else:
                kind = _scalar(path, target, "a type")
                if kind not in ENTITY_TYPES:
                    choices = ", ".join(ENTITY_TYPES)
                    raise AliasFileError(f"{_where(path, target)}: unknown type '{kind}' (use {choices})")
                rules.types[name_key(name)] = kind
    return rules
