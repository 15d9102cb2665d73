"""Cleaning before NLP: metadata lines become document fields, site furniture disappears, offsets stay put."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.model import Document
from graphkit.read import read_sources
from graphkit.read.boilerplate import furniture_kind
from graphkit.read.clean import byline_names, clean_article

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def furniture_article() -> Document:
    (document,) = read_sources([FIXTURES / "furniture_article.txt"])
    return document


def test_header_lines_become_metadata(furniture_article):
    assert furniture_article.title == "Lithuania and Poland sign a border rail deal. Brussels promises funds"
    assert furniture_article.author == "Marta Kowalczyk"
    assert furniture_article.date == "2024-02-14"
    assert furniture_article.meta["views"] == 1287
    assert furniture_article.meta["tags"] == ["Opinion", "Rail", "EU", "Poland", "Lithuania", "Transport"]
    assert furniture_article.source == "The Daily Ledger"  # from the copyright line


def test_cleaning_blanks_lines_so_offsets_point_into_the_file(furniture_article):
    raw = (FIXTURES / "furniture_article.txt").read_text(encoding="utf-8")
    text = furniture_article.text
    assert len(text) == len(raw)
    assert [i for i, c in enumerate(raw) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    for name in ("Tomasz Zielinski", "Ruta Vaitkute", "Vilnius", "European Commission", "Klaipeda"):
        start = raw.index(name)
        assert text[start : start + len(name)] == name


def test_site_furniture_is_gone_and_the_article_stays(furniture_article):
    text = furniture_article.text
    for furniture in (
        "Marta Kowalczyk",  # byline: kept as the author, not as text
        "Views",
        "Telegram",
        "VKontakte",
        "Ctrl + Enter",
        "Dear readers",
        "moderators",
        "block accounts",
        "Mon Tue Wed",
        "891011121314",
        "Thank you",
        "All rights reserved",
        "signed an agreement...",  # the teaser repeating the first paragraph
    ):
        assert furniture not in text, furniture
    assert text.count("Polish infrastructure minister Tomasz Zielinski") == 1
    assert "The European Commission will cover half of the cost" in text
    assert "Lithuania and Poland sign a border rail deal" in text  # the headline is article text


def test_author_label_source_line_and_disclaimer():
    (document,) = read_sources([FIXTURES / "source_line_article.md"])
    assert document.title == "Kazakhstan opens a new grain corridor to China"
    assert document.author == "Aigerim Bekova"
    assert document.meta["contributors"] == ["Nurlan Seitkali"]
    assert document.url == "https://steppe-wire.example/news/2024/grain-corridor"
    assert document.source == "steppe-wire.example"
    assert "https://" not in document.text
    assert "views of the author" not in document.text
    assert "The shipments will start in spring" in document.text  # the standfirst is article text
    assert "said Nurlan Seitkali, head of the Grain Union" in document.text


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("Jane Doe and John Roe, 3 May 2024", ["Jane Doe", "John Roe"]),
        ("Ana de la Cruz | Foreign desk", ["Ana de la Cruz"]),
        ("Staff reporter", []),
        ("World News", []),
    ],
)
def test_byline_names(line, names):
    assert byline_names(line) == names


def test_by_line_with_date_fills_author_and_date():
    text = "Ferry link reopens\nBy Jane Doe and John Roe, 3 May 2024\n\n" + "The ferry to Helsinki runs again. " * 8
    document = clean_article(Document(id="x", text=text))
    assert document.author == "Jane Doe; John Roe"
    assert document.meta["authors"] == ["Jane Doe", "John Roe"]
    assert document.date == "2024-05-03"
    assert "Jane Doe" not in document.text


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter and never miss a story",
        "Share this article: Facebook Twitter LinkedIn",
        "Find us on Telegram, YouTube, TikTok and Viber",
        "Tags: politics, energy",
        "Views: 12 034",
        "5,210 views",
        "Dear Readers, we have updated our privacy policy.",
        "Comments that break the rules will be deleted by moderators.",
        "© 2024 Example Media. All rights reserved.",
        "Read also:",
        "Mon Tue Wed Thu Fri Sat Sun",
        "1234567",
        "If you found a mistake, please let the editors know.",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert furniture_kind(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said he would share the findings on Monday with parliament.",
        "Readers of the newspaper were quick to comment on the rules, which ban protests near the parliament.",
        "The minister's comments broke the rules of parliament, the speaker said.",
        "Kazakhstan, Kyrgyzstan and Uzbekistan signed the deal.",
        "May 2024 was the warmest month on record in Almaty, meteorologists said.",
        "He told Telegram, YouTube and TikTok users in a video that the subscription service would close. " * 3,
    ],
)
def test_article_sentences_are_not_furniture(line):
    assert furniture_kind(line) is None


def test_a_one_line_article_is_never_blanked_by_a_keyword():
    body = "Subscribe to nothing: " + "the parliament of Georgia voted on the law on Tuesday, officials said. " * 10
    document = clean_article(Document(id="row", text=body), first_line_is_title=False)
    assert document.text == body


def test_a_name_line_is_a_byline_only_under_the_headline():
    under = clean_article(Document(id="a", text="Talks in Baku\n\nLeyla Mammadova\n\n" + "Officials met. " * 30))
    assert under.author == "Leyla Mammadova"
    later = "Talks in Baku\n\nThe two leaders met in the capital\n\nNikol Pashinyan\n\n" + "Officials met. " * 30
    document = clean_article(Document(id="b", text=later))
    assert document.author == ""
    assert "Nikol Pashinyan" in document.text
    no_headline = clean_article(Document(id="c", text="Ilham Aliyev met\nNikol Pashinyan.", title="Talks"))
    assert no_headline.text == "Ilham Aliyev met\nNikol Pashinyan."
