"""A rebuild with nothing changed does nothing and says so; any change to the inputs, the options or the
outputs makes a full build again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.api import OUTPUT_FILES
from graphkit.cli import app
from graphkit.stamp import STAMP_FILE

FIRST = "Talks in Astana\n\nKassym-Jomart Tokayev met Shavkat Mirziyoyev in Astana on Monday.\n"
SECOND = "Visit to Baku\n\nIlham Aliyev hosted Recep Tayyip Erdogan in Baku.\n"
UP_TO_DATE = "nothing changed since the last build"


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def states(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "astana.txt").write_text(FIRST, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    first = run("build", str(corpus), "--out", str(out))
    assert UP_TO_DATE not in first.output and (out / STAMP_FILE).is_file()
    return corpus, out


def test_an_unchanged_rebuild_writes_nothing_and_repeats_the_summary_and_warnings(built):
    corpus, out = built
    before = states(out)
    again = run("build", str(corpus), "--out", str(out))
    assert UP_TO_DATE in again.output
    assert "2 read" not in again.output and "1 read" in again.output  # the summary of the build that was made
    assert "empty.txt" in again.output  # the warnings are not lost
    assert states(out) == before


def test_an_added_article_rebuilds(built):
    corpus, out = built
    (corpus / "baku.txt").write_text(SECOND, encoding="utf-8")
    again = run("build", str(corpus), "--out", str(out))
    assert UP_TO_DATE not in again.output
    assert "Ilham Aliyev" in (out / "entities.csv").read_text(encoding="utf-8")


def test_an_edited_or_deleted_output_rebuilds(built):
    corpus, out = built
    (out / "graph.gexf").write_text("edited", encoding="utf-8")
    assert UP_TO_DATE not in run("build", str(corpus), "--out", str(out)).output
    assert (out / "graph.gexf").read_text(encoding="utf-8").startswith("<?xml")
    (out / "entities.csv").unlink()
    assert UP_TO_DATE not in run("build", str(corpus), "--out", str(out)).output
    assert (out / "entities.csv").is_file()


def test_another_option_force_or_no_cache_rebuilds(built):
    corpus, out = built
    assert UP_TO_DATE not in run("build", str(corpus), "--out", str(out), "--capitals-as-countries").output
    assert UP_TO_DATE in run("build", str(corpus), "--out", str(out), "--capitals-as-countries").output
    before = states(out)
    assert UP_TO_DATE not in run("build", str(corpus), "--out", str(out), "--capitals-as-countries", "--force").output
    assert states(out) != before
    assert (
        UP_TO_DATE not in run("build", str(corpus), "--out", str(out), "--capitals-as-countries", "--no-cache").output
    )


def test_a_damaged_stamp_means_a_full_build(built):
    corpus, out = built
    (out / STAMP_FILE).write_text("{not json", encoding="utf-8")
    assert UP_TO_DATE not in run("build", str(corpus), "--out", str(out)).output
    assert UP_TO_DATE in run("build", str(corpus), "--out", str(out)).output
