"""Every character that XML, CSV and JSON treat specially survives the writers, wherever it sits in the graph."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.json import read_json, write_json
from graphkit.export.tables import write_entities_csv, write_evidence_csv, write_relations_csv
from graphkit.export.values import clean_graph, clean_text
from graphkit.model import Evidence, Relation
from graphkit.schema import coerce_edge, coerce_node

# XML specials in text and in attributes, both quotes, a CDATA end, a tab and line breaks (literal ones in an
# XML attribute would come back as spaces), CSV specials, non-ASCII and an emoji outside the BMP
HOSTILE = [
    "<script>alert('x')</script>",
    "a & b \"quoted\" 'single'",
    "]]> -->",
    "tab\there",
    "two\nlines",
    "crlf\r\nend",
    'comma, "quote"',
    "Эрдоган Erdoğan 北京 😀",
    "&amp; &lt;",
    " padded ",
]


def hostile_graph() -> nx.Graph:
    graph = nx.Graph(name='names <&> "quoted"\nand lines')
    for index, text in enumerate(HOSTILE):
        graph.add_node(
            text,
            **coerce_node(
                {
                    "label": text,
                    "type": "person",
                    "aliases": f"{text} | alias {index}",
                    "mentions": index + 1,
                    "documents": 1,
                    "x": index * 1.5,
                    "y": -index,
                }
            ),
        )
    for first, second in zip(HOSTILE, HOSTILE[1:], strict=False):
        graph.add_edge(
            first,
            second,
            **coerce_edge(
                {
                    "weight": 2.0,
                    "label": f"{first} met {second}",
                    "relation": "met",
                    "evidence": f"[doc-1] {first}\n{second}",
                }
            ),
        )
    return graph


def file_id(node: str) -> str:
    """A node's id in the XML and CSV files: clean and stripped."""
    return clean_text(node).strip()


def test_text_is_kept_when_it_has_nothing_to_remove_and_cleaned_when_it_has():
    # clean_text skips text that str.isprintable() accepts: every character it removes must fail that test
    forbidden = [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
    for code in forbidden:
        expected = "a\nb" if chr(code) in "\n\r" else "a\tb" if chr(code) == "\t" else "ab"
        assert clean_text(f"a{chr(code)}b") == expected, hex(code)
    assert clean_text("a\r\nb\u00adc\u200bd 😀") == "a\nb\u00adc\u200bd 😀"  # soft hyphen, zero-width space kept


@pytest.mark.parametrize("reader", ["networkx", "igraph"])
def test_graphml_keeps_every_hostile_string(tmp_path, reader):
    graph = hostile_graph()
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    ET.parse(path)
    if reader == "igraph":
        back = igraph.Graph.Read_GraphML(str(path))
        labels = {v["label"]: v for v in back.vs}
        for node, data in graph.nodes(data=True):
            assert labels[clean_text(node)]["aliases"] == clean_text(data["aliases"])
        assert sorted(e["label"] for e in back.es) == sorted(clean_text(d["label"]) for *_, d in graph.edges(data=True))
        return
    back = nx.read_graphml(path)
    assert set(back) == {file_id(n) for n in graph}
    for node, data in graph.nodes(data=True):
        got = back.nodes[file_id(node)]
        assert (got["label"], got["aliases"], got["x"]) == (
            clean_text(data["label"]),
            clean_text(data["aliases"]),
            data["x"],
        )
    for u, v, data in graph.edges(data=True):
        got = back.edges[file_id(u), file_id(v)]
        assert (got["label"], got["evidence"]) == (clean_text(data["label"]), clean_text(data["evidence"]))
    assert back.graph["name"] == clean_text(graph.graph["name"])


def test_gexf_keeps_every_hostile_string_even_line_breaks_in_attributes(tmp_path):
    graph = hostile_graph()
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    ET.parse(path)
    back = nx.read_gexf(path, version="1.3")
    assert set(back) == {file_id(n) for n in graph}
    for node, data in graph.nodes(data=True):
        got = back.nodes[file_id(node)]
        assert (got["label"], got["aliases"]) == (clean_text(data["label"]), clean_text(data["aliases"]))
        assert got["viz"]["position"]["x"] == data["x"]
    for u, v, data in graph.edges(data=True):
        got = back.edges[file_id(u), file_id(v)]
        assert (got["label"], got["evidence"]) == (clean_text(data["label"]), clean_text(data["evidence"]))
    assert back.nodes["two\nlines"]["label"] == "two\nlines"  # written as &#10;, not as a literal line break


def test_xml_files_have_one_element_per_line(tmp_path):
    graph = hostile_graph()
    for name, write in (("g.graphml", write_graphml), ("g.gexf", write_gexf)):
        path = tmp_path / name
        write(graph, path)
        lines = path.read_text(encoding="utf-8").splitlines()
        # a line break inside element text continues its line; every other line holds one element
        starts = [line for line in lines if line.lstrip().startswith("<")]
        assert all(line.count("<") - line.count("&lt;") <= 2 for line in starts), name
        nodes = [line for line in lines if re.match(r"\s*<node ", line)]
        assert len(nodes) == graph.number_of_nodes(), name


def test_xml_of_empty_graphs_and_graphs_without_edges_read_back(tmp_path):
    lonely = nx.Graph()
    lonely.add_node("alone", **coerce_node({"label": "alone"}))
    for graph in (nx.Graph(), lonely, nx.DiGraph([("a", "b")])):
        for name, write, read in (
            ("g.graphml", write_graphml, nx.read_graphml),
            ("g.gexf", write_gexf, lambda p: nx.read_gexf(p, version="1.3")),
        ):
            path = tmp_path / name
            write(graph, path)
            back = read(path)
            assert set(back) == set(graph) and back.number_of_edges() == graph.number_of_edges(), (name, graph)
            assert back.is_directed() == graph.is_directed(), name
        igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))


def test_csv_tables_are_what_the_csv_module_writes(tmp_path):
    graph = hostile_graph()
    write_entities_csv(graph, tmp_path / "entities.csv")
    write_relations_csv(graph, tmp_path / "relations.csv")
    relations = [
        Relation(u, v, "met", Evidence("doc-1", text, 0, len(text)), directed=True)
        for u, v, text in zip(HOSTILE, HOSTILE[1:], HOSTILE[2:], strict=False)
    ]
    write_evidence_csv(relations, tmp_path / "evidence.csv")
    for name in ("entities.csv", "relations.csv", "evidence.csv"):
        raw = (tmp_path / name).read_bytes().decode("utf-8")
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        expected = io.StringIO(newline="")
        csv.writer(expected).writerows(rows)
        assert raw == expected.getvalue(), name  # quoting, doubled quotes and line ends exactly as csv writes them
    with open(tmp_path / "evidence.csv", newline="", encoding="utf-8") as handle:
        evidence = list(csv.DictReader(handle))
    assert [r["sentence"] for r in evidence] == [clean_text(t) for t in HOSTILE[2:]]
    assert {r["directed"] for r in evidence} == {"true"}
    with open(tmp_path / "entities.csv", newline="", encoding="utf-8") as handle:
        entities = {r["Id"]: r for r in csv.DictReader(handle)}
    assert entities['comma, "quote"']["Label"] == 'comma, "quote"'
    assert entities["crlf\nend"]["Aliases"] == "crlf\nend | alias 5"


def test_json_keeps_hostile_strings_sets_and_not_finite_numbers(tmp_path):
    graph = hostile_graph()
    graph.nodes["tab\there"]["tags"] = {"b", "a"}
    graph.nodes["tab\there"]["score"] = float("nan")
    path = tmp_path / "g.json"
    write_json(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    back = read_json(path)
    assert set(back) == set(graph)  # the lossless copy: ids exactly as they are
    for node, want in graph.nodes(data=True):
        got = back.nodes[node]
        assert got["aliases"] == want["aliases"] and got["label"] == want["label"]
    assert back.nodes["tab\there"]["tags"] == ["a", "b"] and back.nodes["tab\there"]["score"] is None
    assert back.graph == graph.graph


def test_writers_given_the_clean_graph_write_the_same_files(tmp_path):
    graph = hostile_graph()
    clean = clean_graph(graph)
    for name, write in (
        ("g.graphml", write_graphml),
        ("g.gexf", write_gexf),
        ("e.csv", write_entities_csv),
        ("r.csv", write_relations_csv),
    ):
        write(graph, tmp_path / f"own-{name}")
        write(graph, tmp_path / f"shared-{name}", clean)
        assert (tmp_path / f"own-{name}").read_bytes() == (tmp_path / f"shared-{name}").read_bytes(), name
