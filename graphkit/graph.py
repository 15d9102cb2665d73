"""The graph: canonical entities as nodes, aggregated relations as weighted edges with their evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
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


@dataclass(slots=True)
class Said:
    """One relation with what its edge needs from it, worked out once rather than in every sort of its edge."""

    relation: Relation
    strength: int
    key: str  # sentence_key
    share: float  # the weight its sentence gives the pair
    length: int  # of the sentence: short evidence reads better


def said(relations: list[Relation], crowd: dict[tuple[str, int], int]) -> list[Said]:
    """A Said per relation; a sentence's key is worked out once however many pairs it relates."""
    keys: dict[str, str] = {}
    result = []
    for relation in relations:
        sentence = relation.evidence.sentence
        key = keys.get(sentence)
        if key is None:
            key = keys[sentence] = sentence_key(relation)
        if relation.name == CO_MENTIONED:
            n = crowd.get((relation.evidence.document, relation.evidence.start), 2)
            share = 1.0 / max(n - 1, 1)
        else:
            share = 1.0
        result.append(Said(relation, strength(relation), key, share, len(sentence)))
    return result


def edge_weight(items: list[Said], duplicates: set[str]) -> float:
    """Sum over the distinct sentences relating the two: 1 for a typed statement, 1/(n-1) for a co-mention in
    a sentence naming n entities, so a sentence gives each of its entities one unit of weight in all and a
    long list of names does not outweigh one sentence about two. Near-duplicate documents count only when
    nothing else relates the two."""
    kept = [s for s in items if s.relation.evidence.document not in duplicates] or items
    value: dict[str, float] = {}
    for item in kept:
        value[item.key] = max(value.get(item.key, 0.0), item.share)
    return round(sum(value.values()), 4)


def best_evidence(ranked: list[Said]) -> list[str]:
    """The first MAX_EVIDENCE distinct sentences of `ranked`, each as '[document] sentence'."""
    kept: dict[str, str] = {}
    for item in ranked:
        if item.key not in kept:
            kept[item.key] = f"[{item.relation.evidence.document}] {item.relation.evidence.sentence}"
            if len(kept) == MAX_EVIDENCE:
                break
    return list(kept.values())


def edge_attributes(
    items: list[Said], labels: dict[str, str], dates: dict[str, str], duplicates: set[str]
) -> dict[str, object]:
    """The schema's edge attributes for the relations between one pair of entities."""
    names, subject, statements = typed_attributes(items, labels)
    if len(items) == 1:  # most pairs: one sentence names the two, nothing to rank or count
        evidence = items[0].relation.evidence
        weight, lines, documents, sentences = (
            round(items[0].share, 4),
            [f"[{evidence.document}] {evidence.sentence}"],
            1,
            1,
        )
        seen = [dates[evidence.document]] if dates.get(evidence.document) else []
    else:
        places = {(s.relation.evidence.document, s.relation.evidence.start) for s in items}
        # typed statements make the best evidence, asserted ones first, then short sentences over long ones
        lines = best_evidence(sorted(items, key=lambda s: (s.strength, s.length)))
        weight, documents, sentences = edge_weight(items, duplicates), len({d for d, _ in places}), len(places)
        seen = [dates[d] for d, _ in places if dates.get(d)]
    return {
        "weight": weight,
        "label": " | ".join(names),
        "relation": names[0],
        "subject": subject,
        "statements": statements,
        "evidence": "\n".join(lines),
        "documents": documents,
        "sentences": sentences,
        "first_seen": min(seen) if seen else "",
        "last_seen": max(seen) if seen else "",
    }


def typed_attributes(items: list[Said], labels: dict[str, str]) -> tuple[list[str], str, str]:
    """The edge's relation names, subject and statements: typed names first (asserted, hedged, then denied; the most
    stated first), then 'co-mentioned' when some sentence only names the two."""
    typed = sorted((s for s in items if s.relation.name != CO_MENTIONED), key=lambda s: s.strength)
    if not typed:  # most edges: a co-mention and nothing more
        return [CO_MENTIONED], "", ""
    shown = [shown_name(s.relation) for s in typed]
    names = Counter(shown)
    rank: dict[str, int] = {}
    for name, item in zip(shown, typed, strict=True):
        rank.setdefault(name, item.strength)  # typed is sorted: the first is the strongest
    label = sorted(names, key=lambda n: (rank[n], -names[n], n))
    label += [CO_MENTIONED] if len(typed) < len(items) else []
    strongest = next(s.relation for name, s in zip(shown, typed, strict=True) if name == label[0])
    statements = Counter(statement(s.relation, labels) for s in typed)
    return label, strongest.source, " | ".join(sorted(statements, key=lambda s: -statements[s]))


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

    grouped: dict[tuple[str, str], list[Said]] = defaultdict(list)
    for item in said(relations, crowds(relations)):
        source, target = item.relation.source, item.relation.target
        grouped[(source, target) if source <= target else (target, source)].append(item)

    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    graph.add_edges_from(
        (u, v, coerce_edge(edge_attributes(items, labels, dates, duplicates)))
        for (u, v), items in sorted(grouped.items())
    )
    add_metrics(graph)
    add_layout(graph)
    return graph
