"""What changed between two builds: entities added, removed, merged, split and renamed (another form is now
the label); relations added, removed, strengthened and weakened; typed statements new.

Entities are matched by their names, not only their ids: an old and a new entity are the same when they
share the id or any form (label or alias, compared as name keys). So an old entity whose forms now sit in
a new one with another old entity's forms was merged, and one whose forms are now in two new entities was
split. A relation is matched by its two ends as matched so; its weight (sentences) says whether it grew.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.names import name_key
from graphkit.schema import split_list


@dataclass
class GraphDiff:
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # added, removed, merged, split
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # added, removed, (strength)ened
    statements: list[str] = field(default_factory=list)  # typed statements of the new graph only

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "entities": {kind: len(items) for kind, items in self.entities.items()},
            "relations": {kind: len(items) for kind, items in self.relations.items()},
            "statements": {"added": len(self.statements)},
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "entities": self.entities,
            "relations": self.relations,
            "statements": {"added": self.statements},
        }

    def line(self) -> str:
        """The one line a rebuild prints."""
        e, r = self.entities, self.relations
        return (
            f"since the last build: +{len(e['added'])} entities, −{len(e['removed'])}, "
            f"+{len(r['added'])} relations, −{len(r['removed'])}"
        )


def _forms(graph: nx.Graph, node: Any) -> set[str]:
    data = graph.nodes[node]
    return {name_key(f) for f in (data["label"], *split_list(data["aliases"])) if f}


def _entity(graph: nx.Graph, node: Any) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"id": str(node), "label": data["label"], "type": data["type"], "mentions": data["mentions"]}


def diff_graphs(old: nx.Graph, new: nx.Graph) -> GraphDiff:
    """The changes from `old` to `new`, each list largest first (mentions, weight, or change of weight)."""
    by_form: dict[str, set[Any]] = defaultdict(set)
    for node in old:
        for form in _forms(old, node):
            by_form[form].add(node)
    matches: dict[Any, set[Any]] = {}  # new node -> the old nodes it shares a name with
    for node in new:
        found = {node} if node in old else set()
        for form in _forms(new, node):
            found |= by_form.get(form, set())
        matches[node] = found
    olds_of_new = matches
    news_of_old: dict[Any, set[Any]] = defaultdict(set)
    for node, found in matches.items():
        for old_node in found:
            news_of_old[old_node].add(node)

    def by_mentions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda item: (-item["mentions"], item["label"]))

    added = by_mentions([_entity(new, n) for n, found in olds_of_new.items() if not found])
    removed = by_mentions([_entity(old, n) for n in old if not news_of_old.get(n)])
    merged = by_mentions(
        [
            {**_entity(new, n), "from": sorted(old.nodes[o]["label"] for o in found)}
            for n, found in olds_of_new.items()
            if len(found) > 1
        ]
    )
    split = by_mentions(
        [
            {**_entity(old, o), "into": sorted(new.nodes[n]["label"] for n in found)}
            for o, found in news_of_old.items()
            if len(found) > 1
        ]
    )

    def counterpart(node: Any) -> Any:
        """The new node an old node became: itself, else the one new node holding its forms (None if gone)."""
        found = news_of_old.get(node, set())
        if node in found:
            return node
        return next(iter(found)) if len(found) == 1 else (min(found, key=str) if found else None)

    old_edges: dict[frozenset[Any], float] = defaultdict(float)
    for a, b, data in old.edges(data=True):
        ends = (counterpart(a), counterpart(b))
        if None not in ends and ends[0] != ends[1]:
            old_edges[frozenset(ends)] += float(data["weight"])
    lost = [
        {"source": old.nodes[a]["label"], "target": old.nodes[b]["label"], "weight": round(float(d["weight"]), 3)}
        for a, b, d in old.edges(data=True)
        if counterpart(a) is None or counterpart(b) is None
    ]

    def relation(a: Any, b: Any, data: dict) -> dict[str, Any]:
        ends = sorted((new.nodes[a]["label"], new.nodes[b]["label"]))
        return {"source": ends[0], "target": ends[1], "weight": round(float(data["weight"]), 3)}

    new_pairs = set()
    relations: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "strengthened": [], "weakened": []}
    for a, b, data in new.edges(data=True):
        pair = frozenset((a, b))
        new_pairs.add(pair)
        if pair not in old_edges:
            relations["added"].append({**relation(a, b, data), "relation": data["relation"]})
            continue
        before, after = old_edges[pair], float(data["weight"])
        if abs(after - before) > 1e-9:
            change = {**relation(a, b, data), "old_weight": round(before, 3)}
            relations["strengthened" if after > before else "weakened"].append(change)
    for pair, weight in old_edges.items():
        if pair not in new_pairs:
            first, second = sorted(new.nodes[n]["label"] for n in pair)
            relations["removed"].append({"source": first, "target": second, "weight": round(weight, 3)})
    relations["removed"] += lost
    for kind in ("added", "removed"):
        relations[kind].sort(key=lambda r: (-r["weight"], r["source"], r["target"]))
    for kind in ("strengthened", "weakened"):
        relations[kind].sort(key=lambda r: (-abs(r["weight"] - r["old_weight"]), r["source"], r["target"]))

    before_statements = set()
    for a, b, data in old.edges(data=True):
        for statement in split_list(data["statements"]):
            for node in (a, b):  # an entity that now goes by another label says the same thing
                now = counterpart(node)
                if now is not None and new.nodes[now]["label"] != old.nodes[node]["label"]:
                    statement = statement.replace(old.nodes[node]["label"], new.nodes[now]["label"])
            before_statements.add(statement)
    statements = sorted(
        {s for _, _, d in new.edges(data=True) for s in split_list(d["statements"])} - before_statements
    )
    merged_into = {n for n, found in olds_of_new.items() if len(found) > 1}
    renamed = by_mentions(
        [
            {**_entity(new, n), "was": old.nodes[o]["label"]}
            for o, found in news_of_old.items()
            if len(found) == 1 and (n := next(iter(found))) not in merged_into
            if old.nodes[o]["label"] != new.nodes[n]["label"]
        ]
    )
    entities = {"added": added, "removed": removed, "merged": merged, "split": split, "renamed": renamed}
    return GraphDiff(entities, relations, statements)
