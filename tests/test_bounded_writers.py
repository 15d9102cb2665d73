"""The files of a build are the same bytes whether the writers hold the whole graph's text or a slice of it.

GraphML, GEXF and graph.json are written a slice of items at a time, so that a large graph's files never sit
whole in memory; the records of the extractions have slots. These tests hold each to what the whole-graph
way wrote, on the sample articles and the seed articles.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import networkx as nx
import pytest

from graphkit import BuildResult, build
from graphkit.export import values
from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.json import _encode, write_json
from graphkit.extract.cache import _encode as encode_extraction
from graphkit.graph.build import Corpus, crowds, each_relation_edge, relation_edges

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed articles at {SEEDS}")
    return build([SEEDS], tmp_path_factory.mktemp("seeds-output"), cache=False, workers=1)


@pytest.fixture(params=["sample", "seeds"])
def built(request: pytest.FixtureRequest) -> BuildResult:
    return request.getfixturevalue("sample_build" if request.param == "sample" else "seeds_build")


def whole_json(graph: nx.Graph, path: Path) -> None:
    """graph.json as it was written before it streamed: networkx's node_link_data of the whole graph first."""
    data = nx.node_link_data(graph, edges="edges")
    head = {key: value for key, value in data.items() if key not in ("graph", "nodes", "edges")}
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(_encode(head)[:-1] + ', "graph": ' + _encode(data["graph"]) + ',\n"nodes": [')
        handle.write(("\n" + ",\n".join(map(_encode, data["nodes"])) if data["nodes"] else "") + "\n")
        handle.write('],\n"edges": [')
        handle.write(("\n" + ",\n".join(map(_encode, data["edges"])) if data["edges"] else "") + "\n")
        handle.write("]}\n")


def test_graph_json_is_the_node_link_data_of_the_whole_graph(built: BuildResult, tmp_path: Path) -> None:
    whole_json(built.graph, tmp_path / "whole.json")
    write_json(built.graph, tmp_path / "streamed.json")
    assert built.graph.number_of_edges() > 0
    assert (tmp_path / "streamed.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
    assert (built.outputs["graph.json"]).read_bytes() == (tmp_path / "whole.json").read_bytes()


@pytest.mark.parametrize("write", [write_graphml, write_gexf], ids=["graphml", "gexf"])
def test_graph_files_written_in_slices_are_those_written_whole(
    built: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write
) -> None:
    monkeypatch.setattr(values, "ROWS_PER_SLICE", 10**9)
    write(built.graph, tmp_path / "whole")
    monkeypatch.setattr(values, "ROWS_PER_SLICE", 3)  # many slices, the last one short
    write(built.graph, tmp_path / "sliced")
    whole = (tmp_path / "whole").read_bytes()
    assert whole.count(b"<edge ") == built.graph.number_of_edges() > 3
    assert (tmp_path / "sliced").read_bytes() == whole


def test_edges_made_one_at_a_time_are_those_made_together(built: BuildResult) -> None:
    graph = built.graph
    corpus = Corpus(
        labels={node: data["label"] for node, data in graph.nodes(data=True)},
        dates={d.id: d.date for d in built.documents},
        duplicates={d.id for d in built.documents if d.duplicate_of},
        crowd=crowds(built.relations),
    )
    together = relation_edges(built.relations, corpus)
    assert list(each_relation_edge(built.relations, corpus)) == together
    assert [(u, v) for u, v, _ in together] == sorted(tuple(sorted(e)) for e in graph.edges())


def test_cached_extractions_keep_every_field_in_order(built: BuildResult) -> None:
    """The records have slots, not a __dict__: the cache still stores each as its fields, in their order."""
    for extraction in built.extractions:
        data = extraction.to_dict()
        del data["document"]
        stored = zlib.decompress(encode_extraction(extraction)).decode("utf-8")
        assert stored == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
