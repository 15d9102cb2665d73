"""Filters and name matching on the bundled sample corpus, through the Python API and `graphkit export`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.export.graphfile import read_graph
from graphkit.query.filters import (
    AmbiguousName,
    FilterError,
    UnknownName,
    aliases_of,
    filter_graph,
    find_nodes,
    parse_types,
    resolve_node,
    suggest_nodes,
)
from graphkit.schema import coerce_edge, coerce_node

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(sample_build, sample_out) -> Path:
    return sample_out / "graph.json"


@pytest.fixture(scope="module")
def graph(graph_file) -> nx.Graph:
    return read_graph(graph_file)


def most_central(graph: nx.Graph):
    return max(graph, key=lambda n: (graph.nodes[n]["pagerank"], str(n)))


def export(tmp_path: Path, graph_file: Path, *args: str) -> tuple[nx.Graph, object]:
    out = tmp_path / "part.json"
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return read_graph(out), result


def assert_induced(part: nx.Graph, graph: nx.Graph) -> None:
    """Every node keeps its attributes, and every edge of the full graph between kept nodes is kept."""
    for node, data in part.nodes(data=True):
        assert data == graph.nodes[node]
    assert set(map(frozenset, part.edges)) == set(map(frozenset, graph.subgraph(part.nodes).edges))


# --- names ----------------------------------------------------------------------------------------


def test_every_entity_is_found_by_its_label_and_each_alias_in_any_case(graph):
    for node, data in graph.nodes(data=True):
        assert node in find_nodes(graph, data["label"].upper()), node
        assert node in find_nodes(graph, f"  {data['label'].lower()} "), node
        for alias in aliases_of(data):
            assert node in find_nodes(graph, alias.swapcase()), (node, alias)


def test_names_match_without_accents_and_best_match_first():
    graph = nx.Graph()
    graph.add_node(
        "Recep Tayyip Erdoğan",
        **coerce_node({"label": "Recep Tayyip Erdoğan", "aliases": "Erdoğan | Recep Tayyip Erdoğan", "pagerank": 0.2}),
    )
    graph.add_node("Erdogan Street", **coerce_node({"label": "Erdogan Street", "aliases": "Erdogan", "pagerank": 0.5}))
    graph.add_node("Erdogan", **coerce_node({"label": "Erdogan Bayraktar", "pagerank": 0.1}))
    # the id first, then aliases by PageRank
    assert find_nodes(graph, "ERDOGAN") == ["Erdogan", "Erdogan Street", "Recep Tayyip Erdoğan"]
    assert find_nodes(graph, "recep tayyip erdogan") == ["Recep Tayyip Erdoğan"]
    assert find_nodes(graph, "Ankara") == []
    assert resolve_node(graph, "erdoğan") == "Erdogan"  # an id wins over aliases


def test_a_name_two_entities_share_is_ambiguous_and_their_ids_tell_them_apart():
    graph = nx.Graph()
    graph.add_node("Georgia (country)", **coerce_node({"label": "Georgia", "type": "country", "pagerank": 0.3}))
    graph.add_node("Georgia (person)", **coerce_node({"label": "Georgia", "type": "person", "pagerank": 0.1}))
    with pytest.raises(AmbiguousName) as error:
        resolve_node(graph, "georgia")
    assert error.value.candidates == ["Georgia (country)", "Georgia (person)"]
    assert resolve_node(graph, "Georgia (person)") == "Georgia (person)"
    assert find_nodes(graph, "GEORGIA") == ["Georgia (country)", "Georgia (person)"]


def test_an_unknown_name_gets_suggestions(graph):
    centre = most_central(graph)
    typo = str(centre)[:-1] + "x"
    assert find_nodes(graph, typo) == []
    assert centre in suggest_nodes(graph, typo)
    with pytest.raises(UnknownName) as error:
        resolve_node(graph, typo)
    assert centre in error.value.suggestions and "did you mean" in str(error.value)


# --- each filter, through the API ---------------------------------------------------------------------


def test_types_keeps_only_those_types_and_the_relations_among_them(graph):
    part = filter_graph(graph, types="person,organization")
    wanted = [n for n, d in graph.nodes(data=True) if d["type"] in ("person", "organization")]
    assert set(part.nodes) == set(wanted)
    assert {d["type"] for _, d in part.nodes(data=True)} == {"person", "organization"}
    assert_induced(part, graph)
    assert parse_types("People, countries,organisations") == ["person", "country", "organization"]
    with pytest.raises(FilterError, match="unknown entity type"):
        filter_graph(graph, types="planets")


def test_min_weight_keeps_strong_relations_and_the_entities_they_join(graph):
    weights = sorted({d["weight"] for _, _, d in graph.edges(data=True)})
    assert len(weights) > 1, "the sample should have relations of different strength"
    threshold = weights[1]
    part = filter_graph(graph, min_weight=threshold)
    strong = [(u, v) for u, v, d in graph.edges(data=True) if d["weight"] >= threshold]
    assert set(map(frozenset, part.edges)) == set(map(frozenset, strong))
    assert set(part.nodes) == {n for edge in strong for n in edge}  # no entity is left without a relation
    assert all(part.degree(n) > 0 for n in part)


def test_top_keeps_the_highest_pagerank(graph):
    part = filter_graph(graph, top=10)
    assert part.number_of_nodes() == 10
    lowest_kept = min(d["pagerank"] for _, d in part.nodes(data=True))
    assert all(d["pagerank"] <= lowest_kept for n, d in graph.nodes(data=True) if n not in part)
    assert_induced(part, graph)


def test_focus_with_one_hop_is_the_entity_and_exactly_its_neighbours(graph):
    centre = most_central(graph)
    part = filter_graph(graph, focus=str(centre).upper(), hops=1)
    assert set(part.nodes) == {centre, *graph.neighbors(centre)}
    assert_induced(part, graph)
    two = filter_graph(graph, focus=str(centre), hops=2)
    assert set(two.nodes) == set(nx.ego_graph(graph, centre, radius=2).nodes)
    assert set(filter_graph(graph, focus=str(centre), hops=0).nodes) == {centre}
    assert part.graph["filter"] == f"focus={centre} hops=1"


def test_focus_by_alias(graph):
    node, alias = next(
        (
            (n, a)
            for n, d in graph.nodes(data=True)
            for a in aliases_of(d)
            if a.lower() != d["label"].lower() and find_nodes(graph, a) == [n]
        ),
        (None, None),
    )
    if node is None:
        pytest.skip("no entity of the sample has an alias of its own")
    assert set(filter_graph(graph, focus=alias).nodes) == {node, *graph.neighbors(node)}


def test_component_largest_is_connected_and_the_biggest(graph):
    sizes = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    assert len(sizes) > 1, "the sample graph should have more than one component"
    part = filter_graph(graph, component="largest")
    assert nx.is_connected(part) and part.number_of_nodes() == sizes[0]
    assert_induced(part, graph)


def test_isolated_entities_stay_for_entity_filters_and_go_for_min_weight():
    graph = nx.Graph()
    for name, kind, rank in [("A", "person", 0.4), ("B", "person", 0.3), ("C", "country", 0.2), ("D", "person", 0.1)]:
        graph.add_node(name, **coerce_node({"label": name, "type": kind, "pagerank": rank}))
    graph.add_edge("A", "C", **coerce_edge({"weight": 1.0}))
    graph.add_edge("B", "C", **coerce_edge({"weight": 3.0}))
    assert set(filter_graph(graph, types="person").nodes) == {"A", "B", "D"}  # now isolated, still asked for
    assert set(filter_graph(graph, top=2).nodes) == {"A", "B"}
    assert set(filter_graph(graph, min_weight=2).nodes) == {"B", "C"}
    # the focus entity is kept by every filter, even when nothing else is
    assert set(filter_graph(graph, focus="a", min_weight=2).nodes) == {"A"}
    assert set(filter_graph(graph, focus="c", types="person").nodes) == {"A", "B", "C"}
    assert set(filter_graph(graph, focus="c", top=2).nodes) == {"C", "A"}
    assert graph.number_of_nodes() == 4, "the input graph is left as it is"


# --- through the CLI ---------------------------------------------------------------------------------


def test_cli_each_filter(graph, graph_file, tmp_path):
    part, _ = export(tmp_path, graph_file, "--types", "country")
    assert part.number_of_nodes() and {d["type"] for _, d in part.nodes(data=True)} == {"country"}
    part, _ = export(tmp_path, graph_file, "--min-weight", "2")
    assert part.number_of_edges() and all(d["weight"] >= 2 for _, _, d in part.edges(data=True))
    part, _ = export(tmp_path, graph_file, "--top", "5")
    assert set(part) == set(sorted(graph, key=lambda n: -graph.nodes[n]["pagerank"])[:5])
    part, _ = export(tmp_path, graph_file, "--component", "largest")
    assert nx.is_connected(part) and part.number_of_nodes() == max(map(len, nx.connected_components(graph)))
    centre = most_central(graph)
    part, result = export(tmp_path, graph_file, "--focus", str(centre).lower(), "--hops", "1")
    assert set(part) == {centre, *graph.neighbors(centre)}
    assert f"{part.number_of_nodes()} entities" in result.output


def test_cli_writes_every_format_from_the_saved_graph(graph, graph_file, tmp_path):
    for name, fmt in [
        ("p.graphml", None),
        ("p.gexf", None),
        ("p.json", None),
        ("p.cypher", None),
        ("p.html", None),
        ("tables", "csv"),
        ("p.xml", "graphml"),
    ]:
        args = ["export", str(graph_file), "-o", str(tmp_path / name), "--top", "20"]
        result = runner.invoke(app, args + (["--format", fmt] if fmt else []))
        assert result.exit_code == 0, (name, result.output)
    assert read_graph(tmp_path / "p.graphml").number_of_nodes() == 20
    assert read_graph(tmp_path / "p.xml").number_of_nodes() == 20
    assert (tmp_path / "tables" / "entities.csv").exists() and (tmp_path / "tables" / "relations.csv").exists()
    assert (tmp_path / "p.html").stat().st_size > 0


def test_cli_unknown_name_is_one_line_with_suggestions(graph, graph_file, tmp_path):
    centre = most_central(graph)
    out = tmp_path / "x.graphml"
    result = runner.invoke(app, ["export", str(graph_file), "--focus", str(centre)[:-1] + "x", "-o", str(out)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "did you mean" in lines[0] and str(centre) in lines[0]
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--hops", "2"], "--hops needs --focus"),
        (["--component", "smallest"], "unknown --component"),
        (["--types", "planet"], "unknown entity type"),
        (["--top", "0"], "--top must be 1 or more"),
        (["--min-weight", "1000"], "leave no entity"),
    ],
)
def test_cli_bad_filters_are_one_line_errors(graph_file, tmp_path, args, message):
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "x.gexf"), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_cli_bad_graph_or_output_are_one_line_errors(graph_file, tmp_path):
    missing = runner.invoke(app, ["export", str(tmp_path / "nothing.json"), "-o", str(tmp_path / "x.gexf")])
    assert missing.exit_code == 2 and "no graph at" in missing.output
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["export", str(broken), "-o", str(tmp_path / "x.gexf")])
    assert result.exit_code == 2 and "broken.json" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path / "x.dat")])
    assert result.exit_code == 2 and "--format" in result.output
