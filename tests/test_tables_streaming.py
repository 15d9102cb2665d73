"""The large tables (mentions, evidence) are written as their rows come: the first rows are in the file
while later ones are still being made, and the bytes are those the csv module would write."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from graphkit.export import tables
from graphkit.export.tables import EVIDENCE_COLUMNS, MENTION_COLUMNS, _write_rows


def written_so_far(folder: Path) -> int:
    """Bytes in the temporary file the writer fills (atomic_open renames it only at the end)."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_rows_reach_the_file_before_the_last_one_is_made(tmp_path):
    batch = tables._LINES_PER_WRITE
    seen: list[int] = []

    def rows():
        for i in range(3 * batch):
            if i in (batch + 1, 2 * batch + 1):
                seen.append(written_so_far(tmp_path))
            yield (f"doc-{i}", i, i + 5, f"Name {i}", "person", f"Entity {i}", "ner")

    _write_rows(tmp_path / "mentions.csv", MENTION_COLUMNS, rows())
    assert seen[0] > 0 and seen[1] > seen[0]  # one batch, then two, on disk while the generator still runs
    with open(tmp_path / "mentions.csv", encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.reader(handle)) == 3 * batch + 1


def test_the_bytes_are_those_of_the_csv_module_across_batches(tmp_path, monkeypatch):
    """Formula starts, quotes, commas and line breaks, negative offsets and booleans, split over batches."""
    monkeypatch.setattr(tables, "_LINES_PER_WRITE", 3)
    rows = [
        ("a", "b", "met", "contact", "cooperative", True, False, False, "", "", "2024", "sentence", "d1", 0, 9, "x"),
        ("=cmd", "+b", 'said, "no"', "-c", "@d", False, True, True, "e", "f", "", "", "d2", -1, -1, "a\nb"),
        ("c", "d", "r", "k", "s", True, True, False, "", "pronoun", "", "", "d3", 12, 40, "plain"),
        ("'=x", "t", "r", "k", "s", False, False, False, "", "", "", "", "d4", 3, 4, "\ttab"),
    ]
    _write_rows(tmp_path / "evidence.csv", EVIDENCE_COLUMNS, iter(rows))
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(EVIDENCE_COLUMNS)
    for row in rows:
        cells = []
        for value in row:
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            numeric = type(value) is int
            cells.append("'" + text if not numeric and text[:1] and text[:1] in "=+-@\t\r" else text)
        writer.writerow(cells)
    assert (tmp_path / "evidence.csv").read_bytes().decode("utf-8") == expected.getvalue()
