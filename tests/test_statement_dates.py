"""Statement dates: the date a sentence states for the clause of each statement, resolved against the
document's date; else the document's date; else none. Every sentence is our own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphkit import build
from graphkit.api import analyse
from graphkit.extract.dates import read_phrase
from graphkit.model import DatePhrase, Document
from graphkit.relate.dates import resolve_phrase

FRIDAY = "2022-06-03"  # a Friday
FIXTURES = Path(__file__).parent / "fixtures" / "dates"

# (document date, sentence, (source, relation, target), expected date, expected date_source)
CASES = [
    (FRIDAY, "On 8 May 2021, Sadyr Japarov met Vladimir Putin in Sochi.", "met", "2021-05-08", "sentence"),
    (FRIDAY, "Yesterday Sadyr Japarov criticised Kassym-Jomart Tokayev.", "criticised", "2022-06-02", "sentence"),
    (FRIDAY, "Sadyr Japarov held talks with Recep Tayyip Erdogan in Bishkek last week.", "held talks with",
     "2022-05-23", "sentence"),  # the Monday the week before starts on
    (FRIDAY, "Shavkat Mirziyoyev met Recep Tayyip Erdogan last month.", "met", "2022-05", "sentence"),
    (FRIDAY, "Kassym-Jomart Tokayev met Shavkat Mirziyoyev on Thursday.", "met", "2022-06-02", "sentence"),
    (FRIDAY, "Kassym-Jomart Tokayev will meet Shavkat Mirziyoyev on Thursday.", "met", "2022-06-09", "sentence"),
    (FRIDAY, "Kassym-Jomart Tokayev will meet Shavkat Mirziyoyev next Tuesday.", "met", "2022-06-07", "sentence"),
    (FRIDAY, "Kassym-Jomart Tokayev and Shavkat Mirziyoyev met in Tashkent from April 29 to May 1.", "met",
     "2022-04-29", "sentence"),  # a range: its start
    (FRIDAY, "Shavkat Mirziyoyev met Recep Tayyip Erdogan in March.", "met", "2022-03", "sentence"),
    ("2022-02-10", "Shavkat Mirziyoyev met Recep Tayyip Erdogan in March.", "met", "2021-03", "sentence"),
    (FRIDAY, "Kyrgyzstan joined the Eurasian Economic Union in 2015.", "joined", "2015", "sentence"),
    # dates that belong to another clause, or only to a noun, are not lent to the statement
    (FRIDAY, "Sadyr Japarov, who took office in January 2021, met Vladimir Putin on Tuesday.", "met",
     "2022-05-31", "sentence"),
    (FRIDAY, "Vladimir Putin met Sadyr Japarov, a year after the 2019 election.", "met", FRIDAY, "document"),
    # a date fronting its clause that the parse hangs on no verb dates the verb after it
    (FRIDAY, "Such a gesture was expected, since already on June 2, after the storm in the north, Sadyr Japarov "
     "met Vladimir Putin in Sochi.", "met", "2022-06-02", "sentence"),
    (FRIDAY, "It came as no surprise, since already on 2 June, after the border clashes with Tajikistan, Turkey "
     "offered Kyrgyzstan its help.", "offered", "2022-06-02", "sentence"),
    # an undated article: a date the sentence names in full still dates it, nothing else is guessed
    ("", "On 8 May 2021, Sadyr Japarov met Vladimir Putin in Sochi.", "met", "2021-05-08", "sentence"),
    ("", "Shavkat Mirziyoyev met Recep Tayyip Erdogan on Tuesday.", "met", "", ""),
]  # fmt: skip


@pytest.fixture(scope="module")
def dated() -> dict[str, list[tuple[str, str, str]]]:
    """Each case's statements as (relation, date, date_source), by document id."""
    documents = [Document(id=f"case{i}.txt", text=case[1], date=case[0]) for i, case in enumerate(CASES)]
    result = analyse(documents, workers=1)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for relation in result.relations:
        found.setdefault(relation.evidence.document, []).append((relation.name, relation.date, relation.date_source))
    return found


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[f"{c[0] or 'undated'}: {c[1]}" for c in CASES])
def test_statement_date(dated, index, case):
    _, _, name, date, source = case
    typed = [(d, s) for n, d, s in dated.get(f"case{index}.txt", []) if n == name]
    assert typed == [(date, source)]


def test_co_mentions_take_the_one_date_of_the_main_clause_else_the_documents():
    documents = [
        Document(
            id="one.txt", text="Sadyr Japarov and Kassym-Jomart Tokayev toured Bishkek on 8 May 2021.", date=FRIDAY
        ),
        Document(
            id="two.txt",
            text="Sadyr Japarov stayed in Ankara on Monday and Kassym-Jomart Tokayev stayed in Astana on Tuesday.",
            date=FRIDAY,
        ),
    ]
    relations = analyse(documents, workers=1).relations
    one = {(r.date, r.date_source) for r in relations if r.evidence.document == "one.txt" and r.name == "co-mentioned"}
    two = {(r.date, r.date_source) for r in relations if r.evidence.document == "two.txt" and r.name == "co-mentioned"}
    assert one == {("2021-05-08", "sentence")}
    assert two == {(FRIDAY, "document")}  # two dates in the main clause: neither is the sentence's


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("8 May 2021", (2021, 5, 8, -1, "", 0)),
        ("May 2021", (2021, 5, 0, -1, "", 0)),
        ("2019", (2019, 0, 0, -1, "", 0)),
        ("April 29 to May 1", (0, 4, 29, -1, "", 0)),
        ("29-30 April 2021", (2021, 4, 29, -1, "", 0)),
        ("two days ago", (0, 0, 0, -1, "day", -2)),
        ("last Tuesday", (0, 0, 0, 1, "", -1)),
        ("this year", (0, 0, 0, -1, "year", 0)),
        ("mid-2020", (2020, 0, 0, -1, "", 0)),
    ],
)
def test_read_phrase(text, parts):
    read = read_phrase(text)
    assert read is not None
    assert (read.year, read.month, read.day, read.weekday, read.unit, read.shift) == parts


@pytest.mark.parametrize("text", ["a year", "the 1990s", "decades", "30 years", "the weekend"])
def test_phrases_that_name_no_point_in_time(text):
    assert read_phrase(text) is None


def phrase(text: str, tense: str = "past") -> DatePhrase:
    read = read_phrase(text)
    assert read is not None
    return DatePhrase(0, len(text), text, 0, tense=tense, **vars(read))


@pytest.mark.parametrize(
    ("text", "tense", "document_date", "iso"),
    [
        ("Tuesday", "past", FRIDAY, "2022-05-31"),
        ("Friday", "past", FRIDAY, FRIDAY),  # the document's own day
        ("last Friday", "past", FRIDAY, "2022-05-27"),
        ("Tuesday", "future", FRIDAY, "2022-06-07"),
        ("Tuesday", "present", FRIDAY, "2022-05-31"),  # the nearer one
        ("yesterday", "past", "2022-03-01", "2022-02-28"),
        ("last month", "past", "2022-01-15", "2021-12"),
        ("next year", "future", FRIDAY, "2023"),
        ("8 May", "past", FRIDAY, "2022-05-08"),
        ("8 July", "past", FRIDAY, "2021-07-08"),  # a past event is not after the article
        ("8 May", "future", FRIDAY, "2023-05-08"),
        ("Tuesday", "past", "2022-06", ""),  # a weekday needs the document's day
        ("last month", "past", "2022-06", "2022-05"),
        ("Tuesday", "past", "", ""),
        ("2019", "past", "", "2019"),
    ],
)
def test_resolve_against_the_document_date(text, tense, document_date, iso):
    assert resolve_phrase(phrase(text, tense), document_date) == iso


def read_evidence(folder: Path) -> list[dict[str, str]]:
    with open(folder / "evidence.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_build_writes_statement_dates_to_evidence_csv(tmp_path: Path):
    warnings: list[str] = []
    result = build([FIXTURES], tmp_path / "out", cache=False, workers=1, warn=warnings.append)
    rows = [r for r in read_evidence(tmp_path / "out") if r["relation"] != "co-mentioned"]
    dated = sorted((r["document"], r["source"], r["relation"], r["target"], r["date"], r["date_source"]) for r in rows)
    assert dated == [
        (
            "2022-06-03-bishkek-talks.txt",
            "Sadyr Japarov",
            "criticised",
            "Kassym-Jomart Tokayev",
            "2022-06-02",
            "sentence",
        ),
        ("2022-06-03-bishkek-talks.txt", "Sadyr Japarov", "met", "Vladimir Putin", "2022-05-31", "sentence"),
        ("2022-06-03-bishkek-talks.txt", "Vladimir Putin", "met", "Sadyr Japarov", "2022-06-03", "document"),
        # the dateline's day and the folder's year date the article: yesterday is the 24th
        ("2022/bishkek-wire.txt", "Sadyr Japarov", "criticised", "Kassym-Jomart Tokayev", "2022-05-24", "sentence"),
        ("notes/undated-note.txt", "Sadyr Japarov", "met", "Vladimir Putin", "2021-05-08", "sentence"),
        ("notes/undated-note.txt", "Shavkat Mirziyoyev", "met", "Recep Tayyip Erdogan", "", ""),
        ("table.csv#row1", "Shavkat Mirziyoyev", "met", "Recep Tayyip Erdogan", "2021-05-25", "document"),
        ("table.csv#row2", "Kassym-Jomart Tokayev", "met", "Sadyr Japarov", "2021-04-03", "document"),  # day first
        ("table.csv#row3", "Vladimir Putin", "met", "Kassym-Jomart Tokayev", "", ""),
        # the range by its start; "next Tuesday" after the dateline's Friday 20 May 2022
        ("wires/tashkent.txt", "Kassym-Jomart Tokayev", "met", "Shavkat Mirziyoyev", "2022-04-29", "sentence"),
        ("wires/tashkent.txt", "Kassym-Jomart Tokayev", "met", "Shavkat Mirziyoyev", "2022-05-24", "sentence"),
    ]
    columns = list(read_evidence(tmp_path / "out")[0])
    assert columns[columns.index("via") + 1 : columns.index("via") + 3] == ["date", "date_source"]
    assert result.summary()["ambiguous_dates"] == 1
    assert warnings == ["table.csv#row3: date '31.02.2021' is not a date graphkit reads; left undated"]


def test_the_build_summary_counts_ambiguous_numeric_dates(tmp_path: Path):
    from typer.testing import CliRunner

    from graphkit.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "table.csv").write_text(
        "date,text\n03/04/2021,Sadyr Japarov met Vladimir Putin in Moscow.\n"
        "05/06/2021,Kassym-Jomart Tokayev met Shavkat Mirziyoyev in Tashkent.\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(
        app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache", "-w", "1"]
    )
    assert run.exit_code == 0, run.output
    assert "2 documents had ambiguous numeric dates (read day first)" in run.output
