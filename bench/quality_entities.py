"""Entity quality against hand labels: what a careful reader lists vs what the graph holds.

    python bench/quality_entities.py output/graph.json tests/gold/sources.yaml
    python bench/quality_entities.py /tmp/seeds/graph.json bench/gold/seeds.yaml

Prints recall (gold entities that are one node of the right type), precision (nodes that are gold
entities), and the lists behind them: missing, wrong type, split into several nodes, junk nodes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphkit.export.json import read_json  # noqa: E402
from graphkit.names import name_key  # noqa: E402


@dataclass
class Score:
    found: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # one node, right type, labelled by another of its names
    wrong_type: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    nodes: int = 0

    @property
    def recall(self) -> float:
        return (len(self.found) + len(self.renamed)) / self.gold if self.gold else 1.0

    @property
    def gold(self) -> int:
        return len(self.found) + len(self.renamed) + len(self.wrong_type) + len(self.split) + len(self.missing)

    @property
    def precision(self) -> float:
        return (self.nodes - len(self.junk)) / self.nodes if self.nodes else 1.0


def score(graph_path: str | Path, gold_path: str | Path) -> Score:
    graph = read_json(graph_path)
    gold = yaml.safe_load(Path(gold_path).read_text(encoding="utf-8"))
    by_label: dict[str, list[tuple[str, str]]] = {}
    by_alias: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        by_label.setdefault(name_key(data["label"]), []).append((node, data["type"]))
        for alias in [data["label"], *data["aliases"].split(" | ")]:
            by_alias.setdefault(name_key(alias), set()).add(node)

    result = Score(nodes=graph.number_of_nodes())
    claimed: set[str] = set()
    for entity in gold["entities"]:
        name = entity["name"]
        names = [name, *(entity.get("aliases") or [])]
        nodes = set().union(*(by_alias.get(name_key(n), set()) for n in names))
        claimed |= nodes
        exact = [n for n, t in by_label.get(name_key(name), []) if t == entity["type"]]
        if exact and len(nodes) == 1:
            result.found.append(name)
        elif len(nodes) > 1:
            labels = sorted(graph.nodes[n]["label"] for n in nodes)
            result.split.append(f"{name}: {' / '.join(labels)}")
        elif nodes and graph.nodes[next(iter(nodes))]["type"] == entity["type"]:
            result.renamed.append(f"{name}: node {graph.nodes[next(iter(nodes))]['label']}")
        elif nodes:
            node = next(iter(nodes))
            data = graph.nodes[node]
            result.wrong_type.append(f"{name} ({entity['type']}): node {data['label']} ({data['type']})")
        else:
            result.missing.append(f"{name} ({entity['type']})")
    forbidden = {name_key(n) for n in gold.get("not_entities") or []}
    for node, data in graph.nodes(data=True):
        if node not in claimed:
            result.junk.append(f"{data['label']} ({data['type']}, {data['mentions']})")
        if name_key(data["label"]) in forbidden:
            result.forbidden.append(data["label"])
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    result = score(*argv)
    print(f"nodes {result.nodes}; gold entities {result.gold}")
    print(f"recall {result.recall:.2f} (gold entities that are one node of the right type)")
    print(f"precision {result.precision:.2f} (nodes that are gold entities)")
    for title, items in (
        ("one node, labelled by another of its names", result.renamed),
        ("wrong type", result.wrong_type),
        ("split into several nodes", result.split),
        ("missing", result.missing),
        ("junk nodes", result.junk),
        ("listed as not entities, yet nodes", result.forbidden),
    ):
        print(f"{title} ({len(items)}): " + "; ".join(items))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
