"""The query commands through the CLI, on the sample corpus built once per session (tests/conftest.py).

Entity resolution keeps improving, so these tests check behaviour against what graph.json says rather than
fixed counts: the top entity is the one with the highest PageRank in the file, a card lists that node's
aliases, a path's hops are edges of the graph, and so on.
"""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app, out, query_commands
from graphkit.export.json import read_json, write_json
from graphkit.schema import coerce_node

COMMANDS_WITHOUT_NAME = [["top"], ["communities"], ["stats"]]


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch):
    """Tables as wide as a desktop terminal, so names are not wrapped inside their cells."""
    monkeypatch.setattr(out, "width", 240)


@pytest.fixture(scope="module")
def graph_file(sample_build, sample_out) -> Path:
    return sample_out / "graph.json"


@pytest.fixture(scope="module")
def graph(graph_file) -> nx.Graph:
    return read_json(graph_file)


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def run_json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def most_central(graph: nx.Graph) -> str:
    return max(graph, key=lambda n: graph.nodes[n]["pagerank"])


def aliases(graph: nx.Graph, node: str) -> list[str]:
    return graph.nodes[node]["aliases"].split(" | ")


def test_top_lists_the_highest_pagerank_first(graph, graph_file):
    data = run_json("top", "--graph", graph_file, "-n", "5")
    ranks = [e["pagerank"] for e in data["entities"]]
    assert len(ranks) == min(5, graph.number_of_nodes())
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] == max(d["pagerank"] for _, d in graph.nodes(data=True))
    table = run("top", "--graph", graph_file, "-n", "5")
    assert table.exit_code == 0
    assert data["entities"][0]["id"] in table.stdout


def test_top_by_mentions_of_one_type(graph, graph_file):
    data = run_json("top", "--graph", graph_file, "--by", "mentions", "--type", "person", "-n", "100000")
    assert {e["id"] for e in data["entities"]} == {n for n, d in graph.nodes(data=True) if d["type"] == "person"}
    mentions = [e["mentions"] for e in data["entities"]]
    assert mentions == sorted(mentions, reverse=True)
    assert run("top", "--graph", graph_file, "--by", "size").exit_code != 0


def test_show_finds_an_entity_by_any_alias_in_any_case(graph, graph_file):
    node = max(graph, key=lambda n: (len(aliases(graph, n)), graph.nodes[n]["pagerank"]))
    alias = aliases(graph, node)[-1]
    card = run_json("show", alias.upper(), "--graph", graph_file)
    assert card["id"] == node
    assert card["aliases"] == aliases(graph, node)
    assert card["mentions"] == graph.nodes[node]["mentions"]
    table = run("show", alias.lower(), "--graph", graph_file)
    assert table.exit_code == 0
    for name in aliases(graph, node):
        assert name in table.stdout


def test_show_lists_strongest_relations_each_with_a_sentence_of_its_evidence(graph, graph_file):
    node = most_central(graph)
    card = run_json("show", node, "--graph", graph_file, "--relations", "5")
    weights = [r["weight"] for r in card["relations"]]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] == max(d["weight"] for _, _, d in graph.edges(node, data=True))
    for relation in card["relations"]:
        evidence = graph.edges[node, relation["id"]]["evidence"]
        assert relation["evidence"]["sentence"] and relation["evidence"]["sentence"] in evidence
    # the documents come from mentions.csv: as many as the node says
    assert len(card["seen_in"]) == graph.nodes[node]["documents"]
    assert all(d["mentions"] >= 1 for d in card["seen_in"])
    table = run("show", node, "--graph", graph_file)
    assert "strongest relations" in table.stdout
    assert card["relations"][0]["id"] in table.stdout


def test_unknown_name_exits_non_zero_with_suggestions(graph, graph_file):
    node = most_central(graph)
    label = graph.nodes[node]["label"]
    typo = label[:-1] + ("x" if label[-1] != "x" else "y")
    result = run("show", typo, "--graph", graph_file)
    assert result.exit_code == 1
    assert "did you mean" in result.stderr and label in result.stderr
    assert result.stdout == ""
    nothing = run("neighbors", "Qqqzzx Wwwvvk", "--graph", graph_file, "--json")
    assert nothing.exit_code == 1 and nothing.stdout == ""
    assert "no entity named" in nothing.stderr


@pytest.fixture(scope="module")
def ambiguous_graph_file(graph, tmp_path_factory) -> tuple[Path, str, list[str]]:
    """The sample graph plus a second entity named like the most central one, of another type (as spaCy can
    make): both get the type in their id, as graphkit.graph.build does on a collision."""
    node = most_central(graph)
    label, kind = graph.nodes[node]["label"], graph.nodes[node]["type"]
    other = "person" if kind != "person" else "organization"
    copy = nx.relabel_nodes(graph, {node: f"{label} ({kind})"})
    twin = f"{label} ({other})"
    copy.add_node(twin, **coerce_node({"label": label, "type": other, "aliases": label, "mentions": 1}))
    path = tmp_path_factory.mktemp("ambiguous") / "graph.json"
    write_json(copy, path)
    return path, label, [f"{label} ({kind})", twin]


def test_ambiguous_name_lists_the_candidates_and_exits_non_zero(ambiguous_graph_file):
    path, label, candidates = ambiguous_graph_file
    for command in (["show", label.lower()], ["neighbors", label], ["path", label, candidates[1]]):
        result = run(*command, "--graph", path)
        assert result.exit_code == 1, command
        assert "matches 2 entities" in result.stderr
        for node in candidates:
            assert node in result.stderr
    # the node id settles it
    assert run_json("show", candidates[0], "--graph", path)["id"] == candidates[0]


def test_neighbors_are_the_graph_neighbors_and_hops_widen_the_ring(graph, graph_file):
    node = most_central(graph)
    direct = run_json("neighbors", node, "--graph", graph_file)
    assert {n["id"] for n in direct["neighbors"]} == set(graph.neighbors(node))
    assert all(n["hops"] == 1 and n["via"] is None for n in direct["neighbors"])
    two = run_json("neighbors", node, "--graph", graph_file, "--hops", "2")
    reach = nx.single_source_shortest_path_length(graph, node, cutoff=2)
    assert {n["id"] for n in two["neighbors"]} == set(reach) - {node}
    for n in two["neighbors"]:
        assert n["hops"] == reach[n["id"]]
        if n["via"]:
            assert graph.has_edge(n["via"], n["id"]) and graph.has_edge(node, n["via"])
    table = run("neighbors", node, "--graph", graph_file, "-k", "2")
    assert table.exit_code == 0 and "via" in table.stdout


def test_neighbors_lists_the_strongest_first_and_says_how_many_more(graph, graph_file, monkeypatch):
    """The table stops at a screenful (SHOWN_NEIGHBORS) or --limit, in the order of the full list, and says how
    many it left out; --json lists them all unless --limit, which then adds the total."""
    node = most_central(graph)
    every = run_json("neighbors", node, "--graph", graph_file)
    assert "total" not in every
    ids = [n["id"] for n in every["neighbors"]]
    assert len(ids) == graph.degree(node) - graph.has_edge(node, node) > 3

    def listed(*options: str) -> tuple[list[str], str]:
        result = run("neighbors", node, "--graph", graph_file, *options)
        assert result.exit_code == 0, result.output
        rows = [line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")]
        return [row for row in rows if row], result.stdout

    monkeypatch.setattr(query_commands, "SHOWN_NEIGHBORS", 2)
    shown, table = listed()
    assert shown == ids[:2]
    assert f"{node}: {len(ids)} within 1 hop" in table
    assert f"and {len(ids) - 2} more (--limit 0 to list them all)" in table
    shown, table = listed("--limit", "3")
    assert shown == ids[:3] and f"and {len(ids) - 3} more" in table
    shown, table = listed("--limit", "0")
    assert shown == ids and "--limit 0 to list them all" not in table
    first = run_json("neighbors", node, "--graph", graph_file, "-n", "3")
    assert first == {**every, "total": len(ids), "neighbors": every["neighbors"][:3]}
    assert run_json("neighbors", node, "--graph", graph_file, "-n", "0")["neighbors"] == every["neighbors"]


def test_path_follows_edges_of_the_graph_with_a_sentence_per_hop(graph, graph_file):
    start = most_central(graph)
    distance = nx.single_source_shortest_path_length(graph, start)
    end = max(distance, key=lambda n: (distance[n], n))
    assert distance[end] >= 2, "the sample corpus should link entities through others"
    route = run_json("path", start, end, "--graph", graph_file)
    hops = route["hops"]
    assert len(hops) == distance[end]
    assert hops[0]["source"] == start and hops[-1]["target"] == end
    for hop, following in zip(hops, hops[1:] + [None], strict=True):
        assert graph.has_edge(hop["source"], hop["target"])
        assert hop["evidence"]["sentence"] in graph.edges[hop["source"], hop["target"]]["evidence"]
        if following:
            assert following["source"] == hop["target"]
    strong = run_json("path", start, end, "--graph", graph_file, "--prefer", "strength")
    assert strong["hops"][0]["source"] == start and strong["hops"][-1]["target"] == end
    table = run("path", start, end, "--graph", graph_file)
    assert table.exit_code == 0
    assert " -> ".join([start] + [h["target"] for h in hops]) in table.stdout


def test_path_to_an_unlinked_entity_is_a_one_line_error(graph, tmp_path):
    copy = graph.copy()
    copy.add_node("Nobody Atall", **coerce_node({"label": "Nobody Atall", "type": "person"}))
    write_json(copy, tmp_path / "graph.json")
    result = run("path", most_central(graph), "nobody atall", "--graph", tmp_path)
    assert result.exit_code == 1
    assert "no path between" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_communities_cover_the_graph_and_are_named_by_their_members(graph, graph_file):
    data = run_json("communities", "--graph", graph_file, "--min-size", "1")
    members = [m["id"] for c in data["communities"] for m in c["members"]]
    assert sorted(members) == sorted(graph)
    for c in data["communities"]:
        assert {graph.nodes[m["id"]]["community"] for m in c["members"]} == {c["id"]}
        assert c["name"].split(" / ")[0] == c["members"][0]["label"]
    largest = data["communities"][0]
    table = run("communities", "--graph", graph_file)
    assert table.exit_code == 0 and largest["name"] in table.stdout


def test_stats_match_the_graph_and_rank_documents_by_mentions(graph, graph_file, sample_out):
    data = run_json("stats", "--graph", graph_file)
    assert data["entities"] == graph.number_of_nodes() and data["relations"] == graph.number_of_edges()
    assert sum(data["by_type"].values()) == graph.number_of_nodes()
    assert data["components"] == nx.number_connected_components(graph)
    assert data["density"] == pytest.approx(nx.density(graph))
    assert data["top_documents_by"] == "mentions"  # documents.csv is next to graph.json
    documents = (sample_out / "documents.csv").read_text(encoding="utf-8")
    assert data["top_documents"] and all(d["id"] in documents for d in data["top_documents"])
    counts = [d["count"] for d in data["top_documents"]]
    assert counts == sorted(counts, reverse=True)
    table = run("stats", "--graph", sample_out)
    assert table.exit_code == 0
    assert f"{graph.number_of_nodes()} (" in table.stdout and "top documents by mentions" in table.stdout


def test_every_command_reads_a_missing_graph_as_a_hint_to_build(tmp_path):
    for command in [*COMMANDS_WITHOUT_NAME, ["show", "x"], ["neighbors", "x"], ["path", "x", "y"]]:
        result = run(*command, "--graph", tmp_path / "none.json")
        assert result.exit_code == 2, command
        assert "graphkit build" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    broken = run("top", "--graph", tmp_path)
    assert broken.exit_code == 2 and "graphkit build" in broken.stderr


def test_an_empty_graph_answers_without_errors(tmp_path):
    write_json(nx.Graph(), tmp_path / "graph.json")
    assert run_json("top", "--graph", tmp_path)["entities"] == []
    assert run_json("communities", "--graph", tmp_path)["communities"] == []
    stats = run_json("stats", "--graph", tmp_path)
    assert (stats["entities"], stats["relations"], stats["components"]) == (0, 0, 0)
    for command in COMMANDS_WITHOUT_NAME:
        result = run(*command, "--graph", tmp_path)
        assert result.exit_code == 0, command
    unknown = run("show", "Putin", "--graph", tmp_path)
    assert unknown.exit_code == 1 and "no entity named" in unknown.stderr


def test_json_is_all_that_goes_to_stdout(graph, graph_file):
    node = most_central(graph)
    other = next(iter(graph.neighbors(node)))
    for command in [*COMMANDS_WITHOUT_NAME, ["show", node], ["neighbors", node], ["path", node, other]]:
        result = run(*command, "--graph", graph_file, "--json")
        assert result.exit_code == 0, command
        json.loads(result.stdout)


def test_open_opens_the_page_in_the_browser(sample_out, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda uri: opened.append(uri) or True)
    result = run("open", sample_out)
    assert result.exit_code == 0
    assert opened == [(sample_out / "graph.html").resolve().as_uri()]
    data = run_json("open", sample_out / "graph.json")
    assert data["opened"] and data["uri"] == opened[0]
    missing = run("open", tmp_path / "graph.html")
    assert missing.exit_code == 2 and "graphkit build" in missing.stderr
    monkeypatch.setattr(webbrowser, "open", lambda uri: False)
    nobrowser = run("open", sample_out)
    assert nobrowser.exit_code == 1 and "no browser" in nobrowser.stderr
