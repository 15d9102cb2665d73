"""`graphkit relations` lists the typed statements of a build; `show` and `path` put typed relations first."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app, out
from graphkit.export.json import read_json, write_json
from graphkit.export.tables import EVIDENCE_COLUMNS
from graphkit.query import questions as query
from graphkit.schema import coerce_edge, coerce_node


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch):
    monkeypatch.setattr(out, "width", 240)


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def evidence_rows(folder: Path) -> list[dict[str, str]]:
    with open(folder / "evidence.csv", encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["relation"] != "co-mentioned"]


def test_relations_lists_every_typed_statement_of_evidence_csv(sample_build, sample_out):
    rows = evidence_rows(sample_out)
    assert rows, "the sample corpus states typed relations"
    listed = json.loads(run("relations", "--graph", sample_out, "--json").stdout)
    assert len(listed) == len(rows)
    graph = read_json(sample_out / "graph.json")
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    expected = sorted((labels[r["source"]], r["relation"], labels[r["target"]], r["sentence"]) for r in rows)
    assert sorted((s["source"], s["relation"], s["target"], s["sentence"]) for s in listed) == expected
    assert all(s["relation_class"] for s in listed)
    flags = sorted((r["sentence"], r["relation"], r["negated"] == "true", r["hedged"] == "true") for r in rows)
    assert sorted((s["sentence"], s["relation"], s["negated"], s["hedged"]) for s in listed) == flags


def test_relations_reads_the_flags_as_written(tmp_path):
    graph = small_graph()
    write_json(graph, tmp_path / "graph.json")
    header = ",".join(EVIDENCE_COLUMNS)
    (tmp_path / "evidence.csv").write_text(
        f"{header}\nA,C,met,contact,neutral,true,true,false,B,,,,d,0,10,A did not meet C.\n", encoding="utf-8"
    )
    [said] = json.loads(run("relations", "--graph", tmp_path, "--json").stdout)
    assert (said["negated"], said["hedged"], said["according_to"]) == (True, False, "B")
    assert "denied" in run("relations", "--graph", tmp_path).stdout


def test_relations_of_one_entity_and_one_class(sample_build, sample_out):
    listed = json.loads(run("relations", "--graph", sample_out, "--json").stdout)
    name = listed[0]["source"]
    about = json.loads(run("relations", name, "--graph", sample_out, "--json").stdout)
    assert about and all(name in (s["source"], s["target"]) for s in about)
    assert len(about) < len(listed) or all(name in (s["source"], s["target"]) for s in listed)
    kind = listed[0]["relation_class"]
    of_class = json.loads(run("relations", "--class", kind, "--graph", sample_out, "--json").stdout)
    assert of_class == [s for s in listed if s["relation_class"] == kind]
    table = run("relations", name, "--graph", sample_out)
    assert table.exit_code == 0 and name in table.stdout and "typed statements" in table.stdout


def test_relations_says_what_is_wrong_in_one_line(sample_build, sample_out, tmp_path):
    wrong = run("relations", "--class", "gossip", "--graph", sample_out)
    assert wrong.exit_code == 2 and "unknown class 'gossip'" in wrong.stderr and "conflict" in wrong.stderr
    unknown = run("relations", "Nobody Atall", "--graph", sample_out)
    assert unknown.exit_code == 1 and "no entity named" in unknown.stderr
    (tmp_path / "graph.json").write_bytes((sample_out / "graph.json").read_bytes())
    alone = run("relations", "--graph", tmp_path)
    assert alone.exit_code == 2 and "no evidence.csv" in alone.stderr
    assert len(alone.stderr.strip().splitlines()) == 1


def small_graph() -> nx.Graph:
    """A knows B by a heavy co-mention and C by one typed statement; B and C both reach D."""
    graph = nx.Graph()
    for node in "ABCD":
        graph.add_node(node, **coerce_node({"label": node, "type": "person", "pagerank": 0.25}))
    co = {"weight": 5.0, "relation": "co-mentioned", "label": "co-mentioned", "evidence": "[d] A and B."}
    typed = {
        "weight": 1.0,
        "relation": "met",
        "label": "met",
        "subject": "A",
        "statements": "A met C",
        "classes": "contact",
        "relation_class": "contact",
        "evidence": "[d] A met C.",
    }
    graph.add_edge("A", "B", **coerce_edge(co))
    graph.add_edge("A", "C", **coerce_edge(typed))
    graph.add_edge("B", "D", **coerce_edge({**co, "evidence": "[d] B and D."}))
    graph.add_edge("C", "D", **coerce_edge({**typed, "statements": "C met D", "subject": "C", "weight": 1.0}))
    return graph


def test_show_lists_typed_relations_before_heavier_co_mentions():
    card = query.card(small_graph(), "A")
    assert [link.label for link in card.relations] == ["C", "B"]


def test_path_takes_the_typed_route_when_both_are_as_short(tmp_path):
    graph = small_graph()
    route = query.path(graph, "A", "D")
    assert [hop.target for hop in route.hops] == ["C", "D"]
    assert [hop.statement for hop in route.hops] == ["A met C", "C met D"]
    write_json(graph, tmp_path / "graph.json")
    shown = json.loads(run("path", "A", "D", "--graph", tmp_path, "--json").stdout)
    assert [hop["target"] for hop in shown["hops"]] == ["C", "D"]
