"""read_sources: which files are read, which are skipped with a warning naming them, and what the text becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.read import SourceError, read_sources

ARTICLE = "Summit in Bishkek\n\nSadyr Japarov met Vladimir Putin in Sochi on Monday, the Kremlin said.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def read(*paths, **options) -> tuple[list, list[str]]:
    warnings: list[str] = []
    documents = read_sources(list(paths), warn=warnings.append, **options)
    return documents, warnings


def test_empty_file_is_skipped_with_a_warning(corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blank.md").write_text(" \n\n\t\n", encoding="utf-8")
    documents, warnings = read(corpus)
    assert [d.id for d in documents] == ["good.txt"]
    assert any("empty.txt" in w and "empty" in w for w in warnings)
    assert any("blank.md" in w for w in warnings)


def test_binary_file_is_skipped_with_a_warning(corpus):
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "page.html").write_bytes(b"\x00\x01\x02" * 400)
    documents, warnings = read(corpus)
    assert [d.id for d in documents] == ["good.txt"]
    assert any("photo.txt: skipped, binary file" in w for w in warnings)
    assert any("page.html: skipped, binary file" in w for w in warnings)


def test_non_utf8_text_is_decoded_with_the_fallback(corpus):
    (corpus / "latin.txt").write_bytes("Réunion à Douchanbé\n\nEmomali Rahmon a reçu Sadyr Japarov.\n".encode("cp1252"))
    documents, warnings = read(corpus)
    latin = next(d for d in documents if d.id == "latin.txt")
    assert latin.title == "Réunion à Douchanbé"
    assert "reçu" in latin.text
    assert any("latin.txt: not valid UTF-8, read as Windows-1252" in w for w in warnings)


def test_file_over_the_size_limit_is_skipped(corpus):
    (corpus / "huge.txt").write_text("word " * 2000, encoding="utf-8")
    documents, warnings = read(corpus, max_bytes=5000)
    assert [d.id for d in documents] == ["good.txt"]
    assert any("huge.txt" in w and "over the" in w and "limit" in w for w in warnings)


def test_unknown_extension_is_skipped_with_a_warning(corpus):
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    (corpus / "Makefile").write_text("all:\n", encoding="utf-8")
    documents, warnings = read(corpus)
    assert [d.id for d in documents] == ["good.txt"]
    assert any("notes.docx: skipped, not a format graphkit reads (.docx)" in w for w in warnings)
    assert any("Makefile: skipped" in w and "no extension" in w for w in warnings)


def test_hidden_files_and_the_alias_file_are_not_articles(corpus):
    (corpus / ".draft.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "aliases.yaml").write_text("merge: {}\n", encoding="utf-8")
    documents, warnings = read(corpus)
    assert [d.id for d in documents] == ["good.txt"]
    assert warnings == []


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no such file or directory"):
        read_sources([tmp_path / "nope"])


def test_glob_pattern_reads_the_matching_files_with_ids_relative_to_its_folder(corpus):
    sub = corpus / "2024" / "march"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (sub / "b.md").write_text(ARTICLE.replace("Sochi", "Astana"), encoding="utf-8")
    documents, _ = read(str(corpus / "*.txt"))
    assert [d.id for d in documents] == ["good.txt"]
    documents, _ = read(str(corpus / "**" / "*.md"))
    assert [d.id for d in documents] == ["2024/march/b.md"]
    documents, _ = read(str(corpus / "20*"))
    assert sorted(d.id for d in documents) == ["2024/march/a.txt", "2024/march/b.md"]


def test_glob_pattern_matching_nothing_is_an_error(corpus):
    with pytest.raises(SourceError, match="no files match"):
        read_sources([str(corpus / "*.html")])


def test_directories_are_walked_recursively_in_name_order(corpus):
    (corpus / "b").mkdir()
    (corpus / "a").mkdir()
    (corpus / "b" / "z.txt").write_text(ARTICLE.replace("Sochi", "Minsk"), encoding="utf-8")
    (corpus / "a" / "y.txt").write_text(ARTICLE.replace("Sochi", "Baku"), encoding="utf-8")
    documents, _ = read(corpus)
    assert [d.id for d in documents] == ["a/y.txt", "b/z.txt", "good.txt"]


def test_mojibake_and_entities_are_repaired(corpus):
    (corpus / "money.txt").write_text(
        "Club bids Â£8m\n\nThe club bid &#163;8m (Â£8m) for the striker, its chairman said on Tuesday.\n",
        encoding="utf-8",
    )
    documents, _ = read(corpus / "money.txt")
    (money,) = documents
    assert money.title == "Club bids £8m"
    assert "bid £8m (£8m)" in money.text
    assert "Â" not in money.text


def test_control_characters_become_spaces_and_offsets_hold(corpus):
    text = "Talks in Baku\n\nIlham Aliyev\x07 met Nikol Pashinyan\x1b in Baku on Monday, officials said.\n"
    (corpus / "controls.txt").write_text(text, encoding="utf-8")
    documents, _ = read(corpus / "controls.txt")
    (document,) = documents
    assert len(document.text) == len(text)
    assert "Aliyev  met" in document.text and "\x07" not in document.text
    start = text.index("Nikol Pashinyan")
    assert document.text[start : start + len("Nikol Pashinyan")] == "Nikol Pashinyan"


def test_clean_utf8_text_is_left_exactly_as_read(corpus):
    text = "Türkiye’s “new” line\n\nRecep Tayyip Erdoğan met Shavkat Mirziyoyev — in Samarkand.\r\nThey talked.\n"
    (corpus / "clean.txt").write_bytes(text.encode("utf-8"))
    documents, _ = read(corpus / "clean.txt")
    assert documents[0].text == text
