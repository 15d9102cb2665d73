"""Odd files and odd file names: nothing lost, nothing injected, one line naming the file, never a traceback.

One corpus holds every case; it is built through the CLI three times (reading cache cold, warm, and off),
and each test checks what a user would see in the messages and the output tables.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.paths import printable, recorded_path, source_path
from graphkit.read import read_sources

ARTICLE = "Summit in Bishkek\n\nSadyr Japarov met Vladimir Putin. Kyrgyzstan is a member of the CSTO.\n"
OTHER = "Talks in Dushanbe\n\nEmomali Rahmon met Recep Tayyip Erdogan in Dushanbe on Monday.\n"
NON_UTF8_NAME = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name: not UTF-8
CR_NAME = "a\rb.txt"
DEEP = "[" * 100_000


def deep_value(levels: int, inner: str) -> str:
    return "[" * levels + json.dumps(inner) + "]" * levels


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when a walk does not end."""

    def expire(signum, frame):
        raise TimeoutError(f"still walking after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "deep.json").write_text(DEEP, encoding="utf-8")
    lines = [
        json.dumps({"text": "Sadyr Japarov met Vladimir Putin in Sochi on Tuesday."}),
        DEEP,
        '{"text": ' + deep_value(500, "Ilham Aliyev met Nikol Pashinyan in Brussels on Sunday.") + "}",
        json.dumps({"text": "Emomali Rahmon met Shavkat Mirziyoyev in Tashkent on Friday."}),
    ]
    (corpus / "deep.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / NON_UTF8_NAME).write_text(OTHER, encoding="utf-8")
    (corpus / CR_NAME).write_text(OTHER.replace("Monday", "Tuesday"), encoding="utf-8")
    (corpus / "utf16.txt").write_bytes(("\ufeff" + OTHER.replace("Monday", "Sunday")).encode("utf-16-le"))
    table = "title,text\nSummit,Kassym-Jomart Tokayev met Xi Jinping in Astana on Wednesday.\n"
    (corpus / "utf16.csv").write_bytes(("\ufeff" + table).encode("utf-16-be"))
    (corpus / "nul.csv").write_bytes(
        b"title,text\nFirst,Sadyr Japarov met Emomali Rahmon in Bishkek.\n"
        b"Second,Vladimir Putin met\x00 Alexander Lukashenko in Minsk.\n"
    )
    (corpus / "sub" / "loop").symlink_to("..")  # a folder loop
    (corpus / "sub" / "again").symlink_to("../sub")  # and a link to its own folder
    (corpus / "link.txt").symlink_to("good.txt")  # the same file under another name
    os.mkfifo(corpus / "inside.fifo")
    (corpus / "locked").mkdir()
    (corpus / "locked" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    return corpus


@contextmanager
def locked_folder(folder: Path) -> Iterator[None]:
    """Make listing `folder` fail as it does for a user without the permission (we may run as root)."""
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if not isinstance(path, int) and os.fspath(path) == os.fspath(folder):  # an int is an open folder
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "scandir", scandir)
        yield


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def lines_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The odd corpus built three times through the CLI: cache cold, cache warm (--force), and --no-cache."""
    root = tmp_path_factory.mktemp("odd")
    corpus = make_corpus(root)
    fifo = root / "x.fifo"
    os.mkfifo(fifo)
    sources = [str(corpus), str(corpus / "good.txt"), str(fifo), str(corpus / "**" / "*.txt")]
    runs = {}
    with locked_folder(corpus / "locked"), time_limit(600):
        for name, options in (("cold", []), ("warm", ["--force"]), ("uncached", ["--no-cache"])):
            out = root / name
            cache = ["--cache-dir", str(root / "cache")] if name != "uncached" else []
            result = cli("build", *sources, "--out", str(out), *cache, *options)
            runs[name] = {"result": result, "out": out}
    return {"root": root, "corpus": corpus, "runs": runs}


def documents_table(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "documents.csv").read_text(encoding="utf-8"), newline="")))


def warnings_of(odd: dict, run: str = "cold") -> list[str]:
    return [line for line in lines_of(odd["runs"][run]["result"].output) if line.startswith("warning:")]


@pytest.mark.parametrize("run", ["cold", "warm", "uncached"])
def test_every_build_of_the_odd_corpus_finishes_without_a_traceback(odd, run):
    result = odd["runs"][run]["result"]
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert all(line.isprintable() for line in result.output.splitlines())


def test_deeply_nested_json_is_a_warning_with_file_and_line_and_the_rest_is_read(odd):
    warnings = warnings_of(odd)
    assert "warning: deep.json:1: skipped, nested too deeply to read (100000 levels)" in [
        w.replace(str(odd["corpus"]) + "/", "") for w in warnings
    ]
    assert any("deep.jsonl:2: line skipped, nested too deeply" in w for w in warnings)
    ids = {row["document"] for row in documents_table(odd["runs"]["cold"]["out"])}
    # line 3 holds its text 500 lists deep: it is read, flattened; lines 1 and 4 are untouched
    assert {"deep.jsonl#row1", "deep.jsonl#row3", "deep.jsonl#row4"} <= ids
    assert "deep.jsonl#row2" not in ids


def test_a_deep_item_of_a_json_array_costs_that_item_only(tmp_path):
    items = [
        json.dumps({"text": "Sadyr Japarov met Vladimir Putin in Sochi on Tuesday."}),
        '{"text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}",
        json.dumps({"text": "Emomali Rahmon met Shavkat Mirziyoyev in Tashkent on Friday."}),
    ]
    (tmp_path / "articles.json").write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")
    warnings: list[str] = []
    documents = read_sources([tmp_path], warn=warnings.append)
    assert [d.id for d in documents] == ["articles.json#row1", "articles.json#row3"]
    assert warnings == [f"{tmp_path}/articles.json:3: item 2 skipped, nested too deeply to read (5001 levels)"]


def test_odd_file_names_round_trip_through_the_cache_and_the_outputs(odd):
    corpus = odd["corpus"]
    tables = {run: documents_table(odd["runs"][run]["out"]) for run in ("cold", "warm", "uncached")}
    assert tables["cold"] == tables["warm"] == tables["uncached"]
    by_id = {row["document"]: row for row in tables["cold"]}
    assert {"caf\\xe9.txt", "a\\rb.txt"} <= set(by_id)
    for row in by_id.values():  # every recorded path names the very file it was read from
        assert source_path(row["path"]).exists(), row["path"]
    assert source_path(by_id["caf\\xe9.txt"]["path"]) == corpus / NON_UTF8_NAME
    assert source_path(by_id["a\\rb.txt"]["path"]) == corpus / CR_NAME
    assert by_id["a\\rb.txt"]["title"] == "Talks in Dushanbe"
    graph = json.loads((odd["runs"]["uncached"]["out"] / "graph.json").read_text(encoding="utf-8"))
    evidence = " ".join(edge["evidence"] for edge in graph["edges"])
    assert "[caf\\xe9.txt]" in evidence and "[a\\rb.txt]" in evidence
    with open(odd["runs"]["uncached"]["out"] / "evidence.csv", encoding="utf-8", newline="") as handle:
        cited = {row["document"] for row in csv.DictReader(handle)}
    assert {"caf\\xe9.txt", "a\\rb.txt"} <= cited


def test_the_recorded_form_of_a_path_is_printable_and_reversible():
    names = [
        b"caf\xe9.txt",
        b"a\rb.txt",
        b"back\\slash\\x41.txt",
        b"tab\there\n",
        "Türkiye\u2028.md".encode(),
        b"plain",
    ]
    for raw in names:
        recorded = recorded_path(os.fsdecode(raw))
        assert recorded.isprintable()
        assert os.fsencode(source_path(recorded)) == raw
    assert recorded_path("Türkiye/Ankara.txt") == "Türkiye/Ankara.txt"  # readable names stay as they are
    assert printable("a\rb \udce9 c:\\d") == "a\\rb \\xe9 c:\\d"


def test_symlink_loops_are_walked_once_and_each_file_read_once(odd):
    ids = [row["document"] for row in documents_table(odd["runs"]["cold"]["out"])]
    assert len(ids) == len(set(ids))
    # good.txt was given as the folder, as itself, as a link and through the glob: one document
    assert ids.count("good.txt") == 1
    assert not any(i.startswith("sub/") or i == "link.txt" for i in ids)


def test_a_glob_over_symlink_loops_ends_and_reads_each_file_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "b" / "up").symlink_to("..")
    (tmp_path / "a" / "b" / "top").symlink_to("../..")
    (tmp_path / "a" / "b" / "self").symlink_to(".")
    with time_limit(60):
        documents = read_sources([str(tmp_path / "**" / "*.txt"), str(tmp_path / "a" / "b" / "article.txt")])
    assert [d.id for d in documents] == ["a/b/article.txt"]


def test_utf16_text_and_tables_with_a_bom_are_read(odd):
    by_id = {row["document"]: row for row in documents_table(odd["runs"]["cold"]["out"])}
    assert by_id["utf16.txt"]["title"] == "Talks in Dushanbe"
    assert by_id["utf16.csv#row1"]["title"] == "Summit"
    assert not any("utf16" in w for w in warnings_of(odd))


def test_a_stray_nul_in_a_csv_costs_no_row(odd):
    ids = {row["document"] for row in documents_table(odd["runs"]["cold"]["out"])}
    assert {"nul.csv#row1", "nul.csv#row2"} <= ids
    assert not any("nul.csv" in w for w in warnings_of(odd))


def test_binary_files_are_still_refused(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    warnings: list[str] = []
    documents = read_sources([tmp_path], warn=warnings.append)
    assert [d.id for d in documents] == ["good.txt"]
    assert warnings == [f"{tmp_path}/image.txt: skipped, binary file"]


def test_an_unreadable_folder_is_a_warning(odd):
    locked = odd["corpus"] / "locked"
    assert f"warning: {locked}: skipped, cannot be read (Permission denied)" in warnings_of(odd)
    ids = {row["document"] for row in documents_table(odd["runs"]["cold"]["out"])}
    assert "locked/secret.txt" not in ids and "good.txt" in ids


NOBODY = 65534


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_an_unreadable_folder_is_a_warning_for_a_user_without_the_permission():
    with tempfile.TemporaryDirectory() as folder:  # pytest's own temporary folders are closed to other users
        corpus = Path(folder) / "corpus"
        (corpus / "locked").mkdir(parents=True)
        (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
        (corpus / "locked" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
        Path(folder).chmod(0o755)
        (corpus / "locked").chmod(0)
        script = "import sys; from graphkit.read import read_sources\n"
        script += "docs = read_sources([sys.argv[1]], warn=print)\nprint([d.id for d in docs])\n"
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        try:
            result = subprocess.run(
                [*command, sys.executable, "-c", script, str(corpus)],
                capture_output=True,
                text=True,
                timeout=120,
                cwd="/",
                env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
            )
        finally:
            (corpus / "locked").chmod(0o755)
    if result.returncode != 0 and "graphkit" not in result.stderr:
        pytest.skip(f"the unprivileged user cannot run this Python: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{corpus}/locked: skipped, cannot be read (Permission denied)",
        "['good.txt']",
    ]


def test_a_named_pipe_is_named_for_what_it_is_and_does_not_hang_the_walk(odd):
    root = odd["root"]
    warnings = warnings_of(odd)
    assert f"warning: {root}/x.fifo: a named pipe, not a file; skipped" in warnings
    assert f"warning: {odd['corpus']}/inside.fifo: a named pipe, not a file; skipped" in warnings


def test_a_file_inside_a_folder_we_may_not_search_costs_only_that_file(tmp_path, monkeypatch):
    """For a user without the permission, looking for an alias file beside a given file raised EACCES and
    stopped the build ("Permission denied: 'locked/a.txt/aliases.yaml'"); it must not even be looked for."""
    from graphkit.api import find_alias_file

    locked = tmp_path / "locked" / "a.txt"
    real_is_file = Path.is_file

    def is_file(self: Path) -> bool:
        if locked in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    (tmp_path / "aliases.yaml").write_text("merge: {}\n", encoding="utf-8")
    assert find_alias_file([str(locked), str(tmp_path)]) == tmp_path / "aliases.yaml"
