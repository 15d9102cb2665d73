"""Bad input gets a one-line message, the rest of the corpus still builds, and no traceback is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app

ARTICLE = "Summit in Bishkek\n\nSadyr Japarov met Vladimir Putin. Kyrgyzstan is a member of the CSTO.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def assert_no_traceback(output: str) -> None:
    assert "Traceback" not in output


def test_missing_path_exits_2_with_one_line(tmp_path):
    result = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert_no_traceback(result.output)


def test_bad_files_warn_by_name_and_the_rest_builds(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blank.md").write_text("  \n\n", encoding="utf-8")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "latin1.txt").write_bytes("Réunion à Douchanbé\n\nEmomali Rahmon a reçu Sadyr Japarov.".encode("cp1252"))
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    result = run("build", str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert_no_traceback(result.output)
    output = " ".join(result.output.split())  # rich may wrap long warnings
    assert "empty.txt" in output and "blank.md" in output
    assert "image.txt: skipped, binary file" in output
    assert "latin1.txt: not valid UTF-8" in output
    assert "notes.docx: skipped" in output
    documents = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8")
    assert "good.txt" in documents
    assert "latin1.txt" in documents and "Réunion" in documents  # decoded with the fallback, not dropped


def test_oversized_file_is_skipped_with_a_warning(corpus, tmp_path):
    from graphkit.read import read_sources

    (corpus / "huge.txt").write_text("word " * 2000, encoding="utf-8")
    warnings: list[str] = []
    documents = read_sources([corpus], warn=warnings.append, max_bytes=5000)
    assert [d.id for d in documents] == ["good.txt"]
    assert any("huge.txt" in w and "limit" in w for w in warnings)


def test_empty_corpus_gets_a_clear_message(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no readable articles" in result.output
    assert_no_traceback(result.output)


def test_model_not_installed_says_how_to_install_it(corpus, tmp_path):
    result = run("build", str(corpus), "--out", str(tmp_path / "out"), "--model", "xx_not_a_model")
    assert result.exit_code == 2
    assert "not installed" in result.output and "pip install" in result.output
    assert_no_traceback(result.output)


def test_markup_in_names_stays_text_in_the_outputs(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x.txt").write_text(
        "Odd names\n\nJohn <script>alert(1)</script> Smith met Vladimir Putin in Moscow.\n", encoding="utf-8"
    )
    result = run("build", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
