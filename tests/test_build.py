"""The core contract: a folder of articles becomes every output file, each with the documented schema."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
from typer.testing import CliRunner

from graphkit import OUTPUT_FILES
from graphkit.cli import app
from graphkit.export.tables import DOCUMENT_COLUMNS, EVIDENCE_COLUMNS, MENTION_COLUMNS
from graphkit.schema import EDGE_ATTRIBUTES, ENTITY_TYPES, NODE_ATTRIBUTES

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_output_file_is_written(sample_build, sample_out):
    for name in OUTPUT_FILES:
        assert (sample_out / name).stat().st_size > 0, name
    assert not list(sample_out.glob(".*.tmp")), "temporary files left behind"


def test_the_sample_graph_has_people_countries_and_organizations(sample_build):
    types = {data["type"] for _, data in sample_build.graph.nodes(data=True)}
    assert {"person", "country", "organization"} <= types
    assert sample_build.graph.number_of_edges() > 0


def test_graphml_parses_with_xml_and_igraph_and_has_ids_and_labels(sample_build, sample_out):
    path = sample_out / "graph.graphml"
    root = ET.parse(path).getroot()
    nodes = root.findall(f".//{GRAPHML}node")
    assert len(nodes) == sample_build.graph.number_of_nodes()
    for node in nodes:
        assert node.get("id")
        labels = [d.text for d in node.findall(f"{GRAPHML}data") if d.get("key") == "label"]
        assert labels and labels[0], node.get("id")
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == sample_build.graph.number_of_nodes()
    assert g.ecount() == sample_build.graph.number_of_edges()
    assert set(NODE_ATTRIBUTES) <= set(g.vs.attributes())


def test_graph_json_is_node_link_with_the_schema(sample_build, sample_out):
    data = json.loads((sample_out / "graph.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_nodes() == sample_build.graph.number_of_nodes()
    for _, attrs in graph.nodes(data=True):
        for name, (kind, _) in NODE_ATTRIBUTES.items():
            assert isinstance(attrs[name], kind), (name, attrs[name])
        assert attrs["type"] in ENTITY_TYPES
    for _, _, attrs in graph.edges(data=True):
        for name, (kind, _) in EDGE_ATTRIBUTES.items():
            assert isinstance(attrs[name], kind), (name, attrs[name])
        assert attrs["weight"] > 0 and attrs["evidence"]


def test_gexf_parses(sample_build, sample_out):
    graph = nx.read_gexf(sample_out / "graph.gexf")
    assert graph.number_of_nodes() == sample_build.graph.number_of_nodes()


def test_tables_have_gephi_columns_and_one_row_per_item(sample_build, sample_out):
    entities = read_csv(sample_out / "entities.csv")
    assert list(entities[0])[:6] == ["Id", "Label", "Type", "Aliases", "Mentions", "Documents"]
    assert len(entities) == sample_build.graph.number_of_nodes()
    relations = read_csv(sample_out / "relations.csv")
    assert list(relations[0])[:5] == ["Source", "Target", "Type", "Weight", "Label"]
    assert "Evidence" in relations[0]
    assert len(relations) == sample_build.graph.number_of_edges()
    documents = read_csv(sample_out / "documents.csv")
    assert list(documents[0]) == DOCUMENT_COLUMNS
    assert len(documents) == len(sample_build.documents)
    assert list(read_csv(sample_out / "evidence.csv")[0]) == EVIDENCE_COLUMNS


def test_mention_offsets_point_at_the_mention_in_the_document_text(sample_build, sample_out):
    mentions = read_csv(sample_out / "mentions.csv")
    assert list(mentions[0]) == MENTION_COLUMNS
    texts = {d.id: d.text for d in sample_build.documents}
    for row in mentions:
        if row["source"] == "byline" and row["start"] == "-1":
            continue  # the author came from metadata, not from the text
        assert texts[row["document"]][int(row["start"]) : int(row["end"])] == row["text"]


def test_the_page_loads_nothing_from_the_network(sample_build, sample_out):
    html = (sample_out / "graph.html").read_text(encoding="utf-8")
    assert 'src="http' not in html and 'href="http' not in html


def test_cli_build_prints_a_summary_and_where_the_page_is(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Leaders meet in Sochi\n\nVladimir Putin met Sadyr Japarov in Sochi on Monday. "
        "Russia and Kyrgyzstan discussed the Eurasian Economic Union.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 read" in result.output
    assert "graph.html" in result.output
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).exists()
