"""The format registries are the one list of formats: the readers, the exporters, the CLI and the README follow them.

The README's tables are parsed and held to graphkit.read.formats.INPUT_FORMATS,
graphkit.export.formats.EXPORT_FORMATS, OUTPUT_FILES and graphkit.schema, so a format, an output file or an
attribute added without its README row fails here. Each check is a function of the registry it holds the
README to, and is also run on a registry with one format more, to show it notices.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.export.formats import (
    EXPORT_FORMATS,
    FORMATS,
    ExportError,
    export_graph,
    format_for,
)
from graphkit.export.graphfile import read_graph
from graphkit.export.outputs import OUTPUT_FILES
from graphkit.model import Format, by_name, by_suffix
from graphkit.read import read_sources
from graphkit.read.formats import INPUT_FORMATS, READERS, reader_for
from graphkit.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

README = Path(__file__).resolve().parent.parent / "README.md"
CELL_SPLIT = re.compile(r"(?<!\\)\|")  # a cell may hold an escaped pipe: ` \| `
CODE = re.compile(r"`([^`]+)`")
TYPE_NAMES = {"string": str, "int": int, "float": float, "bool": bool}


def readme_table(marker: str) -> list[list[str]]:
    """The cells of the first table after the line that starts with `marker`, header and rule left out."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    assert start is not None, f"README.md has no line starting with {marker!r}"
    first = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in CELL_SPLIT.split(line.strip())[1:-1]])
    assert len(rows) > 2, f"README.md: the table after {marker!r} has no rows"
    return rows[2:]


def code_words(cell: str) -> list[str]:
    return CODE.findall(cell)


def input_table_problems(formats: tuple[Format, ...]) -> list[str]:
    """What the README's table of input formats gets wrong about `formats`: each format in one row, all its
    suffixes there, and no suffix nothing reads."""
    rows = [code_words(row[0]) for row in readme_table("Input it reads")]
    problems = []
    documented = [suffix for row in rows for suffix in row]
    if len(documented) != len(set(documented)):
        problems.append(f"a suffix is in two rows: {documented}")
    for fmt in formats:
        row = next((r for r in rows if fmt.suffixes[0] in r), None)
        if row is None:
            problems.append(f"input format {fmt.name} ({', '.join(fmt.suffixes)}) has no row")
        elif not set(fmt.suffixes) <= set(row):
            problems.append(f"input format {fmt.name}: the row lists {row}, not all of {fmt.suffixes}")
    read = {suffix for fmt in formats for suffix in fmt.suffixes}
    problems += [
        f"the input table lists {suffix}, which no format reads" for suffix in documented if suffix not in read
    ]
    return problems


def export_table_problems(formats: tuple[Format, ...]) -> list[str]:
    """What the README's table of export formats gets wrong: the names in registry order, each row with the
    format's suffixes (a folder format: its files)."""
    rows = readme_table("Formats it writes")
    names = [code_words(row[0])[0] for row in rows]
    problems = []
    if names != [fmt.name for fmt in formats]:
        problems.append(f"export formats documented {names}, the registry has {[fmt.name for fmt in formats]}")
    for fmt, row in zip(formats, rows, strict=False):
        if code_words(row[0])[0] != fmt.name:
            continue
        if code_words(row[1]) != list(fmt.suffixes):
            problems.append(f"export format {fmt.name}: suffixes {code_words(row[1])}, registry {list(fmt.suffixes)}")
        missing = [name for name in fmt.files if name not in code_words(row[2])]
        if missing:
            problems.append(f"export format {fmt.name}: the row does not name {missing}")
    return problems


def output_file_problems(files: tuple[str, ...]) -> list[str]:
    documented = [code_words(row[0])[0] for row in readme_table("## Output files")]
    if sorted(documented) != sorted(files):
        return [f"output files documented {sorted(documented)}, a build writes {sorted(files)}"]
    return []


def attribute_problems(marker: str, schema: dict[str, tuple[type, str]]) -> list[str]:
    """What a README attribute table gets wrong: every schema attribute in one row, with its type named there."""
    problems = []
    documented: dict[str, set[type]] = {}
    for row in readme_table(marker):
        types = {TYPE_NAMES[word.strip()] for word in row[1].split(",")}
        for name in code_words(row[0]):
            if name in documented:
                problems.append(f"{marker}: {name} has two rows")
            documented[name] = types
    for name, (kind, _) in schema.items():
        if name not in documented:
            problems.append(f"{marker}: attribute {name} ({kind.__name__}) is not documented")
        elif kind not in documented[name]:
            problems.append(
                f"{marker}: {name} is {kind.__name__}, documented as {sorted(t.__name__ for t in documented[name])}"
            )
    problems += [f"{marker}: {name} is documented but not in the schema" for name in documented if name not in schema]
    return problems


def test_readme_input_table_follows_the_readers():
    assert input_table_problems(INPUT_FORMATS) == []


def test_readme_export_table_follows_the_writers():
    assert export_table_problems(EXPORT_FORMATS) == []


def test_readme_output_files_follow_the_build():
    assert output_file_problems(OUTPUT_FILES) == []


def test_readme_attribute_tables_follow_the_schema():
    assert attribute_problems("Nodes (", NODE_ATTRIBUTES) == []
    assert attribute_problems("Edges (", EDGE_ATTRIBUTES) == []


def test_the_checks_notice_an_undocumented_addition():
    """A format, an output file or an attribute added to the code alone is reported, by name."""
    rdf = Format("rdf", (".rdf", ".ttl"), "RDF triples")
    assert any("rdf" in p for p in input_table_problems((*INPUT_FORMATS, rdf)))
    assert any("rdf" in p for p in export_table_problems((*EXPORT_FORMATS, rdf)))
    assert output_file_problems((*OUTPUT_FILES, "graph.rdf"))
    assert any("weight_sum" in p for p in attribute_problems("Nodes (", {**NODE_ATTRIBUTES, "weight_sum": (float, "")}))
    retyped = {**EDGE_ATTRIBUTES, "documents": (str, "")}
    assert any("documents is str" in p for p in attribute_problems("Edges (", retyped))


def test_help_names_every_format():
    """`graphkit build --help` lists the usual suffix of every input format; `export --help` every export format
    and every suffix that picks one."""
    runner = CliRunner()
    build_help = " ".join(runner.invoke(app, ["build", "--help"]).output.split())
    for fmt in INPUT_FORMATS:
        assert fmt.suffixes[0] in build_help, fmt.name
    export_help = " ".join(runner.invoke(app, ["export", "--help"]).output.split())
    for fmt in EXPORT_FORMATS:
        assert fmt.name in export_help and fmt.label in export_help, fmt.name
        if fmt.suffixes:
            assert fmt.suffixes[0] in export_help, fmt.name


def test_every_suffix_reaches_its_reader(tmp_path):
    """Every suffix in the registry is read, by the reader its format names, whatever the case of the suffix."""
    assert set(READERS) == {suffix for fmt in INPUT_FORMATS for suffix in fmt.suffixes}
    for fmt in INPUT_FORMATS:
        for suffix in fmt.suffixes:
            assert reader_for(tmp_path / f"a{suffix.upper()}") is fmt.read
    assert reader_for(tmp_path / "a.docx") is None


def test_markdown_and_ndjson_files_are_read(tmp_path):
    """The less usual suffixes are real formats: a .markdown file and an .ndjson file each give their articles."""
    text = "Kyrgyzstan joins the union\n\nKyrgyzstan became a member of the Eurasian Economic Union on Tuesday."
    (tmp_path / "one.markdown").write_text(text, encoding="utf-8")
    (tmp_path / "rows.ndjson").write_text(
        '{"title": "Talks in Ankara", "text": "Turkey and Russia held talks in Ankara about trade and gas."}\n',
        encoding="utf-8",
    )
    warnings: list[str] = []
    documents = read_sources([tmp_path], warn=warnings.append)
    assert sorted(d.id for d in documents) == ["one.markdown", "rows.ndjson#row1"]
    assert warnings == []


def test_registry_refuses_a_suffix_or_name_twice():
    one = Format("one", (".x",), "")
    with pytest.raises(ValueError, match=r"'\.x' is claimed by 'one' and 'two'"):
        by_suffix((one, Format("two", (".x",), "")))
    with pytest.raises(ValueError, match="declared twice"):
        by_name((one, one))
    with pytest.raises(ValueError, match="lower case"):
        by_suffix((Format("up", (".X",), ""),))


def small_graph() -> nx.Graph:
    graph = nx.Graph(name="registry test")
    graph.add_node("Russia", label="Russia", type="country", mentions=3, documents=1)
    graph.add_node("Turkey", label="Turkey", type="country", mentions=2, documents=1)
    graph.add_edge("Russia", "Turkey", weight=1.0, label="co-mentioned", relation="co-mentioned")
    return graph


@pytest.mark.parametrize("fmt", EXPORT_FORMATS, ids=lambda fmt: fmt.name)
def test_every_suffix_exports_its_format(tmp_path, fmt):
    """Each suffix writes the format that declares it; a folder format writes its files into the folder."""
    if fmt.files:
        written = export_graph(small_graph(), tmp_path / "tables", fmt.name)
        assert written == [tmp_path / "tables" / name for name in fmt.files]
        assert all(path.stat().st_size > 0 for path in written)
        with pytest.raises(ExportError, match="into a folder"):
            export_graph(small_graph(), tmp_path / "graph.csv", fmt.name)
        return
    for suffix in fmt.suffixes:
        path = tmp_path / f"graph{suffix}"
        assert format_for(path) == fmt.name
        assert export_graph(small_graph(), path) == [path]
        if fmt.read is not None:  # what it writes, it reads back
            assert sorted(read_graph(path).nodes) == ["Russia", "Turkey"]


def test_unknown_format_names_the_choices(tmp_path):
    with pytest.raises(ExportError, match="give one of " + ", ".join(FORMATS)):
        export_graph(small_graph(), tmp_path / "graph.xyz")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "none.json"), "-o", str(tmp_path / "g.xyz")])
    assert result.exit_code == 2
    assert "add --format (" + ", ".join(FORMATS) + ")" in " ".join(result.output.split())


def test_a_saved_graph_is_read_by_its_content_when_the_suffix_says_nothing(tmp_path):
    """read_graph picks the reader from the first bytes when the file name does not: GEXF, GraphML or JSON."""
    for fmt in ("gexf", "graphml", "json"):
        path = tmp_path / f"graph.{fmt}"
        export_graph(small_graph(), path)
        renamed = path.rename(tmp_path / f"{fmt}.saved")
        assert sorted(read_graph(renamed).nodes) == ["Russia", "Turkey"], fmt
