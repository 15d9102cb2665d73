"""CSV, TSV, JSON Lines and JSON: one document per row, bad rows reported with their line, the rest read."""

from __future__ import annotations

import json
from pathlib import Path

from graphkit.read import read_sources
from graphkit.read.headline import headline_ends

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read(*paths, **options):
    warnings: list[str] = []
    return read_sources(list(paths), warn=warnings.append, **options), warnings


def test_malformed_csv_rows_are_reported_and_the_rest_is_read():
    documents, warnings = read(FIXTURES / "malformed.csv")
    assert [d.id for d in documents] == ["malformed.csv#row1", "malformed.csv#row3", "malformed.csv#row5"]
    assert any("malformed.csv:3: row skipped, not valid CSV" in w for w in warnings)
    assert any("malformed.csv:5: row skipped, 8 fields where the header has 7" in w for w in warnings)
    first, third, fifth = documents
    assert first.title == "Minister visits Tallinn"
    assert first.author == "Anna Berg"
    assert first.date == "2024-02-01"
    assert first.url == "https://ledger.example/1"
    assert first.meta["category"] == "politics"
    assert third.date == "2024-03-02"  # 02/03/2024, day first
    assert fifth.text.startswith("Finnish president Sanna Halonen arrived in Oslo on Wednesday.\nShe will meet")


def test_jsonl_bad_line_is_reported_and_the_rest_is_read():
    documents, warnings = read(FIXTURES / "articles.jsonl")
    assert [d.id for d in documents] == ["articles.jsonl#row1", "articles.jsonl#row3"]
    assert any("articles.jsonl:2: line skipped, not valid JSON" in w for w in warnings)
    assert any("articles.jsonl:4: line skipped, not a JSON object" in w for w in warnings)
    assert any("articles.jsonl:5: skipped, no text column" in w and "--text-column" in w for w in warnings)
    armenia, uzbekistan = documents
    assert armenia.title == "Armenia and Georgia reopen a border crossing"
    assert armenia.author == "Lilit Hakobyan; Giorgi Beridze"
    assert armenia.date == "2024-03-01"
    assert armenia.url == "https://caucasus-wire.example/a1"
    assert uzbekistan.title == "Uzbekistan raises cotton prices"
    assert uzbekistan.date == "2024-03-04"


def test_text_column_option_names_an_unusual_column(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "headline,story_html_stripped,category\n"
        'Tajik leader in Minsk,"Emomali Rahmon met Alexander Lukashenko in Minsk on Friday.",politics\n',
        encoding="utf-8",
    )
    documents, warnings = read(path)
    assert documents == []
    assert any("export.csv: skipped, no text column" in w and "story_html_stripped" in w for w in warnings)
    documents, warnings = read(path, text_column="story_html_stripped")
    assert [d.title for d in documents] == ["Tajik leader in Minsk"]
    assert documents[0].text.startswith("Emomali Rahmon met")
    documents, warnings = read(path, text_column="body_text")
    assert any("no column 'body_text'" in w for w in warnings)


def test_tsv_and_semicolon_csv(tmp_path):
    (tmp_path / "a.tsv").write_text(
        "title\tbody\nPort reopens\tThe port of Batumi reopened, officials said.\n", "utf-8"
    )
    (tmp_path / "b.csv").write_text(
        "Title;Content;Date\nMine closes;A copper mine in Armenia closed.;2024-01-09\n", "utf-8"
    )
    documents, warnings = read(tmp_path)
    assert warnings == []
    assert [(d.id, d.title) for d in documents] == [("a.tsv#row1", "Port reopens"), ("b.csv#row1", "Mine closes")]
    assert documents[1].date == "2024-01-09"


def test_json_array_of_articles(tmp_path):
    articles = [
        {
            "title": "Talks in Baku",
            "text": "Ilham Aliyev met Nikol Pashinyan in Baku.",
            "author": {"name": "R. Aliyeva"},
        },
        "not an article",
    ]
    (tmp_path / "feed.json").write_text(json.dumps({"count": 2, "articles": articles}), encoding="utf-8")
    documents, warnings = read(tmp_path / "feed.json")
    assert [(d.id, d.title) for d in documents] == [("feed.json#row1", "Talks in Baku")]
    assert any("feed.json: item 2 skipped" in w for w in warnings)


def test_mojibake_in_cells_is_repaired(tmp_path):
    (tmp_path / "money.csv").write_text(
        'title,text\nClub bids Â£8m,"The club bid Â£8m (&#163;8m) for the striker, its chairman said."\n', "utf-8"
    )
    (document,) = read(tmp_path / "money.csv")[0]
    assert document.title == "Club bids £8m"
    assert "bid £8m (£8m)" in document.text


BODIES = [
    "The {x} government said on Monday it would raise spending on roads by a fifth next year, officials said.",
    "Shares in the {x} company rose by 4% on Tuesday after it reported higher sales than analysts had expected.",
    "A {x} court has ruled that the election law breaks the constitution and must be rewritten before May.",
    "Ana Lupu, a former {x} minister, says she will stand for parliament again, despite losing her seat in 2021.",
]
HEADLINES = ["Roads budget rises", "Profits lift shares", "Court rejects poll law", "Lupu plans comeback"]


def test_headline_glued_to_the_body_is_split_off(tmp_path):
    rows = [f'"{h} {b.format(x="Moldovan")}"' for h, b in zip(HEADLINES, BODIES, strict=True)]
    (tmp_path / "flat.csv").write_text("text,category\n" + "\n".join(f"{r},news" for r in rows) + "\n", "utf-8")
    documents, _ = read(tmp_path / "flat.csv")
    assert [d.title for d in documents] == HEADLINES
    for document, headline, body in zip(documents, HEADLINES, BODIES, strict=True):
        assert document.meta["title_from"] == "headline split"
        # the lost line break is back in place of the space, so offsets into the cell text are unchanged
        assert document.text == f"{headline}\n{body.format(x='Moldovan')}"


def test_text_without_a_headline_keeps_its_first_words_as_title(tmp_path):
    body = "Officials in Chisinau said on Monday that the government would raise spending on roads by a fifth."
    (tmp_path / "plain.csv").write_text(f'text\n"{body}"\n', "utf-8")
    (document,) = read(tmp_path / "plain.csv")[0]
    assert document.text == body
    assert document.title == "Officials in Chisinau said on Monday that the government would raise spending …"
    assert document.meta["title_from"] == "first words"


def test_a_file_of_glued_rows_learns_its_headline_length():
    """With enough unambiguous rows the file's own headline lengths settle the close cases."""
    texts = []
    for i in range(40):
        texts.append(f"Minister {i} quits over budget The finance minister resigned on Monday, the office said today.")
    close = "Tigers wary of Farrell gamble Leicester say they will not be rushed into signing the former league star."
    ends = headline_ends([*texts, close])
    assert all(texts[i][: ends[i]].endswith("budget") for i in range(40))
    assert close[: ends[-1]] == "Tigers wary of Farrell gamble"


def test_a_unicode_line_separator_inside_a_cell_does_not_end_the_row(tmp_path):
    (tmp_path / "scraped.csv").write_text(
        'title,text\nA,"Ilham Aliyev met\u2028Nikol Pashinyan."\nB,"Talks resume on Monday."\n', encoding="utf-8"
    )
    (tmp_path / "scraped.jsonl").write_text('{"title": "C", "text": "Baku\u2028talks"}\n', encoding="utf-8")
    documents, warnings = read(tmp_path)
    assert warnings == []
    assert [(d.id, d.text) for d in documents] == [
        ("scraped.csv#row1", "Ilham Aliyev met\u2028Nikol Pashinyan."),
        ("scraped.csv#row2", "Talks resume on Monday."),
        ("scraped.jsonl#row1", "Baku\u2028talks"),
    ]


def test_rows_of_plain_prose_are_not_split():
    prose = [
        "Officials in Chisinau said on Monday that the government would raise spending on roads by a fifth.",
        "The report, first published by The Guardian on Friday, said the talks had stalled over fishing rights.",
        "Prices rose in March for the third month running, the statistics office in Tbilisi said on Tuesday.",
        "Police in Almaty detained two men after a fire at a warehouse near the airport late on Sunday.",
        "Exports of cotton from Uzbekistan fell by a tenth last year as more of the crop was spun at home.",
    ]
    assert headline_ends(prose) == [None] * len(prose)
