"""Time (#17): edges keep the dates of their statements, GEXF spells, --since/--until, `graphkit timeline`,
`stats` per month.

Built once from tests/fixtures/timeline/articles.csv: six short articles of our own, four dated from
January to June 2023, one undated and one with an impossible date (30 February), which counts as undated.
The checks compare the commands with what evidence.csv and documents.csv of the same build say.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit import build
from graphkit.cli import app, out
from graphkit.export.gexf import read_gexf
from graphkit.export.graphfile import read_graph
from graphkit.periods import DateRange
from graphkit.query.questions import read_documents_table
from graphkit.query.timeline import graph_in_range, read_statements
from graphkit.schema import CO_MENTIONED, split_list

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "timeline"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch):
    monkeypatch.setattr(out, "width", 240)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timeline-build")
    build([FIXTURE], folder, cache=False)
    return folder


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def run_json(*args: object):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def document_dates(folder: Path) -> dict[str, str]:
    with open(folder / "documents.csv", encoding="utf-8", newline="") as handle:
        return {row["document"]: row["date"] for row in csv.DictReader(handle)}


def evidence(folder: Path) -> list[dict[str, str]]:
    """evidence.csv with each row's date: its own `date` column when there is one, else its document's."""
    dates = document_dates(folder)
    with open(folder / "evidence.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["when"] = row.get("date") or dates.get(row["document"], "")
    return rows


def pair(row: dict[str, str]) -> frozenset[str]:
    return frozenset((row["source"], row["target"]))


# --- edges over time -------------------------------------------------------------------------------


def test_every_edge_keeps_the_date_of_each_of_its_statements(built):
    graph = read_graph(built)
    expected: dict[frozenset[str], list[str]] = defaultdict(list)
    for row in evidence(built):
        if row["when"]:
            expected[pair(row)].append(row["when"])
    assert any(len(dates) > 1 for dates in expected.values()), "some pair is stated on several days"
    for u, v, data in graph.edges(data=True):
        dates = sorted(expected.get(frozenset((u, v)), []))
        assert split_list(data["dates"]) == dates, (u, v)
        assert data["first_seen"] == (dates[0] if dates else "")
        assert data["last_seen"] == (dates[-1] if dates else "")
    japarov_erdogan = graph.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]
    # met in January and February; the undated forum says so too but gives no date
    assert split_list(japarov_erdogan["dates"]) == ["2023-01-12", "2023-02-27"]
    assert japarov_erdogan["sentences"] == 3


def test_gexf_has_one_spell_per_month_and_the_weight_of_each_read_back_by_networkx(built):
    graph = read_graph(built)
    back = nx.read_gexf(built / "graph.gexf", version="1.3")
    assert back.graph["mode"] == "dynamic"
    # January to June is longer than a quarter: monthly spells
    edge = back.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]
    assert edge["spells"] == [("2023-01-01", "2023-01-31"), ("2023-02-01", "2023-02-28")]
    weight = graph.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]["weight"]
    assert edge["weight"] == pytest.approx(weight)  # networkx takes the static weight; the shares need our reader
    back = read_gexf(built / "graph.gexf")
    edge = back.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]
    assert edge["spells"] == [("2023-01-01", "2023-01-31"), ("2023-02-01", "2023-02-28")]
    assert [start for _, start, _ in edge["period_weight"]] == ["2023-01-01", "2023-02-01"]
    assert sum(value for value, _, _ in edge["period_weight"]) == pytest.approx(weight)
    kyrgyz = back.edges["Sadyr Japarov", "Kyrgyzstan"]
    months = sorted({start for start, _ in kyrgyz["spells"]})
    stated = sorted({d[:7] + "-01" for d in split_list(graph.edges["Sadyr Japarov", "Kyrgyzstan"]["dates"])})
    assert months == stated == ["2023-01-01", "2023-02-01", "2023-06-01"]
    # Moscow and Ankara in February make one spell, with two of its four dated statements' share of the weight
    shares = {start: value for value, start, _ in kyrgyz["period_weight"]}
    whole = graph.edges["Sadyr Japarov", "Kyrgyzstan"]["weight"]
    assert shares["2023-02-01"] == pytest.approx(whole / 2) and shares["2023-06-01"] == pytest.approx(whole / 4)
    # an edge only the undated and the impossibly dated articles state has no spell
    for u, v, data in graph.edges(data=True):
        if not data["dates"]:
            assert "spells" not in back.edges[u, v] and "period_weight" not in back.edges[u, v]


def test_gexf_spells_follow_the_gexf_1_3_structure(built):
    root = ET.parse(built / "graph.gexf").getroot()
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    dynamic = [a for a in graph_element.findall(f"{GEXF}attributes") if a.get("mode") == "dynamic"]
    assert len(dynamic) == 1 and dynamic[0].get("class") == "edge"
    (declared,) = dynamic[0].findall(f"{GEXF}attribute")
    assert declared.get("title") == "period_weight" and declared.get("type") == "double"
    # the id Gephi's import processor takes as the edge's weight over time (its edge column "weight")
    assert declared.get("id") == "weight"
    spelled = 0
    for edge in root.iter(f"{GEXF}edge"):
        spells = edge.find(f"{GEXF}spells")
        values = [a for a in edge.iter(f"{GEXF}attvalue") if a.get("for") == declared.get("id")]
        if spells is None:
            assert not values
            continue
        spelled += 1
        marks = [(s.get("start"), s.get("end")) for s in spells.findall(f"{GEXF}spell")]
        assert marks and all(start <= end for start, end in marks)
        assert [(a.get("start"), a.get("end")) for a in values] == marks
        assert sum(float(a.get("value")) for a in values) == pytest.approx(float(edge.get("weight")), abs=1e-3)
        assert edge.get("start") is None  # spells, not one interval
    assert spelled > 5


def test_a_short_range_gets_daily_spells(built, tmp_path):
    path = tmp_path / "winter.gexf"
    result = run("export", built, "-o", path, "--since", "2023-01", "--until", "2023-02")
    assert result.exit_code == 0, result.output
    back = nx.read_gexf(path, version="1.3")
    edge = back.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]
    assert edge["spells"] == [("2023-01-12", "2023-01-12"), ("2023-02-27", "2023-02-27")]
    assert "Kassym-Jomart Tokayev" not in back  # seen only in June and in the undated articles


def test_an_undated_corpus_stays_static(tmp_path):
    articles = tmp_path / "articles.csv"
    with open(FIXTURE / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(articles, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "title", "text"])
        writer.writeheader()
        writer.writerows({"id": r["id"], "title": r["title"], "text": r["text"]} for r in rows[:2])
    build([articles], tmp_path / "out", cache=False)
    root = ET.parse(tmp_path / "out" / "graph.gexf").getroot()
    assert root.find(f"{GEXF}graph").get("mode") == "static"
    assert not list(root.iter(f"{GEXF}spells"))
    assert all(not d["dates"] for _, _, d in read_graph(tmp_path / "out").edges(data=True))


# --- --since / --until -----------------------------------------------------------------------------


def test_export_since_keeps_exactly_the_statements_of_evidence_csv_in_range(built, tmp_path):
    path = tmp_path / "later.json"
    result = run("export", built, "-o", path, "--since", "2023-02-21")
    assert result.exit_code == 0, result.output
    part = read_graph(path)
    kept = [r for r in evidence(built) if r["when"] >= "2023-02-21"]
    sentences: dict[frozenset[str], set[tuple[str, str]]] = defaultdict(set)
    for row in kept:
        sentences[pair(row)].add((row["document"], row["start"]))
    assert {frozenset((u, v)) for u, v in part.edges()} == set(sentences)
    assert set(part) == {node for ends in sentences for node in ends}  # entities with no statement go
    for u, v, data in part.edges(data=True):
        assert data["sentences"] == len(sentences[frozenset((u, v))])
        assert all(d >= "2023-02-21" for d in split_list(data["dates"]))
    # Japarov met Erdogan in January and February: only February counts
    edge = part.edges["Sadyr Japarov", "Recep Tayyip Erdogan"]
    assert edge["weight"] == 1.0 and split_list(edge["dates"]) == ["2023-02-27"]
    assert "Vladimir Putin" not in part  # met in Moscow on 20 February, and in the undated visit
    assert "since=2023-02-21" in part.graph["filter"]


def test_an_open_range_rebuilds_the_saved_edges_exactly(built):
    graph = read_graph(built)
    everything = graph_in_range(
        graph, read_statements(built), read_documents_table(built), DateRange.parse("2000", None)
    )
    dated = {frozenset((u, v)) for u, v, d in graph.edges(data=True) if d["dates"]}
    assert {frozenset((u, v)) for u, v in everything.edges()} == dated
    stated = Counter(pair(row) for row in evidence(built))
    alike = 0
    for u, v, data in everything.edges(data=True):
        if len(split_list(data["dates"])) == stated[frozenset((u, v))]:  # every statement dated: all of it
            assert data == graph.edges[u, v]
            alike += 1
        else:  # the undated statements left out
            assert data["sentences"] < graph.edges[u, v]["sentences"]
            assert data["weight"] < graph.edges[u, v]["weight"]
    assert alike > 10


def test_every_question_takes_the_range(built):
    since = ("--since", "2023-06", "--graph", built)
    top = run_json("top", *since)
    assert {e["id"] for e in top["entities"]} == {
        "Kassym-Jomart Tokayev",
        "Sadyr Japarov",
        "Kazakhstan",
        "Kyrgyzstan",
        "Astana",
    }
    assert run_json("show", "Sadyr Japarov", *since)["neighbors"] == 4
    assert {n["id"] for n in run_json("neighbors", "Kyrgyzstan", *since)["neighbors"]} == {
        "Kassym-Jomart Tokayev",
        "Sadyr Japarov",
        "Kazakhstan",
        "Astana",
    }
    assert len(run_json("path", "Kazakhstan", "Sadyr Japarov", *since)["hops"]) == 1
    assert sum(c["size"] for c in run_json("communities", "--min-size", "1", *since)["communities"]) == 5
    assert run_json("stats", *since)["entities"] == 5
    statements = run_json("relations", *since)
    assert statements and {s["document"] for s in statements} == {"articles.csv#row4"}
    whole = run_json("relations", "--graph", built)
    assert len(whole) > len(statements)
    gone = run("show", "Vladimir Putin", *since)
    assert gone.exit_code == 1 and "since=2023-06" in gone.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-o", "x.json"],
        ["top"],
        ["show", "Kyrgyzstan"],
        ["neighbors", "Kyrgyzstan"],
        ["path", "Kyrgyzstan", "Turkey"],
        ["communities"],
        ["stats"],
        ["relations"],
        ["timeline", "Kyrgyzstan"],
    ],
)
def test_a_since_that_is_not_a_date_exits_2_with_one_line(built, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    where = [built] if command[0] == "export" else ["--graph", built]
    result = run(*command, *where, "--since", "yesterdayish")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: --since 'yesterdayish' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"
    ]
    assert not (tmp_path / "x.json").exists()
    impossible = run(*command, *where, "--until", "2023-02-30")
    assert impossible.exit_code == 2 and "--until" in impossible.stderr


def test_a_range_needs_evidence_csv(built, tmp_path):
    lone = tmp_path / "graph.json"
    lone.write_bytes((built / "graph.json").read_bytes())
    result = run("top", "--graph", lone, "--since", "2023")
    assert result.exit_code == 2 and "evidence.csv" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- timeline --------------------------------------------------------------------------------------


def test_timeline_lists_the_statements_about_an_entity_in_date_order_undated_last(built):
    items = run_json("timeline", "Sadyr Japarov", "--graph", built)
    typed = [
        r for r in evidence(built) if r["relation"] != CO_MENTIONED and "Sadyr Japarov" in (r["source"], r["target"])
    ]
    assert len(items) == len(typed)
    dates = [item["date"] for item in items]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates == dated + [""] * (len(dates) - len(dated))
    assert len(dated) < len(dates)  # the forum and its 30 February are undated
    assert all(item["date_source"] in (("sentence", "document") if item["date"] else ("",)) for item in items)
    met = [i for i in items if i["relation"] == "met" and i["other"] == "Vladimir Putin"]
    assert len(met) == 1 and met[0]["direction"] == "->" and met[0]["date"] == "2023-02-20"
    assert met[0]["document"] == "articles.csv#row2" and "Moscow" in met[0]["sentence"]
    tokayev = next(i for i in items if i["other"] == "Kassym-Jomart Tokayev")
    assert tokayev["direction"] == "<-"  # Tokayev met Japarov: the other party is the subject


def test_timeline_between_two_includes_the_sentences_naming_both(built):
    items = run_json("timeline", "Kyrgyzstan", "Turkey", "--graph", built)
    rows = [r for r in evidence(built) if pair(r) == {"Kyrgyzstan", "Turkey"}]
    assert len(items) == len(rows)
    assert {i["relation"] for i in items} >= {"signed", "agreed with", CO_MENTIONED}
    assert all(i["other"] == "Turkey" for i in items)
    since = run_json("timeline", "Kyrgyzstan", "Turkey", "--since", "2023-02", "--graph", built)
    assert since and all(i["date"] >= "2023-02" for i in since)
    assert len(since) == sum(1 for r in rows if r["when"] >= "2023-02")


def test_timeline_table_shows_date_relation_other_party_and_sentence(built):
    result = run("timeline", "Sadyr Japarov", "--graph", built)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "statements about Sadyr Japarov" in lines[0]
    assert any("2023-02-20" in line and "→ Vladimir Putin" in line for line in lines)
    assert any("undated" in line for line in lines)
    assert any("[articles.csv#row2]" in line for line in lines)


def test_timeline_of_an_unknown_name_is_one_line(built):
    result = run("timeline", "Atlantis", "--graph", built)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "no entity named" in result.stderr


# --- stats per month -------------------------------------------------------------------------------


def test_stats_counts_documents_and_statements_per_month(built):
    data = run_json("stats", "--graph", built)
    rows = evidence(built)
    statements = Counter(r["when"][:7] for r in rows if r["when"])
    typed = Counter(r["when"][:7] for r in rows if r["when"] and r["relation"] != CO_MENTIONED)
    documents = Counter(d[:7] for d in document_dates(built).values() if d)
    assert data["by_month"] == [
        {"month": m, "documents": documents[m], "statements": statements[m], "typed": typed[m]}
        for m in ("2023-01", "2023-02", "2023-06")
    ]
    assert documents["2023-02"] == 2
    table = run("stats", "--graph", built).stdout
    assert "per month" in table and "2023-06" in table
    later = run_json("stats", "--since", "2023-02", "--graph", built)
    assert [m["month"] for m in later["by_month"]] == ["2023-02", "2023-06"]
    assert later["documents"] == 3
