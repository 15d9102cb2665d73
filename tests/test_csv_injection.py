"""Nothing injected: a cell a spreadsheet would run as a formula is written as text in every CSV table, the
graph files keep the exact text, and a byline that is no name makes no person."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit import build
from graphkit.cli import app
from graphkit.export.tables import write_entities_csv, write_mentions_csv, write_relations_csv
from graphkit.model import DocExtraction, Mention, Resolution

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOAD = "=cmd|' /C calc'!A0 Vladimir Putin met Sadyr Japarov in Moscow."
ARTICLES = [
    # title, author, text: every paragraph starts with a character a spreadsheet reads as a formula
    (
        "=1+1 Summit in Moscow",
        '=HYPERLINK("http://x","click")',
        f"{PAYLOAD}\n\n+Recep Tayyip Erdogan met Vladimir Putin in Ankara.\n\n-Sadyr Japarov visited Turkey.\n\n"
        "@Emomali Rahmon met Vladimir Putin in Dushanbe.\n",
    ),
    ("+Talks in Bishkek", "@Jane Doe", "Sadyr Japarov met Recep Tayyip Erdogan in Bishkek.\n"),
    ("-Minus news", "Jane Doe", "Emomali Rahmon met Sadyr Japarov in Dushanbe.\n"),
    ("@Handle news", "http://example.com/author", "Vladimir Putin visited Tajikistan.\n"),
]


def read_table(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_cells_safe(path: Path) -> None:
    """Every cell starts with a character no spreadsheet runs, unless it is a number in a numeric column."""
    rows = read_table(path)
    for row in rows:
        for column, cell in enumerate(row):
            numeric = all(number(r[column]) for r in rows[1:] if r[column])
            if cell.startswith(FORMULA_STARTS):
                assert numeric and number(cell), f"{path.name}: {cell!r}"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "author", "text"])
        writer.writerows(ARTICLES)
    out = folder / "out"
    return build([folder / "articles.csv"], out, cache=False, workers=1), out


def test_no_csv_cell_starts_a_formula(hostile_build):
    _, out = hostile_build
    for name in ("entities.csv", "relations.csv", "mentions.csv", "documents.csv", "evidence.csv"):
        assert_cells_safe(out / name)
    documents = {row[0]: row for row in read_table(out / "documents.csv")[1:]}
    titles = {row[1] for row in documents.values()}
    assert {"'=1+1 Summit in Moscow", "'+Talks in Bishkek", "'-Minus news", "'@Handle news"} <= titles
    assert '\'=HYPERLINK("http://x","click")' in {row[2] for row in documents.values()}
    sentences = {row[-1] for row in read_table(out / "evidence.csv")[1:]}
    assert "'" + PAYLOAD in sentences


def test_numbers_stay_numbers(hostile_build):
    _, out = hostile_build
    entities = read_table(out / "entities.csv")
    y = entities[0].index("Y")
    assert any(row[y].startswith("-") and number(row[y]) for row in entities[1:])  # a layout position below 0
    mentions = read_table(out / "mentions.csv")
    assert "-1" in {row[1] for row in mentions[1:]}  # Jane Doe: a byline from metadata, not in the text


def test_graph_files_keep_the_exact_text(hostile_build):
    result, out = hostile_build
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    evidence = "\n".join(edge.get("evidence", "") for edge in graph["edges"])
    assert f"] {PAYLOAD}" in evidence
    for name in ("graph.graphml", "graph.gexf"):
        texts = [element.text or "" for element in ET.parse(out / name).iter()]
        values = [v for element in ET.parse(out / name).iter() for v in element.attrib.values()]
        assert any(PAYLOAD in t for t in texts + values), name
    assert "=1+1 Summit in Moscow" in {d.title for d in result.documents}


def test_show_reads_the_titles_back_as_they_were(hostile_build):
    _, out = hostile_build
    card = json.loads(CliRunner().invoke(app, ["show", "Vladimir Putin", "--graph", str(out), "--json"]).stdout)
    assert "=1+1 Summit in Moscow" in {doc["title"] for doc in card["seen_in"]}


def test_a_byline_that_is_no_name_makes_no_person(hostile_build):
    result, _ = hostile_build
    labels = {data["label"] for _, data in result.graph.nodes(data=True)}
    people = {data["label"] for _, data in result.graph.nodes(data=True) if data["type"] == "person"}
    assert not any("HYPERLINK" in label or "click" in label or "http" in label for label in labels)
    assert "Jane Doe" in people  # a byline that reads as a name is still a person of the article
    bylines = [m.text for e in result.extractions for m in e.mentions if m.source == "byline"]
    assert bylines == ["Jane Doe"]


def test_tables_neutralise_text_cells_only(tmp_path):
    graph = nx.Graph()
    for name in ("=SUM(A1:A2)", "+1", "-Foo", "@cmd", "\tTab", "Plain"):
        graph.add_node(name, label=name, type="person", score=-0.5)
    graph.add_edge("=SUM(A1:A2)", "Plain", weight=-2.0, label="-label")
    write_entities_csv(graph, tmp_path / "entities.csv")
    write_relations_csv(graph, tmp_path / "relations.csv")
    extraction = DocExtraction("=doc", mentions=[Mention(-1, -1, "+Name", "person", -1, source="byline")])
    write_mentions_csv([extraction], Resolution(mention_entities={"=doc": ["@id"]}), tmp_path / "mentions.csv")
    entities = read_table(tmp_path / "entities.csv")
    assert [row[1] for row in entities[1:]] == ["'=SUM(A1:A2)", "'+1", "'-Foo", "'@cmd", "'\tTab", "Plain"]
    assert {row[entities[0].index("Score")] for row in entities[1:]} == {"-0.5"}
    relations = read_table(tmp_path / "relations.csv")
    assert relations[1][:5] == ["'=SUM(A1:A2)", "Plain", "Undirected", "-2.0", "'-label"]
    assert read_table(tmp_path / "mentions.csv")[1] == ["'=doc", "-1", "-1", "'+Name", "person", "'@id", "byline"]
    for name in ("entities.csv", "relations.csv", "mentions.csv"):
        assert_cells_safe(tmp_path / name)
