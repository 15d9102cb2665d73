"""Reading a large file prepares its documents on every core, with the documents and warnings of one pass."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import graphkit.read.files as files
from graphkit.read import read_sources


def write_table(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "date", "text"])
        for n in range(rows):
            date = "31.02.2021" if n % 50 == 7 else f"{1 + n % 28:02d}.03.2021"  # an impossible date warns
            text = (
                ""
                if n % 40 == 3
                else f"Report {n}. Minister Ana Petrova met delegates in Riga on day {n}.\n\nShare this"
            )
            writer.writerow([f"Report {n}", date, text])


@pytest.mark.parametrize("rows", [50, 300])
def test_a_large_file_reads_the_same_on_every_core_as_in_one_process(tmp_path: Path, monkeypatch, rows: int) -> None:
    write_table(tmp_path / "table.csv", rows)
    parallel_warnings: list[str] = []
    parallel = read_sources([tmp_path], warn=parallel_warnings.append)
    monkeypatch.setattr(files, "PARALLEL_DOCUMENTS", 10**9)
    serial_warnings: list[str] = []
    serial = read_sources([tmp_path], warn=serial_warnings.append)
    assert parallel == serial
    assert parallel_warnings == serial_warnings
    assert any("no text" in message for message in serial_warnings)
    assert len(serial) == rows - len([n for n in range(rows) if n % 40 == 3])
