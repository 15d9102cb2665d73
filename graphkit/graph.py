"""The graph: canonical entities as nodes, aggregated relations as weighted edges with their evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone

import networkx as nx

from graphkit.layout import add_layout
from graphkit.metrics import add_metrics
from graphkit.model import Document, Relation
from graphkit.resolve import Resolution
from graphkit.schema import CO_MENTIONED, coerce_edge, coerce_node

MAX_EVIDENCE = 3  # sentences kept on an edge in the graph files; all of them go to evidence.csv


def statement(relation: Relation, labels: dict[str, str]) -> str:
    """A typed relation as a reader says it: 'Vladimir Putin met Sadyr Japarov', with negation and hedging."""
    name = relation.name
    if relation.negated:
        name = f"not {name}"
    text = f"{labels[relation.source]} {name} {labels[relation.target]}"
    return f"{text} (reported)" if relation.hedged else text


def build_graph(
    documents: list[Document],
    resolution: Resolution,
    relations: list[Relation],
    *,
    name: str = "",
) -> nx.Graph:
    """An undirected graph; typed relations keep their direction in the edge's `statements`."""
    graph = nx.Graph(name=name, built=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    graph.graph["documents"] = len(documents)
    dates = {d.id: d.date for d in documents}
    duplicates = {d.id for d in documents if d.duplicate_of}

    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        aliases = sorted(entity.aliases, key=lambda a: (-entity.aliases[a], a))
        graph.add_node(
            entity.id,
            **coerce_node(
                {
                    "label": entity.label,
                    "type": entity.type,
                    "aliases": " | ".join(aliases),
                    "mentions": entity.mentions,
                    "documents": len(entity.documents),
                    "country": entity.country,
                    "first_seen": entity.first_seen,
                    "last_seen": entity.last_seen,
                }
            ),
        )

    grouped: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        key = tuple(sorted((relation.source, relation.target)))
        grouped[key].append(relation)  # type: ignore[index]

    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    for (u, v), items in sorted(grouped.items()):
        sentences = {(r.evidence.document, r.evidence.start) for r in items}
        counted = {s for s in sentences if s[0] not in duplicates}
        typed = [r for r in items if r.name != CO_MENTIONED]
        names = Counter(r.name for r in typed)
        label = [n for n, _ in names.most_common()] + ([CO_MENTIONED] if len(typed) < len(items) else [])
        statements = list(dict.fromkeys(statement(r, labels) for r in typed))
        # typed statements make the best evidence, then short sentences over long ones
        ranked = sorted(items, key=lambda r: (r.name == CO_MENTIONED, len(r.evidence.sentence)))
        evidence = list(dict.fromkeys(f"[{r.evidence.document}] {r.evidence.sentence}" for r in ranked))
        seen = sorted(dates[d] for d, _ in sentences if dates.get(d))
        graph.add_edge(
            u,
            v,
            **coerce_edge(
                {
                    "weight": float(len(counted) or len(sentences)),
                    "label": " | ".join(label),
                    "relation": label[0],
                    "statements": " | ".join(statements),
                    "evidence": "\n".join(evidence[:MAX_EVIDENCE]),
                    "documents": len({d for d, _ in sentences}),
                    "sentences": len(sentences),
                    "first_seen": seen[0] if seen else "",
                    "last_seen": seen[-1] if seen else "",
                }
            ),
        )
    add_metrics(graph)
    add_layout(graph)
    return graph
