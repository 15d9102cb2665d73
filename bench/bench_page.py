"""Page bench: the graph of the whole BBC corpus as graph.html, its size and the time until it is drawn.

    .venv/bin/python bench/bench_page.py                       # analyse the BBC CSVs, then measure
    .venv/bin/python bench/bench_page.py --graph bbc.json      # reuse a graph.json saved by an earlier run

The BBC CSVs (columns text, category) are read by graphkit's own reader. The analysis takes minutes on
2 cores, so the graph is saved (graph.json in --out) for later runs. The drawing time is measured in headless
Chromium (Debian's /usr/bin/chromium) from navigation start to the first frame vis-network draws, with every
network request blocked, once with the default cap and once with every node; then the time to select the most
important node (side panel and dimming).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

BBC = Path("/work/shared/corpus/bbc")
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


def bbc_graph(out: Path, workers: int):
    from graphkit import analyse
    from graphkit.export.json import write_json
    from graphkit.read import read_sources

    documents = read_sources([str(BBC)], warn=lambda message: print(f"warning: {message}"))
    words = sum(d.words for d in documents)
    started = time.perf_counter()
    result = analyse(documents, workers=workers, name="BBC news")
    elapsed = time.perf_counter() - started
    print(f"analysed {len(documents)} documents ({words} words) in {elapsed:.0f} s with {workers} workers")
    write_json(result.graph, out / "graph.json")
    return result.graph


def _local_only(route) -> None:
    """Let the page read its own file; block anything else (the page must need nothing from the network)."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def time_to_draw(page: Path, runs: int) -> list[tuple[float, float]]:
    """Per fresh page: milliseconds from navigation start to vis-network's first frame, and to select a node."""
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", _local_only)
            tab = context.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_function("window.graphkit && window.graphkit.drawnAt", timeout=120_000)
            drawn = tab.evaluate("window.graphkit.drawnAt")
            # selecting the most important node: the panel plus dimming every other node and edge
            select = tab.evaluate(
                """() => { const top = graphkit.data.nodes.reduce((a, b) => (b.pagerank > a.pagerank ? b : a));
                           const t = performance.now(); graphkit.showNode(top.id, false);
                           return performance.now() - t; }"""
            )
            figures.append((drawn, select))
            context.close()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a graph.json from an earlier run (skips the analysis)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-page"), help="folder for graph.json and pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="page loads per page")
    args = parser.parse_args()

    from graphkit.export.html import MAX_NODES, write_html
    from graphkit.export.json import read_json

    args.out.mkdir(parents=True, exist_ok=True)
    graph = read_json(args.graph) if args.graph else bbc_graph(args.out, args.workers)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    for name, cap in (("graph.html", MAX_NODES), ("graph-all.html", None)):
        page = args.out / name
        started = time.perf_counter()
        write_html(graph, page, max_nodes=cap)
        written = time.perf_counter() - started
        figures = time_to_draw(page, args.runs)
        drawn = [d for d, _ in figures]
        select = [s for _, s in figures]
        print(
            f"{name} (max_nodes={cap}): {page.stat().st_size / 1e6:.2f} MB, written in {written:.2f} s, "
            f"drawn in {min(drawn):.0f} ms (best of {len(drawn)}; all: {', '.join(f'{d:.0f}' for d in drawn)}), "
            f"selecting the top node {min(select):.0f} ms"
        )


if __name__ == "__main__":
    main()
