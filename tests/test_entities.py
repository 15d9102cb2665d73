"""Entities a reader would accept: the hand-labelled sample corpus, and each resolution rule on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import GOLD, SAMPLE_SOURCES

from graphkit import build
from graphkit.names import name_key

GOLD_SOURCES = yaml.safe_load((GOLD / "sources.yaml").read_text(encoding="utf-8"))


def nodes_by_alias(graph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        for alias in [data["label"], *data["aliases"].split(" | ")]:
            index.setdefault(name_key(alias), set()).add(node)
    return index


@pytest.fixture(scope="module")
def metonymy_build(tmp_path_factory):
    """The sample corpus read as the hand labels are: capitals acting for their state are the state."""
    return build([SAMPLE_SOURCES], tmp_path_factory.mktemp("metonymy"), capitals_as_countries=True)


@pytest.mark.parametrize("entity", GOLD_SOURCES["entities"], ids=lambda e: e["name"])
def test_every_labelled_entity_is_one_node_of_its_type(metonymy_build, entity):
    graph = metonymy_build.graph
    index = nodes_by_alias(graph)
    names = [entity["name"], *(entity.get("aliases") or [])]
    nodes = set().union(*(index.get(name_key(n), set()) for n in names))
    assert len(nodes) == 1, f"{entity['name']} is {sorted(nodes) or 'missing'}"
    data = graph.nodes[nodes.pop()]
    assert data["label"] == entity["name"]
    assert data["type"] == entity["type"]


def test_no_node_is_boilerplate_a_misfire_or_unlabelled(metonymy_build):
    graph = metonymy_build.graph
    forbidden = {name_key(n) for n in GOLD_SOURCES["not_entities"]}
    expected = {name_key(e["name"]) for e in GOLD_SOURCES["entities"]}
    labels = {name_key(d["label"]) for _, d in graph.nodes(data=True)}
    assert not labels & forbidden
    assert labels == expected


def test_capitals_stay_places_by_default(sample_build):
    graph = sample_build.graph
    assert graph.nodes["Bishkek"]["type"] == "location"
    assert graph.nodes["Bishkek"]["country"] == "Kyrgyzstan"
    assert graph.nodes["Sochi"]["country"] == "Russia"


def build_text(tmp_path: Path, text: str, **options):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    return build([folder], tmp_path / "out", **options).graph


def test_surname_joins_the_full_name_and_titles_are_stripped(tmp_path):
    graph = build_text(
        tmp_path,
        "Talks in Sochi\n\nPresident Vladimir Putin hosted the talks. Later Putin told reporters that "
        "Mr Putin's guests were pleased.\n",
    )
    people = [d for _, d in graph.nodes(data=True) if d["type"] == "person"]
    assert [p["label"] for p in people] == ["Vladimir Putin"]
    assert "Putin" in people[0]["aliases"].split(" | ")


def test_alternate_country_names_acronyms_and_demonyms_merge(tmp_path):
    graph = build_text(
        tmp_path,
        "Allies\n\nTürkiye and Turkey are one country. The Kyrgyz government joined the Collective Security "
        "Treaty Organization (CSTO) long ago, and the CSTO met in the Russian Federation. Russia agreed.\n",
    )
    assert graph.nodes["Turkey"]["type"] == "country"
    assert {"Türkiye", "Turkey"} <= set(graph.nodes["Turkey"]["aliases"].split(" | "))
    assert "CSTO" in graph.nodes["Collective Security Treaty Organization"]["aliases"]
    assert "Kyrgyz" in graph.nodes["Kyrgyzstan"]["aliases"]
    assert "Russian Federation" in graph.nodes["Russia"]["aliases"]
    assert "CSTO" not in graph


def test_alias_file_beside_the_articles_is_applied(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "aliases.yaml").write_text("rename:\n  Sadyr Japarov: Japarov S.\ndrop: [Sochi]\n", encoding="utf-8")
    graph = build_text(tmp_path, "Sochi meeting\n\nSadyr Japarov met Vladimir Putin in Sochi.\n")
    assert "Japarov S." in graph and "Sadyr Japarov" not in graph
    assert "Sochi" not in graph


def test_compass_points_are_not_places_but_stay_in_names(tmp_path):
    graph = build_text(
        tmp_path,
        "Cold winds\n\nRelations between Russia and the West have worsened since 2014, officials in Moscow said. "
        "Voters in the North and the South disagreed. Kanye West performed in London on Friday.\n",
    )
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert not labels & {"West", "North", "South"}
    assert {"Russia", "Moscow", "Kanye West", "London"} <= labels
