"""Dates of statements (graphkit.periods), a sentence's date over its document's in the graph, and the GEXF
spells of partial and overlapping dates."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from graphkit.export.gexf import DAY_SPELLS_UP_TO, read_gexf, write_gexf
from graphkit.graph.build import build_graph
from graphkit.model import Document, Entity, Evidence, Relation, Resolution
from graphkit.periods import DateError, DateRange, month_of, normal_date, period, statement_date
from graphkit.schema import coerce_edge, coerce_node, split_list


@pytest.mark.parametrize(
    "text, normal",
    [
        ("2021-03-05", "2021-03-05"),
        ("2021-03-05T10:00:00Z", "2021-03-05"),
        ("2021-3-5", "2021-03-05"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        (" 2021-03 ", "2021-03"),
        ("2021-02-30", ""),
        ("2021-13", ""),
        ("2021-03-05 and more", ""),
        ("yesterdayish", ""),
        ("", ""),
    ],
)
def test_normal_date(text, normal):
    assert normal_date(text) == normal


def test_a_partial_date_stands_for_its_period_and_sorts_as_its_start():
    assert period("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period("") is None
    assert sorted(["2021-03-02", "2021-03", "2021", "2021-02-28"]) == ["2021", "2021-02-28", "2021-03", "2021-03-02"]
    assert month_of("2021-03-05") == "2021-03" and month_of("2021") == "2021" and month_of("soon") == ""


def test_a_range_keeps_what_overlaps_it_and_never_the_undated():
    march = DateRange.parse("2021-03-15", None)
    assert march.holds("2021-03") and march.holds("2021") and march.holds("2021-03-15")
    assert not march.holds("2021-03-14") and not march.holds("2021-02") and not march.holds("")
    spring = DateRange.parse("2021-03", "2021-05")
    assert spring.holds("2021-05-31") and not spring.holds("2021-06-01")
    assert DateRange.parse(None, None).holds("") and not DateRange.parse(None, None)
    assert spring.describe() == "since=2021-03 until=2021-05"


@pytest.mark.parametrize(
    "since, until, option",
    [("yesterdayish", None, "--since"), (None, "2021-02-30", "--until"), ("2022", "2021", "--since")],
)
def test_a_bad_range_names_its_option(since, until, option):
    with pytest.raises(DateError, match=option):
        DateRange.parse(since, until)


def relation(source: str, target: str, document: str, sentence: str, start: int, **how) -> Relation:
    evidence = Evidence(document=document, sentence=sentence, start=start, end=start + len(sentence))
    return Relation(source=source, target=target, name="met", evidence=evidence, directed=True, **how)


def test_a_sentence_date_wins_over_the_document_date_and_widens_the_entities():
    documents = [Document(id="a", text="", date="2024-03-01")]
    entities = {n: Entity(id=n, label=n, type="person", documents={"a"}) for n in ("Ana", "Ben")}
    for entity in entities.values():
        entity.first_seen = entity.last_seen = "2024-03-01"
    relations = [
        relation("Ana", "Ben", "a", "Ana met Ben in May 2019.", 0, date="2019-05", date_source="sentence"),
        relation("Ana", "Ben", "a", "Ana met Ben again today.", 30),
    ]
    assert statement_date(relations[0], {"a": "2024-03-01"}) == "2019-05"
    assert statement_date(relations[1], {"a": "2024-03-01"}) == "2024-03-01"
    graph = build_graph(documents, Resolution(entities=entities), relations)
    edge = graph.edges["Ana", "Ben"]
    assert split_list(edge["dates"]) == ["2019-05", "2024-03-01"]
    assert (edge["first_seen"], edge["last_seen"]) == ("2019-05", "2024-03-01")
    assert graph.nodes["Ana"]["first_seen"] == "2019-05" and graph.nodes["Ana"]["last_seen"] == "2024-03-01"


def two_edges(first: str, second: str) -> nx.Graph:
    graph = nx.Graph()
    for name in ("a", "b", "c"):
        graph.add_node(name, **coerce_node({"label": name, "type": "person"}))
    graph.add_edge("a", "b", **coerce_edge({"weight": 3.0, "label": "met", "dates": first}))
    graph.add_edge("b", "c", **coerce_edge({"weight": 1.0, "label": "met", "dates": second}))
    return graph


def test_a_partial_date_makes_a_month_spell_and_overlapping_periods_one(tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(two_edges("2021-03 | 2021-03-05 | 2021-03-20", "2021-03-02"), path)
    back = read_gexf(path)
    assert back.edges["a", "b"]["spells"] == [("2021-03-01", "2021-03-31")]
    assert back.edges["a", "b"]["period_weight"] == [(3.0, "2021-03-01", "2021-03-31")]
    assert back.edges["b", "c"]["spells"] == [("2021-03-02", "2021-03-02")]  # a short corpus: per day


def test_a_corpus_longer_than_the_threshold_gets_month_spells(tmp_path):
    late = date(2021, 3, 2).toordinal() + DAY_SPELLS_UP_TO + 1
    path = tmp_path / "g.gexf"
    write_gexf(two_edges("2021-03-02 | 2021-03-09", date.fromordinal(late).isoformat()), path)
    back = read_gexf(path)
    assert back.edges["a", "b"]["spells"] == [("2021-03-01", "2021-03-31")]
    assert back.edges["b", "c"]["spells"] == [("2021-06-01", "2021-06-30")]
    assert back.edges["a", "b"]["period_weight"] == [(3.0, "2021-03-01", "2021-03-31")]
