"""The graph: canonical entities as nodes, aggregated relations as weighted edges with their evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

import networkx as nx

from graphkit.collector import collector_paused
from graphkit.graph.columns import ColumnGraph, Deferred
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics
from graphkit.model import Document, Relation, Resolution
from graphkit.periods import statement_date
from graphkit.relation_types import relation_classes
from graphkit.schema import (
    CO_MENTION_COLOR,
    CO_MENTIONED,
    coerce_node,
    evidence_line,
    hex_to_rgb,
    join_evidence,
    join_list,
    mark_statement,
)

MAX_EVIDENCE = 3  # sentences kept on an edge in the graph files; all of them go to evidence.csv


def statement(relation: Relation, labels: dict[str, str]) -> str:
    """A typed relation as a reader says it: 'Vladimir Putin met Sadyr Japarov', marked when the sentence
    denies it ('(negated)') or only reports or expects it ('(hedged)')."""
    return mark_statement(
        f"{labels[relation.source]} {relation.name} {labels[relation.target]}",
        negated=relation.negated,
        hedged=relation.hedged,
        according_to=labels.get(relation.according_to, relation.according_to) if relation.according_to else "",
    )


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


@dataclass
class Corpus:
    """What an edge's attributes depend on besides its own relations."""

    labels: dict[str, str]  # entity id -> label
    dates: dict[str, str]  # document id -> date
    duplicates: set[str]  # near-duplicate documents
    crowd: dict[tuple[str, int], int]  # see crowds()

    def share(self, relation: Relation) -> float:
        """The weight a relation's sentence gives the pair: 1 for a typed statement, 1/(n-1) for a co-mention
        among n entities."""
        if relation.name != CO_MENTIONED:
            return 1.0
        n = self.crowd.get((relation.evidence.document, relation.evidence.start), 2)
        return 1.0 / max(n - 1, 1)

    def date(self, relation: Relation) -> str:
        """When the relation was stated (graphkit.periods.statement_date): its sentence's date, else its
        document's."""
        return statement_date(relation, self.dates)

    def said(self, relation: Relation) -> Said:
        # the key worked out again for each edge of a sentence: microseconds, where keeping every sentence's
        # key took a copy of every sentence's text
        return Said(
            relation, strength(relation), sentence_key(relation), self.share(relation), len(relation.evidence.sentence)
        )


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


def best_evidence(ranked: list[Said]) -> list[Relation]:
    """The relations of the first MAX_EVIDENCE distinct sentences of `ranked`."""
    kept: dict[str, Relation] = {}
    for item in ranked:
        if item.key not in kept:
            kept[item.key] = item.relation
            if len(kept) == MAX_EVIDENCE:
                break
    return list(kept.values())


def evidence_text(*relations: Relation) -> str:
    """The edge's `evidence` value: the sentence of each relation as a line '[document] sentence'."""
    return join_evidence(evidence_line(r.evidence.document, r.evidence.sentence) for r in relations)


def class_attributes(typed: list[Relation]) -> dict[str, object]:
    """The edge's class, stance and colour: the strongest class (relation_classes.tsv order) among its asserted
    statements, else its hedged ones, else its denied ones; the stance most of that class's statements take.
    `typed` is sorted by strength. An edge of co-mentions only is grey."""
    if not typed:
        return CO_MENTION_CLASS
    tier = strength(typed[0])
    ranks = relation_classes()
    best = min(
        (r.relation_class for r in typed if strength(r) == tier and r.relation_class in ranks),
        key=lambda c: ranks[c].rank,
        default="",
    )
    if not best:
        return CO_MENTION_CLASS
    stances = Counter(r.stance for r in typed if strength(r) == tier and r.relation_class == best)
    colour = ranks[best].colour
    red, green, blue = hex_to_rgb(colour)
    return {
        "relation_class": best,
        "stance": stances.most_common(1)[0][0],
        "color": colour,
        "r": red,
        "g": green,
        "b": blue,
    }


_GREY = hex_to_rgb(CO_MENTION_COLOR)
CO_MENTION_CLASS: dict[str, object] = {
    "relation_class": CO_MENTIONED,
    "stance": "",
    "color": CO_MENTION_COLOR,
    "r": _GREY[0],
    "g": _GREY[1],
    "b": _GREY[2],
}


def edge_attributes(relations: list[Relation], corpus: Corpus) -> dict[str, object]:
    """The schema's edge attributes for the relations between one pair of entities, in its order and of its
    types already (tests/test_graph.py holds them to it): coerce_edge on every edge cost an eighth of the loop.
    `evidence` is `Deferred`: a ColumnGraph works its text out when read (`plain` works it out now)."""
    if len(relations) == 1:
        return lone_edge_attributes(relations[0], corpus)
    names, subject, statements, classes, kind = typed_attributes(relations, corpus.labels)
    items = [corpus.said(r) for r in relations]
    places = {(r.evidence.document, r.evidence.start) for r in relations}
    # typed statements make the best evidence, asserted ones first, then short sentences over long ones
    best = best_evidence(sorted(items, key=lambda s: (s.strength, s.length)))
    dates = sorted(date for date in map(corpus.date, relations) if date)
    return {
        "weight": edge_weight(items, corpus.duplicates),
        "label": join_list(names),
        "relation": names[0],
        "subject": subject,
        "statements": statements,
        "classes": classes,
        **kind,
        "evidence": Deferred(evidence_text, *best),  # the text when read: the relations hold its sentences
        "documents": len({d for d, _ in places}),
        "sentences": len(places),
        "first_seen": dates[0] if dates else "",
        "last_seen": dates[-1] if dates else "",
        "dates": join_list(dates),
    }


def lone_edge_attributes(relation: Relation, corpus: Corpus) -> dict[str, object]:
    """edge_attributes for a pair that one sentence relates, as most pairs are: nothing to rank, count or
    compare."""
    if relation.name == CO_MENTIONED:
        name, subject, said, classes, kind = CO_MENTIONED, "", "", "", CO_MENTION_CLASS
    else:
        name, subject, said = shown_name(relation), relation.source, statement(relation, corpus.labels)
        classes, kind = relation.relation_class, class_attributes([relation])
    date = corpus.date(relation)
    return {
        "weight": round(corpus.share(relation), 4),
        "label": name,
        "relation": name,
        "subject": subject,
        "statements": said,
        "classes": classes,
        **kind,
        "evidence": Deferred(evidence_text, relation),
        "documents": 1,
        "sentences": 1,
        "first_seen": date,
        "last_seen": date,
        "dates": date,
    }


def typed_attributes(
    relations: list[Relation], labels: dict[str, str]
) -> tuple[list[str], str, str, str, dict[str, object]]:
    """The edge's relation names, subject, statements, their classes and the edge's class attributes: typed
    names first (asserted, hedged, then denied; the most stated first), then 'co-mentioned' when some sentence
    only names the two."""
    typed = [r for r in relations if r.name != CO_MENTIONED]
    if not typed:  # most edges: a co-mention and nothing more
        return [CO_MENTIONED], "", "", "", CO_MENTION_CLASS
    typed.sort(key=strength)
    shown = [shown_name(r) for r in typed]
    names = Counter(shown)
    rank: dict[str, int] = {}
    for name, relation in zip(shown, typed, strict=True):
        rank.setdefault(name, strength(relation))  # typed is sorted: the first is the strongest
    label = sorted(names, key=lambda n: (rank[n], -names[n], n))
    label += [CO_MENTIONED] if len(typed) < len(relations) else []
    strongest = next(r for name, r in zip(shown, typed, strict=True) if name == label[0])
    statements = Counter(statement(r, labels) for r in typed)
    class_of = {statement(r, labels): r.relation_class for r in typed}
    ordered = sorted(statements, key=lambda s: -statements[s])
    classes = join_list(class_of[s] or "-" for s in ordered)
    return label, strongest.source, join_list(ordered), classes, class_attributes(typed)


def build_graph(
    documents: list[Document],
    resolution: Resolution,
    relations: list[Relation],
    *,
    name: str = "",
) -> nx.Graph:
    """An undirected graph; typed relations keep their direction in the edge's `statements` and `subject`."""
    # attributes in columns: a dict per edge, and its evidence text, took most of the memory after parsing
    graph = ColumnGraph(name=name, built=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    graph.graph["documents"] = len(documents)
    with collector_paused():
        add_entities(graph, resolution)
        add_relations(graph, documents, relations)
        graph.edge_columns.compact()  # before the metrics and layout, whose work would come on top of it
        widen_seen(graph)
        add_metrics(graph)
        add_layout(graph)
    graph.compact()
    return graph


def add_entities(graph: nx.Graph, resolution: Resolution) -> None:
    """A node per canonical entity, in id order."""
    graph.add_nodes_from(
        (
            entity.id,
            coerce_node(
                {
                    "label": entity.label,
                    "type": entity.type,
                    "aliases": join_list(sorted(entity.aliases, key=lambda a: (-entity.aliases[a], a))),
                    "mentions": entity.mentions,
                    "documents": len(entity.documents),
                    "country": entity.country,
                    "first_seen": entity.first_seen,
                    "last_seen": entity.last_seen,
                }
            ),
        )
        for entity in sorted(resolution.entities.values(), key=lambda e: e.id)
    )


def add_relations(graph: nx.Graph, documents: list[Document], relations: list[Relation]) -> None:
    """An edge per related pair of entities, in pair order, aggregating every relation between the two."""
    corpus = Corpus(
        labels={node: data["label"] for node, data in graph.nodes(data=True)},
        dates={d.id: str(d.date or "") for d in documents},
        duplicates={d.id for d in documents if d.duplicate_of},
        crowd=crowds(relations),
    )
    # one edge's attributes at a time: the graph copies each into a dict of its own as it adds the edge
    graph.add_edges_from(each_relation_edge(relations, corpus, deferred=True))


def relation_edges(relations: list[Relation], corpus: Corpus) -> list[tuple[str, str, dict[str, object]]]:
    """The edges of `relations`, in pair order, with their attributes: what add_relations adds, and what a
    time range of a saved graph (graphkit.query.timeline) rebuilds from evidence.csv."""
    return list(each_relation_edge(relations, corpus))


def plain(data: dict[str, object]) -> dict[str, object]:
    """Edge attributes with their `Deferred` values worked out: what a graph of plain dicts takes."""
    return {name: value.value() if type(value) is Deferred else value for name, value in data.items()}


def each_relation_edge(
    relations: list[Relation], corpus: Corpus, *, deferred: bool = False
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """`relation_edges` one edge at a time; with `deferred`, each evidence is `Deferred` (for a ColumnGraph)."""
    # a pair's relation, or its list when it has several: most pairs have one, and a list each took more
    grouped: dict[tuple[str, str], Relation | list[Relation]] = {}
    for relation in relations:
        source, target = relation.source, relation.target
        pair = (source, target) if source <= target else (target, source)
        found = grouped.get(pair)
        if found is None:
            grouped[pair] = relation
        elif type(found) is list:
            found.append(relation)
        else:
            grouped[pair] = [found, relation]  # type: ignore[list-item]
    for pair in sorted(grouped):
        group = grouped.pop(pair)
        attributes = edge_attributes(group if type(group) is list else [group], corpus)  # type: ignore[list-item]
        yield (*pair, attributes if deferred else plain(attributes))


def widen_seen(graph: nx.Graph) -> None:
    """An entity's first and last seen cover the dates of its statements too: a sentence may date a statement
    before the article that reports it (so Gephi never shows a relation while one of its ends is hidden)."""
    for u, v, data in graph.edges(data=True):
        first, last = data.get("first_seen") or "", data.get("last_seen") or ""
        if not first:
            continue
        for node in (u, v):
            attrs = graph.nodes[node]
            if not attrs.get("first_seen") or first < attrs["first_seen"]:
                attrs["first_seen"] = first
            if not attrs.get("last_seen") or last > attrs["last_seen"]:
                attrs["last_seen"] = last
