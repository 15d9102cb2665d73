"""The reading cache: unchanged files come back exactly as read (documents, duplicates, warnings); changed
files, other options and damaged entries are read again."""

from __future__ import annotations

import shutil
from pathlib import Path

from graphkit.read import read_sources
from graphkit.read.cache import FOLDER

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read(paths, cache_dir, **options):
    warnings: list[str] = []
    return read_sources(paths, warn=warnings.append, cache_dir=cache_dir, **options), warnings


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES, folder)
    text = "The president of Kenya met the Tanzanian foreign minister in Arusha on Monday. " * 8
    (folder / "copy_a.txt").write_text(text, encoding="utf-8")
    (folder / "copy_b.txt").write_text(text + "\nReporting by Lee Park.", encoding="utf-8")
    return folder


def test_a_second_read_gives_the_same_documents_and_warnings_from_the_cache(tmp_path, monkeypatch):
    folder, cache = corpus(tmp_path), tmp_path / "cache"
    plain, plain_warnings = read([folder], None)
    first, first_warnings = read([folder], cache)
    entries = sorted((cache / FOLDER).iterdir())

    def not_again(document):
        raise AssertionError(f"{document.id} was cleaned again")

    monkeypatch.setattr("graphkit.read.clean.clean_article", not_again)
    second, second_warnings = read([folder], cache)
    assert first == plain and second == plain
    assert first_warnings == plain_warnings and second_warnings == plain_warnings
    assert any("malformed.csv:3: row skipped" in w for w in second_warnings)  # warnings are kept with the reading
    assert [d.duplicate_of for d in second if d.id == "copy_b.txt"] == ["copy_a.txt"]
    assert len(entries) == len([p for p in folder.iterdir() if p.suffix in (".txt", ".csv", ".jsonl", ".html", ".md")])
    assert sorted((cache / FOLDER).iterdir()) == entries


def test_a_changed_file_is_read_again(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "cache"
    read([folder], cache)
    (folder / "copy_b.txt").write_text("Amina Diallo, the mayor of Dakar, spoke on Friday.", encoding="utf-8")
    documents, _ = read([folder], cache)
    changed = next(d for d in documents if d.id == "copy_b.txt")
    assert changed.text.startswith("Amina Diallo") and changed.duplicate_of == ""


def test_options_are_part_of_the_key(tmp_path):
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    (folder / "rows.csv").write_text("body,summary\nLong body text about Ghana.,Short summary.\n", encoding="utf-8")
    by_name, _ = read([folder], cache)
    by_option, _ = read([folder], cache, text_column="summary")
    assert by_name[0].text.startswith("Long body") and by_option[0].text.startswith("Short summary")


def test_a_damaged_entry_is_read_again_with_a_warning(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "cache"
    plain, _ = read([folder], None)
    read([folder], cache)
    for entry in (cache / FOLDER).iterdir():
        entry.write_bytes(b"not a reading")
    documents, warnings = read([folder], cache)
    assert documents == plain
    assert any("cached readings were unreadable and were read again" in w for w in warnings)
    again, warnings = read([folder], cache)  # the damaged entries were replaced
    assert again == plain and not any("unreadable" in w for w in warnings)
