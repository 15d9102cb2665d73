"""Cut a saved graph down to what a reader wants to see, and find entities by any of their names.

The Python API behind `graphkit export --types --min-weight --top --focus --hops --component`:

    >>> from graphkit.export.json import read_json
    >>> graph = read_json("output/graph.json")                                  # doctest: +SKIP
    >>> find_nodes(graph, "putin")                                              # doctest: +SKIP
    ['Vladimir Putin']
    >>> ego = filter_graph(graph, focus="Vladimir Putin", hops=1)               # doctest: +SKIP

Filtering never recomputes anything: metrics (PageRank, community...) and positions stay those of the
whole graph, so a filtered file can be compared with the full one and looks the same in Gephi.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphkit.export.graphstore import StoredGraph, name_key
from graphkit.schema import ENTITY_TYPES, split_list

if TYPE_CHECKING:
    import networkx as nx

COMPONENTS = ("largest",)
SUGGESTIONS = 5
SUGGESTION_SCORE = 70  # rapidfuzz WRatio, 0-100: below this a name is too far off to be worth suggesting
# what people type for a type: plurals and British spelling
_TYPE_WORDS = {"people": "person", "organisation": "organization", "org": "organization", "place": "location"}


class FilterError(ValueError):
    """A filter that cannot be applied; the message is meant for the user, on one line."""


class UnknownName(FilterError):
    """No entity has this name; `suggestions` are node ids of close names, best first."""

    def __init__(self, name: str, suggestions: list[Any]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(map(str, suggestions))}?" if suggestions else ""
        super().__init__(f'no entity named "{name}"{hint}')


class AmbiguousName(FilterError):
    """Several entities answer to this name equally well; `candidates` are their node ids, most central first."""

    def __init__(self, name: str, candidates: list[Any]):
        self.name = name
        self.candidates = candidates
        super().__init__(
            f'"{name}" matches {len(candidates)} entities: {", ".join(map(str, candidates))}; use one of these'
        )


# --- names ----------------------------------------------------------------------------------------


def _compared(name: str) -> str:
    """A name as compared: case, accents, curly apostrophes and spacing do not matter ('Erdoğan' == 'erdogan')."""
    return name_key(name)


def aliases_of(data: dict) -> list[str]:
    """The surface forms merged into an entity (the `aliases` attribute, split)."""
    return split_list(data.get("aliases"))


def _by_pagerank(graph: nx.Graph, nodes: Iterable[Any]) -> list[Any]:
    return sorted(nodes, key=lambda n: (-float(graph.nodes[n].get("pagerank") or 0.0), str(n)))


def _matches(graph: nx.Graph, name: str) -> tuple[list[Any], list[Any], list[Any]]:
    """Nodes whose id, label, or one of the aliases is `name`, as three lists."""
    key = _compared(name)
    if not key:
        return [], [], []
    by_id, by_label, by_alias = [], [], []
    if isinstance(graph, StoredGraph):  # the index of every name, instead of a walk over every node
        for tier, node in graph.matching(key):
            (by_id, by_label, by_alias)[tier].append(node)
        return by_id, by_label, by_alias
    for node, data in graph.nodes(data=True):
        if _compared(str(node)) == key:
            by_id.append(node)
        elif _compared(str(data.get("label", ""))) == key:
            by_label.append(node)
        elif any(_compared(a) == key for a in aliases_of(data)):
            by_alias.append(node)
    return by_id, by_label, by_alias


def find_nodes(graph: nx.Graph, name: str) -> list[Any]:
    """Every node that answers to `name`: its id, its label or one of its aliases, compared by `_compared`.

    Best first: nodes whose id is the name, then whose label is, then whose alias is; within each, the
    higher PageRank first. Empty when nothing matches (see `suggest_nodes`). A name is matched whole:
    "Putin" finds "Vladimir Putin" only if the articles called him "Putin" somewhere (an alias).
    """
    return [n for tier in _matches(graph, name) for n in _by_pagerank(graph, tier)]


def resolve_node(graph: nx.Graph, name: str) -> Any:
    """The one node a user means by `name`; raises UnknownName (with suggestions) or AmbiguousName.

    A node id wins (e.g. "Georgia (country)"), then a single node with that label, then a single node with
    that alias; several equally good matches are ambiguous.
    """
    for tier in _matches(graph, name):
        if len(tier) == 1:
            return tier[0]
        if tier:
            raise AmbiguousName(name, _by_pagerank(graph, tier))
    raise UnknownName(name, suggest_nodes(graph, name))


def suggest_nodes(graph: nx.Graph, name: str, limit: int = SUGGESTIONS) -> list[Any]:
    """Node ids whose id, label or an alias is close to `name` (fuzzy, or containing it), best first."""
    from rapidfuzz import fuzz, process  # only for a name that is not found

    key = _compared(name)
    if not key:
        return []
    choices: dict[tuple[Any, int], str] = {}
    for node, data in graph.nodes(data=True):
        for index, text in enumerate([str(node), str(data.get("label", "")), *aliases_of(data)]):
            choices[(node, index)] = _compared(text)
    best: dict[Any, float] = {}
    for _, score, (node, _) in process.extract(
        key, choices, scorer=fuzz.WRatio, score_cutoff=SUGGESTION_SCORE, limit=None
    ):
        best[node] = max(score, best.get(node, 0.0))
    for (node, _), text in choices.items():
        if len(key) >= 3 and key in text.split():  # "putin" -> "vladimir putin"
            best[node] = max(best.get(node, 0.0), 100.0)
    ranked = sorted(best, key=lambda n: (-best[n], -float(graph.nodes[n].get("pagerank") or 0.0), str(n)))
    return ranked[:limit]


# --- filters --------------------------------------------------------------------------------------


def parse_types(types: str | Iterable[str]) -> list[str]:
    """Entity types from 'person,country' or a list; plurals and 'organisation' are understood."""
    words = types.split(",") if isinstance(types, str) else [w for t in types for w in str(t).split(",")]
    result = []
    for word in (w.strip().lower() for w in words):
        if not word:
            continue
        kind = _TYPE_WORDS.get(word, word)
        if kind not in ENTITY_TYPES:
            singular = kind[:-3] + "y" if kind.endswith("ies") else kind[:-1] if kind.endswith("s") else kind
            kind = _TYPE_WORDS.get(singular, singular)
        if kind not in ENTITY_TYPES:
            raise FilterError(f'unknown entity type "{word}": use {", ".join(ENTITY_TYPES)}')
        if kind not in result:
            result.append(kind)
    return result


def _within(graph: nx.Graph, centres: list[Any], hops: int) -> set[Any]:
    import networkx as nx

    found: set[Any] = set()
    for centre in centres:
        found.update(nx.single_source_shortest_path_length(graph, centre, cutoff=hops))
    return found


def _largest_component(graph: nx.Graph) -> set[Any]:
    import networkx as nx

    def size(component: set) -> tuple:
        rank = sum(float(graph.nodes[n].get("pagerank") or 0.0) for n in component)
        return (len(component), rank, tuple(sorted(map(str, component)))[:1])

    return max(nx.connected_components(graph.to_undirected(as_view=True)), key=size, default=set())


def filter_graph(
    graph: nx.Graph,
    *,
    types: str | Iterable[str] | None = None,
    min_weight: float | None = None,
    top: int | None = None,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    component: str | None = None,
) -> nx.Graph:
    """A new graph with only the entities and relations asked for (the input is left as it is).

    Applied in this order:
    - `min_weight`: keep the edges of at least this weight, and the entities that still have one;
    - `focus` (a name or several) and `hops`: the entities within `hops` edges of the named ones, which
      are found with `resolve_node` (UnknownName / AmbiguousName otherwise);
    - `types` ("person,country" or a list): only entities of these types;
    - `top`: the N entities with the highest PageRank;
    - `component="largest"`: the largest connected part of what is left.
    Entity filters keep the relations among the entities kept. Isolated entities are kept (you asked for
    those entities), except by `min_weight`, which is about relations: an entity with no relation of at
    least that weight goes. The focus entities themselves are kept by every filter.
    Raises FilterError (one-line message) for a bad value.
    """
    import networkx as nx

    if min_weight is not None and min_weight < 0:
        raise FilterError("--min-weight must be 0 or more")
    if top is not None and top < 1:
        raise FilterError("--top must be 1 or more")
    if hops < 0:
        raise FilterError("--hops must be 0 or more")
    if component is not None and component not in COMPONENTS:
        raise FilterError(f'unknown component "{component}": use {", ".join(COMPONENTS)}')
    kinds = parse_types(types) if types is not None else None
    names = [focus] if isinstance(focus, str) else list(focus or [])
    centres = list(dict.fromkeys(resolve_node(graph, name) for name in names))
    keep = set(centres)

    def strong(data: dict) -> bool:
        return min_weight is None or float(data.get("weight") or 0.0) >= min_weight

    work: nx.Graph = nx.Graph() if not graph.is_directed() else nx.DiGraph()
    work.add_nodes_from(graph.nodes)
    work.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if strong(d))
    if min_weight is not None:
        work.remove_nodes_from([n for n in list(work) if work.degree(n) == 0 and n not in keep])
    if centres:
        work = work.subgraph(_within(work, centres, hops)).copy()
    if kinds is not None:
        work.remove_nodes_from([n for n in list(work) if graph.nodes[n].get("type") not in kinds and n not in keep])
    if top is not None:
        ranked = _by_pagerank(graph, [n for n in work if n not in keep])
        work.remove_nodes_from(ranked[max(0, top - len(keep)) :])
    if component is not None:
        main = _largest_component(work) | (keep if centres else set())
        work = work.subgraph(n for n in work if n in main).copy()

    result = graph.__class__()
    result.graph.update(graph.graph)
    described = describe_filters(
        types=kinds, min_weight=min_weight, top=top, focus=[str(c) for c in centres], hops=hops, component=component
    )
    if described:  # after what an earlier filter (a date range) recorded
        result.graph["filter"] = " ".join(filter(None, [str(graph.graph.get("filter") or ""), described]))
    result.add_nodes_from((n, dict(d)) for n, d in graph.nodes(data=True) if n in work)
    result.add_edges_from((u, v, dict(d)) for u, v, d in graph.edges(data=True) if work.has_edge(u, v))
    return result


def describe_filters(
    *,
    types: list[str] | None = None,
    min_weight: float | None = None,
    top: int | None = None,
    focus: list[str] | None = None,
    hops: int = 1,
    component: str | None = None,
) -> str:
    """The filters as one line, kept in the filtered graph's `filter` attribute: 'focus=Vladimir Putin hops=1'."""
    parts = []
    if min_weight is not None:
        parts.append(f"min-weight={min_weight:g}")
    if focus:
        parts.append(f"focus={'; '.join(focus)} hops={hops}")
    if types is not None:
        parts.append(f"types={','.join(types)}")
    if top is not None:
        parts.append(f"top={top}")
    if component is not None:
        parts.append(f"component={component}")
    return " ".join(parts)
