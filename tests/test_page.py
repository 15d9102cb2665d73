"""The graph page: what a reader sees in a real browser, offline, and that article text never runs as code.

The browser tests drive Debian's Chromium (/usr/bin/chromium, installed by .ci/run) through Playwright's
Python package; nothing downloads a browser. Every request that is not the page's own file is blocked and
recorded, so a page that needs the network fails here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphkit.export.html import MAX_NODES, render_page, write_html
from graphkit.graph.layout import add_layout
from graphkit.graph.metrics import add_metrics
from graphkit.relation_types import relation_classes
from graphkit.schema import CO_MENTION_COLOR, CO_MENTIONED, coerce_edge, coerce_node, hex_to_rgb

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCRIPT_TAG = "<script>window.__pwned=1</script>"
IMG_TAG = '<img src=x onerror="window.__pwned=1">'
EVIL_NAME = f"Evil {SCRIPT_TAG} Corp"
EVIL_SENTENCE = f"Tomas Reyes said {IMG_TAG} was Evil {SCRIPT_TAG} Corp's idea."


def news_graph(name: str = "Harbour files", *, evil: bool = False) -> nx.Graph:
    """A small graph through the schema, as graphkit.graph.build builds it: entities, weighted edges with evidence."""
    graph = nx.Graph(name=name, built="2025-03-04T05:06:07Z", documents=3)
    entities = [
        ("Amira Solberg", "person", ["Amira Solberg", "Solberg", "President Solberg"], 9, 3),
        ("Norland", "country", ["Norland", "Norlandic Republic"], 14, 3),
        ("Baltic Grain Union", "organization", ["Baltic Grain Union", "BGU"], 5, 2),
        ("Tomas Reyes", "person", ["Tomas Reyes", "Reyes"], 4, 2),
        ("Kestrel Holdings", "organization", ["Kestrel Holdings"], 3, 1),
        ("Port Vell", "location", ["Port Vell"], 2, 1),
    ]
    if evil:
        entities.append((EVIL_NAME, "organization", [EVIL_NAME, IMG_TAG], 2, 1))
    for label, kind, aliases, mentions, documents in entities:
        graph.add_node(
            label,
            **coerce_node(
                {
                    "label": label,
                    "type": kind,
                    "aliases": " | ".join(aliases),
                    "mentions": mentions,
                    "documents": documents,
                }
            ),
        )
    edges = [
        (
            "Amira Solberg",
            "Norland",
            3,
            "president of | co-mentioned",
            "Amira Solberg president of Norland",
            [
                "[harbour-1.txt] Amira Solberg, the president of Norland, opened the grain terminal.",
                "[harbour-2.txt] Solberg spoke for Norland at the summit.",
            ],
        ),
        (
            "Norland",
            "Baltic Grain Union",
            2,
            "member of",
            "Norland member of Baltic Grain Union",
            ["[harbour-2.txt] Norland joined the Baltic Grain Union in March."],
        ),
        (
            "Tomas Reyes",
            "Kestrel Holdings",
            1,
            "co-mentioned",
            "",
            ["[harbour-3.txt] Tomas Reyes sold his stake in Kestrel Holdings last year."],
        ),
        (
            "Port Vell",
            "Norland",
            1,
            "co-mentioned",
            "",
            ["[harbour-1.txt] The ships left Port Vell for Norland at dawn."],
        ),
        (
            "Amira Solberg",
            "Tomas Reyes",
            1,
            "co-mentioned",
            "",
            ["[harbour-3.txt] Amira Solberg never met Tomas Reyes, aides said."],
        ),
    ]
    if evil:
        edges.append(
            (
                EVIL_NAME,
                "Tomas Reyes",
                1,
                f"co-mentioned | {SCRIPT_TAG}",
                f"{EVIL_NAME} owns {IMG_TAG}",
                [f"[{IMG_TAG}.txt] {EVIL_SENTENCE}"],
            )
        )
    for u, v, weight, label, statements, evidence in edges:
        graph.add_edge(
            u,
            v,
            **coerce_edge(
                {
                    "weight": float(weight),
                    "label": label,
                    "relation": label.split(" | ")[0],
                    "statements": statements,
                    "evidence": "\n".join(evidence),
                    "documents": len(evidence),
                    "sentences": len(evidence),
                }
            ),
        )
    add_metrics(graph)
    add_layout(graph)
    return graph


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match, "the page carries its graph as a JSON block"
    data = json.loads(match.group(1))
    # tables of fields and rows, ids are row numbers, evidence points into the shared sentences (as page.js reads it)
    for key in ("nodes", "edges"):
        data[key] = [dict(zip(data[key]["fields"], row, strict=True)) for row in data[key]["rows"]]
    for edge in data["edges"]:
        edge["evidence"] = [data["sentences"][i] for i in edge["evidence"]]
    return data


# ---- the file itself (no browser) ----


def test_page_needs_nothing_from_the_network() -> None:
    html = render_page(news_graph())
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html, re.I)
    assert "cdn" not in html.lower().replace("cdn_resources", "")
    assert "window.network = network" in html
    assert "default-src 'none'" in html  # the page's CSP forbids loading anything


def test_untrusted_text_never_appears_as_markup_in_the_file() -> None:
    html = render_page(news_graph(name=f"Leak {SCRIPT_TAG}", evil=True))
    assert SCRIPT_TAG not in html
    assert "<img" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # the corpus name in the header, escaped
    data = page_data(html)
    assert EVIL_NAME in [n["label"] for n in data["nodes"]]  # and intact in the data
    assert any(sentence == EVIL_SENTENCE for e in data["edges"] for _, sentence in e["evidence"])


def test_large_graph_is_capped_to_the_most_important_nodes(tmp_path: Path) -> None:
    graph = nx.barabasi_albert_graph(60, 2, seed=7)
    graph = nx.relabel_nodes(graph, {n: f"Entity {n}" for n in graph})
    for node, attrs in graph.nodes(data=True):
        attrs.update(coerce_node({"label": node, "type": "person", "aliases": node, "mentions": 1, "documents": 1}))
    for _, _, attrs in graph.edges(data=True):
        attrs.update(coerce_edge({"weight": 1.0, "label": "co-mentioned", "evidence": "[d.txt] A sentence."}))
    add_metrics(graph)
    add_layout(graph)
    top = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["pagerank"])[:10]

    capped = tmp_path / "capped.html"
    write_html(graph, capped, max_nodes=10)
    html = capped.read_text(encoding="utf-8")
    data = page_data(html)
    labels = [n["label"] for n in data["nodes"]]
    # in the graph's order, not a set's: the page is the same bytes in every process (string hashing varies)
    assert labels == [n for n in graph if n in top]
    assert all(graph.has_edge(labels[e["from"]], labels[e["to"]]) for e in data["edges"])
    assert "Showing the 10 most important of 60 entities" in html

    everything = tmp_path / "all.html"
    write_html(graph, everything, max_nodes=None)
    html = everything.read_text(encoding="utf-8")
    assert len(page_data(html)["nodes"]) == 60
    assert "most important of" not in html
    assert MAX_NODES >= 1000  # the default keeps ordinary corpora whole


def test_build_option_max_nodes_reaches_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import graphkit.api as api  # the command imports the build from here when it runs
    from graphkit.cli import app

    seen: list[int | None] = []
    monkeypatch.setattr(api, "build", lambda *args, **kwargs: seen.append(kwargs["max_nodes"]))
    monkeypatch.setattr(api, "up_to_date", lambda *args, **kwargs: None)
    for option in ([], ["--max-nodes", "0"], ["--max-nodes", "40"]):
        result = CliRunner().invoke(app, ["build", "somewhere", "-q", *option])
        assert result.exit_code == 0, result.output
    assert seen == [MAX_NODES, None, 40]  # 0 means every node


def test_write_outputs_caps_only_the_page(sample_build: Any, tmp_path: Path) -> None:
    from graphkit import write_outputs
    from graphkit.export.json import read_json

    paths = write_outputs(sample_build, tmp_path, max_nodes=3)
    graph = read_json(paths["graph.json"])
    assert graph.number_of_nodes() > 3
    html = paths["graph.html"].read_text(encoding="utf-8")
    assert len(page_data(html)["nodes"]) == 3
    assert f"Showing the 3 most important of {graph.number_of_nodes()} entities" in html


def test_evidence_keeps_its_document_apart_from_the_sentence() -> None:
    edges = page_data(render_page(news_graph()))["edges"]
    evidence = {sentence: doc for e in edges for doc, sentence in e["evidence"]}
    assert evidence["Norland joined the Baltic Grain Union in March."] == "harbour-2.txt"


# ---- in the browser ----


@dataclass
class OpenPage:
    page: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def node_id(self, label: str) -> int:
        return self.js("(label) => graphkit.nodeId(label)", label)

    def drawn_nodes(self) -> list[str]:
        return self.js("network.body.nodeIndices.map((id) => network.body.nodes[id].options.label)")

    def panel_text(self) -> str:
        return self.page.inner_text("#panel")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium for the page tests")
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    paths = {"news": folder / "news.html", "evil": folder / "evil.html"}
    write_html(news_graph(), paths["news"])
    write_html(news_graph(name=f"Leak {SCRIPT_TAG}", evil=True), paths["evil"])
    return paths


def open_page(browser: Any, path: Path) -> OpenPage:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = OpenPage(context.new_page())

    def local_only(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            opened.outside.append(url)
            route.abort()

    context.route("**/*", local_only)
    context.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "about:", "blob:")) else opened.outside.append(r.url),
    )
    opened.page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    opened.page.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.page.goto(path.as_uri())
    opened.page.wait_for_function("window.graphkit && window.graphkit.drawnAt !== null", timeout=15_000)
    return opened


@pytest.fixture
def news(browser: Any, pages: dict[str, Path]) -> Iterator[OpenPage]:
    opened = open_page(browser, pages["news"])
    yield opened
    opened.page.context.close()
    assert opened.outside == [], "the page asked the network for something"
    assert opened.errors == [], "the page logged errors"


def test_page_draws_every_node_offline(news: OpenPage) -> None:
    assert sorted(news.drawn_nodes()) == sorted(news_graph().nodes)
    assert news.js("network.body.edgeIndices.length") == 5
    header = news.page.inner_text("header")
    assert "Harbour files" in header
    assert "6 entities" in header.replace("\n", " ")
    assert "5 links" in header.replace("\n", " ")
    assert "built 4 Mar 2025" in header


def test_search_finds_a_node_by_alias_and_focuses_it(news: OpenPage) -> None:
    news.page.fill("#search", "bgu")  # an alias, in the wrong case
    news.page.press("#search", "Enter")
    target = news.node_id("Baltic Grain Union")
    assert news.js("network.getSelectedNodes()") == [target]
    # the view glides to the node: its position ends up in the centre of the view
    news.page.wait_for_function(
        """(id) => { const p = network.getPositions([id])[id], v = network.getViewPosition();
                     return Math.hypot(p.x - v.x, p.y - v.y) < 1; }""",
        arg=target,
        timeout=5_000,
    )
    panel = news.panel_text()
    assert "Baltic Grain Union" in panel
    assert "organization" in panel.lower()
    assert "Norland" in panel  # its strongest link


def test_clicking_a_node_lights_its_neighbours_and_fills_the_panel(news: OpenPage) -> None:
    target = news.node_id("Amira Solberg")
    point = news.js("(id) => network.canvasToDOM(network.getPositions([id])[id])", target)
    box = news.page.locator("#mynetwork").bounding_box()
    news.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert news.js("network.getSelectedNodes()") == [target]
    opacity = news.js("(label) => network.body.nodes[graphkit.nodeId(label)].options.opacity", "Norland")
    dimmed = news.js("(label) => network.body.nodes[graphkit.nodeId(label)].options.opacity", "Kestrel Holdings")
    assert opacity == 1 and dimmed < 0.5  # a neighbour stays, the rest fades
    panel = news.panel_text()
    assert "Amira Solberg" in panel and "person" in panel.lower()
    assert "President Solberg" in panel  # an alias
    assert "9 mentions in 3 documents" in panel
    assert panel.index("Norland") < panel.index("Tomas Reyes")  # strongest link first


def test_search_says_when_nothing_matches(news: OpenPage) -> None:
    news.page.fill("#search", "Nobody Atall")
    news.page.press("#search", "Enter")
    assert "No name or alias matches" in news.page.inner_text("#status")
    assert news.js("network.getSelectedNodes()") == []


def test_type_filter_hides_the_nodes_of_that_type(news: OpenPage) -> None:
    news.page.click("#type-filter label:has(input[value=person])")
    drawn = news.drawn_nodes()
    assert "Amira Solberg" not in drawn and "Tomas Reyes" not in drawn
    assert sorted(drawn) == ["Baltic Grain Union", "Kestrel Holdings", "Norland", "Port Vell"]
    news.page.click("#type-filter label:has(input[value=person])")
    assert len(news.drawn_nodes()) == 6


def test_minimum_weight_keeps_only_the_strong_links(news: OpenPage) -> None:
    news.page.eval_on_selector("#min-weight", "(s) => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    assert news.js("network.body.edgeIndices.length") == 1
    assert sorted(news.drawn_nodes()) == ["Amira Solberg", "Norland"]
    assert news.page.inner_text("#min-weight-value") == "3"


def test_clicking_an_edge_shows_its_evidence(news: OpenPage) -> None:
    a, b = news.node_id("Norland"), news.node_id("Baltic Grain Union")
    edge = news.js(f"graphkit.data.edges.find((e) => [e.from, e.to].sort().join() === [{a}, {b}].sort().join()).id")
    point = news.js(
        """([a, b]) => { const p = network.getPositions([a, b]);
                         return network.canvasToDOM({x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2}); }""",
        [a, b],
    )
    assert news.js("(p) => network.getNodeAt(p) === undefined && network.getEdgeAt(p)", point) == edge
    box = news.page.locator("#mynetwork").bounding_box()
    news.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    news.page.wait_for_function("document.querySelector('#panel blockquote') !== null", timeout=5_000)
    panel = news.panel_text()
    assert "Norland joined the Baltic Grain Union in March." in panel
    assert "harbour-2.txt" in panel
    assert "member of" in panel


def test_injected_markup_shows_as_text_and_runs_nothing(browser: Any, pages: dict[str, Path]) -> None:
    evil = open_page(browser, pages["evil"])
    try:
        assert SCRIPT_TAG in evil.page.inner_text("#corpus-name")
        evil.page.fill("#search", "evil <script>")
        evil.page.press("#search", "Enter")
        panel = evil.panel_text()
        assert EVIL_NAME in panel
        assert IMG_TAG in panel  # the alias, as text
        evil.page.click("#panel li.link button")  # its link to Tomas Reyes, with the evidence
        evil.page.wait_for_function("document.querySelector('#panel blockquote') !== null", timeout=5_000)
        panel = evil.panel_text()
        assert EVIL_SENTENCE in panel
        assert f"{IMG_TAG}.txt" in panel  # the document name
        # hovering the node shows its tooltip as plain text too
        point = evil.js("(id) => network.canvasToDOM(network.getPositions([id])[id])", evil.node_id(EVIL_NAME))
        box = evil.page.locator("#mynetwork").bounding_box()
        evil.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        evil.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        assert EVIL_NAME in evil.page.inner_text("div.vis-tooltip")
        assert evil.js("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0  # innerText: only <br>
        assert evil.js("document.querySelectorAll('body img, #panel script, header script').length") == 0
        assert evil.js("window.__pwned") is None
        assert evil.outside == []
        assert evil.errors == []
    finally:
        evil.page.context.close()


# ---- relations: links that say how ----

EVIL_STATEMENT = f"{EVIL_NAME} sanctioned Lithuania"
# (u, v, weight, relation names, statements, their classes): u -> v is the order networkx keeps, so a
# statement that reads from v tests that the page takes its direction from the words, not the edge
RELATIONS: list[tuple[str, str, float, str, list[str], list[str]]] = [
    ("Vladimir Putin", "Sadyr Japarov", 2, "met | co-mentioned", ["Vladimir Putin met Sadyr Japarov"], ["contact"]),
    ("Vladimir Putin", "Russia", 1, "president of", ["Vladimir Putin president of Russia"], ["role"]),
    ("Sadyr Japarov", "Kyrgyzstan", 1, "president of", ["Sadyr Japarov president of Kyrgyzstan"], ["role"]),
    (
        "Lithuania",
        "China",
        1,
        "sanctioned",
        ["China sanctioned Lithuania (according to Gabrielius Landsbergis)"],
        ["conflict"],
    ),
    ("Russia", "Lithuania", 1, "not attacked", ["Russia attacked Lithuania (negated)"], ["conflict"]),
    ("Russia", "China", 1, "agreed with", ["Russia agreed with China (hedged)"], ["cooperation"]),
    ("Vladimir Putin", "Sochi", 1, "co-mentioned", [], []),
    ("Sadyr Japarov", "Sochi", 1, "co-mentioned", [], []),
    ("Kyrgyzstan", "China", 0.5, "co-mentioned", [], []),
    (
        EVIL_NAME,
        "Lithuania",
        1,
        "sanctioned",
        [f"{EVIL_STATEMENT} (according to {IMG_TAG})"],
        ["conflict"],
    ),
]


def relations_graph() -> nx.Graph:
    """Typed, denied, hedged and reported links beside co-mentions, with the class attributes graphkit.graph.build
    gives them (the strongest class of the statements; grey for co-mentions)."""
    graph = nx.Graph(name="Relations", built="2025-03-04T05:06:07Z", documents=2)
    kinds = {"Vladimir Putin": "person", "Sadyr Japarov": "person", "Sochi": "location", EVIL_NAME: "organization"}
    for u, v, *_ in RELATIONS:
        for name in (u, v):
            kind = kinds.get(name, "country")
            graph.add_node(name, **coerce_node({"label": name, "type": kind, "aliases": name, "mentions": 2}))
    classes = relation_classes()
    for u, v, weight, label, statements, said in RELATIONS:
        kind = min(said, key=lambda c: classes[c].rank) if said else CO_MENTIONED
        color = classes[kind].colour if said else CO_MENTION_COLOR
        graph.add_edge(
            u,
            v,
            **coerce_edge(
                {
                    "weight": float(weight),
                    "label": label,
                    "relation": label.split(" | ")[0],
                    "statements": " | ".join(statements),
                    "classes": " | ".join(said),
                    "relation_class": kind,
                    "stance": classes[kind].stance if said else "",
                    "color": color,
                    "evidence": f"[relations.txt] {u} and {v} in one sentence.",
                    "documents": 1,
                    "sentences": 1,
                }
            ),
        )
    add_metrics(graph)
    add_layout(graph)
    return graph


def links_left(
    graph: nx.Graph, *, typed_only: bool = False, classes: set[str] | None = None, hidden: frozenset[str] = frozenset()
) -> set[frozenset[str]]:
    """The links a reader should still see: those the link filters let through, between names of shown types."""
    left = set()
    for u, v, data in graph.edges(data=True):
        typed = data["relation_class"] != CO_MENTIONED
        passes = (classes is None or data["relation_class"] in classes) if typed else not typed_only
        if passes and graph.nodes[u]["type"] not in hidden and graph.nodes[v]["type"] not in hidden:
            left.add(frozenset((u, v)))
    return left


def drawn_links(opened: OpenPage) -> set[frozenset[str]]:
    pairs = opened.js(
        """network.body.edgeIndices.map((id) => { const e = network.body.edges[id];
             return [e.from.options.label, e.to.options.label]; })"""
    )
    return {frozenset(pair) for pair in pairs}


def rgb(color: str) -> str:
    """A hex colour as the browser's computed style writes it."""
    red, green, blue = hex_to_rgb(color)
    return f"rgb({red}, {green}, {blue})"


def test_statements_reach_the_page_with_their_class_direction_and_marks() -> None:
    from graphkit.graph.build import build_graph
    from graphkit.model import DocExtraction, Document, Entity, Mention, RelationCandidate, Resolution, Sentence
    from graphkit.relate.relations import relate

    text = "Lithuania said Russia sanctioned Lithuania; Landsbergis said so."
    names = [("Lithuania", "country"), ("Russia", "country"), ("Lithuania", "country"), ("Landsbergis", "person")]
    mentions, start = [], 0
    for name, kind in names:
        start = text.index(name, start)
        mentions.append(Mention(start, start + len(name), name, kind, 0))
        start += len(name)
    sanctioned = RelationCandidate(subject=1, object=2, name="sanctioned", sentence=0, according_to=3)
    extraction = DocExtraction("a.txt", [Sentence(0, len(text), text)], mentions, [sanctioned])
    entities = {n: Entity(id=n, label=n, type=k, mentions=1, documents={"a.txt"}) for n, k in names}
    resolution = Resolution(entities=entities, mention_entities={"a.txt": [n for n, _ in names]})
    graph = build_graph([Document(id="a.txt", text=text)], resolution, relate([extraction], resolution))

    data = page_data(render_page(graph))
    ids = {n["label"]: i for i, n in enumerate(data["nodes"])}
    edge = next(e for e in data["edges"] if {e["from"], e["to"]} == {ids["Russia"], ids["Lithuania"]})
    assert edge["relationClass"] == "conflict"
    assert edge["color"] == relation_classes()["conflict"].colour
    [said] = edge["statements"]
    assert said["text"] == "Russia sanctioned Lithuania"
    assert edge["from"] == ids["Lithuania"]  # the graph keeps the pair in the other order...
    assert said["from"] == ids["Russia"]  # ...and the statement still reads from its subject
    assert said["according"] == "Landsbergis"
    assert (said["negated"], said["hedged"]) == (False, False)
    assert [c["name"] for c in data["classes"]] == ["conflict"]  # only the classes present


def test_the_class_legend_lists_the_classes_present_strongest_first() -> None:
    graph = relations_graph()
    data = page_data(render_page(graph))
    present = {d["relation_class"] for _, _, d in graph.edges(data=True)} - {CO_MENTIONED}
    assert [c["name"] for c in data["classes"]] == [c for c in relation_classes() if c in present]
    counts = {c["name"]: c["count"] for c in data["classes"]}
    assert counts["conflict"] == sum(d["relation_class"] == "conflict" for _, _, d in graph.edges(data=True))
    assert all(c["color"] == relation_classes()[c["name"]].colour for c in data["classes"])
    denied = [e for e in data["edges"] if e["denied"]]
    assert [s["text"] for e in denied for s in e["statements"]] == ["Russia attacked Lithuania"]


@pytest.fixture(scope="module")
def relations_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("relations") / "relations.html"
    write_html(relations_graph(), path)
    return path


@pytest.fixture
def related(browser: Any, relations_page: Path) -> Iterator[OpenPage]:
    opened = open_page(browser, relations_page)
    yield opened
    opened.page.context.close()
    assert opened.outside == [], "the page asked the network for something"
    assert opened.errors == [], "the page logged errors"


def test_typed_links_wear_their_class_colour_and_co_mentions_are_thin_and_grey(related: OpenPage) -> None:
    graph = relations_graph()
    drawn = related.js(
        """network.body.edgeIndices.map((id) => { const e = network.body.edges[id], o = e.options;
             return {ends: [e.from.options.label, e.to.options.label], color: o.color.color,
                     dashed: Boolean(o.dashes), width: o.width}; })"""
    )
    assert len(drawn) == graph.number_of_edges()
    widths: dict[str, set[float]] = {"typed": set(), "co": set()}
    for link in drawn:
        data = graph.edges[link["ends"]]
        kind = data["relation_class"]
        typed = kind != CO_MENTIONED
        assert link["color"] == (relation_classes()[kind].colour if typed else CO_MENTION_COLOR), link
        # dashed exactly when every statement is denied
        assert link["dashed"] == (typed and data["statements"].endswith("(negated)")), link
        if data["weight"] == 1.0:
            widths["typed" if typed else "co"].add(link["width"])
    assert max(widths["co"]) < min(widths["typed"])  # at the same strength a co-mention is the thinner line
    # the class filter is the legend: one swatch per class present, in its colour, with its count of links
    legend = related.js(
        """Array.from(document.querySelectorAll('#class-filter label')).map((l) => [
             l.querySelector('input').value, getComputedStyle(l.querySelector('.swatch')).backgroundColor,
             l.querySelector('.type-count').textContent])"""
    )
    present = [c for c in relation_classes() if any(d["relation_class"] == c for *_, d in graph.edges(data=True))]
    assert [name for name, _, _ in legend] == present
    for name, color, count in legend:
        assert color == rgb(relation_classes()[name].colour)
        assert int(count) == sum(d["relation_class"] == name for *_, d in graph.edges(data=True))


def test_typed_only_hides_co_mentions_and_the_names_they_alone_kept(related: OpenPage) -> None:
    graph = relations_graph()
    typed = links_left(graph, typed_only=True)
    assert 0 < len(typed) < graph.number_of_edges()
    related.page.click("#typed-filter")
    assert drawn_links(related) == typed
    assert "Sochi" not in related.drawn_nodes()  # only ever co-mentioned
    assert sorted(related.drawn_nodes()) == sorted({name for pair in typed for name in pair})
    assert f"{len(typed)} links" in related.page.inner_text("#visible-count")
    related.page.click("#reset")
    assert len(drawn_links(related)) == graph.number_of_edges()
    assert not related.js("document.getElementById('typed-only').checked")
    # the same from a script, which gets the number of links left
    assert related.js("graphkit.setTypedOnly(true)") == len(typed)
    assert related.js("graphkit.setTypedOnly(false)") == graph.number_of_edges()


def test_class_filter_combines_with_typed_only_and_the_type_filter(related: OpenPage) -> None:
    graph = relations_graph()
    related.page.click("#class-filter label:has(input[value=conflict])")
    assert drawn_links(related) == links_left(graph, classes=set(relation_classes()) - {"conflict"})
    assert frozenset(("China", "Lithuania")) not in drawn_links(related)
    assert frozenset(("Kyrgyzstan", "China")) in drawn_links(related)  # co-mentions stay unless typed-only

    related.page.click("#typed-filter")
    expected = links_left(graph, typed_only=True, classes=set(relation_classes()) - {"conflict"})
    assert drawn_links(related) == expected
    related.page.click("#type-filter label:has(input[value=person])")
    persons = frozenset({"person"})
    expected = links_left(graph, typed_only=True, classes=set(relation_classes()) - {"conflict"}, hidden=persons)
    assert drawn_links(related) == expected
    assert expected == {frozenset(("Russia", "China"))}  # role and contact links all touch a person

    assert related.js("graphkit.setClasses(['contact', 'role'])") == 0  # every one of them has a person end
    related.page.click("#type-filter label:has(input[value=person])")
    expected = links_left(graph, typed_only=True, classes={"contact", "role"})
    assert related.js("graphkit.setClasses(['contact', 'role'])") == len(expected)
    assert drawn_links(related) == expected
    boxes = related.js("Array.from(document.querySelectorAll('#class-filter input')).filter((b) => b.checked)")
    assert len(boxes) == 2  # the checkboxes follow the script
    assert related.js("graphkit.setClasses(null)") == len(links_left(graph, typed_only=True))
    related.page.click("#reset")
    assert len(drawn_links(related)) == graph.number_of_edges()


def edge_between(opened: OpenPage, a: str, b: str) -> int:
    ids = sorted([opened.node_id(a), opened.node_id(b)])
    return opened.js("(ids) => graphkit.data.edges.find((e) => [e.from, e.to].sort().join() === ids.join()).id", ids)


def test_edge_panel_lists_each_statement_with_its_class_direction_and_source(related: OpenPage) -> None:
    related.js("(id) => graphkit.showEdge(id, false)", edge_between(related, "China", "Lithuania"))
    statement = related.page.locator("#panel li.statement")
    assert statement.count() == 1
    text = statement.inner_text()
    assert "China sanctioned Lithuania" in text
    assert "China → Lithuania" in text  # the statement's direction, not the order the edge is stored in
    assert "according to Gabrielius Landsbergis" in text
    assert "(according to" not in text and "negated" not in text
    chip = statement.locator(".chip.class")
    assert chip.inner_text() == "conflict"
    assert chip.locator(".swatch").evaluate("(s) => getComputedStyle(s).backgroundColor") == rgb(
        relation_classes()["conflict"].colour
    )

    related.js("(id) => graphkit.showEdge(id, false)", edge_between(related, "Russia", "Lithuania"))
    text = related.page.inner_text("#panel li.statement")
    assert "Russia attacked Lithuania" in text and "negated" in text and "(negated)" not in text
    related.js("(id) => graphkit.showEdge(id, false)", edge_between(related, "Russia", "China"))
    assert "hedged" in related.page.inner_text("#panel li.statement .said")

    related.js("(id) => graphkit.showEdge(id, false)", edge_between(related, "Vladimir Putin", "Sadyr Japarov"))
    panel = related.panel_text()
    assert "contact" in related.page.inner_text("#panel li.statement .chip.class")
    assert "co-mentioned" in related.page.inner_text("#panel .chips")  # the co-mention chip stays
    assert "Vladimir Putin → Sadyr Japarov" in panel
    assert "according to" not in panel


def test_statement_text_from_articles_shows_as_text(related: OpenPage) -> None:
    related.js("(id) => graphkit.showEdge(id, false)", edge_between(related, EVIL_NAME, "Lithuania"))
    text = related.page.inner_text("#panel li.statement")
    assert EVIL_STATEMENT in text
    assert f"according to {IMG_TAG}" in text
    assert f"{EVIL_NAME} → Lithuania" in text
    assert related.js("document.querySelectorAll('#panel img, #panel script').length") == 0
    assert related.js("window.__pwned") is None
