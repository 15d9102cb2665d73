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
    """A typed relation as a reader says it: 'Vladimir Putin met Sadyr Japarov', marked when the sentence
    denies it ('(negated)') or only reports or expects it ('(hedged)')."""
    text = f"{labels[relation.source]} {relation.name} {labels[relation.target]}"
    if relation.negated:
        text += " (negated)"
    return f"{text} (hedged)" if relation.hedged else text


def shown_name(relation: Relation) -> str:
    """The name as an edge label shows it: 'not met' when the sentence denies it."""
    return f"not {relation.name}" if relation.negated else relation.name


def strength(relation: Relation) -> int:
    """How much a relation says, strongest first: asserted, hedged, negated typed statements, then co-mention."""
    if relation.name == CO_MENTIONED:
        return 3
    return 2 if relation.negated else 1 if relation.hedged else 0


def sentence_key(relation: Relation) -> str:
    """Sentences are the same when their words are: a wire copy or a repeated lead counts once."""
    return " ".join(relation.evidence.sentence.split()).casefold()


def crowds(relations: list[Relation]) -> dict[tuple[str, int], int]:
    """(document, sentence start) -> how many entities that sentence co-mentions."""
    members: dict[tuple[str, int], set[str]] = defaultdict(set)
    for relation in relations:
        if relation.name == CO_MENTIONED:
            members[(relation.evidence.document, relation.evidence.start)].update((relation.source, relation.target))
    return {key: len(entities) for key, entities in members.items()}


def edge_weight(items: list[Relation], duplicates: set[str], crowd: dict[tuple[str, int], int]) -> float:
    """Sum over the distinct sentences relating the two: 1 for a typed statement, 1/(n-1) for a co-mention in
    a sentence naming n entities, so a sentence gives each of its entities one unit of weight in all and a
    long list of names does not outweigh one sentence about two. Near-duplicate documents count only when
    nothing else relates the two."""
    kept = [r for r in items if r.evidence.document not in duplicates] or items
    value: dict[str, float] = {}
    for relation in kept:
        if relation.name == CO_MENTIONED:
            n = crowd.get((relation.evidence.document, relation.evidence.start), 2)
            share = 1.0 / max(n - 1, 1)
        else:
            share = 1.0
        key = sentence_key(relation)
        value[key] = max(value.get(key, 0.0), share)
    return round(sum(value.values()), 4)


def best_evidence(ranked: list[Relation]) -> list[str]:
    """The first MAX_EVIDENCE distinct sentences of `ranked`, each as '[document] sentence'."""
    kept: dict[str, str] = {}
    for relation in ranked:
        key = sentence_key(relation)
        if key not in kept:
            kept[key] = f"[{relation.evidence.document}] {relation.evidence.sentence}"
            if len(kept) == MAX_EVIDENCE:
                break
    return list(kept.values())


def build_graph(
    documents: list[Document],
    resolution: Resolution,
    relations: list[Relation],
    *,
    name: str = "",
) -> nx.Graph:
    """An undirected graph; typed relations keep their direction in the edge's `statements` and `subject`."""
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
    crowd = crowds(relations)

    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    for (u, v), items in sorted(grouped.items()):
        sentences = {(r.evidence.document, r.evidence.start) for r in items}
        typed = sorted((r for r in items if r.name != CO_MENTIONED), key=strength)
        names = Counter(shown_name(r) for r in typed)
        rank = {shown_name(r): strength(r) for r in reversed(typed)}
        label = sorted(names, key=lambda n: (rank[n], -names[n], n))
        label += [CO_MENTIONED] if len(typed) < len(items) else []
        statements = Counter(statement(r, labels) for r in typed)
        # typed statements make the best evidence, asserted ones first, then short sentences over long ones
        ranked = sorted(items, key=lambda r: (strength(r), len(r.evidence.sentence)))
        evidence = best_evidence(ranked)
        seen = sorted(dates[d] for d, _ in sentences if dates.get(d))
        strongest = next((r for r in typed if shown_name(r) == label[0]), None)
        graph.add_edge(
            u,
            v,
            **coerce_edge(
                {
                    "weight": edge_weight(items, duplicates, crowd),
                    "label": " | ".join(label),
                    "relation": label[0],
                    "subject": strongest.source if strongest else "",
                    "statements": " | ".join(sorted(statements, key=lambda s: -statements[s])),
                    "evidence": "\n".join(evidence),
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
