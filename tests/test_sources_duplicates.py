"""Identical and near-identical articles are marked as copies of the one kept, and different ones are not."""

from __future__ import annotations

from graphkit.model import Document
from graphkit.read import read_sources
from graphkit.read.duplicates import mark_duplicates

WIRE = (
    "Kyrgyz president Sadyr Japarov met Russian president Vladimir Putin in Sochi on Monday to discuss the "
    "border conflict with Tajikistan. The two leaders agreed that the dispute must be settled by talks, the "
    "Kremlin said in a statement after the meeting. Japarov thanked Moscow for its help to the villages of the "
    "Batken region, where dozens of people died in the fighting in April. Putin said Russia would help both "
    "sides to find a lasting solution and called Kyrgyzstan a strategic ally of Russia."
)
OTHER = (
    "Uzbekistan and Kazakhstan signed an agreement on Thursday to build a new international trade centre on "
    "their border, the foreign ministries in Tashkent and Astana said. The centre will have a free trade zone, "
    "warehouses and a hotel, and should open in two years. Officials said the project would cost about 120 "
    "million dollars and create several thousand jobs on both sides of the border near the town of Saryagash."
)


def test_identical_and_near_identical_articles_are_marked():
    documents = [
        Document(id="agency.txt", text="Japarov meets Putin\n\n" + WIRE, date="2021-05-25"),
        Document(id="other.txt", text="Trade centre on the border\n\n" + OTHER),
        # the same text with different spacing, case and punctuation
        Document(id="repost.txt", text="JAPAROV MEETS PUTIN:   " + WIRE.replace(". ", "! ")),
        # a wire copy: new headline, a sentence added at the end
        Document(
            id="portal.txt",
            text="Putin and Japarov talk in Sochi\n\n" + WIRE + " Reporting by the agency's Moscow bureau.",
        ),
        # published a day earlier: it is the one kept
        Document(id="early.txt", text="Sochi talks\n\n" + WIRE, date="2021-05-24"),
    ]
    assert mark_duplicates(documents) == 3
    by_id = {d.id: d.duplicate_of for d in documents}
    assert by_id == {
        "agency.txt": "early.txt",
        "other.txt": "",
        "repost.txt": "early.txt",
        "portal.txt": "early.txt",
        "early.txt": "",
    }


def test_articles_on_the_same_story_in_different_words_are_not_copies():
    rewritten = (
        "Vladimir Putin hosted Sadyr Japarov at his residence near Sochi, where the Kyrgyz leader asked Moscow "
        "to keep supporting the border villages. Analysts said the visit was meant to show that Russia still "
        "acts as the arbiter between Bishkek and Dushanbe after the clashes in spring, and that Turkey's offers "
        "of drones and aid had not gone unnoticed in the Kremlin, which wants to keep the republic close."
    )
    documents = [Document(id="a.txt", text=WIRE), Document(id="b.txt", text=rewritten)]
    assert mark_duplicates(documents) == 0


def test_short_texts_are_only_matched_when_identical():
    documents = [
        Document(id="a.txt", text="Putin met Japarov in Sochi."),
        Document(id="b.txt", text="Putin met Japarov in Sochi on Monday."),
        Document(id="c.txt", text="putin met japarov in sochi"),
    ]
    mark_duplicates(documents)
    assert [d.duplicate_of for d in documents] == ["", "", "a.txt"]


def test_read_sources_marks_duplicates_across_files(tmp_path):
    (tmp_path / "one.txt").write_text("Japarov meets Putin\n\n" + WIRE, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f'title,text\nCopy,"{WIRE}"\nOther,"{OTHER}"\n', encoding="utf-8")
    documents = read_sources([tmp_path])
    assert {d.id: d.duplicate_of for d in documents} == {
        "one.txt": "",
        "rows.csv#row1": "one.txt",
        "rows.csv#row2": "",
    }
