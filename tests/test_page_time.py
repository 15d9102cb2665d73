"""The page's time bar: statements per month (or day, or year) and a range that keeps the links stated in it.

Edges carry `dates` (one item per dated statement, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`); no build sets them yet,
so the graphs here get them from their documents' dates. The browser is driven as in test_page.py.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_page import OpenPage, browser, drawn_links, news_graph, open_page, page_data  # noqa: F401

from graphkit.export.html import render_page, write_html
from graphkit.schema import join_list

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def start(text: str) -> date:
    """The first day of an ISO year, month or day: where the page counts a statement."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def end(text: str) -> date:
    """The last day of an ISO year, month or day: how far a range given as `text` reaches."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def edge_dates(graph: nx.Graph) -> dict[frozenset[str], list[str]]:
    return {
        frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])): d["dates"].split(" | ")
        for u, v, d in graph.edges(data=True)
        if d.get("dates")
    }


def links_in(
    graph: nx.Graph, first: str | None, last: str | None, hidden: frozenset[str] = frozenset()
) -> set[frozenset[str]]:
    """The links a reader should see with the range [first, last]: a statement of theirs starts in it."""
    low = start(first) if first else date.min
    high = end(last) if last else date.max
    left = set()
    for u, v, data in graph.edges(data=True):
        days = [start(d) for d in data.get("dates", "").split(" | ") if d]
        if any(low <= day <= high for day in days) and not {graph.nodes[u]["type"], graph.nodes[v]["type"]} & hidden:
            left.add(frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])))
    return left


def month_bins(graph: nx.Graph) -> list[tuple[str, int]]:
    """(label, statements) per month from the first dated statement's month to the last's, empty months too."""
    counts = Counter(
        start(d).replace(day=1)
        for _, _, data in graph.edges(data=True)
        for d in data.get("dates", "").split(" | ")
        if d
    )
    month, last = min(counts), max(counts)
    bins = []
    while month <= last:
        bins.append((month_label(month), counts[month]))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return bins


@pytest.fixture(scope="module")
def dated_graph(sample_build: Any) -> nx.Graph:
    """The bundled sample articles as built, each edge dated by its statements: one date per sentence relating
    the pair, that of the sentence's document (as the timeline build will give them)."""
    graph = sample_build.graph.copy()
    when = {doc.id: doc.date for doc in sample_build.documents}
    places: dict[frozenset[str], set[tuple[str, int]]] = {}
    for relation in sample_build.relations:
        places.setdefault(frozenset((relation.source, relation.target)), set()).add(
            (relation.evidence.document, relation.evidence.start)
        )
    for u, v, data in graph.edges(data=True):
        data["dates"] = join_list(sorted(when[doc] for doc, _ in places.get(frozenset((u, v)), ()) if when[doc]))
    assert sum(bool(d["dates"]) for *_, d in graph.edges(data=True)) == graph.number_of_edges()
    return graph


@pytest.fixture(scope="module")
def time_pages(tmp_path_factory: pytest.TempPathFactory, dated_graph: nx.Graph) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("time-pages")
    paths = {name: folder / f"{name}.html" for name in ("sample", "news", "undated")}
    write_html(dated_graph, paths["sample"])
    write_html(partly_dated_news(), paths["news"])
    write_html(news_graph(), paths["undated"])
    return paths


# dates of the news graph's five links, in the order networkx keeps them: partial dates and an undated link
NEWS_DATES = {
    ("Amira Solberg", "Norland"): ["2022-01-15", "2022-03"],
    ("Norland", "Baltic Grain Union"): ["2022"],
    ("Tomas Reyes", "Kestrel Holdings"): ["2022-02-28", "2022-04-02", "2022-04-02"],
    ("Port Vell", "Norland"): [],
    ("Amira Solberg", "Tomas Reyes"): ["2022-05-31"],
}


def partly_dated_news(dates: dict[tuple[str, str], list[str]] = NEWS_DATES) -> nx.Graph:
    graph = news_graph()
    for (u, v), items in dates.items():
        graph.edges[u, v]["dates"] = join_list(items)
    return graph


@contextmanager
def opened(browser: Any, path: Path) -> Iterator[OpenPage]:  # noqa: F811
    """The page in the browser; on leaving, it must have asked nothing of the network and logged no error."""
    page = open_page(browser, path)
    try:
        yield page
    finally:
        page.page.context.close()
    assert page.outside == [], "the page asked the network for something"
    assert page.errors == [], "the page logged errors (a CSP violation among them)"


@pytest.fixture
def sample(browser: Any, time_pages: dict[str, Path]) -> Iterator[OpenPage]:  # noqa: F811
    with opened(browser, time_pages["sample"]) as page:
        yield page


@pytest.fixture
def news(browser: Any, time_pages: dict[str, Path]) -> Iterator[OpenPage]:  # noqa: F811
    with opened(browser, time_pages["news"]) as page:
        yield page


def drawn_bins(page: OpenPage) -> list[tuple[str, int, float]]:
    """Each bar as the reader sees it: its tooltip's month and count, and its height in pixels."""
    bars = page.js(
        """Array.from(document.querySelectorAll('#time-bins .time-bin')).map((b) =>
             [b.title, b.querySelector('.time-count').getBoundingClientRect().height])"""
    )
    drawn = []
    for title, height in bars:
        match = re.fullmatch(r"(.+): (\d+) statements?", title)
        assert match, title
        drawn.append((match.group(1), int(match.group(2)), height))
    return drawn


def header_range(page: OpenPage) -> str:
    return page.page.inner_text("#time-range")


# ---- the data (no browser) ----


def test_statement_dates_reach_the_page_sorted_and_only_as_dates() -> None:
    graph = partly_dated_news()
    graph.edges["Port Vell", "Norland"]["dates"] = join_list(["2022-02-30", "soon", "2021-07", "2021-13", "2021"])
    data = page_data(render_page(graph))
    labels = [n["label"] for n in data["nodes"]]
    dates = {frozenset((labels[e["from"]], labels[e["to"]])): e["dates"] for e in data["edges"]}
    assert dates[frozenset(("Port Vell", "Norland"))] == ["2021", "2021-07"]  # what is not a date is left out
    assert dates[frozenset(("Tomas Reyes", "Kestrel Holdings"))] == ["2022-02-28", "2022-04-02", "2022-04-02"]
    html = render_page(graph)
    assert 'id="timebar"' in html
    assert 'id="timebar"' not in render_page(news_graph())  # no dates, no bar
    # the bar adds no source and no way around the policy: the page's own two scripts, by hash, and no eval
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and "default-src 'none'" in unescape(policy.group(1))
    script_src = re.search(r"script-src ([^;]+);", unescape(policy.group(1)))
    assert script_src and re.fullmatch(
        r"'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'", script_src.group(1).strip()
    )
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html, re.I)


def test_the_html_export_of_a_saved_graph_carries_its_dates(tmp_path: Path, dated_graph: nx.Graph) -> None:
    from typer.testing import CliRunner

    from graphkit.cli import app
    from graphkit.export.json import write_json

    write_json(dated_graph, tmp_path / "graph.json")
    result = CliRunner().invoke(
        app, ["export", str(tmp_path / "graph.json"), "-f", "html", "-o", str(tmp_path / "page.html")]
    )
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "page.html").read_text(encoding="utf-8"))
    labels = [n["label"] for n in data["nodes"]]
    shown = {frozenset((labels[e["from"]], labels[e["to"]])): e["dates"] for e in data["edges"]}
    assert shown == edge_dates(dated_graph)


# ---- in the browser ----


def test_the_bar_draws_statements_per_month(sample: OpenPage, dated_graph: nx.Graph) -> None:
    expected = month_bins(dated_graph)
    assert expected[0][0] == "May 2021" and expected[-1][0] == "Jul 2024"  # the sample's first and last articles
    drawn = drawn_bins(sample)
    assert [(label, count) for label, count, _ in drawn] == expected
    # bar heights follow the counts: the fullest month is the tallest bar, an empty month has none
    tallest = max(height for *_, height in drawn)
    most = max(count for _, count in expected)
    for _, count, height in drawn:
        assert height == pytest.approx(tallest * count / most, abs=1.5)
    assert header_range(sample) == "All dates: May 2021 – Jul 2024"
    statements = sum(count for _, count in expected)
    assert f"{statements} dated statements" in sample.page.inner_text("#timebar")
    assert sample.js("network.body.edgeIndices.length") == dated_graph.number_of_edges()


def test_set_time_range_keeps_exactly_the_links_stated_in_range(sample: OpenPage, dated_graph: nx.Graph) -> None:
    for first, last in [
        ("2021-05", "2021-05"),
        ("2022-11-14", "2022-12-27"),
        ("2022", None),
        (None, "2022-11-13"),
        ("2024-04-27", "2024-07-01"),
    ]:
        expected = links_in(dated_graph, first, last)
        assert sample.js("([a, b]) => graphkit.setTimeRange(a, b)", [first, last]) == len(expected), (first, last)
        assert drawn_links(sample) == expected, (first, last)
        # names left with no link in range are hidden
        assert sorted(sample.drawn_nodes()) == sorted({name for pair in expected for name in pair})
    assert sample.js("graphkit.setTimeRange('2022-11', '2022-12')") == len(links_in(dated_graph, "2022-11", "2022-12"))
    assert header_range(sample) == "When: Nov 2022 – Dec 2022"
    bins = [label for label, _ in month_bins(dated_graph)]
    handles = sample.js("[document.getElementById('time-from').value, document.getElementById('time-to').value]")
    assert [int(h) for h in handles] == [bins.index("Nov 2022"), bins.index("Dec 2022") + 1]  # on the range's borders
    shaded = sample.js(
        "Array.from(document.querySelectorAll('#time-bins .time-bin')).map((b) => b.classList.contains('out'))"
    )
    assert [label for label, out in zip(bins, shaded, strict=True) if not out] == ["Nov 2022", "Dec 2022"]
    statements = sum(
        1 for items in edge_dates(dated_graph).values() for d in items if d.startswith(("2022-11", "2022-12"))
    )
    assert f"{statements} statements of" in sample.page.inner_text("#time-note")
    assert sample.page.inner_text("#visible-count").startswith("showing ")
    # a range off the bins' borders is shown to the day; open ends say so
    sample.js("graphkit.setTimeRange('2022-11-14', null)")
    assert header_range(sample) == "When: from 14 Nov 2022"
    sample.js("graphkit.setTimeRange(null, '2022-12-27')")
    assert header_range(sample) == "When: up to 27 Dec 2022"
    assert sample.js("graphkit.timeRange()")["to"] == "2022-12-27"
    # the whole span is no range: every link again
    assert sample.js("graphkit.setTimeRange(null, null)") == dated_graph.number_of_edges()
    assert header_range(sample) == "All dates: May 2021 – Jul 2024"
    assert sample.js("graphkit.timeRange()") is None
    assert sample.js("graphkit.setTimeRange('2021', '2024')") == dated_graph.number_of_edges()  # every link is dated
    assert header_range(sample) == "When: 1 Jan 2021 – 31 Dec 2024"


def test_the_time_range_combines_with_the_type_filter(sample: OpenPage, dated_graph: nx.Graph) -> None:
    sample.page.click("#type-filter label:has(input[value=person])")
    expected = links_in(dated_graph, "2022-11", "2022-12", hidden=frozenset({"person"}))
    assert 0 < sample.js("graphkit.setTimeRange('2022-11', '2022-12')") == len(expected)
    assert drawn_links(sample) == expected
    sample.page.click("#reset")  # clears the range with the other filters
    assert sample.js("network.body.edgeIndices.length") == dated_graph.number_of_edges()
    assert header_range(sample) == "All dates: May 2021 – Jul 2024"


def test_bad_ranges_say_why_and_leave_the_page_as_it_was(sample: OpenPage, dated_graph: nx.Graph) -> None:
    sample.js("graphkit.setTimeRange('2022-11', '2022-12')")
    before = drawn_links(sample)
    for call, error in [
        ("graphkit.setTimeRange('2022-13', null)", 'TypeError: setTimeRange: "2022-13" is not a date'),
        ("graphkit.setTimeRange('last May', null)", 'TypeError: setTimeRange: "last May" is not a date'),
        ("graphkit.setTimeRange('2022-02-30', null)", "is not a date"),
        ("graphkit.setTimeRange('2023', '2022')", "RangeError: setTimeRange: 2023 is after 2022"),
    ]:
        message = sample.js(f"() => {{ try {{ {call}; return 'no error'; }} catch (e) {{ return String(e); }} }}")
        assert error in message, call
    assert drawn_links(sample) == before
    assert header_range(sample) == "When: Nov 2022 – Dec 2022"


def test_the_handles_move_with_the_keyboard(sample: OpenPage, dated_graph: nx.Graph) -> None:
    sample.page.focus("#time-to")
    sample.page.keyboard.press("Home")  # the end stops one month after the start
    assert header_range(sample) == "When: May 2021"
    assert drawn_links(sample) == links_in(dated_graph, "2021-05", "2021-05")
    sample.page.keyboard.press("ArrowRight")
    assert header_range(sample) == "When: May 2021 – Jun 2021"
    sample.page.focus("#time-from")
    sample.page.keyboard.press("End")  # the start stops one month before the end
    assert header_range(sample) == "When: Jun 2021"
    assert drawn_links(sample) == set()  # no article in June 2021
    sample.page.click("#time-all")
    assert header_range(sample) == "All dates: May 2021 – Jul 2024"
    assert sample.js("network.body.edgeIndices.length") == dated_graph.number_of_edges()


def test_dragging_the_end_handle_narrows_the_range(sample: OpenPage, dated_graph: nx.Graph) -> None:
    bins = [label for label, _ in month_bins(dated_graph)]
    box = sample.page.locator("#time-to").bounding_box()
    thumb = 12  # the handle's width (page.css, --thumb): it stands on the borders between bins
    border = lambda n: box["x"] + thumb / 2 + n * (box["width"] - thumb) / len(bins)  # noqa: E731
    sample.page.mouse.move(border(len(bins)), box["y"] + box["height"] / 2)
    sample.page.mouse.down()
    target = bins.index("Dec 2022") + 1
    sample.page.mouse.move(border(target), box["y"] + box["height"] / 2, steps=8)
    sample.page.mouse.up()
    assert header_range(sample) == "When: May 2021 – Dec 2022"
    assert drawn_links(sample) == links_in(dated_graph, None, "2022-12")
    # a click on a bar takes its month alone
    sample.page.click(f"#time-bins .time-bin >> nth={bins.index('Apr 2024')}", position={"x": 2, "y": 38}, force=True)
    assert header_range(sample) == "When: Apr 2024"
    assert drawn_links(sample) == links_in(dated_graph, "2024-04", "2024-04")


def test_play_steps_a_one_month_window_through_time(sample: OpenPage, dated_graph: nx.Graph) -> None:
    bins = [label for label, _ in month_bins(dated_graph)]
    sample.page.click("#time-play")
    assert sample.page.inner_text("#time-play") == "Pause"
    sample.page.wait_for_function(
        "() => document.getElementById('time-range').textContent === 'When: Jun 2021'", timeout=10_000
    )
    sample.page.click("#time-play")  # pause
    assert sample.page.inner_text("#time-play") == "Play"
    held = header_range(sample)
    state = sample.js("graphkit.timeRange()")  # a month or two after the first, as the steps went
    month = f"{start_of(state['label']):%Y-%m}"
    assert state["links"] == len(links_in(dated_graph, month, month)) == len(drawn_links(sample))
    sample.page.wait_for_timeout(1_000)
    assert header_range(sample) == held  # paused stays put
    # stepping: each month in turn, with the links stated in it
    sample.js("graphkit.setTimeRange('2021-05', '2021-05')")
    seen = []
    for _ in bins:
        state = sample.js("graphkit.timeRange()")
        seen.append((state["label"], state["links"]))
        sample.js("graphkit.stepTime()")
    expected = [
        (label, len(links_in(dated_graph, f"{start_of(label):%Y-%m}", f"{start_of(label):%Y-%m}"))) for label in bins
    ]
    assert seen == expected
    assert len({links for _, links in seen}) > 2  # the visible links change as it plays
    # play runs to the last month and stops there
    sample.js("graphkit.setTimeRange('2021-05', '2021-06')")
    sample.js("graphkit.play(30)")
    sample.page.wait_for_function(
        "() => document.getElementById('time-play').getAttribute('aria-pressed') === 'false'", timeout=20_000
    )
    assert header_range(sample) == "When: Jun 2024 – Jul 2024"  # the window kept its two months
    assert drawn_links(sample) == links_in(dated_graph, "2024-06", "2024-07")


def start_of(label: str) -> date:
    month, year = label.split()
    return date(int(year), MONTHS.index(month) + 1, 1)


def test_partial_dates_count_from_their_start_and_undated_links_wait(news: OpenPage) -> None:
    graph = partly_dated_news()
    drawn = [(label, count) for label, count, _ in drawn_bins(news)]
    assert drawn == [
        ("Jan 2022", 2),
        ("Feb 2022", 1),
        ("Mar 2022", 1),
        ("Apr 2022", 2),
        ("May 2022", 1),
    ]  # "2022" in January
    assert "1 link undated" in news.page.inner_text("#timebar")
    assert news.js("graphkit.setTimeRange('2022-03', null)") == len(links_in(graph, "2022-03", None)) == 3
    assert frozenset(("Norland", "Baltic Grain Union")) not in drawn_links(news)  # stated in "2022": counted in January
    assert frozenset(("Port Vell", "Norland")) not in drawn_links(news)  # undated: hidden while a range is set
    assert "Port Vell" not in news.drawn_nodes()
    assert "1 undated link hidden" in news.page.inner_text("#timebar")
    assert news.js("graphkit.setTimeRange('2022', null)") == len(links_in(graph, "2022", None)) == 4
    assert "Port Vell" not in news.drawn_nodes()  # a range that takes in every dated statement still is one
    assert news.js("graphkit.setTimeRange(null, null)") == 5  # no range: the undated link is back
    assert "Port Vell" in news.drawn_nodes()


def test_a_short_span_is_binned_per_day(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    days = {
        pair: [f"2021-05-{d:02d}" for d in items]
        for pair, items in zip(NEWS_DATES, [[3, 3], [10], [12, 20], [], [20]], strict=True)
    }
    path = tmp_path / "days.html"
    write_html(partly_dated_news(days), path)
    with opened(browser, path) as page:
        drawn = drawn_bins(page)
        assert [label for label, _, _ in drawn] == [f"{d} May 2021" for d in range(3, 21)]
        assert {label: count for label, count, _ in drawn if count} == {
            "3 May 2021": 2,
            "10 May 2021": 1,
            "12 May 2021": 1,
            "20 May 2021": 2,
        }
        assert page.js("graphkit.setTimeRange('2021-05-10', '2021-05-12')") == 2
        assert header_range(page) == "When: 10 May 2021 – 12 May 2021"


def test_a_span_of_decades_is_binned_per_year(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    dates = {**NEWS_DATES, ("Norland", "Baltic Grain Union"): ["1991-12-26"]}
    path = tmp_path / "years.html"
    write_html(partly_dated_news(dates), path)
    with opened(browser, path) as page:
        drawn = drawn_bins(page)
        assert [label for label, _, _ in drawn] == [str(year) for year in range(1991, 2023)]
        assert drawn[0][1] == 1 and drawn[-1][1] == 6
        assert header_range(page) == "All dates: 1991 – 2022"


def test_a_page_without_dates_has_no_time_bar(browser: Any, time_pages: dict[str, Path]) -> None:  # noqa: F811
    with opened(browser, time_pages["undated"]) as page:
        assert page.js("document.getElementById('timebar') === null && document.getElementById('time-range') === null")
        assert page.js("graphkit.setTimeRange(null, null)") == 5
        message = page.js("() => { try { graphkit.setTimeRange('2022', null); } catch (e) { return String(e); } }")
        assert "no statement on this page has a date" in message
        page.page.click("#reset")  # the other controls work as ever
        assert page.js("network.body.edgeIndices.length") == 5
        assert page.errors == []


def test_the_bar_fits_a_narrow_window(browser: Any, time_pages: dict[str, Path]) -> None:  # noqa: F811
    with opened(browser, time_pages["sample"]) as page:
        page.page.set_viewport_size({"width": 560, "height": 800})
        # every part of the bar inside the window (the toolbar below has its own width)
        assert page.js(
            """Array.from(document.querySelectorAll('#timebar, #timebar *')).every((e) =>
                 e.getBoundingClientRect().right <= window.innerWidth + 0.5)"""
        )
        assert page.page.locator("#time-bins").bounding_box()["width"] > 200
        assert page.page.locator("#time-play").is_visible()
