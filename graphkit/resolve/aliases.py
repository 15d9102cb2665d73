"""The user's alias file: how a journalist fixes the last few percent by hand.

    # sources/aliases.yaml
    merge:                      # the name to keep: [other names of the same entity]
      Vladimir Putin: [V. Putin, President of Russia]
    rename:                     # old name: new name
      Kyrgyz Republic: Kyrgyzstan
    types:                      # name: person | country | organization | location
      Kremlin: organization
    drop: [TikTok, Dear Readers] # names that are never entities
    apart:                      # names of different entities, never merged by any rule
      - [Ainur Kurmanov, Anur Kurmanov]
    split:                      # an entity: the forms taken out of it into an entity of their own
      Erdogan: [Ahmet Erdogan]

Names are matched case-insensitively against the canonical name and against any surface form.
The sections apply in this order: `apart` while the automatic rules merge (it beats every one of them),
then `split`, then `drop`, `merge` and `rename`, and `types` last, on the name an entity ends with.
A malformed file raises AliasFileError naming the file and line; so do two sections that contradict each
other (a pair both merged and kept apart). A rule that matches nothing in the corpus is a warning naming
its line (`AliasRules.unmatched`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graphkit.names import name_key
from graphkit.schema import ENTITY_TYPES

SECTIONS = ("merge", "rename", "types", "drop", "apart", "split")


class AliasFileError(ValueError):
    """The alias file cannot be used as it is; the message names the file and line."""


@dataclass(frozen=True)
class Rule:
    """One name of one rule, where the file says it: what an unmatched-rule warning names."""

    section: str
    name: str
    line: int
    entity: str = ""  # merge and split: the entity the name is merged into or taken out of


@dataclass
class AliasRules:
    path: str = ""
    renames: dict[str, str] = field(default_factory=dict)  # name key -> new label
    types: dict[str, str] = field(default_factory=dict)  # name key -> type
    drops: set[str] = field(default_factory=set)  # name keys
    # apart: each name key -> the groups it is in, as (group number, place in the group)
    apart: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    splits: dict[str, set[str]] = field(default_factory=dict)  # entity name key -> keys of the forms taken out
    rules: list[Rule] = field(default_factory=list)
    merged: dict[frozenset[str], int] = field(default_factory=dict)  # {kept, other} keys -> line (merge, rename)

    def apply(
        self, label: str, kind: str, surface: str, known: Mapping[str, str] | None = None
    ) -> tuple[str, str] | None:
        """The (label, type) a mention ends with, or None when the user dropped it. `known`: the one type of
        the entity each name key labels in the corpus: a name merged or renamed into such an entity takes its
        type ("Kyrgyzstan: [Bishkek]" joins the country, not a location called Kyrgyzstan), unless `types`
        says otherwise."""
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
        if new_key not in keys and known and new_key in known:
            kind = known[new_key]
        kind = self.types.get(new_key) or next((self.types[k] for k in keys if k in self.types), kind)
        return label, kind

    def apart_tags(self, names: list[str]) -> frozenset[tuple[int, int]]:
        """The apart groups (and places in them) of any of `names`: what keeps an entity from another."""
        tags: set[tuple[int, int]] = set()
        for name in names:
            tags |= self.apart.get(name_key(name), set())
        return frozenset(tags)

    def decides(self, a: str, b: str) -> bool:
        """Whether the file already says whether `a` and `b` are one entity: merged, renamed into one name,
        kept apart, one split out of the other, or either dropped. `graphkit review` asks about no such pair."""
        ka, kb = name_key(a), name_key(b)
        if ka in self.drops or kb in self.drops or frozenset((ka, kb)) in self.merged:
            return True
        if kb in self.splits.get(ka, ()) or ka in self.splits.get(kb, ()):
            return True
        if name_key(self.renames.get(ka, a)) == name_key(self.renames.get(kb, b)):
            return True
        return apart_conflict(self.apart_tags([a]), self.apart_tags([b]))

    def unmatched(self, seen: set[str]) -> list[str]:
        """One warning per rule whose name is none of the name keys `seen` in the corpus."""
        return [
            f"{self.path}, line {rule.line}: {rule.section} '{rule.name}' matches no name in the articles"
            for rule in self.rules
            if name_key(rule.name) not in seen
        ]


def apart_conflict(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> bool:
    """Whether two sets of apart tags hold two different places of one apart group."""
    return bool(a and b) and any(g == h and p != q for g, p in a for h, q in b)


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}, line {node.start_mark.line + 1}"


def _scalar(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise AliasFileError(f"{_where(path, node)}: {what} must be a name")
    return str(node.value).strip()


def _name_nodes(path: Path, node: yaml.Node, what: str) -> list[tuple[str, int]]:
    """(name, line) of a name or a list of names."""
    if isinstance(node, yaml.ScalarNode):
        return [(_scalar(path, node, what), node.start_mark.line + 1)]
    if not isinstance(node, yaml.SequenceNode):
        raise AliasFileError(f"{_where(path, node)}: {what} must be a name or a list of names")
    return [(_scalar(path, item, what), item.start_mark.line + 1) for item in node.value]


def compose(path: Path) -> yaml.Node | None:
    """The YAML tree of an alias file; a file that is not UTF-8 YAML raises AliasFileError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AliasFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{path}: not UTF-8 text") from None
    try:
        return yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise AliasFileError(f"{where}: {problem} (not valid YAML)") from None


def load_aliases(path: str | os.PathLike[str]) -> AliasRules:
    """Read and check an alias file."""
    path = Path(path)
    root = compose(path)
    rules = AliasRules(path=str(path))
    if root is None:
        return rules
    if not isinstance(root, yaml.MappingNode):
        raise AliasFileError(f"{_where(path, root)}: expected sections {', '.join(SECTIONS)}")
    merged = rules.merged
    groups = 0
    apart_lines: dict[tuple[int, int], int] = {}  # (group, place) -> line
    for key_node, value in root.value:
        section = _scalar(path, key_node, "a section")
        if section not in SECTIONS:
            raise AliasFileError(f"{_where(path, key_node)}: unknown section '{section}' (use {', '.join(SECTIONS)})")
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
            continue  # an empty section, as a page download may leave it
        if section == "drop":
            for name, line in _name_nodes(path, value, "a dropped name"):
                rules.drops.add(name_key(name))
                rules.rules.append(Rule(section, name, line))
            continue
        if section == "apart":
            if not isinstance(value, yaml.SequenceNode):
                raise AliasFileError(f"{_where(path, value)}: 'apart' must be a list of lists of names")
            for group in value.value:
                names = _name_nodes(path, group, "a name kept apart")
                if len(names) < 2:
                    raise AliasFileError(f"{_where(path, group)}: 'apart' needs two names or more in a list")
                keys = [name_key(n) for n, _ in names]
                if len(set(keys)) < len(keys):
                    raise AliasFileError(
                        f"{_where(path, group)}: names the same entity twice (names match without case or accents)"
                    )
                for place, (name, line) in enumerate(names):
                    rules.apart.setdefault(name_key(name), set()).add((groups, place))
                    apart_lines[(groups, place)] = line
                    rules.rules.append(Rule(section, name, line))
                groups += 1
            continue
        if not isinstance(value, yaml.MappingNode):
            raise AliasFileError(f"{_where(path, value)}: '{section}' must map names to values")
        for name_node, target in value.value:
            name = _scalar(path, name_node, "a name")
            line = name_node.start_mark.line + 1
            if section == "merge":  # the name kept may be new: only the names merged must be in the articles
                for other, other_line in _name_nodes(path, target, "a merged name"):
                    rules.renames[name_key(other)] = name
                    merged.setdefault(frozenset((name_key(name), name_key(other))), other_line)
                    rules.rules.append(Rule(section, other, other_line, name))
            elif section == "rename":
                new = _scalar(path, target, "a new name")
                rules.renames[name_key(name)] = new
                merged.setdefault(frozenset((name_key(name), name_key(new))), line)
                rules.rules.append(Rule(section, name, line))
            elif section == "split":
                forms = _name_nodes(path, target, "a form taken out")
                rules.splits.setdefault(name_key(name), set()).update(name_key(f) for f, _ in forms)
                rules.rules.append(Rule(section, name, line))
                rules.rules.extend(Rule(section, f, f_line, name) for f, f_line in forms)
            else:
                kind = _scalar(path, target, "a type")
                if kind not in ENTITY_TYPES:
                    choices = ", ".join(ENTITY_TYPES)
                    raise AliasFileError(f"{_where(path, target)}: unknown type '{kind}' (use {choices})")
                rules.types[name_key(name)] = kind
                rules.rules.append(Rule(section, name, line))
    _check_contradictions(path, rules, merged, apart_lines)
    return rules


def _check_contradictions(
    path: Path, rules: AliasRules, merged: dict[frozenset[str], int], apart_lines: dict[tuple[int, int], int]
) -> None:
    """A pair both merged (or renamed one into the other) and kept apart, or merged into an entity and split
    out of it: the file says two things; which one is meant only the user can say."""
    for pair, line in merged.items():
        if len(pair) < 2:
            continue
        a, b = sorted(pair)
        for group, place in sorted(rules.apart.get(a, set())):
            other = next((p for g, p in rules.apart.get(b, set()) if g == group and p != place), None)
            if other is not None:
                first, second = sorted((line, apart_lines[(group, other)]))
                raise AliasFileError(
                    f"{path}, lines {first} and {second}: one rule merges what the other keeps apart"
                    f" ('{_shown(rules, a)}' and '{_shown(rules, b)}'); keep one of the two"
                )
    split_lines = {
        (name_key(r.entity), name_key(r.name)): r.line for r in rules.rules if r.section == "split" and r.entity
    }
    for rule in rules.rules:
        if rule.section == "merge" and rule.entity:
            split_line = split_lines.get((name_key(rule.entity), name_key(rule.name)))
            if split_line is not None:
                first, second = sorted((rule.line, split_line))
                raise AliasFileError(
                    f"{path}, lines {first} and {second}: one rule merges '{rule.name}' into '{rule.entity}', the"
                    " other splits it out; keep one of the two"
                )


def _shown(rules: AliasRules, key: str) -> str:
    """A name as the file writes it, for a name key."""
    return next((r.name for r in rules.rules if name_key(r.name) == key), key)
