"""`graphkit show` of an entity seen in many articles lists the ten with most mentions, and --all lists all."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graphkit import build
from graphkit.cli import app, out

ARTICLES = 13


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """Article n mentions Vladimir Putin n times, so the ranking by mentions is known."""
    folder = tmp_path_factory.mktemp("many")
    corpus = folder / "corpus"
    corpus.mkdir()
    for n in range(1, ARTICLES + 1):
        sentences = [f"Vladimir Putin spoke in Moscow on day {n}."] + [
            f"Putin met officials, report {k}." for k in range(n - 1)
        ]
        (corpus / f"article-{n:02}.txt").write_text(f"Report {n}\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    build([corpus], folder / "out", cache=False, workers=1)
    return folder / "out"


def documents_table(output: str) -> str:
    """The documents table of `show` (the relations below it quote documents too)."""
    return output.split("strongest relations")[0]


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch):
    monkeypatch.setattr(out, "width", 240)


def test_show_lists_the_ten_documents_with_most_mentions_and_says_how_many_more(many_articles):
    result = run("show", "Putin", "--graph", many_articles)
    assert result.exit_code == 0, result.output
    listed = {n for n in range(1, ARTICLES + 1) if f"article-{n:02}.txt" in documents_table(result.stdout)}
    assert listed == set(range(ARTICLES - 9, ARTICLES + 1))  # the ten that mention him most
    assert f"and {ARTICLES - 10} more (--all to list them)" in result.stdout


def test_show_all_lists_every_document(many_articles):
    result = run("show", "Putin", "--all", "--graph", many_articles)
    assert result.exit_code == 0, result.output
    assert all(f"article-{n:02}.txt" in documents_table(result.stdout) for n in range(1, ARTICLES + 1))
    assert "more (--all" not in result.stdout


def test_show_json_keeps_every_document(many_articles):
    card = json.loads(run("show", "Putin", "--json", "--graph", many_articles).stdout)
    assert len(card["seen_in"]) == ARTICLES
    counts = [doc["mentions"] for doc in card["seen_in"]]
    assert counts == sorted(counts, reverse=True)
