"""A damaged saved graph, read by every command that takes one: exit code 2, one line naming what is wrong.

The damaged files are copies of the sample build's graph.json with one thing changed, as a hand edit would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphkit.cli import app

LAYOUT_AND_METRICS = ("x", "y", "size", "color", "r", "g", "b", "degree", "pagerank", "betweenness", "community")


@pytest.fixture(scope="module")
def saved(sample_build, sample_out) -> dict[str, Any]:
    """The sample graph.json as parsed JSON (each test edits its own copy)."""
    return json.loads((sample_out / "graph.json").read_text(encoding="utf-8"))


def damaged(saved: dict[str, Any], folder: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    data = json.loads(json.dumps(saved))
    edit(data)
    path = folder / "graph.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def commands(graph: Path, out: Path) -> list[list[str | Path]]:
    """Every command that reads a saved graph."""
    return [
        ["export", graph, "-f", "gexf", "-o", out / "g.gexf"],
        ["export", graph, "-f", "html", "-o", out / "g.html"],
        ["top", "--graph", graph],
        ["stats", "--graph", graph],
        ["entities", "--graph", graph],
    ]


def assert_one_line_error(result, *expected: str) -> str:
    """Exit 2 and a single line on stderr holding every `expected` piece; returns that line."""
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for piece in expected:
        assert piece in lines[0], (piece, lines[0])
    return lines[0]


def strip_weights(data: dict[str, Any]) -> None:
    """The case seen: no weight on the edges, and no positions (so the export lays the graph out again)."""
    for edge in data["edges"]:
        del edge["weight"]
    for node in data["nodes"]:
        for key in LAYOUT_AND_METRICS:
            node.pop(key)


def unknown_end(data: dict[str, Any]) -> None:
    data["edges"][4]["target"] = "Nobody Anywhere"


def set_edge(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["edges"][2].__setitem__(key, value)


def set_node(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["nodes"][1].__setitem__(key, value)


def drop_node_key(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["nodes"][1].pop(key)


def edge_at(saved: dict[str, Any], index: int) -> str:
    edge = saved["edges"][index]
    return f"edge {index + 1} ({edge['source']} -> {edge['target']})"


def node_at(saved: dict[str, Any], index: int) -> str:
    return f"node {index + 1} ({saved['nodes'][index]['id']})"


@pytest.mark.parametrize(
    ("edit", "where", "what"),
    [
        (strip_weights, lambda s: edge_at(s, 0), 'has no numeric "weight"'),
        (set_edge("weight", "heavy"), lambda s: edge_at(s, 2), 'has no numeric "weight"'),
        (set_edge("weight", 0), lambda s: edge_at(s, 2), '"weight" 0: a weight counts sentences'),
        (set_edge("documents", "two"), lambda s: edge_at(s, 2), "\"documents\" 'two': it must be a whole number"),
        (unknown_end, lambda s: edge_at(s, 4).replace(s["edges"][4]["target"], "Nobody Anywhere"), "is not a node"),
        (lambda d: d["edges"][3].pop("source"), lambda s: "edge 4", 'has no "source"'),
        (set_node("type", "event"), lambda s: node_at(s, 1), 'type "event": use one of person, country'),
        (drop_node_key("type"), lambda s: node_at(s, 1), 'no "type"'),
        (drop_node_key("label"), lambda s: node_at(s, 1), 'has no "label"'),
        (drop_node_key("id"), lambda s: "node 2", 'has no "id"'),
        (set_node("mentions", "many"), lambda s: node_at(s, 1), "\"mentions\" 'many': it must be a whole number"),
        (lambda d: d["nodes"].append(dict(d["nodes"][0])), lambda s: f"node {len(s['nodes']) + 1}", "appears twice"),
        (lambda d: d.pop("edges"), lambda s: "not a node-link graph", 'no "edges" list'),
        (lambda d: d.__setitem__("directed", True), lambda s: "a directed graph", "undirected"),
    ],
    ids=[
        "no-weights",
        "text-weight",
        "zero-weight",
        "text-count",
        "edge-to-unknown-node",
        "edge-without-source",
        "unknown-type",
        "no-type",
        "no-label",
        "no-id",
        "text-mentions",
        "duplicate-node",
        "no-edges-key",
        "directed",
    ],
)
def test_every_command_names_the_damage_in_one_line(saved, tmp_path, edit, where, what):
    graph = damaged(saved, tmp_path, edit)
    earlier = tmp_path / "g.gexf"
    earlier.write_text("an earlier export", encoding="utf-8")
    for command in commands(graph, tmp_path):
        line = assert_one_line_error(run(*command), str(graph), where(saved), what)
        assert len(line) < 300, line
    assert earlier.read_text(encoding="utf-8") == "an earlier export"  # nothing written over it
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a node-link graph"),
        ('{"nodes": "x", "edges": []}', 'no "nodes" list'),
        ("\xff\xfe", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_graph_says_so_and_how_to_get_one(tmp_path, text, what):
    graph = tmp_path / "graph.json"
    graph.write_text(text, encoding="latin-1")
    for command in commands(graph, tmp_path):
        assert_one_line_error(run(*command), str(graph), what, "graphkit build")


def test_a_damaged_graphml_is_named_the_same_way(sample_build, sample_out, tmp_path):
    text = (sample_out / "graph.graphml").read_text(encoding="utf-8")
    key = next(line for line in text.splitlines() if 'attr.name="type"' in line and 'for="node"' in line)
    key_id = key.split('id="')[1].split('"')[0]
    first_type = text.index(f'<data key="{key_id}">')
    edited = text[:first_type] + f'<data key="{key_id}">event' + text[text.index("</data>", first_type) :]
    graph = tmp_path / "edited.graphml"
    graph.write_text(edited, encoding="utf-8")
    result = run("export", graph, "-o", tmp_path / "g.gexf")
    assert_one_line_error(result, str(graph), 'type "event"')


def test_the_crash_seen_is_one_line_from_a_real_process(saved, tmp_path):
    """graph.json edited to drop the weights: `graphkit export -f gexf` used to fail inside igraph's layout."""
    graph = damaged(saved, tmp_path, strip_weights)
    done = subprocess.run(
        [sys.executable, "-m", "graphkit", "export", str(graph), "-f", "gexf", "-o", str(tmp_path / "g.gexf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [f'error: {graph}: {edge_at(saved, 0)} has no numeric "weight"']
    assert "Traceback" not in done.stderr + done.stdout and not (tmp_path / "g.gexf").exists()


def test_a_minimal_hand_written_graph_is_filled_with_the_schema_defaults_and_exports(tmp_path):
    """Only what the check asks for: ids, labels, types, ends and weights; the rest is computed or defaulted."""
    nodes = [
        {"id": "Kyrgyzstan", "label": "Kyrgyzstan", "type": "country"},
        {"id": "Tajikistan", "label": "Tajikistan", "type": "country", "mentions": 3.0, "degree": 2},  # 3.0 is whole
        {"id": "Sadyr Japarov", "label": "Sadyr Japarov", "type": "person"},
    ]
    edges = [
        {"source": "Kyrgyzstan", "target": "Tajikistan", "weight": 2},
        {"source": "Sadyr Japarov", "target": "Kyrgyzstan", "weight": 1.5},
    ]
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps({"nodes": nodes, "edges": edges}))  # no "directed", no "multigraph": a simple graph
    for fmt in ("gexf", "html"):
        result = run("export", graph, "-f", fmt, "-o", tmp_path / f"g.{fmt}")
        assert result.exit_code == 0, result.output
        assert "3 entities, 2 relations" in result.stdout
    assert "Sadyr Japarov" in (tmp_path / "g.gexf").read_text(encoding="utf-8")
    card = json.loads(run("show", "Kyrgyzstan", "--graph", graph, "--json").stdout)
    assert [r["label"] for r in card["relations"]] == ["Tajikistan", "Sadyr Japarov"]  # heaviest first
    top = json.loads(run("top", "--graph", graph, "--json").stdout)["entities"]
    assert [e["label"] for e in top] == ["Kyrgyzstan", "Sadyr Japarov", "Tajikistan"]  # no PageRank saved: by name
    assert {e["label"]: e["mentions"] for e in top} == {"Kyrgyzstan": 0, "Sadyr Japarov": 0, "Tajikistan": 3}
