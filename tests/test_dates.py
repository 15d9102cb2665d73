"""Document dates from every place an article states one: columns, datelines, file names and folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.model import Document
from graphkit.read import read_sources
from graphkit.read.dates import ambiguous_date, dateline_date, parse_date, path_date, settle_date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-05-25T10:00:00Z", "2021-05-25"),
        ("25 May 2021", "2021-05-25"),
        ("May 25, 2021", "2021-05-25"),
        ("25.05.2021", "2021-05-25"),
        ("05/25/2021", "2021-05-25"),
        ("1621936800", "2021-05-25"),
    ],
)
def test_common_column_formats(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    ("value", "ambiguous"),
    [
        ("03/04/2021", True),
        ("04.04.2021", False),
        ("25/05/2021", False),
        ("2021-03-04", False),
        ("4 March 2021", False),
    ],
)
def test_numeric_dates_that_read_both_ways_are_ambiguous(value, ambiguous):
    assert ambiguous_date(value) is ambiguous


@pytest.mark.parametrize(
    ("path", "iso"),
    [
        ("2021-05-25-summit.txt", "2021-05-25"),
        ("20210525_summit.html", "2021-05-25"),
        ("archive/2021_05_25.md", "2021-05-25"),
        ("news/2021/05/25/summit.html", "2021-05-25"),
        ("table.csv#row3", ""),
        ("000_94800895219179d0.txt", ""),  # a hash is not a date
        ("2021-13-40-summit.txt", ""),  # no such day
        ("summit-2021.txt", ""),  # a year alone does not date an article
    ],
)
def test_dates_in_file_names_and_folders(path, iso):
    assert path_date(path) == iso


@pytest.mark.parametrize(
    ("text", "year", "iso"),
    [
        ("Talks in Bishkek\n\nBISHKEK, May 25 (Reuters) - Officials met.", 2021, "2021-05-25"),
        ("BISHKEK, May 25 (Reuters) - Officials met.", 0, ""),  # no year known: ignored, not guessed
        ("LONDON (AP) — May 25, 2021 — Ministers met on Tuesday.", 0, "2021-05-25"),
        ("ANKARA, 25.05.2021 - Ministers met.", 0, "2021-05-25"),
        ("US - China talks resume on 3 May", 2021, ""),  # a headline with a dash is not a dateline
    ],
)
def test_datelines(text, year, iso):
    assert dateline_date(text, year) == iso


def test_an_unreadable_date_is_a_warning_naming_the_document():
    warnings: list[str] = []
    document = Document(id="2021-05-25-summit.txt", text="Ministers met.", meta={"date_text": "31.02.2021"})
    settle_date(document, warnings.append)
    assert document.date == "2021-05-25"  # from the file name
    assert warnings == [
        "2021-05-25-summit.txt: date '31.02.2021' is not a date graphkit reads; dated 2021-05-25 by its file name"
    ]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_read_sources_dates_documents_from_columns_names_folders_and_datelines(tmp_path: Path):
    write(
        tmp_path / "table.csv",
        "title,pubdate,text\n"
        "One,05/25/2021,Ministers of two countries met in the capital for talks.\n"
        "Two,03/04/2021,Ministers of two countries met again in the capital.\n"
        "Three,31.02.2021,Ministers of two countries met once more in the capital.\n",
    )
    write(tmp_path / "2022-06-03-talks.txt", "Talks resume\n\nMinisters of two countries met in the capital.\n")
    write(
        tmp_path / "2022" / "wire.txt", "Talks resume\n\nBISHKEK, May 25 (Reuters) - Ministers of two countries met.\n"
    )
    write(tmp_path / "notes" / "plain.txt", "Talks resume\n\nMinisters of two countries met in the capital.\n")
    warnings: list[str] = []
    documents = {d.id: d for d in read_sources([tmp_path], warn=warnings.append)}
    assert {name: d.date for name, d in documents.items()} == {
        "table.csv#row1": "2021-05-25",  # month first: the only reading
        "table.csv#row2": "2021-04-03",  # day first
        "table.csv#row3": "",
        "2022-06-03-talks.txt": "2022-06-03",
        "2022/wire.txt": "2022-05-25",  # the dateline's day, the folder's year
        "notes/plain.txt": "",  # no file times, ever
    }
    assert [d.id for d in documents.values() if d.meta.get("date_ambiguous")] == ["table.csv#row2"]
    assert warnings == ["table.csv#row3: date '31.02.2021' is not a date graphkit reads; left undated"]


def test_a_short_sentence_with_a_date_is_not_taken_for_a_dateline(tmp_path: Path):
    write(tmp_path / "note.txt", "A note\n\nOn 8 May 2021, two ministers met in the capital for talks.\n")
    (document,) = read_sources([tmp_path])
    assert document.date == ""
    assert "On 8 May 2021, two ministers met" in document.text
