"""An article longer than spaCy takes at once is parsed in pieces: it builds, nothing in it is skipped, and
every offset still points into the whole text."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest

import graphkit.extract.extraction as extraction
from graphkit import build
from graphkit.extract.pieces import PIECE_CHARS, pieces

SENTENCES = [
    "Angela Merkel met Emmanuel Macron in Berlin to discuss trade.",
    "The ministers of France and Germany agreed on a new budget plan.",
    "Officials from the European Union said the talks went well.",
    "Journalists waited outside the chancellery for several hours.",
]
ENDING = "In the last paragraph, Jacinda Ardern visited Canada and met Justin Trudeau in Ottawa.\n"


def long_article(characters: int) -> str:
    """About `characters` of our own prose in numbered paragraphs (repeated paragraphs would be dropped as
    teasers), then a paragraph with names found nowhere else."""
    paragraphs = []
    size = 0
    while size < characters:
        n = len(paragraphs)
        paragraph = f"Report {n}. " + " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(6))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n\n" + ENDING


def test_pieces_cover_the_text_within_the_limit_and_end_at_paragraphs():
    text = long_article(50_000)
    spans = pieces(text, 4_000)
    assert len(spans) > 10
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(spans))
    assert all(0 < end - start <= 4_000 for start, end in spans)
    assert all(text[start:].startswith("Report ") for start, _ in spans[1:])  # each piece starts a paragraph


def test_pieces_fall_back_to_lines_sentences_spaces_and_a_hard_cut():
    lines = "\n".join(["Angela Merkel met Emmanuel Macron in Berlin."] * 200)
    assert all(lines[end - 1] == "\n" for _, end in pieces(lines, 1_000)[:-1])
    prose = " ".join(SENTENCES * 100)
    assert all(prose[end - 2] == "." for _, end in pieces(prose, 1_000)[:-1])
    words = " ".join(["word"] * 1_000)
    assert all(words[end - 1] == " " for _, end in pieces(words, 999)[:-1])
    letters = "x" * 2_500
    assert pieces(letters, 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]
    assert pieces("short text", 1_000) == [(0, 10)]


@pytest.fixture
def small_spacy_limit(monkeypatch):
    """spaCy's limit and graphkit's pieces a hundred times smaller, so a 30,000-character article stands for a
    3 MB one: without pieces spaCy refuses it ([E088]), as it refuses a text over a million characters."""
    load = extraction.load_pipeline

    def load_with_small_limit(*args, **kwargs):
        nlp = load(*args, **kwargs)
        nlp.max_length = 10_000
        return nlp

    monkeypatch.setattr(extraction, "load_pipeline", load_with_small_limit)
    monkeypatch.setattr(extraction, "PIECE_CHARS", PIECE_CHARS // 100)


def mentions_of(out: Path) -> list[dict[str, str]]:
    with open(out / "mentions.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_an_article_over_spacys_limit_builds_with_offsets_into_the_whole_text(tmp_path, small_spacy_limit):
    text = long_article(30_000)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    result = build([corpus], tmp_path / "out", cache=False, workers=1)
    read = result.documents[0].text  # the text as read: every offset points into it
    mentions = mentions_of(tmp_path / "out")
    paragraphs = [len(p) + 2 for p in read.split("\n\n")]
    starts = [sum(paragraphs[:i]) for i in range(len(paragraphs))]
    found = {max(i for i, s in enumerate(starts) if s <= int(m["start"])) for m in mentions}
    assert found == set(range(len(paragraphs)))  # names in every paragraph, not only in the first piece
    for mention in mentions:
        assert read[int(mention["start"]) : int(mention["end"])] == mention["text"]
    last = {m["text"] for m in mentions if int(m["start"]) > len(read) - len(ENDING)}
    assert {"Jacinda Ardern", "Justin Trudeau", "Canada", "Ottawa"} <= last
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    labels = {node["label"] for node in graph["nodes"]}
    assert {"Jacinda Ardern", "Justin Trudeau", "Angela Merkel"} <= labels
    extractions = result.extractions[0]
    for sentence in extractions.sentences:
        assert read[sentence.start : sentence.end] == sentence.text
    with open(tmp_path / "out" / "evidence.csv", encoding="utf-8", newline="") as handle:
        evidence = list(csv.DictReader(handle))
    # evidence quotes its sentences stripped and joined by a space: the same words as the span it points at
    assert evidence
    assert all(read[int(e["start"]) : int(e["end"])].split() == e["sentence"].split() for e in evidence)
    assert any("Justin Trudeau" in e["sentence"] for e in evidence)  # relations found in the last piece too


def test_a_normal_article_is_one_piece():
    assert pieces(long_article(PIECE_CHARS - 1_000)) == [(0, len(long_article(PIECE_CHARS - 1_000)))]
