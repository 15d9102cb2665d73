"""Corrections from the page: decisions made in the browser change the view at once, can be undone, and come
down as an alias file that the next build obeys.

The page is built from our own small corpus (tests/fixtures/corrections) with the real CLI and driven in
Debian's Chromium, as in test_page.py. On that corpus the small spaCy model makes the mistakes a reader would
fix: "Tom Ibara" (a misspelling) is a second person beside Tomas Ibarra, Valdora (a town) and Corvex
Shipping (a company) are people, and "Readers Digest" is no entity of the story.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from test_page import OpenPage, browser, open_page, page_data  # noqa: F401  (browser: the shared Chromium fixture)
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.export.html import write_html
from graphkit.export.json import read_json
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics
from graphkit.names import name_key
from graphkit.resolve.aliases import AliasFileError, load_aliases
from graphkit.schema import PALETTE, coerce_edge, coerce_node

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corrections"
EXISTING_ALIASES = """\
# our corrections so far
merge:
  Harbour Workers Guild: [HWG, the guild]   # the union, however it is called
rename:
  Corvex Shipping: Corvex Lines
types:
  Corvex Lines: organization
drop: [Readers Digest]
"""


@dataclass
class Built:
    articles: Path
    out: Path

    @property
    def page(self) -> Path:
        return self.out / "graph.html"

    def graph(self) -> nx.Graph:
        return read_json(self.out / "graph.json")


def build_corpus(articles: Path, out: Path) -> Built:
    """`graphkit build` on the articles, as a reader runs it."""
    result = CliRunner().invoke(app, ["build", str(articles), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return Built(articles, out)


def copy_corpus(folder: Path, aliases: str | None = None) -> Path:
    articles = folder / "articles"
    shutil.copytree(CORPUS, articles)
    if aliases is not None:
        (articles / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return articles


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("corrections")
    return build_corpus(copy_corpus(folder), folder / "out")


@pytest.fixture
def opened(browser: Any, built: Built) -> Iterator[OpenPage]:  # noqa: F811
    page = open_page(browser, built.page)
    yield page
    page.page.context.close()
    assert page.outside == [], "the page asked the network for something"
    assert page.errors == [], "the page logged errors"


def labels_of(graph: nx.Graph) -> dict[str, str]:
    return {data["label"]: data["type"] for _, data in graph.nodes(data=True)}


def linked(graph: nx.Graph, a: str, b: str) -> bool:
    ids = {data["label"]: node for node, data in graph.nodes(data=True)}
    return a in ids and b in ids and graph.has_edge(ids[a], ids[b])


def drawn(opened: OpenPage) -> dict[str, Any]:
    """What the reader sees: each drawn node's label and group, and the drawn links as pairs of labels."""
    return opened.js(
        """({nodes: network.body.nodeIndices.map((id) => [network.body.nodes[id].options.label,
                                                       network.body.nodes[id].options.group]).sort(),
             links: network.body.edgeIndices.map((id) => { const e = network.body.edges[id];
                      return [e.from.options.label, e.to.options.label].sort().join(" — "); }).sort()})"""
    )


def find(opened: OpenPage, name: str) -> None:
    opened.page.fill("#search", name)
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#panel h2") == name


def correct(opened: OpenPage, kind: str, value: str | None = None) -> None:
    """Press one of the entity panel's correction buttons and, for those that ask, answer and submit."""
    opened.page.click(f"#panel button[data-correct={kind}]")
    if value is None:
        return
    field = opened.page.locator("#panel form.correct-ask").locator("input, select")
    if kind == "retype":
        field.select_option(value)
    else:
        field.fill(value)
    opened.page.click("#panel form.correct-ask button[type=submit]")


def test_the_fixture_corpus_holds_the_mistakes_the_tests_correct(built: Built) -> None:
    types = labels_of(built.graph())
    assert {"Tomas Ibarra", "Tom Ibara", "Readers Digest", "Elena Varga"} <= types.keys()
    assert types["Valdora"] == "person" and types["Corvex Shipping"] == "person"
    assert linked(built.graph(), "Tom Ibara", "Elena Varga")
    assert not linked(built.graph(), "Tomas Ibarra", "Elena Varga")


def test_buttons_correct_the_view_at_once_and_undo_restores_it(opened: OpenPage) -> None:
    before = drawn(opened)
    assert opened.js("document.getElementById('corrections').hidden")  # no corrections, no panel

    find(opened, "Readers Digest")
    correct(opened, "drop")
    assert "Readers Digest" not in [label for label, _ in drawn(opened)["nodes"]]
    assert not opened.js("document.getElementById('corrections').hidden")

    find(opened, "Tom Ibara")
    correct(opened, "merge", "Tomas Ibarra")
    view = drawn(opened)
    assert "Tom Ibara" not in [label for label, _ in view["nodes"]]
    assert "Elena Varga — Tomas Ibarra" in view["links"]  # Tom Ibara's link moved to the name kept
    assert opened.page.inner_text("#panel h2") == "Tomas Ibarra"
    assert "Tom Ibara" in opened.page.inner_text("#panel .aliases")

    correct(opened, "rename", "Tomás Ibarra")
    view = drawn(opened)
    assert "Tomás Ibarra" in [label for label, _ in view["nodes"]]
    assert "Tomas Ibarra" not in [label for label, _ in view["nodes"]]
    assert "Elena Varga — Tomás Ibarra" in view["links"]
    assert opened.page.inner_text("#panel h2") == "Tomás Ibarra"

    find(opened, "Valdora")
    correct(opened, "retype", "location")
    valdora = opened.node_id("Valdora")
    assert opened.js("(id) => network.body.nodes[id].options.color.background", valdora) == PALETTE["location"]
    assert "location" in opened.page.inner_text("#panel .kind").lower()

    listed = opened.page.locator("#corrections li.correction").all_inner_texts()
    assert [line.split("\n")[0].strip() for line in listed] == [
        "Dropped Readers Digest: not an entity",
        "Tom Ibara is the same as Tomas Ibarra",
        "Renamed Tomas Ibarra to Tomás Ibarra",
        "Valdora is a location, not a person",
    ]

    # undoing the merge alone brings Tom Ibara and his link back; the rename after it stays
    opened.page.locator("#corrections li.correction").nth(1).locator("button.undo").click()
    view = drawn(opened)
    assert "Tom Ibara" in [label for label, _ in view["nodes"]]
    assert "Elena Varga — Tom Ibara" in view["links"]
    assert "Elena Varga — Tomás Ibarra" not in view["links"]
    assert opened.page.locator("#corrections li.correction").count() == 3

    while opened.page.locator("#corrections button.undo").count():
        opened.page.locator("#corrections button.undo").first.click()
    assert drawn(opened) == before
    assert opened.js("document.getElementById('corrections').hidden")
    find(opened, "Readers Digest")  # found again by the search box


def test_scripts_correct_by_name_or_id_and_hear_of_unknown_names(opened: OpenPage) -> None:
    tom = opened.node_id("Tom Ibara")
    decision = opened.js("graphkit.merge('TOMAS IBARRA', 'tom ibara')")  # any case
    assert decision["kind"] == "merge" and decision["text"] == "Tom Ibara is the same as Tomas Ibarra"
    opened.js("(id) => graphkit.showNode(id, false)", tom)  # a name merged away shows as the one it joined
    assert opened.page.inner_text("#panel h2") == "Tomas Ibarra"
    assert opened.js("(id) => graphkit.retype(id, 'location').type", opened.node_id("Valdora")) == "location"
    assert opened.js("graphkit.rename('Ibarra', 'Tomás Ibarra').name") == "Tomás Ibarra"  # an alias names it
    for script, words in [
        ("graphkit.drop('Nobody Atall')", "no entity on the page is called “Nobody Atall”"),
        ("graphkit.retype('Valdora', 'planet')", "unknown type “planet”"),
        ("graphkit.merge('Tomás Ibarra', 'Tom Ibara')", "already one entity"),
        ("graphkit.rename('Valdora', '  ')", "cannot be empty"),
    ]:
        with pytest.raises(Exception, match=words):
            opened.js(script)
    assert len(opened.js("graphkit.decisions()")) == 3
    assert opened.js("graphkit.undo().kind") == "rename"
    assert opened.node_id("Tomas Ibarra") is not None


def test_page_round_trip_the_next_build_obeys_the_download(opened: OpenPage, built: Built, tmp_path: Path) -> None:
    find(opened, "Readers Digest")
    correct(opened, "drop")
    find(opened, "Tom Ibara")
    correct(opened, "merge", "Tomas Ibarra")
    correct(opened, "rename", "Tomás Ibarra")
    find(opened, "Valdora")
    correct(opened, "retype", "location")
    opened.js("graphkit.retype('Corvex Shipping', 'organization')")

    with opened.page.expect_download() as download:  # a Blob behind <a download>, under the page's CSP
        opened.page.click("#corrections-download")
    assert download.value.suggested_filename == "aliases.yaml"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text == opened.js("graphkit.corrections()")
    assert "# corrections from the page, " in text
    assert yaml.safe_load(text) == {
        "merge": {"Tomás Ibarra": ["Tom Ibara", "Tomas Ibarra"]},
        "types": {"Valdora": "location", "Corvex Shipping": "organization"},
        "drop": ["Readers Digest"],
    }

    articles = copy_corpus(tmp_path)
    (articles / "aliases.yaml").write_text(text, encoding="utf-8")
    graph = build_corpus(articles, tmp_path / "out").graph()
    types = labels_of(graph)
    assert "Readers Digest" not in types
    assert "Tom Ibara" not in types and "Tomas Ibarra" not in types
    assert types["Tomás Ibarra"] == "person"
    ibarra = next(data for _, data in graph.nodes(data=True) if data["label"] == "Tomás Ibarra")
    assert {"Tom Ibara", "Tomas Ibarra", "Ibarra"} <= set(ibarra["aliases"].split(" | "))
    assert linked(graph, "Tomás Ibarra", "Elena Varga") and linked(graph, "Tomás Ibarra", "Harbour Workers Guild")
    assert types["Valdora"] == "location"
    assert types["Corvex Shipping"] == "organization"
    assert len(types) == len(labels_of(built.graph())) - 2  # nothing else changed


def test_not_the_same_as_is_listed_and_written_as_an_apart_entry(opened: OpenPage) -> None:
    find(opened, "Tom Ibara")
    correct(opened, "apart", "Tomas Ibarra")
    assert "Tom Ibara is not the same as Tomas Ibarra" in opened.page.inner_text("#corrections")
    assert sorted(label for label, _ in drawn(opened)["nodes"]) == sorted(
        label for label, _ in opened.js("graphkit.data.nodes.map((n) => [n.label, n.group])")
    )  # nothing to show: both stay
    assert yaml.safe_load(opened.js("graphkit.corrections()")) == {"apart": [["Tom Ibara", "Tomas Ibarra"]]}
    with pytest.raises(Exception, match="kept apart"):
        opened.js("graphkit.merge('Tomas Ibarra', 'Tom Ibara')")


def test_the_download_keeps_the_rules_of_the_alias_file_the_page_was_built_with(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    articles = copy_corpus(tmp_path / "first", EXISTING_ALIASES)
    first = build_corpus(articles, tmp_path / "first" / "out")
    assert first.graph().graph["alias_file"] == EXISTING_ALIASES
    assert "Corvex Lines" in labels_of(first.graph())
    page = open_page(browser, first.page)
    try:
        page.js("graphkit.rename('Corvex Lines', 'Corvex Group')")  # a name the file itself gave
        page.js("graphkit.merge('Tomas Ibarra', 'Tom Ibara')")
        page.js("graphkit.retype('Valdora', 'location')")
        text = page.js("graphkit.corrections()")
        assert page.errors == [] and page.outside == []
    finally:
        page.page.context.close()
    assert "rules of the alias file this page was built with" in text
    assert yaml.safe_load(text) == {
        "merge": {"Harbour Workers Guild": ["HWG", "the guild"], "Tomas Ibarra": ["Tom Ibara"]},
        # the file's rename of Corvex Shipping gives way to the page's, which renames both names
        "rename": {"Corvex Lines": "Corvex Group", "Corvex Shipping": "Corvex Group"},
        "types": {"Corvex Lines": "organization", "Corvex Group": "organization", "Valdora": "location"},
        "drop": ["Readers Digest"],
    }
    types_section = text[text.index("\ntypes:\n") + 1 : text.index("\ndrop:\n")].splitlines()[1:]
    assert types_section[0] == '  "Corvex Lines": "organization"'  # the file's rule, then the page's under the comment
    assert types_section[1].startswith("  # corrections from the page, ")

    again = copy_corpus(tmp_path / "second", text)
    types = labels_of(build_corpus(again, tmp_path / "second" / "out").graph())
    assert types["Corvex Group"] == "organization" and "Corvex Lines" not in types
    assert "Corvex Shipping" not in types and "Readers Digest" not in types and "HWG" not in types
    assert "Tom Ibara" not in types and types["Valdora"] == "location"


HOSTILE = [
    "Colon: Inc",
    'Quote "Q" Ltd',
    "Hash # Tag",
    "- Dash Front",
    "[Bracket",
    "{Brace} & Co",
    "'Single' quote",
    "Back\\slash",
    "Türkiye",
    "null",
    "yes",
    "~",
    "100",
    "*star",
    "&amp",
    "!bang",
    "%percent",
    "@at",
    "`tick",
    "? query",
    "| pipe",
    "> fold",
    "Line\u2028Separator",
    "Next\x85Line",
    "Del\x7fete",
    "Ship 🚢 Co",
    "Tab\tName",
]


def hostile_graph() -> nx.Graph:
    """Names as articles can spell them, each a node linked to the next, through the schema."""
    graph = nx.Graph(name="Hostile names", built="2025-03-04T05:06:07Z", documents=1)
    for name in HOSTILE:
        graph.add_node(name, **coerce_node({"label": name, "type": "organization", "aliases": name, "mentions": 1}))
    for a, b in zip(HOSTILE, HOSTILE[1:], strict=False):
        graph.add_edge(a, b, **coerce_edge({"weight": 1.0, "label": "co-mentioned", "evidence": "[h.txt] A sentence."}))
    add_metrics(graph)
    add_layout(graph)
    return graph


def test_hostile_names_make_a_valid_file_the_alias_loader_reads_as_meant(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "hostile.html"
    write_html(hostile_graph(), path)
    page = open_page(browser, path)
    ids = {name: page.js("(name) => graphkit.data.nodes.find((n) => n.label === name).id", name) for name in HOSTILE}
    try:
        for i in range(0, 9, 3):  # by id: some of these names are blank or ambiguous as typed
            page.js("([a, b]) => graphkit.merge(a, b)", [ids[HOSTILE[i]], ids[HOSTILE[i + 1]]])
            page.js("([a, n]) => graphkit.rename(a, n)", [ids[HOSTILE[i + 2]], HOSTILE[i + 2] + ": renamed #1"])
        for name in HOSTILE[9:18]:
            page.js("(id) => graphkit.retype(id, 'person')", ids[name])
        for name in HOSTILE[18:]:
            page.js("(id) => graphkit.drop(id)", ids[name])
        text = page.js("graphkit.corrections()")
        page.js("(ids) => graphkit.apart(ids[0], ids[1])", [ids[HOSTILE[9]], ids[HOSTILE[10]]])
        with_apart = page.js("graphkit.corrections()")
        assert page.errors == []
    finally:
        page.page.context.close()

    rules = yaml.safe_load(text)
    assert rules["merge"] == {HOSTILE[i]: [HOSTILE[i + 1]] for i in range(0, 9, 3)}
    assert rules["rename"] == {HOSTILE[i]: HOSTILE[i] + ": renamed #1" for i in range(2, 9, 3)}
    assert rules["types"] == {name: "person" for name in HOSTILE[9:18]}
    assert rules["drop"] == HOSTILE[18:]
    assert yaml.safe_load(with_apart)["apart"] == [[HOSTILE[9], HOSTILE[10]]]

    file = tmp_path / "aliases.yaml"
    file.write_text(text, encoding="utf-8")
    loaded = load_aliases(file)
    for i in range(0, 9, 3):
        assert loaded.renames[name_key(HOSTILE[i + 1])] == HOSTILE[i].strip()
        assert loaded.renames[name_key(HOSTILE[i + 2])] == HOSTILE[i + 2] + ": renamed #1"
    assert all(loaded.types[name_key(name)] == "person" for name in HOSTILE[9:18])
    assert loaded.drops == {name_key(name) for name in HOSTILE[18:]}
    assert loaded.apply(HOSTILE[20], "organization", HOSTILE[20]) is None


def test_a_broken_download_names_its_line(tmp_path: Path) -> None:
    """A page download that was cut short or edited by hand stops the build at the line that is wrong."""
    download = (
        "# graphkit alias file: save it as aliases.yaml beside the articles (or pass --aliases FILE) and build again.\n"
        "merge:\n"
        "  # corrections from the page, 2026-01-05\n"
        '  "Tomás Ibarra": ["Tom Ibara", "Tomas Ibarra"]\n'
        "drop:\n"
        '  - "Readers Digest\n'
        '  - "Dear Readers"\n'
    )
    path = tmp_path / "aliases.yaml"
    path.write_text(download, encoding="utf-8")
    with pytest.raises(AliasFileError, match=r"aliases\.yaml, line 7"):
        load_aliases(path)
    path.write_text(download.replace('["Tom Ibara", "Tomas Ibarra"]', '["Tom Ibara", "Tomas Ibarra"'), "utf-8")
    with pytest.raises(AliasFileError, match=r"aliases\.yaml, line 5"):
        load_aliases(path)


def test_a_page_built_without_an_alias_file_says_so(built: Built) -> None:
    html = built.page.read_text(encoding="utf-8")
    assert page_data(html)["aliasFile"] is None
    assert "alias_file" not in built.graph().graph
