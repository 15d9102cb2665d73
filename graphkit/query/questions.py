"""Questions to a saved graph: who is central, what is known about X, who links X to Y.

Plain functions over the networkx graph that `graphkit build` saves as graph.json; the query commands
of the CLI are thin layers over them, and a notebook can call them with the same names:

>>> from graphkit.export.graphfile import read_graph
>>> graph = read_graph("output/graph.json")          # doctest: +SKIP
>>> [e.label for e in top(graph, by="degree", n=3)]  # doctest: +SKIP

Names are resolved by graphkit.query.filters.resolve_node (shared with `graphkit export --focus`): any alias, any
case; it raises UnknownName (with suggestions) or AmbiguousName (with candidates).
"""

from __future__ import annotations

import csv
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from heapq import heappop, heappush
from itertools import count, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.export.graphstore import StoredGraph
from graphkit.export.tables import cell_text
from graphkit.query.filters import FilterError, aliases_of, resolve_node
from graphkit.relation_types import relation_classes
from graphkit.schema import CO_MENTIONED, split_evidence, split_list

if TYPE_CHECKING:
    import networkx as nx

    from graphkit.query.timeline import MonthCount

RANKINGS = ("pagerank", "degree", "betweenness", "mentions")
PATH_PREFERENCES = ("hops", "strength")


class QueryError(Exception):
    """A question the graph cannot answer; the message is meant for the user, on one line."""


class NoPath(QueryError):
    """The two entities are in different components of the graph."""


# everything a question can fail with, each with a one-line message for the user
QUESTION_ERRORS = (QueryError, FilterError)


# --- files beside the graph ---------------------------------------------------------------------


def read_documents_table(folder: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Rows of documents.csv next to the graph, by document id; empty when the file is absent or unreadable."""
    try:
        with open(Path(folder) / "documents.csv", encoding="utf-8", newline="") as handle:
            rows = (
                {name: cell_text(value) if isinstance(value, str) else value for name, value in row.items()}
                for row in csv.DictReader(handle)
            )
            return {row["document"]: row for row in rows if row.get("document")}
    except (OSError, ValueError, KeyError, csv.Error):
        return {}


def read_evidence_table(folder: str | os.PathLike[str]) -> list[dict[str, str]] | None:
    """The typed statements of evidence.csv next to the graph (co-mentions left out); None without that file."""
    try:
        with open(Path(folder) / "evidence.csv", encoding="utf-8", newline="") as handle:
            rows = (
                {name: cell_text(value) if isinstance(value, str) else value for name, value in row.items()}
                for row in csv.DictReader(handle)
            )
            return [row for row in rows if row.get("relation") and row["relation"] != CO_MENTIONED]
    except (OSError, ValueError, KeyError, csv.Error):
        return None


def read_entity_mentions(folder: str | os.PathLike[str], node: str) -> Counter[str] | None:
    """Mentions of one entity per document, from mentions.csv next to the graph; None without that file."""
    try:
        with open(Path(folder) / "mentions.csv", encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            return Counter(cell_text(row["document"]) for row in rows if cell_text(row.get("entity") or "") == node)
    except (OSError, ValueError, KeyError, csv.Error):
        return None


def documents_table(graph: nx.Graph | StoredGraph, folder: str | os.PathLike[str]) -> Mapping[str, dict[str, str]]:
    """documents.csv by document id: from the store when the graph comes from one, else read_documents_table."""
    return graph.documents if isinstance(graph, StoredGraph) else read_documents_table(folder)


def entity_mentions(graph: nx.Graph | StoredGraph, folder: str | os.PathLike[str], node: str) -> Counter[str] | None:
    """Mentions of one entity per document: from the store when the graph comes from one (it holds
    mentions.csv's counts), else read_entity_mentions."""
    return graph.entity_mentions(node) if isinstance(graph, StoredGraph) else read_entity_mentions(folder, node)


# --- what the answers look like --------------------------------------------------------------------


@dataclass
class EntitySummary:
    id: str
    label: str
    type: str
    mentions: int
    documents: int
    degree: float
    pagerank: float
    betweenness: float
    community: int


@dataclass
class Evidence:
    document: str
    sentence: str


@dataclass
class Link:
    """One edge seen from one of its ends: the other entity, how they relate, and a sentence that says so."""

    id: str
    label: str
    type: str
    relation: str
    relations: list[str]
    statements: list[str]
    weight: float
    documents: int
    evidence: Evidence | None


@dataclass
class Statement:
    """One typed statement of the articles, as evidence.csv holds it, with the entities' names."""

    source: str  # entity label
    relation: str
    target: str
    relation_class: str
    stance: str
    negated: bool
    hedged: bool
    according_to: str  # the speaker's label, "" for the article's own voice
    via: str
    document: str
    sentence: str


@dataclass
class DocumentRef:
    id: str
    title: str
    date: str
    mentions: int | None  # None when only known from edge evidence (no mentions.csv)


@dataclass
class EntityCard:
    id: str
    label: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int
    country: str
    first_seen: str
    last_seen: str
    degree: float
    pagerank: float
    betweenness: float
    community: int
    rank: int  # by PageRank, 1 = most central
    neighbors: int
    relations: list[Link]
    seen_in: list[DocumentRef]


@dataclass
class Neighbor:
    id: str
    label: str
    type: str
    hops: int
    via: str | None  # the entity before it on the strongest route, None when linked directly
    relation: str
    weight: float
    evidence: Evidence | None


@dataclass
class Neighborhood:
    """The neighbours of an entity, maybe only the first ones, and how many there are in all."""

    entity: str
    hops: int
    total: int
    neighbors: list[Neighbor]


@dataclass
class Hop:
    source: str
    target: str
    relation: str
    statement: str
    weight: float
    evidence: Evidence | None


@dataclass
class Route:
    source: str
    target: str
    prefer: str
    hops: list[Hop]


@dataclass
class Community:
    id: int
    name: str
    size: int
    types: dict[str, int]
    members: list[EntitySummary]


@dataclass
class DocumentCount:
    id: str
    title: str
    count: int


@dataclass
class GraphStats:
    name: str
    built: str
    documents: int
    entities: int
    relations: int
    typed_relations: int
    by_type: dict[str, int]
    density: float
    components: int
    largest_component: int
    isolated: int
    communities: int
    top_documents_by: str  # "mentions" (from documents.csv) or "evidence" (sentences on edges)
    top_documents: list[DocumentCount] = field(default_factory=list)
    by_month: list[MonthCount] = field(default_factory=list)  # documents and statements per month, when dated


# --- answers ---------------------------------------------------------------------------------------


def summary(graph: nx.Graph | StoredGraph, node: str) -> EntitySummary:
    d = graph.nodes[node]
    return EntitySummary(
        id=str(node),
        label=d.get("label") or str(node),
        type=d.get("type", ""),
        mentions=int(d.get("mentions", 0)),
        documents=int(d.get("documents", 0)),
        degree=float(d.get("degree", 0.0)),
        pagerank=float(d.get("pagerank", 0.0)),
        betweenness=float(d.get("betweenness", 0.0)),
        community=int(d.get("community", 0)),
    )


def top(
    graph: nx.Graph | StoredGraph, by: str = "pagerank", type: str | None = None, n: int | None = 20
) -> list[EntitySummary]:
    """The `n` entities ranked highest by `by` (one of RANKINGS), optionally of one type; ties by PageRank."""
    if by not in RANKINGS:
        raise QueryError(f"cannot rank by {by!r}; use one of {', '.join(RANKINGS)}")
    ranked = graph.ranked(by, type, n) if isinstance(graph, StoredGraph) else None
    if ranked is not None:  # the store sorts its rows itself, and only the first are read
        return [summary(graph, node) for node in ranked]
    rows = [summary(graph, node) for node, d in graph.nodes(data=True) if type is None or d.get("type") == type]
    rows.sort(key=lambda e: (-getattr(e, by), -e.pagerank, e.label))
    return rows if n is None else rows[:n]


def evidence_of(edge: dict) -> list[Evidence]:
    """The edge's evidence lines ("[document] sentence") as (document, sentence) pairs, best first."""
    return [Evidence(document, sentence) for document, sentence in split_evidence(edge.get("evidence"))]


def link(graph: nx.Graph, node: str, other: str) -> Link:
    edge = graph.edges[node, other]
    evidence = evidence_of(edge)
    d = graph.nodes[other]
    return Link(
        id=str(other),
        label=d.get("label") or str(other),
        type=d.get("type", ""),
        relation=edge.get("relation") or CO_MENTIONED,
        relations=split_list(edge.get("label")),
        statements=split_list(edge.get("statements")),
        weight=float(edge.get("weight", 1.0)),
        documents=int(edge.get("documents", 0)),
        evidence=evidence[0] if evidence else None,
    )


def _strongest_links(graph: nx.Graph, node: str) -> list[Link]:
    links = [link(graph, node, other) for other in graph.neighbors(node) if other != node]
    # typed relations first (they say how the two relate), heavier edges first within each
    links.sort(key=lambda x: (x.relation == CO_MENTIONED, -x.weight, -graph.nodes[x.id].get("pagerank", 0.0), x.id))
    return links


def card(
    graph: nx.Graph,
    name: str,
    *,
    relations: int | None = 10,
    mentions: Counter[str] | None = None,
    documents: Mapping[str, dict[str, str]] | None = None,
) -> EntityCard:
    """What the graph knows about one entity: names, counts, dates, and its strongest relations with a sentence.

    `mentions` (mentions per document, see read_entity_mentions) lists the documents that mention it;
    without it the documents are those quoted in its edges' evidence. `documents` (read_documents_table)
    adds titles and dates.
    """
    node = resolve_node(graph, name)
    entity = summary(graph, node)
    d = graph.nodes[node]
    links = _strongest_links(graph, node)
    if isinstance(graph, StoredGraph):  # counted on the store's index instead of sorting every node
        rank = graph.pagerank_rank(node)
    else:
        rank = next(i for i, e in enumerate(top(graph, by="pagerank", n=None), 1) if e.id == str(node))
    documents = documents or {}
    if mentions is not None:
        counts: dict[str, int | None] = dict(mentions.most_common())
    else:
        counts = {e.document: None for x in links for e in evidence_of(graph.edges[node, x.id]) if e.document}
    seen_in = [
        DocumentRef(doc, documents.get(doc, {}).get("title", ""), documents.get(doc, {}).get("date", ""), count)
        for doc, count in counts.items()
    ]
    return EntityCard(
        id=entity.id,
        label=entity.label,
        type=entity.type,
        aliases=aliases_of(d),
        mentions=entity.mentions,
        documents=entity.documents,
        country=d.get("country", ""),
        first_seen=d.get("first_seen", ""),
        last_seen=d.get("last_seen", ""),
        degree=entity.degree,
        pagerank=entity.pagerank,
        betweenness=entity.betweenness,
        community=entity.community,
        rank=rank,
        neighbors=len(links),
        relations=links if relations is None else links[:relations],
        seen_in=seen_in,
    )


def statements(
    graph: nx.Graph,
    evidence: list[dict[str, str]],
    name: str | None = None,
    relation_class: str | None = None,
) -> list[Statement]:
    """The typed statements of `evidence` (read_evidence_table), those about `name` (as source or target) and
    of `relation_class` when given; strongest class first, then by names and document."""
    node = str(resolve_node(graph, name)) if name is not None else None
    ranks = {kind: i for i, kind in enumerate(relation_classes())}
    found = []
    for row in evidence:
        source, target = row.get("source", ""), row.get("target", "")
        if node is not None and node not in (source, target):
            continue
        if relation_class is not None and row.get("relation_class") != relation_class:
            continue
        found.append(
            Statement(
                source=_label(graph, source),
                relation=row.get("relation", ""),
                target=_label(graph, target),
                relation_class=row.get("relation_class", ""),
                stance=row.get("stance", ""),
                negated=_true(row.get("negated")),
                hedged=_true(row.get("hedged")),
                according_to=_label(graph, row.get("according_to", "")),
                via=row.get("via", ""),
                document=row.get("document", ""),
                sentence=row.get("sentence", ""),
            )
        )
    found.sort(key=lambda s: (ranks.get(s.relation_class, len(ranks)), s.source, s.relation, s.target, s.document))
    return found


def _true(cell: str | None) -> bool:
    """A CSV boolean as graphkit writes it ('true'/'false'), or as a spreadsheet may save it ('TRUE')."""
    return (cell or "").strip().lower() in ("true", "1")


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node) if node in graph else node


def neighbors(graph: nx.Graph, name: str, hops: int = 1) -> list[Neighbor]:
    """Entities within `hops` edges of `name`, nearest first, then by the strength of the last edge.

    Beyond one hop, `via` is the entity on the previous ring joined to it by the heaviest edge.
    """
    return neighborhood(graph, name, hops).neighbors


def neighborhood(graph: nx.Graph, name: str, hops: int = 1, limit: int | None = None) -> Neighborhood:
    """neighbors(graph, name, hops), the first `limit` of them only (all when None), and how many in all.

    The order is settled by the edges' weights and the entities' PageRank alone, so only the entities listed
    have their edge and attributes read: a country linked to thousands lists its first twenty at once.
    """
    if hops < 1:
        raise QueryError("--hops must be 1 or more")
    center = resolve_node(graph, name)
    distance, adjacent = _rings(graph, center, hops)
    strongest: dict[Any, tuple[float, Any]] = {}  # node -> (weight, via) of its heaviest edge to the ring before
    for via, others in adjacent.items():
        ring = distance[via] + 1
        for node, weight, _ in others:
            if distance.get(node) == ring and (weight, str(via)) > _key(strongest.get(node)):
                strongest[node] = (weight, via)
    pagerank = _pageranks(graph, strongest)
    order = sorted(strongest, key=lambda n: (distance[n], -strongest[n][0], -pagerank[n], str(n)))
    found = []
    for node in order if limit is None else order[:limit]:
        via = strongest[node][1]
        edge = link(graph, via, node)
        found.append(
            Neighbor(
                id=str(node),
                label=edge.label,
                type=edge.type,
                hops=distance[node],
                via=None if via == center else str(via),
                relation=edge.relation,
                weight=edge.weight,
                evidence=edge.evidence,
            )
        )
    return Neighborhood(entity=str(center), hops=hops, total=len(order), neighbors=found)


def _key(strongest: tuple[float, Any] | None) -> tuple[float, str]:
    """The (weight, via name) to beat: a heavier edge wins, then the later name, as max() of both would."""
    return (-math.inf, "") if strongest is None else (strongest[0], str(strongest[1]))


def _rings(graph: nx.Graph | StoredGraph, center: Any, cutoff: int) -> tuple[dict[Any, int], dict[Any, list]]:
    """Hops from `center` to each node within `cutoff` of it, and the neighbours of the nodes nearer than
    `cutoff` (those walked): breadth first, each ring's neighbours read in one go."""
    distance = {center: 0}
    adjacent: dict[Any, list[tuple[Any, float, bool]]] = {}
    ring = [center]
    for hops in range(1, cutoff + 1):
        found = _weighted_neighbors_of(graph, ring)
        adjacent.update(found)
        ring = list(dict.fromkeys(other for node in ring for other, _, _ in found[node] if other not in distance))
        distance.update(dict.fromkeys(ring, hops))
        if not ring:
            break
    return distance, adjacent


def _pageranks(graph: nx.Graph | StoredGraph, nodes: Iterable[Any]) -> dict[Any, float]:
    """The PageRank of each of `nodes`; a store reads them from their column in one query."""
    if isinstance(graph, StoredGraph):
        return graph.pageranks(nodes)
    return {node: graph.nodes[node].get("pagerank", 0.0) for node in nodes}


def _weighted_neighbors(graph: nx.Graph | StoredGraph, node: Any) -> list[tuple[Any, float, bool]]:
    """(neighbour, edge weight, edge has typed statements) in the graph's order of neighbours."""
    if isinstance(graph, StoredGraph):
        return graph.weighted_neighbors(node)
    return [(other, d.get("weight", 1.0), bool(d.get("statements"))) for other, d in graph.adj[node].items()]


def _weighted_neighbors_of(graph: nx.Graph | StoredGraph, nodes: list[Any]) -> dict[Any, list[tuple[Any, float, bool]]]:
    """_weighted_neighbors of each of `nodes`; a store reads them all in one query."""
    if isinstance(graph, StoredGraph):
        return graph.weighted_neighbors_of(nodes)
    return {node: _weighted_neighbors(graph, node) for node in nodes}


def _hop_costs(graph: nx.Graph | StoredGraph, prefer: str) -> Callable[[float, bool], float]:
    """Edge cost (of its weight and whether it has typed statements) for Dijkstra. "strength": 1/weight, so
    a chain of strong edges beats one weak edge. "hops": fewest edges first, then the most typed relations
    among those, then the strongest (1 + a fraction < 1/n per edge: half of it for a co-mention only, half
    from the weight)."""
    if prefer == "strength":
        return lambda weight, typed: 1.0 / max(weight, 1e-9)
    if isinstance(graph, StoredGraph):
        lightest = graph.lightest_weight()
    else:
        lightest = min((max(d.get("weight", 1.0), 1e-9) for _, _, d in graph.edges(data=True)), default=1.0)
    n = 2 * max(graph.number_of_nodes(), 1)
    return lambda weight, typed: 1.0 + (not typed) / n + (lightest / max(weight, 1e-9)) / n * 0.999


def _cheapest_path(
    graph: nx.Graph | StoredGraph,
    source: Any,
    target: Any,
    cost: Callable[[float, bool], float],
    within: set[Any] | None = None,
) -> list[Any] | None:
    """The nodes of the least-cost path (None when there is none): networkx's Dijkstra step for step, ties
    included, over neighbours asked for one node at a time, so a stored graph reads only what it reaches.

    `within`: the nodes it may go through, the others as if absent (all when None)."""
    dist: dict[Any, float] = {}
    seen: dict[Any, float] = {source: 0}
    paths = {source: [source]}
    order = count()
    fringe: list[tuple[float, int, Any]] = [(0, next(order), source)]
    while fringe:
        d, _, v = heappop(fringe)
        if v in dist:
            continue
        dist[v] = d
        if v == target:
            return paths[v]
        for u, weight, typed in _weighted_neighbors(graph, v):
            if within is not None and u not in within:
                continue
            vu = d + cost(weight, typed)
            if u not in dist and (u not in seen or vu < seen[u]):
                seen[u] = vu
                heappush(fringe, (vu, next(order), u))
                paths[u] = paths[v] + [u]
    return None


def _fewest_hops_path(
    graph: nx.Graph | StoredGraph, source: Any, target: Any, cost: Callable[[float, bool], float]
) -> list[Any] | None:
    """_cheapest_path for the costs of prefer="hops", where fewer hops always cost less: the same path, found
    by walking only the nodes of the paths of fewest hops (_on_fewest_hops), not all that are nearer."""
    on_paths = _on_fewest_hops(graph, source, target)
    if on_paths is None:
        return None
    if isinstance(graph, StoredGraph):  # the meeting nodes' edges, not read by the search, in one query
        graph.weighted_neighbors_of(on_paths)
    return _cheapest_path(graph, source, target, cost, within=on_paths)


def _on_fewest_hops(graph: nx.Graph | StoredGraph, source: Any, target: Any) -> set[Any] | None:
    """The nodes of every path of fewest hops from `source` to `target` (None when there is none).

    Breadth first from both ends, a whole ring at a time from the side whose ring is smaller, each ring's
    neighbours read in one go; the first ring to reach the other side's nodes meets it at the distance. Then
    back from the meeting nodes to each end, one ring at a time, keeping the nodes with a neighbour kept."""
    hops: list[dict[Any, int]] = [{source: 0}, {target: 0}]
    rings: list[list[list[Any]]] = [[[source]], [[target]]]  # each side's rings; the last not walked yet
    adjacent: dict[Any, list[Any]] = {}
    while True:
        side = 0 if len(rings[0][-1]) <= len(rings[1][-1]) else 1
        ring, seen, other = rings[side][-1], hops[side], hops[1 - side]
        found = _weighted_neighbors_of(graph, ring)
        after = []
        for node in ring:
            adjacent[node] = [neighbor for neighbor, _, _ in found[node]]
            for neighbor in adjacent[node]:
                if neighbor not in seen:
                    seen[neighbor] = seen[node] + 1
                    after.append(neighbor)
        if not after:
            return None  # one end's component is walked whole without meeting the other
        rings[side].append(after)
        meeting = {node for node in after if node in other}
        if meeting:
            break
    kept = set(meeting)
    for walked in (rings[0][:-1], rings[1][:-1]):  # the meeting nodes are in the last ring of both sides
        reached = meeting
        for ring in reversed(walked):
            reached = {node for node in ring if any(neighbor in reached for neighbor in adjacent[node])}
            kept |= reached
    return kept


def path(graph: nx.Graph, source: str, target: str, prefer: str = "hops") -> Route:
    """The chain of relations that links two entities, each hop with its relation and one sentence.

    prefer="hops": fewest hops, and among those the strongest edges. prefer="strength": the path with the
    least total 1/weight, which may take more hops to follow edges backed by many sentences.
    """
    if prefer not in PATH_PREFERENCES:
        raise QueryError(f"cannot prefer {prefer!r}; use one of {', '.join(PATH_PREFERENCES)}")
    a, b = resolve_node(graph, source), resolve_node(graph, target)
    if a == b:
        raise QueryError(f'"{source}" and "{target}" are the same entity: {a}')
    if isinstance(graph, StoredGraph) and not graph.connected(a, b):
        nodes = None  # the store knows the components: no need to walk all that one of them reaches
    elif prefer == "hops":
        nodes = _fewest_hops_path(graph, a, b, _hop_costs(graph, prefer))
    else:
        nodes = _cheapest_path(graph, a, b, _hop_costs(graph, prefer))
    if nodes is None:
        raise NoPath(f"no path between {a} and {b}: nothing in the articles links them, even indirectly")
    hops = []
    for u, v in pairwise(nodes):
        edge = link(graph, u, v)
        labels = {graph.nodes[u].get("label", ""), graph.nodes[v].get("label", "")}
        stated = [s for s in edge.statements if all(label in s for label in labels)] or edge.statements
        hops.append(
            Hop(
                source=str(u),
                target=str(v),
                relation=edge.relation,
                statement=stated[0] if stated else "",
                weight=edge.weight,
                evidence=edge.evidence,
            )
        )
    return Route(source=str(a), target=str(b), prefer=prefer, hops=hops)


def communities(graph: nx.Graph, min_size: int = 2, name_size: int = 3) -> list[Community]:
    """The Louvain communities saved on the nodes, largest first; each named by its most central members."""
    groups: dict[int, list[str]] = {}
    for node, d in graph.nodes(data=True):
        groups.setdefault(int(d.get("community", 0)), []).append(node)
    found = []
    for cid, nodes in groups.items():
        if len(nodes) < min_size:
            continue
        ranked = sorted(nodes, key=lambda n: (-graph.nodes[n].get("pagerank", 0.0), str(n)))
        members = [summary(graph, n) for n in ranked]
        types = Counter(m.type for m in members)
        name = " / ".join(m.label for m in members[:name_size])
        found.append(Community(cid, name, len(members), dict(types.most_common()), members))
    found.sort(key=lambda c: (-c.size, c.id))
    return found


def stats(
    graph: nx.Graph,
    documents: dict[str, dict[str, str]] | None = None,
    n: int = 10,
    months: list[MonthCount] | None = None,
) -> GraphStats:
    """Counts, density, components and the documents that contribute most.

    With `documents` (read_documents_table) documents rank by entity mentions; without, by the evidence
    sentences they give the edges. `months`: graphkit.query.timeline.per_month, kept as `by_month`.
    """
    import networkx as nx

    documents = documents or {}
    components = list(nx.connected_components(graph))
    if documents:
        by = "mentions"
        counts = Counter({doc: _int(row.get("mentions")) for doc, row in documents.items()})
    else:
        by = "evidence"
        sentences = {(e.document, e.sentence) for _, _, d in graph.edges(data=True) for e in evidence_of(d)}
        counts = Counter(doc for doc, _ in sentences if doc)
    top_documents = [
        DocumentCount(doc, documents.get(doc, {}).get("title", ""), count)
        for doc, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    ]
    return GraphStats(
        name=str(graph.graph.get("name", "")),
        built=str(graph.graph.get("built", "")),
        documents=_int(graph.graph.get("documents")) or len(documents),
        entities=graph.number_of_nodes(),
        relations=graph.number_of_edges(),
        typed_relations=sum(1 for _, _, d in graph.edges(data=True) if d.get("statements")),
        by_type=dict(Counter(d.get("type", "") for _, d in graph.nodes(data=True)).most_common()),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        isolated=sum(1 for node in graph if graph.degree(node) == 0),
        communities=len({d.get("community") for _, d in graph.nodes(data=True)}),
        top_documents_by=by,
        top_documents=top_documents,
        by_month=months or [],
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
