"""The query API on small hand-made graphs, where every answer is known in advance."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

from graphkit.export.graphfile import GraphFileError, read_graph
from graphkit.export.json import write_json
from graphkit.graph.metrics import add_metrics
from graphkit.query import questions as query
from graphkit.query.filters import AmbiguousName, UnknownName, resolve_node
from graphkit.schema import coerce_edge, coerce_node


def entity(graph: nx.Graph, node: str, type: str, aliases: str = "", label: str = "", **attrs) -> None:
    label = label or node
    graph.add_node(node, **coerce_node({"label": label, "type": type, "aliases": aliases or label, **attrs}))


def relate(graph: nx.Graph, u: str, v: str, weight: float, sentence: str, document: str = "a.txt", **attrs) -> None:
    attrs.setdefault("relation", "co-mentioned")
    attrs.setdefault("label", attrs["relation"])
    graph.add_edge(
        u, v, **coerce_edge({"weight": weight, "evidence": f"[{document}] {sentence}", "documents": 1, **attrs})
    )


@pytest.fixture
def graph() -> nx.Graph:
    """Putin - Kremlin - Japarov strongly, Putin - Japarov weakly; Erdogan - Türkiye; Georgia twice."""
    g = nx.Graph(name="test", documents=3)
    entity(g, "Vladimir Putin", "person", "Putin | Vladimir Putin | Vladimir Vladimirovich", mentions=9, documents=3)
    entity(g, "Kremlin", "organization", mentions=4, documents=2)
    entity(g, "Sadyr Japarov", "person", "Japarov | Sadyr Japarov", mentions=5, documents=2)
    entity(g, "Recep Tayyip Erdoğan", "person", "Erdoğan | Erdogan", mentions=3, documents=1)
    entity(g, "Türkiye", "country", "Türkiye | Turkey", mentions=6, documents=2)
    entity(g, "Georgia (country)", "country", "Georgia", label="Georgia", mentions=2, documents=1)
    entity(g, "Georgia (location)", "location", "Georgia", label="Georgia", mentions=1, documents=1)
    entity(g, "Lonely Inc", "organization", mentions=1, documents=1)
    relate(g, "Vladimir Putin", "Kremlin", 5, "Putin spoke at the Kremlin.")
    relate(g, "Kremlin", "Sadyr Japarov", 4, "Japarov was received at the Kremlin.", "b.txt")
    relate(
        g,
        "Vladimir Putin",
        "Sadyr Japarov",
        1,
        "Putin met Japarov in Sochi.",
        "c.txt",
        relation="met",
        label="met | co-mentioned",
        statements="Vladimir Putin met Sadyr Japarov",
    )
    relate(g, "Recep Tayyip Erdoğan", "Türkiye", 3, "Erdoğan leads Türkiye.", "b.txt")
    relate(g, "Türkiye", "Georgia (country)", 1, "Türkiye borders Georgia.", "b.txt")
    relate(g, "Türkiye", "Vladimir Putin", 2, "Putin called Türkiye.", "a.txt")
    add_metrics(g)
    return g


def test_names_takes_any_alias_in_any_case_and_without_accents(graph):
    assert resolve_node(graph, "putin") == "Vladimir Putin"
    assert resolve_node(graph, "VLADIMIR  vladimirovich") == "Vladimir Putin"
    assert resolve_node(graph, "erdogan") == "Recep Tayyip Erdoğan"
    assert resolve_node(graph, "Turkiye") == "Türkiye"
    assert resolve_node(graph, "turkey") == "Türkiye"


def test_names_lists_candidates_for_an_ambiguous_name_and_takes_a_node_id(graph):
    with pytest.raises(AmbiguousName) as raised:
        resolve_node(graph, "georgia")
    assert sorted(raised.value.candidates) == ["Georgia (country)", "Georgia (location)"]
    assert "Georgia (country)" in str(raised.value)
    assert resolve_node(graph, "georgia (location)") == "Georgia (location)"


def test_names_prefers_a_node_id_over_another_entitys_alias(graph):
    entity(graph, "Putin", "person")
    assert resolve_node(graph, "PUTIN") == "Putin"
    assert resolve_node(graph, "Vladimir Vladimirovich") == "Vladimir Putin"


def test_names_suggests_close_names_for_an_unknown_one(graph):
    with pytest.raises(UnknownName) as raised:
        resolve_node(graph, "Japarow")
    assert raised.value.suggestions[0] == "Sadyr Japarov"
    assert "did you mean" in str(raised.value)
    with pytest.raises(UnknownName) as raised:
        resolve_node(graph, "zzzzqqq")
    assert raised.value.suggestions == []


def test_top_ranks_by_the_chosen_measure_and_filters_by_type(graph):
    for by in query.RANKINGS:
        ranked = query.top(graph, by=by, n=None)
        values = [getattr(e, by) for e in ranked]
        assert values == sorted(values, reverse=True)
        assert values[0] == max(d[by] for _, d in graph.nodes(data=True))
    people = query.top(graph, by="mentions", type="person", n=2)
    assert [e.id for e in people] == ["Vladimir Putin", "Sadyr Japarov"]
    with pytest.raises(query.QueryError):
        query.top(graph, by="size")


def test_card_lists_names_counts_and_typed_then_strongest_relations_with_a_sentence(graph):
    card = query.card(graph, "putin", relations=2, mentions=Counter({"a.txt": 6, "c.txt": 3}))
    assert card.id == "Vladimir Putin"
    assert card.aliases == ["Putin", "Vladimir Putin", "Vladimir Vladimirovich"]
    assert (card.mentions, card.documents, card.neighbors) == (9, 3, 3)
    assert [x.id for x in card.relations] == ["Sadyr Japarov", "Kremlin"]  # the typed "met" before the heavier
    assert card.relations[0].evidence == query.Evidence("c.txt", "Putin met Japarov in Sochi.")
    assert card.relations[1].evidence == query.Evidence("a.txt", "Putin spoke at the Kremlin.")
    assert [(d.id, d.mentions) for d in card.seen_in] == [("a.txt", 6), ("c.txt", 3)]
    assert card.rank == 1 + sum(d["pagerank"] > card.pagerank for _, d in graph.nodes(data=True))


def test_card_without_mentions_table_lists_the_documents_of_its_evidence(graph):
    card = query.card(graph, "Japarov", relations=None, documents={"b.txt": {"title": "Visit", "date": "2024-01-02"}})
    assert {d.id for d in card.seen_in} == {"b.txt", "c.txt"}
    assert all(d.mentions is None for d in card.seen_in)
    assert [d.title for d in card.seen_in if d.id == "b.txt"] == ["Visit"]
    typed = [x for x in card.relations if x.id == "Vladimir Putin"][0]
    assert typed.statements == ["Vladimir Putin met Sadyr Japarov"]


def test_neighbors_within_hops_say_through_whom(graph):
    direct = query.neighbors(graph, "Erdogan")
    assert [(n.id, n.hops, n.via) for n in direct] == [("Türkiye", 1, None)]
    two = query.neighbors(graph, "Erdogan", hops=2)
    assert {(n.id, n.hops, n.via) for n in two} == {
        ("Türkiye", 1, None),
        ("Vladimir Putin", 2, "Türkiye"),
        ("Georgia (country)", 2, "Türkiye"),
    }
    assert [n.id for n in two][1] == "Vladimir Putin"  # the heavier edge first within a ring
    assert query.neighbors(graph, "Lonely Inc", hops=3) == []


def test_a_neighborhood_lists_the_first_neighbors_and_counts_them_all(graph):
    every = query.neighbors(graph, "Putin", hops=2)
    assert len(every) == 5
    for limit in (None, 0, 2, 5, 9):
        found = query.neighborhood(graph, "Putin", hops=2, limit=limit)
        assert (found.entity, found.hops, found.total) == ("Vladimir Putin", 2, 5)
        assert found.neighbors == every[:limit] if limit is not None else every


def test_path_prefers_fewest_hops_or_strongest_edges(graph):
    direct = query.path(graph, "Putin", "Japarov")
    assert [(h.source, h.target) for h in direct.hops] == [("Vladimir Putin", "Sadyr Japarov")]
    assert direct.hops[0].relation == "met"
    assert direct.hops[0].statement == "Vladimir Putin met Sadyr Japarov"
    assert direct.hops[0].evidence.sentence == "Putin met Japarov in Sochi."
    strong = query.path(graph, "Putin", "Japarov", prefer="strength")
    assert [h.target for h in strong.hops] == ["Kremlin", "Sadyr Japarov"]
    assert strong.hops[1].evidence == query.Evidence("b.txt", "Japarov was received at the Kremlin.")


def test_path_among_equally_short_routes_takes_the_stronger_one():
    g = nx.Graph()
    for node in "ABCD":
        entity(g, node, "person")
    relate(g, "A", "B", 1, "weak")
    relate(g, "B", "D", 1, "weak")
    relate(g, "A", "C", 3, "strong")
    relate(g, "C", "D", 3, "strong")
    add_metrics(g)
    assert [h.target for h in query.path(g, "a", "d").hops] == ["C", "D"]


def test_path_between_unlinked_or_identical_entities_is_an_error(graph):
    with pytest.raises(query.NoPath):
        query.path(graph, "Putin", "Lonely Inc")
    with pytest.raises(query.QueryError, match="same entity"):
        query.path(graph, "Putin", "vladimir putin")


def test_communities_are_named_by_their_most_central_members(graph):
    found = query.communities(graph, min_size=1)
    assert sum(c.size for c in found) == graph.number_of_nodes()
    assert [c.size for c in found] == sorted((c.size for c in found), reverse=True)
    for c in found:
        ranks = [m.pagerank for m in c.members]
        assert ranks == sorted(ranks, reverse=True)
        assert c.name.split(" / ") == [m.label for m in c.members[:3]]
    assert all(c.size >= 2 for c in query.communities(graph, min_size=2))


def test_stats_count_types_components_and_documents(graph):
    result = query.stats(graph)
    assert result.entities == 8 and result.relations == 6
    assert result.by_type == {"person": 3, "country": 2, "organization": 2, "location": 1}
    assert result.typed_relations == 1
    assert (result.components, result.isolated) == (3, 2)
    assert result.largest_component == 6
    assert result.top_documents_by == "evidence"
    assert [(d.id, d.count) for d in result.top_documents] == [("b.txt", 3), ("a.txt", 2), ("c.txt", 1)]
    table = {"a.txt": {"title": "A", "mentions": "7"}, "b.txt": {"title": "B", "mentions": "9"}}
    by_mentions = query.stats(graph, table)
    assert by_mentions.top_documents_by == "mentions"
    assert [(d.id, d.title, d.count) for d in by_mentions.top_documents] == [("b.txt", "B", 9), ("a.txt", "A", 7)]


def test_stats_of_an_empty_graph():
    result = query.stats(nx.Graph())
    assert (result.entities, result.relations, result.components, result.density) == (0, 0, 0, 0.0)
    assert result.top_documents == []


def test_read_graph_reads_a_file_or_its_folder_and_explains_a_missing_or_broken_one(graph, tmp_path):
    write_json(graph, tmp_path / "graph.json")
    assert set(read_graph(tmp_path)) == set(graph)
    assert read_graph(tmp_path / "graph.json").nodes["Türkiye"]["aliases"] == "Türkiye | Turkey"
    with pytest.raises(GraphFileError, match="graphkit build"):
        read_graph(tmp_path / "nowhere" / "graph.json")
    broken = tmp_path / "broken.json"
    for text in ("{not json", json.dumps([1, 2]), json.dumps({"nodes": "x"}), "\xff\xfe"):
        broken.write_text(text, encoding="latin-1")
        with pytest.raises(GraphFileError, match="graphkit build"):
            read_graph(broken)
