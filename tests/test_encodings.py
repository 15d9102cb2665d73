"""Lists and evidence held in one text attribute, encoded and decoded the same way by every reader.

graphkit.schema defines both encodings once; the page, the query commands and the exports use them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.schema import evidence_line, join_evidence, join_list, split_evidence, split_list

# characters str.splitlines() breaks at but a sentence may hold (a PDF's form feed, a Unicode line separator)
FIRST = "Sadyr Japarov said\u2028that Kyrgyzstan\x0cwould stay in the union\x85for now."
SECOND = "Kyrgyzstan is a member of the Eurasian Economic Union."


def run(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def saved_graph(folder: Path, evidence: str) -> Path:
    nodes = [
        {"id": "Kyrgyzstan", "label": "Kyrgyzstan", "type": "country", "aliases": "Kyrgyzstan | Kyrgyz Republic"},
        {"id": "Eurasian Economic Union", "label": "Eurasian Economic Union", "type": "organization"},
    ]
    edge = {"source": "Kyrgyzstan", "target": "Eurasian Economic Union", "weight": 2.0, "evidence": evidence}
    path = folder / "graph.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": [edge]}, ensure_ascii=False), encoding="utf-8")
    return path


def page_evidence(html: str) -> list[list[str]]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    edge = dict(zip(data["edges"]["fields"], data["edges"]["rows"][0], strict=True))
    return [data["sentences"][i] for i in edge["evidence"]]


def test_the_page_and_the_query_commands_read_the_same_sentences(tmp_path: Path) -> None:
    graph = saved_graph(tmp_path, join_evidence([evidence_line("a.txt", FIRST), evidence_line("b.txt", SECOND)]))
    card = json.loads(run("show", "kyrgyz republic", "--graph", graph, "--json").stdout)
    assert card["relations"][0]["evidence"] == {"document": "a.txt", "sentence": FIRST}
    stats = json.loads(run("stats", "--graph", graph, "--json").stdout)
    assert {d["id"]: d["count"] for d in stats["top_documents"]} == {"a.txt": 1, "b.txt": 1}
    assert run("export", graph, "-o", tmp_path / "g.html", "-q").exit_code == 0
    assert page_evidence((tmp_path / "g.html").read_text(encoding="utf-8")) == [["a.txt", FIRST], ["b.txt", SECOND]]


def test_an_untagged_or_blank_line_in_edited_evidence_is_read_alike(tmp_path: Path) -> None:
    graph = saved_graph(tmp_path, f"\n  {SECOND}  \n\n[b.txt] {FIRST}\n")
    card = json.loads(run("show", "Kyrgyzstan", "--graph", graph, "--json").stdout)
    assert card["relations"][0]["evidence"] == {"document": "", "sentence": SECOND}
    assert run("export", graph, "-o", tmp_path / "g.html", "-q").exit_code == 0
    assert page_evidence((tmp_path / "g.html").read_text(encoding="utf-8")) == [["", SECOND], ["b.txt", FIRST]]


def test_a_line_break_inside_a_sentence_does_not_split_it_in_two() -> None:
    lines = [evidence_line("a.txt", "Japarov met Putin\nin Sochi.\r\nThey talked."), evidence_line("b.txt", SECOND)]
    assert split_evidence(join_evidence(lines)) == [
        ("a.txt", "Japarov met Putin in Sochi. They talked."),
        ("b.txt", SECOND),
    ]


def test_lists_round_trip_and_empty_items_are_dropped(tmp_path: Path) -> None:
    names = ["Kyrgyzstan", "Kyrgyz Republic", "Кыргызстан"]
    assert split_list(join_list(names)) == names
    assert split_list("") == split_list(None) == []
    assert split_list("Kyrgyzstan |  | Kyrgyz Republic") == ["Kyrgyzstan", "Kyrgyz Republic"]
    graph = saved_graph(tmp_path, "")
    rows: list[dict[str, Any]] = json.loads(run("entities", "--graph", graph, "--json").stdout)
    assert next(r for r in rows if r["name"] == "Kyrgyzstan")["aliases"] == ["Kyrgyzstan", "Kyrgyz Republic"]
    card = json.loads(run("show", "Kyrgyzstan", "--graph", graph, "--json").stdout)
    assert card["aliases"] == ["Kyrgyzstan", "Kyrgyz Republic"]
