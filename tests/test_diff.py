"""`graphkit diff OLD NEW` and the line a rebuild prints: what changed between two builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.query.diff import diff_graphs
from graphkit.schema import coerce_edge, coerce_node

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


def graph(nodes: dict[str, dict], edges: list[tuple[str, str, float, str]]) -> nx.Graph:
    g = nx.Graph()
    for node, attrs in nodes.items():
        g.add_node(node, **coerce_node({"label": node, "type": "person", "mentions": 1, **attrs}))
    for a, b, weight, statements in edges:
        g.add_edge(a, b, **coerce_edge({"weight": weight, "relation": "co-mentioned", "statements": statements}))
    return g


def test_entities_merged_split_added_removed_and_relations_by_weight():
    old = graph(
        {
            "Marie Hansen": {},
            "Maria Hansen": {"mentions": 3},
            "Bergen": {"type": "location"},
            "Baltic Salmon Board": {"type": "organization", "aliases": "Baltic Salmon Board | BSB"},
            "Peter Olsen": {},
            "Gone Person": {},
        },
        [
            ("Maria Hansen", "Bergen", 2.0, ""),
            ("Peter Olsen", "Bergen", 1.0, ""),
            ("Gone Person", "Bergen", 1.0, ""),
        ],
    )
    new = graph(
        {
            "Maria Hansen": {"aliases": "Maria Hansen | Marie Hansen", "mentions": 4},
            "Bergen": {"type": "location"},
            "Baltic Salmon Board": {"type": "organization"},
            "BSB": {"type": "organization"},
            "Peter Olsen": {},
            "Astrid Nyberg": {},
        },
        [
            ("Maria Hansen", "Bergen", 3.0, "Maria Hansen visited Bergen"),
            ("Peter Olsen", "Bergen", 0.5, ""),
            ("Astrid Nyberg", "BSB", 1.0, ""),
        ],
    )
    changes = diff_graphs(old, new).to_dict()
    entities, relations = changes["entities"], changes["relations"]
    assert [e["label"] for e in entities["added"]] == ["Astrid Nyberg"]
    assert [e["label"] for e in entities["removed"]] == ["Gone Person"]
    assert [(e["label"], e["from"]) for e in entities["merged"]] == [("Maria Hansen", ["Maria Hansen", "Marie Hansen"])]
    assert [(e["label"], e["into"]) for e in entities["split"]] == [
        ("Baltic Salmon Board", ["BSB", "Baltic Salmon Board"])
    ]
    assert [(r["source"], r["target"]) for r in relations["added"]] == [("Astrid Nyberg", "BSB")]
    assert [(r["source"], r["target"]) for r in relations["removed"]] == [("Bergen", "Gone Person")]
    assert [(r["source"], r["old_weight"], r["weight"]) for r in relations["strengthened"]] == [("Bergen", 2.0, 3.0)]
    assert [(r["target"], r["old_weight"], r["weight"]) for r in relations["weakened"]] == [("Peter Olsen", 1.0, 0.5)]
    assert changes["statements"]["added"] == ["Maria Hansen visited Bergen"]
    assert changes["counts"]["entities"] == {"added": 1, "removed": 1, "merged": 1, "split": 1, "renamed": 0}


def test_an_entity_under_another_label_is_renamed_and_says_nothing_new():
    old = graph(
        {"Ainur Kurmanov": {}, "Bergen": {"type": "location"}},
        [("Ainur Kurmanov", "Bergen", 1.0, "Ainur Kurmanov visited Bergen")],
    )
    new = graph(
        {"Anur Kurmanov": {"aliases": "Anur Kurmanov | Ainur Kurmanov"}, "Bergen": {"type": "location"}},
        [("Anur Kurmanov", "Bergen", 1.0, "Anur Kurmanov visited Bergen")],
    )
    changes = diff_graphs(old, new)
    assert [(e["was"], e["label"]) for e in changes.entities["renamed"]] == [("Ainur Kurmanov", "Anur Kurmanov")]
    assert changes.statements == [] and changes.relations["added"] == [] and changes.relations["removed"] == []


def test_the_same_graph_has_no_changes():
    g = graph({"Maria Hansen": {}, "Bergen": {"type": "location"}}, [("Maria Hansen", "Bergen", 1.0, "")])
    counts = diff_graphs(g, g).counts()
    assert all(n == 0 for group in counts.values() for n in group.values())


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The review articles built, then built again into the same folder with one article more: the second
    build's output, and a copy of the first."""
    out = tmp_path_factory.mktemp("diff-out")
    first = runner.invoke(app, ["build", str(FIXTURES / "review"), "--out", str(out), "--no-cache", "-w", "1"])
    assert first.exit_code == 0, first.output
    assert "since the last build" not in first.stdout  # nothing to compare with
    old = tmp_path_factory.mktemp("diff-old")
    shutil.copy(out / "graph.json", old / "graph.json")
    sources = [str(FIXTURES / "review"), str(FIXTURES / "review_extra")]
    second = runner.invoke(app, ["build", *sources, "--out", str(out), "--no-cache", "-w", "1"])
    assert second.exit_code == 0, second.output
    return old, out, second.stdout


def test_a_rebuild_prints_one_line_of_what_changed(two_builds):
    _, _, output = two_builds
    lines = [line for line in output.splitlines() if line.startswith("since the last build")]
    assert lines == ["since the last build: +1 entities, −0, +3 relations, −0"]


def test_diff_of_two_builds_counts_first_then_the_changes(two_builds):
    old, new, _ = two_builds
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "entities: +1 added, −0 removed, 0 merged, 0 split, 0 renamed"
    assert lines[1].startswith("relations: +3 added, −0 removed, 1 strengthened")
    assert "  + Astrid Nyberg (person, 1 mentions)" in lines
    assert "  + Maria Hansen met Oskar Olsen" in lines

    data = json.loads(runner.invoke(app, ["diff", str(old / "graph.json"), str(new), "--json"]).stdout)
    assert [e["label"] for e in data["entities"]["added"]] == ["Astrid Nyberg"]
    assert data["entities"]["removed"] == [] and data["relations"]["removed"] == []
    assert {(r["source"], r["target"]) for r in data["relations"]["added"]} >= {("Maria Hansen", "Oskar Olsen")}

    back = json.loads(runner.invoke(app, ["diff", str(new), str(old), "--json"]).stdout)
    assert [e["label"] for e in back["entities"]["removed"]] == ["Astrid Nyberg"]


def test_diff_of_a_missing_graph_is_one_line(tmp_path):
    result = runner.invoke(app, ["diff", str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 2 and "no graph at" in result.output
