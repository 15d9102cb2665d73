"""graph.sqlite, the indexed store beside graph.json: `show`, `neighbors` and `path` answer from it exactly as
from graph.json, and a store that no longer agrees with graph.json is never used.

The sample corpus is built once per session (tests/conftest.py); each answer through the store is compared
with the same command on a copy of the build without the store, which reads graph.json.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app, out
from graphkit.export.graphfile import open_graph, read_graph
from graphkit.export.graphstore import STORE_FILE, StoredGraph, write_graph_store
from graphkit.export.json import write_json
from graphkit.query import questions
from graphkit.schema import coerce_edge, coerce_node


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch):
    monkeypatch.setattr(out, "width", 240)


@pytest.fixture(scope="module")
def both(sample_build, sample_out, tmp_path_factory) -> tuple[Path, Path]:
    """The build with its store, and a copy of it without (graph.json read in full)."""
    plain = tmp_path_factory.mktemp("without-store")
    for file in sample_out.iterdir():
        if file.is_file() and file.name != STORE_FILE:
            shutil.copy2(file, plain / file.name)
    return sample_out, plain


@pytest.fixture(scope="module")
def graph(both) -> nx.Graph:
    return read_graph(both[1])


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def same_answer(both: tuple[Path, Path], *args: str) -> str:
    stored, plain = both
    answer = run(*args, "--graph", stored)
    assert answer == run(*args, "--graph", plain), args
    return answer[1]


def test_the_build_writes_a_store_that_the_queries_open(both):
    stored, plain = both
    assert (stored / STORE_FILE).is_file()
    store = open_graph(stored)
    assert isinstance(store, StoredGraph)
    store.close()
    assert isinstance(open_graph(plain), nx.Graph)


def test_show_and_neighbors_answer_the_same_for_every_entity(both, graph):
    names = sorted(graph)
    for node in names:
        same_answer(both, "show", node, "--json")
        same_answer(both, "neighbors", node, "--hops", "2", "--json")
    for node in names[:: max(1, len(names) // 12)]:  # the tables too, for a dozen of them
        assert node in same_answer(both, "show", node, "--all", "--relations", "50")
        same_answer(both, "neighbors", node)


def test_names_resolve_the_same_way(both, graph):
    """Aliases in any case, an ambiguous name, an unknown one with its suggestions."""
    node = max(graph, key=lambda n: graph.nodes[n]["pagerank"])
    for alias in graph.nodes[node]["aliases"].split(" | "):
        same_answer(both, "show", alias.upper(), "--json")
    assert "no entity named" in same_answer(both, "show", "Nobody Atall Inthese Articles")
    assert "no entity named" in same_answer(both, "neighbors", node[:-2])


def test_path_answers_the_same_for_pairs_of_entities(both, graph):
    central = sorted(graph, key=lambda n: -graph.nodes[n]["pagerank"])[:8]
    far = sorted(graph, key=lambda n: graph.nodes[n]["pagerank"])[:4]
    for a, b in itertools.combinations(central + far, 2):
        for prefer in ("hops", "strength"):
            same_answer(both, "path", a, b, "--prefer", prefer, "--json")
    same_answer(both, "path", central[0], central[1])


def test_the_store_knows_which_entities_are_connected(both, graph):
    store = open_graph(both[0])
    assert isinstance(store, StoredGraph)
    components = [sorted(c) for c in nx.connected_components(graph)]
    assert len(components) > 1
    for component in components:
        assert all(store.connected(component[0], node) for node in component)
    firsts = [c[0] for c in components]
    assert not any(store.connected(a, b) for a, b in itertools.combinations(firsts, 2))
    store.close()


def test_the_path_search_is_networkx_dijkstra_tie_for_tie(graph):
    """The one search both readers use picks the very path networkx's Dijkstra does, equal costs included."""
    nodes = sorted(graph)
    for prefer in ("hops", "strength"):
        cost = questions._hop_costs(graph, prefer)

        def weight(u, v, d, cost=cost):
            return cost(d["weight"], bool(d["statements"]))

        for a, b in itertools.combinations(nodes[::3], 2):
            expected = nx.dijkstra_path(graph, a, b, weight=weight) if nx.has_path(graph, a, b) else None
            assert questions._cheapest_path(graph, a, b, cost) == expected, (a, b, prefer)


def edited_copy(both: tuple[Path, Path], tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the build with its store, where graph.json then gets one entity relabelled."""
    stored, _ = both
    folder = tmp_path / "build"
    shutil.copytree(stored, folder)
    graph = read_graph(folder)
    node = max(graph, key=lambda n: graph.nodes[n]["pagerank"])
    graph.nodes[node]["label"] = "Relabelled By Hand"
    write_json(graph, folder / "graph.json")
    return folder, node, "Relabelled By Hand"


def test_a_store_older_than_an_edited_graph_json_is_not_used(both, tmp_path):
    folder, node, label = edited_copy(both, tmp_path)
    assert not isinstance(open_graph(folder), StoredGraph)
    code, output = run("show", node, "--json", "--graph", folder)
    assert code == 0 and label in output
    code, output = run("show", label, "--graph", folder)
    assert code == 0 and label in output


def test_a_store_from_another_version_or_another_graph_file_is_not_used(both, tmp_path):
    stored, _ = both
    folder = tmp_path / "build"
    shutil.copytree(stored, folder)
    with sqlite3.connect(folder / STORE_FILE) as db:
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'version'")
    db.close()
    assert not isinstance(open_graph(folder), StoredGraph)
    shutil.copy2(stored / STORE_FILE, folder / STORE_FILE)
    assert isinstance(open_graph(folder), StoredGraph)
    shutil.copy2(folder / "graph.json", folder / "other.json")
    assert not isinstance(open_graph(folder / "other.json"), StoredGraph)


def test_a_damaged_store_falls_back_to_graph_json(both, tmp_path):
    stored, _ = both
    folder = tmp_path / "build"
    shutil.copytree(stored, folder)
    (folder / STORE_FILE).write_bytes(b"not a database at all")
    assert not isinstance(open_graph(folder), StoredGraph)
    node = sorted(read_graph(folder))[0]
    assert run("show", node, "--graph", folder)[0] == 0


def test_a_store_made_with_mentions_csv_that_changed_since_is_not_used(both, tmp_path):
    stored, _ = both
    folder = tmp_path / "build"
    shutil.copytree(stored, folder)
    mentions = folder / "mentions.csv"
    status = mentions.stat()
    os.utime(mentions, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert not isinstance(open_graph(folder), StoredGraph)


@pytest.fixture
def islands(tmp_path) -> tuple[Path, Path]:
    """A graph of two components (Alpha - Beta - Gamma, Delta - Epsilon) saved with its store, and a copy of
    graph.json alone."""
    graph = nx.Graph(name="islands")
    for node, kind in (("Alpha", "person"), ("Beta", "country"), ("Gamma", "person"), ("Delta", "person")):
        graph.add_node(node, **coerce_node({"label": node, "type": kind, "aliases": node}))
    graph.add_node("Epsilon", **coerce_node({"label": "Epsilon", "type": "organization", "aliases": "Epsilon"}))
    for u, v in (("Alpha", "Beta"), ("Delta", "Epsilon"), ("Beta", "Gamma")):
        graph.add_edge(u, v, **coerce_edge({"weight": 2.0, "evidence": f"[a.txt] {u} met {v}.", "documents": 1}))
    stored, plain = tmp_path / "stored", tmp_path / "plain"
    for folder in (stored, plain):
        folder.mkdir()
        write_json(graph, folder / "graph.json")
    write_graph_store(graph, stored / STORE_FILE, made_from=[stored / "graph.json"])
    return stored, plain


def test_a_path_between_two_components_is_no_path_from_the_store_as_from_graph_json(islands):
    assert "Alpha -> Beta -> Gamma  (2 hops)" in same_answer(islands, "path", "alpha", "gamma")
    for a, b in (("Alpha", "Epsilon"), ("Delta", "Gamma")):
        code, output = run("path", a, b, "--graph", islands[0])
        assert code == 1 and f"no path between {a} and {b}" in output
        same_answer(islands, "path", a, b, "--prefer", "strength")


def test_the_store_answers_no_path_without_walking_either_component(islands, monkeypatch):
    """A path from an entity of a large component to one outside it reads no neighbours: the component of
    each end is in the store, so the answer does not wait for a walk through all that one end reaches."""
    store = open_graph(islands[0])
    assert isinstance(store, StoredGraph)
    walked: list[int] = []
    adjacent = StoredGraph._adjacent
    monkeypatch.setattr(StoredGraph, "_adjacent", lambda self, seq: walked.append(seq) or adjacent(self, seq))
    with pytest.raises(questions.NoPath):
        questions.path(store, "Alpha", "Epsilon")
    assert walked == []
    assert [hop.target for hop in questions.path(store, "Alpha", "Gamma").hops] == ["Beta", "Gamma"]
    assert walked
    store.close()


@pytest.fixture
def lattice(tmp_path) -> tuple[nx.Graph, StoredGraph]:
    """A 6 x 7 grid with a few diagonals, weights of 1 or 2 and some typed edges, saved with its store: many
    paths of the fewest hops between two corners, often of equal cost, so that only the very search networkx
    makes picks the same one."""
    rng = random.Random(7)
    grid = nx.grid_2d_graph(6, 7)
    grid.add_edges_from(((x, y), (x + 1, y + 1)) for x in range(5) for y in range(6) if rng.random() < 0.2)
    graph = nx.Graph(name="lattice")
    names = {node: f"N{node[0]}{node[1]}" for node in sorted(grid, key=lambda node: rng.random())}
    for name in names.values():
        graph.add_node(name, **coerce_node({"label": name, "type": "person", "aliases": name}))
    for u, v in sorted(grid.edges, key=lambda edge: rng.random()):
        typed = rng.random() < 0.3
        attrs = {"weight": float(rng.choice((1, 1, 2))), "statements": f"{names[u]} met {names[v]}" if typed else ""}
        graph.add_edge(names[u], names[v], **coerce_edge(attrs))
    write_json(graph, tmp_path / "graph.json")
    write_graph_store(graph, tmp_path / STORE_FILE, made_from=[tmp_path / "graph.json"])
    store = open_graph(tmp_path)
    assert isinstance(store, StoredGraph)
    return read_graph(tmp_path), store


def test_the_fewest_hops_search_from_both_ends_picks_networkx_dijkstra_path(lattice, graph, both):
    """The path of fewest hops (then the most typed edges, then the strongest) found from both ends at once,
    over graph.json's graph and over the store, is the one networkx's Dijkstra gives with the same costs."""
    store = open_graph(both[0])
    assert isinstance(store, StoredGraph)
    for whole, stored in (lattice, (graph, store)):
        cost = questions._hop_costs(whole, "hops")

        def weight(u, v, d, cost=cost):
            return cost(d["weight"], bool(d["statements"]))

        nodes = sorted(whole)
        for a, b in itertools.combinations(nodes[:: max(1, len(nodes) // 40)], 2):
            expected = nx.dijkstra_path(whole, a, b, weight=weight) if nx.has_path(whole, a, b) else None
            assert questions._fewest_hops_path(whole, a, b, cost) == expected, (a, b)
            assert questions._fewest_hops_path(stored, a, b, cost) == expected, (a, b)
    store.close()


@pytest.mark.parametrize("by", questions.RANKINGS)
def test_top_answers_from_the_store_as_from_graph_json(both, graph, by):
    types = sorted({d.get("type", "") for _, d in graph.nodes(data=True)})
    for kind in [None, *types]:
        arguments = ["top", "--by", by, "-n", "500", "--json"] + (["--type", kind] if kind else [])
        assert '"entities"' in same_answer(both, *arguments)
    store = open_graph(both[0])
    assert isinstance(store, StoredGraph)
    ranked = store.ranked(by, None, None)
    store.close()
    assert ranked is not None and len(ranked) == graph.number_of_nodes()  # sorted in SQL, not by walking nodes
    assert [e.id for e in questions.top(graph, by=by, n=None)] == ranked
