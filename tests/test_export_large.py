"""The exports for large graphs, on a real build of the sample corpus, through `graphkit export`.

Parquet: every file read back with pyarrow holds the values of the CSV table of the same name, column for
column, typed. neo4j-import: the headers follow the header format of the Neo4j 5 operations manual
("Import > Header format"), every relationship joins two nodes of the file, and the labels and types are
those of the Cypher script.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.export.cypher import cypher_string
from graphkit.export.formats import export_graph
from graphkit.export.tables import cell_text
from graphkit.schema import coerce_edge, coerce_node

# Each Parquet file and the CSV table of the build it must equal.
TABLES = {
    "entities.parquet": "entities.csv",
    "relations.parquet": "relations.csv",
    "evidence.parquet": "evidence.csv",
    "mentions.parquet": "mentions.csv",
    "documents.parquet": "documents.csv",
}
# The header format of neo4j-admin database import (operations manual, "Import > Header format").
NEO4J_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration"
)
PROPERTY = re.compile(rf"[^:]+(?::(?:{NEO4J_TYPES})(?:\[\])?)?")
SPECIAL = re.compile(r"(?P<name>[^:]*):(?P<kind>ID|LABEL|START_ID|END_ID|TYPE|IGNORE)")


def export(*args: object):
    return CliRunner().invoke(app, ["export", *(str(a) for a in args)])


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def as_cell(value: object) -> str:
    """A Parquet value as graphkit writes it in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


@pytest.fixture(scope="module")
def parquet_dir(sample_build, sample_out, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    result = export(sample_out, "-f", "parquet", "-o", folder)
    assert result.exit_code == 0, result.output
    assert all(str(folder / name) in result.stdout for name in TABLES), result.stdout
    assert result.stderr == ""
    return folder


@pytest.mark.parametrize("name", TABLES)
def test_parquet_reads_back_as_the_csv_table(parquet_dir, sample_out, name):
    """Same columns in the same order, same rows in the same order, same values once typed back to text."""
    table = pq.read_table(parquet_dir / name)
    header, rows = read_csv(sample_out / TABLES[name])
    assert table.column_names == header
    assert table.num_rows == len(rows) > 0
    back = [[as_cell(v) for v in row.values()] for row in table.to_pylist()]
    assert back == [[cell_text(cell) for cell in row] for row in rows]


def test_parquet_columns_have_real_types_and_nulls(parquet_dir):
    def types(name: str) -> dict[str, str]:
        return {field.name: str(field.type) for field in pq.read_schema(parquet_dir / name)}

    entities, relations, evidence = types("entities.parquet"), types("relations.parquet"), types("evidence.parquet")
    assert (entities["Id"], entities["Mentions"], entities["Pagerank"], entities["Community"]) == (
        "string",
        "int64",
        "double",
        "int64",
    )
    assert (relations["Weight"], relations["Sentences"]) == ("double", "int64")
    assert (evidence["negated"], evidence["start"], evidence["sentence"]) == ("bool", "int64", "string")
    assert types("documents.parquet")["words"] == types("mentions.parquet")["end"] == "int64"
    # an empty cell of a text column is null, not ''
    speakers = pq.read_table(parquet_dir / "evidence.parquet").column("according_to").to_pylist()
    assert None in speakers and "" not in speakers
    countries = pq.read_table(parquet_dir / "entities.parquet").column("Country").to_pylist()
    assert None in countries and "" not in countries


def test_parquet_of_a_part_keeps_the_rows_of_its_entities(sample_build, sample_out, tmp_path):
    """--types person: the evidence between two people, the mentions of people, the documents they are in."""
    result = export(sample_out, "--types", "person", "-f", "parquet", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    people = set(pq.read_table(tmp_path / "entities.parquet").column("Id").to_pylist())
    assert people and all(sample_build.graph.nodes[p]["type"] == "person" for p in people)
    evidence = pq.read_table(tmp_path / "evidence.parquet").to_pylist()
    assert evidence and all(row["source"] in people and row["target"] in people for row in evidence)
    mentions = pq.read_table(tmp_path / "mentions.parquet").to_pylist()
    assert mentions and {row["entity"] for row in mentions} <= people
    documents = set(pq.read_table(tmp_path / "documents.parquet").column("document").to_pylist())
    assert documents == {row["document"] for row in evidence} | {row["document"] for row in mentions}


def test_parquet_of_a_date_range_keeps_the_statements_of_the_range(sample_out, tmp_path):
    """--since 2022: the evidence rows are the statements dated 2022 or later that the part's relations
    are made of, no earlier one."""
    result = export(sample_out, "--since", "2022", "-f", "parquet", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    dates = {row["document"]: row["date"] for row in pq.read_table(tmp_path / "documents.parquet").to_pylist()}
    evidence = pq.read_table(tmp_path / "evidence.parquet").to_pylist()
    assert evidence and all((row["date"] or dates[row["document"]]) >= "2022" for row in evidence)
    _, all_rows = read_csv(sample_out / "evidence.csv")
    assert len(evidence) < len(all_rows)
    relations = pq.read_table(tmp_path / "relations.parquet").to_pylist()
    assert {frozenset((r["source"], r["target"])) for r in evidence} == {
        frozenset((r["Source"], r["Target"])) for r in relations
    }


def test_parquet_without_the_build_tables_writes_the_graph_and_says_what_is_missing(sample_out, tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(sample_out / "graph.json", build)
    shutil.copy(sample_out / "evidence.csv", build)
    result = export(build, "-f", "parquet", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "entities.parquet",
        "evidence.parquet",
        "relations.parquet",
    ]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in result.output
    assert "mentions.parquet not written: no mentions.csv beside the graph" in lines[0]
    assert "documents.parquet not written: no documents.csv beside the graph" in lines[1]


def test_a_failed_parquet_export_leaves_the_earlier_files(sample_out, tmp_path):
    """A bad cell in evidence.csv: one line naming the file, line and column; the files of the export
    before are all still there, unchanged (none of the new ones replaced them)."""
    out = tmp_path / "out"
    assert export(sample_out, "--types", "person", "-f", "parquet", "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    build = tmp_path / "build"
    shutil.copytree(sample_out, build)
    header, rows = read_csv(build / "evidence.csv")
    rows[4][header.index("start")] = "twelve"
    with open(build / "evidence.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    result = export(build, "-f", "parquet", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "evidence.csv: line 6, column start: 'twelve' is not a whole number" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_parquet_without_pyarrow_is_one_line_naming_the_extra(sample_out, tmp_path):
    """The core install has no pyarrow: `-f parquet` exits 2 with the pip command, and writes nothing."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "entities.parquet").write_bytes(b"earlier")
    code = "import sys; sys.modules['pyarrow'] = None; from graphkit.cli import main; sys.argv[0] = 'graphkit'; main()"
    args = ["export", str(sample_out), "-f", "parquet", "-o", str(out)]
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == ["error: the Parquet export needs pyarrow: pip install 'graphkit[dask]'"]
    assert sorted(p.name for p in out.iterdir()) == ["entities.parquet"]
    assert (out / "entities.parquet").read_bytes() == b"earlier"


# --- neo4j-import ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def neo4j_export(sample_build, sample_out, tmp_path_factory):
    folder = tmp_path_factory.mktemp("neo4j")
    result = export(sample_out, "-f", "neo4j-import", "-o", folder)
    assert result.exit_code == 0, result.output
    return folder, result.stdout


def check_header(fields: list[str], special: dict[str, int]) -> list[str]:
    """What is wrong with a header: each field a property `name` or `name:type` of the documented types,
    or a special field; the special fields named in `special` exactly that many times, no other one."""
    problems = [f for f in fields if not (PROPERTY.fullmatch(f) or SPECIAL.fullmatch(f))]
    kinds = [m["kind"] for f in fields if (m := SPECIAL.fullmatch(f))]
    problems += [
        f"{kind} {kinds.count(kind)} times" for kind in {*kinds, *special} if kinds.count(kind) != special.get(kind)
    ]
    names = [f.split(":")[0] for f in fields if PROPERTY.fullmatch(f)]
    problems += [f"property {n} twice" for n in set(names) if names.count(n) > 1]
    return problems


def test_the_header_check_notices_a_wrong_header():
    assert check_header(["id:ID", "name", "mentions:long", ":LABEL"], {"ID": 1, "LABEL": 1}) == []
    assert check_header(["id:ID", "mentions:number", ":LABEL"], {"ID": 1, "LABEL": 1}) == ["mentions:number"]
    assert check_header(["name", ":LABEL"], {"ID": 1, "LABEL": 1}) == ["ID 0 times"]
    assert check_header([":START_ID", ":END_ID"], {"START_ID": 1, "END_ID": 1, "TYPE": 1}) == ["TYPE 0 times"]


def test_neo4j_import_headers_follow_the_documented_format(neo4j_export, sample_build):
    folder, _ = neo4j_export
    node_header, nodes = read_csv(folder / "nodes.csv")
    rel_header, relationships = read_csv(folder / "relationships.csv")
    assert check_header(node_header, {"ID": 1, "LABEL": 1}) == []
    assert check_header(rel_header, {"START_ID": 1, "END_ID": 1, "TYPE": 1}) == []
    assert {"mentions:long", "pagerank:double", "aliases:string[]"} <= set(node_header)
    assert {"weight:double", "statements:string[]", "evidence:string[]", "sentences:long"} <= set(rel_header)
    assert all(len(row) == len(node_header) for row in nodes)
    assert all(len(row) == len(rel_header) for row in relationships)

    ids = [row[node_header.index("id:ID")] for row in nodes]
    assert len(ids) == len(set(ids)) == sample_build.graph.number_of_nodes()
    assert len(relationships) == sample_build.graph.number_of_edges()
    ends = {row[rel_header.index(f)] for row in relationships for f in (":START_ID", ":END_ID")}
    assert ends <= set(ids)
    # typed cells parse as their type
    for header, rows in ((node_header, nodes), (rel_header, relationships)):
        for index, field in enumerate(header):
            cells = [row[index] for row in rows if row[index]]
            if field.endswith((":long", ":int")):
                assert all(int(c) is not None for c in cells), field
            elif field.endswith(":double"):
                assert all(float(c) == float(c) for c in cells), field
            elif field.endswith(":boolean"):
                assert set(cells) <= {"true", "false"}, field


def test_neo4j_import_has_the_labels_types_and_lists_of_the_cypher_script(neo4j_export, sample_out, tmp_path):
    folder, _ = neo4j_export
    assert export(sample_out, "-o", tmp_path / "graph.cypher").exit_code == 0
    script = (tmp_path / "graph.cypher").read_text(encoding="utf-8")
    node_header, nodes = read_csv(folder / "nodes.csv")
    rel_header, relationships = read_csv(folder / "relationships.csv")
    labels = {label for row in nodes for label in row[node_header.index(":LABEL")].split(";")}
    assert labels == {"Entity", *re.findall(r"SET n \+= row, n:(\w+);", script)}
    types = {row[rel_header.index(":TYPE")] for row in relationships}
    assert types == set(re.findall(r"MERGE \(a\)-\[r:(\w+)\]->\(b\)", script))
    assert "MEMBER_OF" in types or "MET" in types
    # each relationship goes the way the script's does: a typed relation from its subject
    start, end = rel_header.index(":START_ID"), rel_header.index(":END_ID")
    for row in relationships:
        assert f"{{source: {cypher_string(row[start])}, target: {cypher_string(row[end])}," in script, row[:3]
    # every evidence sentence of the graph is one item of the array, none cut at a ';'
    graph_evidence = sorted(
        line
        for _, _, data in nx.node_link_graph(json.loads((sample_out / "graph.json").read_text()), edges="edges").edges(
            data=True
        )
        for line in data["evidence"].split("\n")
        if line
    )
    delimiter = _array_delimiter(neo4j_export[1])
    items = sorted(i for row in relationships for i in row[rel_header.index("evidence:string[]")].split(delimiter) if i)
    assert items == graph_evidence


def _array_delimiter(output: str) -> str:
    match = re.search(r"--array-delimiter='?([^' ]+)'?", output)
    return match[1] if match else ";"


def test_neo4j_import_prints_the_command_that_loads_it(neo4j_export):
    folder, output = neo4j_export
    command = next(line for line in output.splitlines() if line.startswith("neo4j-admin"))
    assert command.startswith("neo4j-admin database import full neo4j ")
    assert f"--nodes={folder / 'nodes.csv'}" in command
    assert f"--relationships={folder / 'relationships.csv'}" in command
    assert "stopped" in output and "does not exist" in output


def hostile_graph() -> nx.Graph:
    """Aliases with ';', a label with a line break and quotes, a sentence with ',' and '"'."""
    graph = nx.Graph()
    graph.add_node("A", **coerce_node({"label": 'Line one\nline "two"', "type": "person", "aliases": "A; a | Ā"}))
    graph.add_node("B", **coerce_node({"label": "B", "type": "armed group", "aliases": "B"}))
    evidence = '[doc1] A met B, "at last"; then left.\n[doc2] B, again.'
    graph.add_edge("A", "B", **coerce_edge({"weight": 2.0, "relation": "met", "label": "met", "evidence": evidence}))
    return graph


def test_neo4j_import_keeps_hostile_text_and_tells_the_importer(tmp_path):
    """';' in a list item moves the arrays to another delimiter, a line break asks for multi-line fields,
    and the csv module reads every value back as it was."""
    notes: list[str] = []
    written = export_graph(hostile_graph(), tmp_path / "neo", "neo4j-import", note=notes.append)
    assert written == [tmp_path / "neo" / "nodes.csv", tmp_path / "neo" / "relationships.csv"]
    command = notes[-1]
    assert "--array-delimiter='|'" in command and "--multiline-fields=true" in command
    header, nodes = read_csv(tmp_path / "neo" / "nodes.csv")
    a = dict(zip(header, nodes[0], strict=True))
    assert a["label:string"] == 'Line one\nline "two"'
    assert a["aliases:string[]"].split("|") == ["A; a", "Ā"]
    assert a[":LABEL"].split("|") == ["Entity", "Person"]
    assert dict(zip(header, nodes[1], strict=True))[":LABEL"].split("|") == ["Entity", "ArmedGroup"]
    header, relationships = read_csv(tmp_path / "neo" / "relationships.csv")
    edge = dict(zip(header, relationships[0], strict=True))
    assert edge["evidence:string[]"].split("|") == ['[doc1] A met B, "at last"; then left.', "[doc2] B, again."]
    assert (edge[":TYPE"], edge["weight:double"]) == ("MET", "2.0")


def test_plain_text_needs_no_extra_options(tmp_path):
    graph = nx.Graph()
    graph.add_node("A", **coerce_node({"label": "A", "type": "country", "aliases": "A | Ay"}))
    graph.add_node("B", **coerce_node({"label": "B", "type": "country"}))
    graph.add_edge("A", "B", **coerce_edge({"weight": 1.0, "relation": "co-mentioned", "evidence": "[d] A and B."}))
    notes: list[str] = []
    export_graph(graph, tmp_path / "neo", "neo4j-import", note=notes.append)
    assert "--array-delimiter" not in notes[-1] and "--multiline-fields" not in notes[-1]
    _, nodes = read_csv(tmp_path / "neo" / "nodes.csv")
    assert "A;Ay" in nodes[0]


def test_a_failed_neo4j_import_export_leaves_the_earlier_files(tmp_path, monkeypatch):
    out = tmp_path / "neo"
    export_graph(hostile_graph(), out, "neo4j-import")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("graphkit.export.neo4j.relationships", broken)
    bigger = hostile_graph()
    bigger.add_node("C", **coerce_node({"label": "C", "type": "country"}))
    with pytest.raises(OSError):
        export_graph(bigger, out, "neo4j-import")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
