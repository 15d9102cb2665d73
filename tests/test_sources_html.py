"""Saved news pages and a mixed-format corpus built through the CLI: the article's names become nodes, the
page's menu, cookie banner, sidebar, comments and footer do not, and metadata reaches documents.csv."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.read import read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "sources"

ARTICLE_NAMES = ["Helena Marsk", "Olli Rantanen", "Estonia", "Finland", "Tomasz Zielinski", "Ruta Vaitkute"]
PAGE_FURNITURE_NAMES = [
    "Brazil", "Japan",  # menu
    "Google", "Quantcast",  # cookie banner
    "Marco Bellini", "Lisbon", "Tomasz Wilk", "Ajax", "Bangladesh",  # "most read" sidebar
    "Peter Okafor", "Ingrid Solberg", "Norway", "Sweden",  # comments
    "Harbour Media Group", "Facebook", "Instagram", "YouTube", "LinkedIn",  # footer and share bar
    "Telegram", "VKontakte", "Viber", "Daily Ledger",  # the text article's furniture
]  # fmt: skip


def test_page_text_and_metadata():
    (page,) = read_sources([FIXTURES / "news_page.html"])
    assert page.title == "Estonia and Finland agree to double Baltic power link"
    assert page.author == "Elena Varga"
    assert page.date == "2023-03-14"
    assert page.url == "https://harbour-courier.example/world/2023/03/14/baltic-power-link"
    assert page.source == "The Harbour Courier"
    assert "Estonian energy minister Helena Marsk said" in page.text
    assert "The European Commission welcomed the agreement" in page.text
    for name in PAGE_FURNITURE_NAMES[:18]:
        assert name not in page.text, name
    assert "cookies" not in page.text and "Most read" not in page.text


def test_page_without_an_article_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", encoding="utf-8"
    )
    warnings: list[str] = []
    assert read_sources([tmp_path / "menu.html"], warn=warnings.append) == []
    assert any("menu.html: skipped, no article text found" in w for w in warnings)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One CLI build of a page, a text article and a CSV whose text column needs --text-column."""
    corpus = tmp_path_factory.mktemp("mixed")
    for name in ("news_page.html", "furniture_article.txt"):
        shutil.copy(FIXTURES / name, corpus / name)
    (corpus / "wire.csv").write_text(
        "headline,story_text,published\n"
        'Latvia joins the cable plan,"Latvian prime minister Evika Silina said on Friday that Latvia would join '
        'the Estonian and Finnish power cable project.",2023-03-17\n',
        encoding="utf-8",
    )
    out = corpus.parent / "mixed-out"
    result = CliRunner().invoke(
        app, ["build", str(corpus), "--out", str(out), "--text-column", "story_text", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return corpus, out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_article_names_are_nodes_and_page_furniture_names_are_not(built):
    _, out = built
    labels = {row["Label"] for row in rows(out / "entities.csv")}
    for name in ARTICLE_NAMES:
        assert name in labels, name
    for name in PAGE_FURNITURE_NAMES:
        assert not any(name in label for label in labels), name


def test_documents_csv_has_the_metadata_of_every_format(built):
    _, out = built
    documents = {row["document"]: row for row in rows(out / "documents.csv")}
    assert set(documents) == {"news_page.html", "furniture_article.txt", "wire.csv#row1"}
    page = documents["news_page.html"]
    assert (page["title"], page["author"], page["date"], page["source"]) == (
        "Estonia and Finland agree to double Baltic power link",
        "Elena Varga",
        "2023-03-14",
        "The Harbour Courier",
    )
    assert page["url"] == "https://harbour-courier.example/world/2023/03/14/baltic-power-link"
    article = documents["furniture_article.txt"]
    assert (article["author"], article["date"]) == ("Marta Kowalczyk", "2024-02-14")
    wire = documents["wire.csv#row1"]
    assert (wire["title"], wire["date"]) == ("Latvia joins the cable plan", "2023-03-17")


def test_mention_offsets_point_into_the_text_file_as_read(built):
    corpus, out = built
    raw = (corpus / "furniture_article.txt").read_text(encoding="utf-8")
    mentions = [row for row in rows(out / "mentions.csv") if row["document"] == "furniture_article.txt"]
    in_text = [m for m in mentions if int(m["start"]) >= 0 and int(m["end"]) > int(m["start"])]
    assert in_text
    for mention in in_text:
        assert raw[int(mention["start"]) : int(mention["end"])] == mention["text"]
