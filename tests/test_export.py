"""Every export format written and read back by another reader, with the same nodes, edges, values and types."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from graphkit.export.cypher import write_cypher
from graphkit.export.formats import export_graph
from graphkit.export.gexf import write_gexf
from graphkit.export.graphfile import read_graph
from graphkit.export.graphml import write_graphml
from graphkit.export.json import read_json, write_json
from graphkit.export.tables import column, write_entities_csv, write_relations_csv
from graphkit.export.values import clean_text
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics
from graphkit.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, coerce_edge, coerce_node

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"

# control characters, XML specials, quotes of both kinds, a backslash, non-ASCII (Cyrillic, Turkish, CJK,
# an emoji outside the BMP), Windows and old-Mac line ends, a tab, DEL and a C1 control
TRICKY = "A\x00B\x07 <b>&amp; \"double\" 'single' \\n — Эрдоган Erdoğan 北京 😀\r\nline2\rline3\ttab\x1f\x7f\x85end"
TRICKY_CLEAN = "AB <b>&amp; \"double\" 'single' \\n — Эрдоган Erdoğan 北京 😀\nline2\nline3\ttabend"


def make_graph() -> nx.Graph:
    """A small graph as graph.py makes it, with hostile strings, dates, and one undated entity."""
    graph = nx.Graph(name='test <corpus> & "friends"', built="2024-07-02T10:00:00Z", documents=3)
    nodes = {
        "Vladimir Putin": {
            "label": "Vladimir Putin",
            "type": "person",
            "aliases": "Vladimir Putin | Putin",
            "mentions": 7,
            "documents": 2,
            "first_seen": "2021-05-25",
            "last_seen": "2024-07-02",
        },
        "Russia": {
            "label": "Russia",
            "type": "country",
            "aliases": "Russia | Russian Federation",
            "mentions": 12,
            "documents": 3,
            "first_seen": "2021-05-10",
            "last_seen": "2024-07-02",
        },
        'Erdoğan <&> "q"': {
            "label": 'Erdoğan <&> "q"',
            "type": "person",
            "aliases": TRICKY,
            "mentions": 1,
            "documents": 1,
            "first_seen": "2022-11-14",
            "last_seen": "2022-11-14",
        },
        "Bad\x01Id": {"label": "Bad\x01Id", "type": "organization", "aliases": "", "mentions": 1, "documents": 1},
        "Lonely": {"label": "Lonely", "type": "location", "country": "Kyrgyzstan", "mentions": 1, "documents": 1},
    }
    for node, attrs in nodes.items():
        graph.add_node(node, **coerce_node(attrs))
    edges = [
        ("Russia", "Vladimir Putin", 3.0, "president of | co-mentioned", "Vladimir Putin president of Russia"),
        ('Erdoğan <&> "q"', "Vladimir Putin", 1.0, "met", 'Erdoğan <&> "q" met Vladimir Putin'),
        ("Bad\x01Id", "Russia", 2.0, "co-mentioned", ""),
    ]
    for u, v, weight, label, statements in edges:
        graph.add_edge(
            u,
            v,
            **coerce_edge(
                {
                    "weight": weight,
                    "label": label,
                    "relation": label.split(" | ")[0],
                    "statements": statements,
                    "evidence": f"[doc-1] {TRICKY}\n[doc-2] second sentence",
                    "documents": 2,
                    "sentences": int(weight),
                    "first_seen": "2021-05-25" if weight > 1 else "",
                    "last_seen": "2024-07-02" if weight > 1 else "",
                }
            ),
        )
    add_metrics(graph)
    add_layout(graph)
    return graph


def clean(value):
    return clean_text(value) if isinstance(value, str) else value


@pytest.fixture
def graph() -> nx.Graph:
    return make_graph()


def expected_ids(graph: nx.Graph) -> dict:
    return {node: clean_text(node) for node in graph}


def assert_same_values(got: dict, want: dict, names, where: str) -> None:
    for name in names:
        assert name in got, f"{where}: {name} missing"
        assert got[name] == clean(want[name]), f"{where}: {name}"
        assert type(got[name]) is type(want[name]), f"{where}: {name} is {type(got[name]).__name__}"


# --- round trips ------------------------------------------------------------------------------------


def test_graphml_round_trip_with_networkx(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    ids = expected_ids(graph)
    assert set(back.nodes) == set(ids.values())
    assert {frozenset((ids[u], ids[v])) for u, v in graph.edges} == {frozenset(e) for e in back.edges}
    for node, data in graph.nodes(data=True):
        assert_same_values(back.nodes[ids[node]], data, NODE_ATTRIBUTES, ids[node])
    for u, v, data in graph.edges(data=True):
        assert_same_values(back.edges[ids[u], ids[v]], data, EDGE_ATTRIBUTES, f"{u}-{v}")
    assert back.graph["name"] == clean_text(graph.graph["name"]) and back.graph["documents"] == 3


def test_graphml_round_trip_with_igraph(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = igraph.Graph.Read_GraphML(str(path))  # fails outright on duplicate or clashing keys
    ids = expected_ids(graph)
    # igraph 0.11-1.0 hands back '&' in XML attributes (node ids) as '&#38;'; data values are unaffected
    by_id = {v["id"].replace("&#38;", "&"): v for v in back.vs}
    assert set(by_id) == set(ids.values())
    for node, data in graph.nodes(data=True):
        vertex = by_id[ids[node]]
        for name, (kind, _) in NODE_ATTRIBUTES.items():
            assert vertex[name] == clean(data[name]), (node, name)  # igraph keeps every number as a float
            assert isinstance(vertex[name], str) == (kind is str), (node, name)
    vertex_ids = [v["id"].replace("&#38;", "&") for v in back.vs]
    edges = {frozenset((vertex_ids[e.source], vertex_ids[e.target])): e for e in back.es}
    assert set(edges) == {frozenset((ids[u], ids[v])) for u, v in graph.edges}
    for u, v, data in graph.edges(data=True):
        edge = edges[frozenset((ids[u], ids[v]))]
        for name in EDGE_ATTRIBUTES:
            assert edge[name] == clean(data[name]), (u, v, name)


def test_gexf_round_trip_with_networkx(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    back = nx.read_gexf(path, version="1.3")
    ids = expected_ids(graph)
    assert set(back.nodes) == set(ids.values())
    assert {frozenset((ids[u], ids[v])) for u, v in graph.edges} == {frozenset(e) for e in back.edges}
    for node, data in graph.nodes(data=True):
        got = back.nodes[ids[node]]
        assert_same_values(got, data, NODE_ATTRIBUTES, ids[node])
        viz = got["viz"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (data["r"], data["g"], data["b"])
        assert viz["size"] == data["size"]
        assert (viz["position"]["x"], viz["position"]["y"]) == (data["x"], data["y"])
    for u, v, data in graph.edges(data=True):
        assert_same_values(back.edges[ids[u], ids[v]], data, EDGE_ATTRIBUTES, f"{u}-{v}")


def test_json_round_trip_keeps_every_value_exactly(graph, tmp_path):
    path = tmp_path / "g.json"
    write_json(graph, path)
    back = read_json(path)
    assert list(back.nodes) == list(graph.nodes)  # the lossless copy: control characters included
    for node, data in graph.nodes(data=True):
        assert back.nodes[node] == data
        assert all(type(back.nodes[node][k]) is type(v) for k, v in data.items())
    for u, v, data in graph.edges(data=True):
        assert back.edges[u, v] == data
    assert back.graph == graph.graph
    assert json.loads(path.read_text(encoding="utf-8"))["edges"], "node-link with edges under 'edges'"


def test_csv_tables_round_trip_with_the_csv_module(graph, tmp_path):
    write_entities_csv(graph, tmp_path / "entities.csv")
    write_relations_csv(graph, tmp_path / "relations.csv")
    with open(tmp_path / "entities.csv", newline="", encoding="utf-8") as handle:
        entities = list(csv.DictReader(handle))
    with open(tmp_path / "relations.csv", newline="", encoding="utf-8") as handle:
        relations = list(csv.DictReader(handle))
    ids = expected_ids(graph)
    assert list(entities[0])[:2] == ["Id", "Label"] and list(relations[0])[:5] == [
        "Source",
        "Target",
        "Type",
        "Weight",
        "Label",
    ]
    rows = {r["Id"]: r for r in entities}
    assert set(rows) == set(ids.values())
    for node, data in graph.nodes(data=True):
        for name, (kind, _) in NODE_ATTRIBUTES.items():
            assert kind(rows[ids[node]][column(name)]) == clean(data[name]), (node, name)
    edges = {frozenset((r["Source"], r["Target"])): r for r in relations}
    assert set(edges) == {frozenset((ids[u], ids[v])) for u, v in graph.edges}
    for u, v, data in graph.edges(data=True):
        got = edges[frozenset((ids[u], ids[v]))]
        assert got["Type"] == "Undirected"
        for name, (kind, _) in EDGE_ATTRIBUTES.items():
            assert kind(got[column(name)]) == clean(data[name]), (u, v, name)


# --- Cypher: read back with a small parser of the literals the script uses ----------------------------

_TOKEN = re.compile(
    r"""\s*(?:('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(true|false|null)\b|"""
    r"""([A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`)|([{}\[\]:,]))""",
    re.S,
)
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "'": "'", '"': '"', "\\": "\\"}


def parse_cypher_literal(text: str):
    tokens = [m for m in _TOKEN.finditer(text)]
    assert "".join(m.group(0) for m in tokens).strip() == text.strip(), "unparsed characters"
    position = 0

    def value():
        nonlocal position
        token = tokens[position]
        position += 1
        string, number, word, name, punct = token.groups()
        if string is not None:
            return re.sub(
                r"\\(u[0-9a-fA-F]{4}|.)",
                lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" else _UNESCAPE[m.group(1)],
                string[1:-1],
                flags=re.S,
            )
        if number is not None:
            return float(number) if re.search(r"[.eE]", number) else int(number)
        if word is not None:
            return {"true": True, "false": False, "null": None}[word]
        if punct == "[":
            items = []
            while tokens[position].group(5) != "]":
                items.append(value())
                if tokens[position].group(5) == ",":
                    position += 1
            position += 1
            return items
        if punct == "{":
            items = {}
            while tokens[position].group(5) != "}":
                key = tokens[position].group(4).strip("`").replace("``", "`")
                assert tokens[position + 1].group(5) == ":"
                position += 2
                items[key] = value()
                if tokens[position].group(5) == ",":
                    position += 1
            position += 1
            return items
        raise AssertionError(f"unexpected {token.group(0)!r}")

    result = value()
    assert position == len(tokens)
    return result


def test_cypher_script_round_trip(graph, tmp_path):
    path = tmp_path / "g.cypher"
    write_cypher(graph, path)
    script = path.read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.startswith("//"))
    statements = [s.strip() for s in code.split(";\n") if s.strip()]
    assert statements[0] == "CREATE CONSTRAINT graphkit_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
    assert code.rstrip().endswith(";")
    nodes, edges = {}, {}
    for statement in statements[1:]:
        literal = statement[statement.index("UNWIND ") + 7 : statement.rindex("] AS row") + 1]
        for row in parse_cypher_literal(literal):
            if "source" in row:
                edges[frozenset((row["source"], row["target"]))] = (row, statement)
            else:
                nodes[row["id"]] = (row, statement)
    ids = expected_ids(graph)
    assert set(nodes) == set(ids.values())
    for node, data in graph.nodes(data=True):
        row, statement = nodes[ids[node]]
        assert_same_values(row, data, NODE_ATTRIBUTES, node)
        assert statement.endswith(f"n:{data['type'].capitalize()}")  # a label per type: Person, Country...
    assert set(edges) == {frozenset((ids[u], ids[v])) for u, v in graph.edges}
    for u, v, data in graph.edges(data=True):
        row, statement = edges[frozenset((ids[u], ids[v]))]
        assert_same_values(row["properties"], data, EDGE_ATTRIBUTES, f"{u}-{v}")
        rel_type = data["relation"].upper().replace(" ", "_").replace("-", "_")
        assert f"MERGE (a)-[r:{rel_type}]->(b)" in statement
    # typed relations point from the subject to the object
    assert nodes and edges[frozenset((ids['Erdoğan <&> "q"'], "Vladimir Putin"))][0]["source"] == ids['Erdoğan <&> "q"']
    assert edges[frozenset(("Russia", "Vladimir Putin"))][0]["source"] == "Vladimir Putin"


# --- what Gephi needs --------------------------------------------------------------------------------


def graphml_keys(path: Path) -> list[dict]:
    return [k.attrib for k in ET.parse(path).getroot().findall(f"{GRAPHML}key")]


def test_graphml_key_table_never_lets_gephi_take_another_attribute_for_the_label(graph, tmp_path):
    graph.nodes["Russia"]["d3"] = "not a label"  # even attributes named like yEd's label keys
    graph.edges["Russia", "Vladimir Putin"]["d7"] = "not a label"
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    keys = graphml_keys(path)
    ids = [k["id"] for k in keys]
    assert len(ids) == len(set(ids)), "key ids must be unique in the file"
    for key in keys:
        if key["for"] == "node" and key["id"] == "d3" or key["for"] == "edge" and key["id"] == "d7":
            assert key["attr.name"] == "label", key
        assert not re.fullmatch(r"d[0-9]+", key["id"]), f"numbered key id {key}"
    names = {(k["for"], k["attr.name"]): k for k in keys}
    assert names["node", "label"]["id"] == "label" and names["node", "label"]["attr.type"] == "string"
    assert names["edge", "label"]["attr.type"] == "string"
    for scope, name in [
        ("node", "x"),
        ("node", "y"),
        ("node", "size"),
        ("node", "r"),
        ("node", "g"),
        ("node", "b"),
        ("edge", "weight"),
    ]:
        assert (scope, name) in names, name  # what Gephi reads as position, size, colour and weight
    for scope, attrs in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        types = {"string": str, "long": int, "double": float, "boolean": bool}
        for name, (kind, _) in attrs.items():
            assert types[names[scope, name]["attr.type"]] is kind, (scope, name)


def test_graphml_has_an_xml_declaration_nonempty_ids_and_scalar_values_only(graph, tmp_path):
    graph.add_node("", label="", type="person")  # an empty id
    graph.nodes["Russia"]["tags"] = ["a", "b"]  # a list, and a mixed-type attribute: one key each
    graph.nodes["Lonely"]["tags"] = 3
    graph.nodes["Vladimir Putin"]["born"] = None
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.parse(path).getroot()
    node_ids = [n.get("id") for n in root.iter(f"{GRAPHML}node")]
    assert all(node_ids) and len(set(node_ids)) == len(node_ids)
    keys = [k for k in graphml_keys(path) if k["attr.name"] == "tags"]
    assert len(keys) == 1 and keys[0]["attr.type"] == "string"
    back = nx.read_graphml(path)
    assert back.nodes["Russia"]["tags"] == "a | b" and back.nodes["Lonely"]["tags"] == "3"
    igraph.Graph.Read_GraphML(str(path))


def test_gexf_is_1_3_with_viz_colour_without_alpha_and_dates_for_the_timeline(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    element = root.find(f"{GEXF}graph")
    assert element.get("mode") == "dynamic" and element.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in root.iter(f"{GEXF}node")}
    for node, data in graph.nodes(data=True):
        item = nodes[clean_text(node)]
        color = item.find(f"{VIZ}color")
        assert color is not None and "a" not in color.attrib  # Gephi Lite ignores a colour with alpha
        assert item.find(f"{VIZ}size") is not None and item.find(f"{VIZ}position") is not None
        assert item.get("start", "") == data["first_seen"] and item.get("end", "") == data["last_seen"]
    back = nx.read_gexf(path, version="1.3")
    assert back.nodes["Vladimir Putin"]["start"] == "2021-05-25"
    assert back.nodes["Vladimir Putin"]["end"] == "2024-07-02"
    assert "start" not in back.nodes["Lonely"]  # undated: always shown on the timeline
    assert back.edges["Russia", "Vladimir Putin"]["start"] == "2021-05-25"
    attribute_types = {a.get("title"): a.get("type") for a in root.iter(f"{GEXF}attribute")}
    assert attribute_types["mentions"] == "long" and attribute_types["pagerank"] == "double"


def test_gexf_without_dates_is_static(tmp_path):
    graph = nx.Graph()
    graph.add_edge("a", "b", **coerce_edge({"weight": 1.0}))
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    element = ET.parse(path).getroot().find(f"{GEXF}graph")
    assert element.get("mode") == "static" and element.get("timeformat") is None


@pytest.mark.parametrize("name", ["g.graphml", "g.gexf", "g.json", "g.cypher", "tables"])
def test_hostile_strings_survive_every_format(graph, tmp_path, name):
    fmt = {"tables": "csv"}.get(name)
    written = export_graph(graph, tmp_path / name, fmt)
    for path in written:
        raw = path.read_bytes()
        text = raw.decode("utf-8")  # valid UTF-8
        if name != "g.json":  # JSON keeps them, escaped
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), path.name
        if path.suffix in (".graphml", ".gexf"):
            ET.fromstring(raw)  # well-formed XML
        for piece in ["Эрдоган Erdoğan 北京 😀", "<b>&amp;", '"double"', "'single'"]:
            escaped = piece.replace("'", "\\'") if path.suffix == ".cypher" else piece
            if path.suffix == ".json":
                escaped = json.dumps(piece, ensure_ascii=False)[1:-1]
            if path.suffix in (".graphml", ".gexf"):
                escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                escaped = escaped.replace('"', "&quot;") if path.suffix == ".gexf" else escaped
            assert escaped in text, (path.name, piece)
    if name in ("g.graphml", "g.gexf", "g.json"):
        back = read_graph(written[0])
        want = TRICKY if name == "g.json" else TRICKY_CLEAN
        assert back.nodes['Erdoğan <&> "q"']["aliases"] == want


def test_read_graph_reads_what_export_wrote(graph, tmp_path):
    for name in ("g.json", "g.graphml", "g.gexf"):
        path = export_graph(graph, tmp_path / name)[0]
        back = read_graph(path)
        want = set(graph) if name == "g.json" else set(expected_ids(graph).values())  # JSON keeps ids as they are
        assert set(back.nodes) == want, name
        assert back.number_of_edges() == graph.number_of_edges(), name
        assert back.nodes["Russia"]["pagerank"] == graph.nodes["Russia"]["pagerank"], name
        assert "viz" not in back.nodes["Russia"] and "start" not in back.nodes["Russia"], name
