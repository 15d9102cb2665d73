"""Sentences and mentions kept as columns over the document's text read back as extraction made them."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from graphkit.api import BuildResult
from graphkit.export.outputs import write_build_files
from graphkit.extract.columns import MentionColumns, SentenceColumns, compact, mention_rows, mention_sentences, quoted
from graphkit.graph.build import build_graph
from graphkit.model import DocExtraction, Document, Mention, RelationCandidate, Sentence
from graphkit.relate.relations import relate
from graphkit.resolve.entities import resolve

TEXT = "Tony Blair met Jacques Chirac in Paris. The UK and France agreed.  Mr Blair left."


def sentences() -> list[Sentence]:
    return [Sentence(0, 39, TEXT[0:39]), Sentence(40, 65, TEXT[40:65]), Sentence(67, 81, TEXT[67:81])]


def mentions() -> list[Mention]:
    return [
        Mention(0, 10, "Tony Blair", "person", 0),
        Mention(15, 29, "Jacques Chirac", "person", 0, source="gazetteer", canonical="Jacques Chirac"),
        Mention(33, 38, "Paris", "location", 0, canonical="Paris"),
        Mention(44, 46, "UK", "country", 1, canonical="United Kingdom", source="gazetteer"),
        Mention(51, 57, "France", "country", 1, source="demonym"),
        Mention(70, 75, "Blair", "person", 2),
        Mention(0, 0, "Nick Assinder", "person", -1, source="byline"),  # from the metadata: not in the text
        Mention(0, 0, "", "person", -1, source="byline"),  # an empty name where the text has none either
    ]


def test_sentences_read_back_as_extracted() -> None:
    columns = SentenceColumns(TEXT, sentences())
    assert len(columns) == 3
    assert list(columns) == sentences()
    assert columns == sentences() and sentences() == columns
    assert columns[1] == sentences()[1] and columns[-1] == sentences()[-1]
    assert columns[0:2] == sentences()[0:2] and columns[1:] == sentences()[1:]
    with pytest.raises(IndexError):
        columns[3]


def test_a_sentence_the_text_does_not_hold_is_kept_as_it_was() -> None:
    odd = [Sentence(0, 4, "Tony"), Sentence(5, 10, "Brown")]
    assert list(SentenceColumns(TEXT, odd)) == odd


def test_mentions_read_back_as_extracted() -> None:
    columns = MentionColumns(TEXT, mentions())
    assert len(columns) == len(mentions())
    assert list(columns) == mentions()
    assert [columns[i] for i in range(len(columns))] == mentions()
    assert columns[-2].text == "Nick Assinder" and columns[-1].text == ""
    assert columns[2:5] == mentions()[2:5]
    assert columns != mentions()[:-1]
    with pytest.raises(IndexError):
        columns[len(mentions())]


def test_mention_strings_are_shared_not_copied_per_mention() -> None:
    names: dict[str, str] = {}
    first = MentionColumns(TEXT, mentions(), names)
    second = MentionColumns(TEXT, mentions(), names)
    assert first[3].canonical is second[3].canonical
    assert first[0].type is second[5].type and first[1].source is second[3].source


def test_compact_keeps_every_field_and_the_dict_form() -> None:
    document = Document(id="a", text=TEXT)
    relation = RelationCandidate(0, 1, "met", 0)
    extraction = DocExtraction("a", sentences(), mentions(), [relation])
    before = extraction.to_dict()
    compact([document], [extraction])
    assert isinstance(extraction.sentences, SentenceColumns) and isinstance(extraction.mentions, MentionColumns)
    assert extraction.to_dict() == before
    assert DocExtraction.from_dict(extraction.to_dict()) == DocExtraction.from_dict(before)
    again = pickle.loads(pickle.dumps(extraction))
    assert again.to_dict() == before


def test_an_extraction_without_its_document_is_left_as_lists() -> None:
    extraction = DocExtraction("elsewhere", sentences(), mentions())
    compact([Document(id="a", text=TEXT)], [extraction])
    assert isinstance(extraction.mentions, list) and isinstance(extraction.sentences, list)


BUILT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: BUILT.sub(b"BUILT", p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_build_from_columns_writes_the_files_a_build_from_lists_does(
    sample_build: BuildResult, tmp_path: Path
) -> None:
    documents = sample_build.documents
    assert all(isinstance(e.mentions, MentionColumns) for e in sample_build.extractions)

    def write(extractions: list[DocExtraction], out: Path) -> dict[str, bytes]:
        resolution = resolve(documents, extractions)
        relations = relate(extractions, resolution, {d.id: d.date for d in documents})
        graph = build_graph(documents, resolution, relations, name="sample")
        write_build_files(graph, documents, extractions, resolution, relations, out)
        return files(out)

    as_lists = [
        DocExtraction(e.document, list(e.sentences), list(e.mentions), e.relations, e.dates)
        for e in sample_build.extractions
    ]
    from_lists = write(as_lists, tmp_path / "lists")
    compact(documents, as_lists)
    assert all(isinstance(e.mentions, MentionColumns) for e in as_lists)
    assert write(as_lists, tmp_path / "columns") == from_lists
    assert len(from_lists) >= 10


def test_rows_and_sentences_give_the_fields_of_lists_and_columns_alike() -> None:
    columns = MentionColumns(TEXT, mentions())
    expected = [(m.start, m.end, m.text, m.type, m.sentence, m.canonical, m.source) for m in mentions()]
    assert list(mention_rows(columns)) == list(mention_rows(mentions())) == expected
    assert list(mention_sentences(columns)) == list(mention_sentences(mentions())) == [0, 0, 0, 1, 1, 2, -1, -1]


def test_a_quote_from_the_columns_is_the_quote_from_the_sentences() -> None:
    columns, odd = SentenceColumns(TEXT, sentences()), SentenceColumns(TEXT, [Sentence(0, 4, " Tony "), *sentences()])
    for first, last in [(0, 0), (1, 1), (2, 2), (0, 1), (1, 2), (0, 2)]:
        assert quoted(columns, first, last) == quoted(sentences(), first, last)
        assert quoted(odd, first, last + 1) == quoted(list(odd), first, last + 1)
    assert quoted(columns, 1, 2) == ("The UK and France agreed. Mr Blair left.", 40, 81)
    assert quoted(odd, 0, 0) == ("Tony", 0, 4)
