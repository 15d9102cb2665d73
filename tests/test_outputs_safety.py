"""Nothing lost, nothing injected: real `graphkit build` processes racing, killed, on a full disk and with a
read-only cache. After each, the output folder holds one build's complete set of files and its stamp."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from graphkit.api import OUTPUT_FILES, up_to_date
from graphkit.export.publish import JOURNAL_FILE, LOCK_FILE, STAGING_PREFIX, TEST_SIGNAL_AT
from graphkit.stamp import STAMP_FILE

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "sources"  # one corpus (with bad rows: warnings on stderr)
LARGER = ROOT / "sources"  # another: every output file differs from SMALL's
ALL_FILES = (*OUTPUT_FILES, STAMP_FILE)
TIMEOUT = 300


def start(corpus: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "graphkit", "build", str(corpus), "--out", str(out), "--workers", "1", *args]
    environment = {**os.environ, **(env or {})}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def run(corpus: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    process = start(corpus, out, *args, env=env)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ALL_FILES}


def complete_set_of(corpus: Path, out: Path) -> bool:
    """Whether `out` holds the files of one finished build of `corpus`, each as its stamp recorded it."""
    return up_to_date([os.fspath(corpus)], out) is not None


def leftovers(out: Path) -> list[str]:
    """What a build leaves only while it runs, or when it died: staging, journal, lock, temporary files."""
    return sorted(
        entry.name
        for entry in out.iterdir()
        if entry.name.startswith(STAGING_PREFIX) or entry.name in (JOURNAL_FILE, LOCK_FILE) or entry.suffix == ".tmp"
    )


def assert_clean_lines(stderr: str) -> None:
    """Every line the user sees is one warning or one error: no traceback."""
    assert "Traceback" not in stderr, stderr
    for line in stderr.splitlines():
        assert line.startswith(("warning:", "error:")), stderr


def processes_with(marker: str) -> list[int]:
    """The live processes started by a test run (their environment holds `marker`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def wait_stopped(pid: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never reached the test point")


@pytest.fixture(scope="module")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SMALL built once; tests copy the folder (times kept, so its stamp still holds)."""
    out = tmp_path_factory.mktemp("small") / "out"
    result = run(SMALL, out)
    assert result.returncode == 0, result.stderr
    return out


def copy_of(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    assert complete_set_of(SMALL, out)
    return out


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see processes")


@needs_proc
def test_a_second_build_into_a_busy_folder_exits_2_naming_the_holder(small_built, tmp_path):
    out = copy_of(small_built, tmp_path)
    holder = start(LARGER, out, "--force", env={TEST_SIGNAL_AT: "locked:STOP"})
    try:
        wait_stopped(holder.pid)
        second = run(SMALL, out, "--force")
        assert second.returncode == 2, second.stderr
        assert_clean_lines(second.stderr)
        error = second.stderr.splitlines()[-1]
        assert f"process {holder.pid}" in error and str(out) in error and "--out" in error, error
    finally:
        holder.send_signal(signal.SIGCONT)
    _, stderr = holder.communicate(timeout=TIMEOUT)
    assert holder.returncode == 0, stderr
    assert complete_set_of(LARGER, out) and leftovers(out) == []


def test_two_builds_started_together_leave_one_complete_set(small_built, tmp_path):
    out = copy_of(small_built, tmp_path)
    first, second = start(SMALL, out, "--force"), start(LARGER, out, "--force")
    results = [(process, *process.communicate(timeout=TIMEOUT)) for process in (first, second)]
    codes = sorted(process.returncode for process, _, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    for process, _, stderr in results:
        assert_clean_lines(stderr)
        if process.returncode == 2:
            other = first if process is second else second
            assert f"process {other.pid}" in stderr, stderr
    assert complete_set_of(SMALL, out) or complete_set_of(LARGER, out)
    assert leftovers(out) == []


def test_the_lock_of_a_dead_build_is_taken_over(small_built, tmp_path):
    out = copy_of(small_built, tmp_path)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / LOCK_FILE).write_text(f"{dead.pid}\n", encoding="utf-8")
    (out / "notes.txt").write_text("the user's own file\n", encoding="utf-8")
    result = run(LARGER, out)
    assert result.returncode == 0, result.stderr
    assert complete_set_of(LARGER, out) and leftovers(out) == []
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file\n"


@needs_proc
@pytest.mark.parametrize("point", ["locked", "staged", "journal", "switched-4", "switched-10"])
def test_a_build_killed_while_writing_leaves_the_old_set_or_the_next_build_completes_the_new(
    small_built, tmp_path, point
):
    out = copy_of(small_built, tmp_path)
    before = snapshot(out)
    marker = f"GRAPHKIT_TEST_RUN={uuid.uuid4().hex}"
    name, value = marker.split("=")
    killed = run(LARGER, out, "--force", env={TEST_SIGNAL_AT: f"{point}:KILL", name: value})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert processes_with(marker) == []  # no worker or writer outlives the build
    if point in ("locked", "staged"):  # before the journal: the previous set is untouched
        assert snapshot(out) == before
        assert complete_set_of(SMALL, out)
    else:  # the switch had begun: no build may take this folder as up to date
        assert not complete_set_of(SMALL, out)
    following = run(LARGER, out)
    assert following.returncode == 0, following.stderr
    assert "nothing changed" not in following.stdout
    assert complete_set_of(LARGER, out)
    assert leftovers(out) == []


def test_out_that_is_a_file_is_one_line_saying_it_must_be_a_folder(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("the user's notes\n", encoding="utf-8")
    result = run(SMALL, afile)
    assert result.returncode == 2
    assert_clean_lines(result.stderr)
    assert "--out must be a folder" in result.stderr.splitlines()[-1] and str(afile) in result.stderr
    assert afile.read_text(encoding="utf-8") == "the user's notes\n"


def test_a_build_that_fails_leaves_no_output_folder_it_made(tmp_path):
    empty, out = tmp_path / "empty", tmp_path / "new" / "out"
    empty.mkdir()
    (empty / "blank.txt").write_text("", encoding="utf-8")
    result = run(empty, out)
    assert result.returncode == 2 and "no readable articles" in result.stderr, result.stderr
    assert not out.exists()


def mount_tmpfs(directory: Path, size: str) -> None:
    directory.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(directory)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip() or 'not root'})")


def unmount(directory: Path) -> None:
    subprocess.run(["umount", "-l", str(directory)], capture_output=True)


def test_a_full_disk_keeps_the_previous_outputs_and_stamp_and_names_the_folder(tmp_path):
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "12m")
    try:
        out = disk / "out"
        first = run(SMALL, out)  # the cache is beside it, on the same small disk
        assert first.returncode == 0, first.stderr
        before = snapshot(out)
        free = shutil.disk_usage(disk).free
        with open(disk / "filler", "wb") as filler:
            filler.write(b"\0" * max(0, free - 40_000))
        full = run(LARGER, out)  # new articles: the caches and the outputs all need room
        assert full.returncode == 2, full.stderr
        assert_clean_lines(full.stderr)
        error = full.stderr.splitlines()[-1]
        assert str(out) in error and "no space left on device" in error and "free some space" in error, error
        assert snapshot(out) == before
        assert complete_set_of(SMALL, out) and leftovers(out) == []
        (disk / "filler").unlink()
        again = run(LARGER, out)
        assert again.returncode == 0, again.stderr
        assert complete_set_of(LARGER, out) and leftovers(out) == []
    finally:
        unmount(disk)


def test_a_read_only_cache_is_read_and_said_once_not_to_be_updated(tmp_path):
    disk = tmp_path / "cache-disk"
    mount_tmpfs(disk, "20m")
    try:
        cache = disk / "cache"
        first = run(LARGER, tmp_path / "first", "--cache-dir", str(cache))
        assert first.returncode == 0, first.stderr
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remounted.returncode != 0:
            pytest.skip(f"cannot make the tmpfs read-only ({remounted.stderr.decode().strip()})")
        articles = len(list(LARGER.iterdir()))
        second = run(LARGER, tmp_path / "second", "--cache-dir", str(cache))
        assert second.returncode == 0, second.stderr
        assert_clean_lines(second.stderr)
        warnings = second.stderr.splitlines()
        assert len(warnings) == 1 and str(cache) in warnings[0] and "read-only" in warnings[0], warnings
        assert "rebuilt" not in second.stderr and "unreadable" not in second.stderr
        assert f"{articles} read ({articles} from the cache)" in second.stdout, second.stdout
    finally:
        unmount(disk)
