"""Owning the output folder for a whole build, and switching a build's files in all together.

A build holds `OUT/.graphkit-lock` from start to end: a POSIX record lock (released by the kernel when its
process dies, so the lock of a killed build is taken over without asking, and not inherited by forked
workers) on a file that names the holder's pid. A second build into the same folder does not wait: it
stops at once (exit 2) with one line naming the holder, since waiting minutes for another build's files
is rarely what the user meant.

A folder rename cannot replace a non-empty folder atomically, and `--out` may hold the user's other
files, so the files are switched in one by one, safely:

1. every output and the build stamp are written into `OUT/.graphkit-staging-PID/` (same filesystem; a
   full disk or any other failure here leaves the previous outputs and stamp untouched);
2. the journal `OUT/.graphkit-switch.json` (written atomically) lists the staging folder and the files;
3. each file is renamed into place in a fixed order, the stamp last; then the journal is removed.

A build that finds a journal (left by a build killed during step 3) completes that switch first: every
staged file is complete, so rolling forward is always possible and is idempotent. Staging folders and
temporary files left by dead builds are removed. So a reader of OUT sees either the previous build's set
or the new one, and after the next build starts, never a mix. (Files are not fsynced: the outputs survive
a killed process, not a power cut.)
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from graphkit.export.atomic import atomic_open

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".graphkit-lock"
JOURNAL_FILE = ".graphkit-switch.json"
STAGING_PREFIX = ".graphkit-staging-"
JOURNAL_FORMAT = "graphkit switch 1"
TEST_SIGNAL_AT = "GRAPHKIT_TEST_SIGNAL_AT"  # "point:KILL" or "point:STOP": the tests stop a build at a point


class OutputError(Exception):
    """The outputs cannot be written into the folder asked for; the message is one line for the user."""


class OutputBusy(OutputError):
    """Another build holds the output folder."""


def _test_point(name: str) -> None:
    """Let a test kill (or stop) this process at a precise point of writing; nothing otherwise."""
    point, _, how = os.environ.get(TEST_SIGNAL_AT, "").partition(":")
    if point == name:
        os.kill(os.getpid(), signal.SIGSTOP if how == "STOP" else signal.SIGKILL)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    return (error.strerror or str(error)).lower()


class OutputFolder:
    """The output folder, owned by this process while the `with` block runs.

    `publish(write)` writes a set of files into a staging folder and switches them in together.
    Raises OutputError for a path that is not a folder or cannot be made, OutputBusy when another
    build holds it.
    """

    def __init__(self, out: str | os.PathLike[str], owned: Iterable[str] = ()):
        self.out = Path(out)
        self._owned = tuple(owned)  # the files builds write: their temporary files left in OUT are removed
        self._fd: int | None = None
        self._staging: Path | None = None
        self._created = False

    # -- owning the folder ------------------------------------------------------------------------------

    def __enter__(self) -> OutputFolder:
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out} is a file: --out must be a folder (give a new or existing folder)")
        try:
            self._created = not self.out.exists()
            self.out.mkdir(parents=True, exist_ok=True)
            self._lock()
        except OutputError:
            raise
        except OSError as error:
            raise OutputError(
                f"{self.out}: cannot use it as the output folder ({_reason(error)}: {error.filename or self.out}); "
                "free some space or fix its permissions, or give another --out"
            ) from None
        try:
            self.recover()
        except OSError as error:
            self._unlock()
            raise OutputError(
                f"{self.out}: cannot finish or clean up after an unfinished build ({_reason(error)}: "
                f"{error.filename or self.out}); fix the folder and build again, or give another --out"
            ) from None
        except BaseException:
            self._unlock()
            raise
        _test_point("locked")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.discard()
        self._unlock()
        if error is not None and self._created:  # a build that failed leaves no empty folder it made
            with contextlib.suppress(OSError):
                self.out.rmdir()

    def _lock(self) -> None:
        path = self.out / LOCK_FILE
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    raise OutputBusy(
                        f"{self.out} is being written by another graphkit build (process {_holder(path)}, "
                        f"lock {path}): wait for it to finish, or give another --out"
                    )
                if os.fstat(fd).st_ino == os.stat(path).st_ino:  # not a lock file its holder just removed
                    break
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            self._unlock()
            raise

    def _unlock(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            (self.out / LOCK_FILE).unlink()  # before the lock goes: see the inode check in _lock
        os.close(self._fd)
        self._fd = None

    # -- recovering from a dead build -------------------------------------------------------------------

    def recover(self) -> None:
        """Complete the switch of a build killed while switching, then remove what dead builds left."""
        journal = self.out / JOURNAL_FILE
        if journal.exists():
            try:
                data = json.loads(journal.read_text(encoding="utf-8"))
                staging, names = str(data["staging"]), [str(n) for n in data["files"]]
                if data.get("format") != JOURNAL_FORMAT or not staging.startswith(STAGING_PREFIX) or "/" in staging:
                    raise ValueError("not a switch journal")
            except (OSError, ValueError, TypeError, KeyError) as error:
                raise OutputError(
                    f"{journal}: cannot read the journal of an unfinished build ({error}); "
                    "delete it and build again with --force"
                ) from None
            self._move_in(self.out / staging, names)
            journal.unlink()
        for entry in self.out.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.endswith(".tmp") and any(
                entry.name.startswith(f".{name}.") for name in (JOURNAL_FILE, *self._owned)
            ):
                entry.unlink(missing_ok=True)  # a journal being written, or a file by an older graphkit

    # -- writing ----------------------------------------------------------------------------------------

    def publish(self, write: Callable[[Path], Iterable[str]]) -> dict[str, Path]:
        """Call `write(staging)`, which writes files into the staging folder and returns their names in the
        order they are switched in (the stamp last), then switch them into the output folder together.

        A failure while writing (a full disk) raises OutputError naming the folder; nothing in OUT changes.
        """
        assert self._fd is not None, "publish inside `with OutputFolder(out)`"
        staging = self._staging = self.out / f"{STAGING_PREFIX}{os.getpid()}"
        try:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            names = list(write(staging))
            _test_point("staged")
            with atomic_open(self.out / JOURNAL_FILE) as handle:
                json.dump({"format": JOURNAL_FORMAT, "staging": staging.name, "files": names}, handle)
        except OSError as error:
            self.discard()
            where = error.filename or staging
            raise OutputError(
                f"{self.out}: cannot write the outputs ({_reason(error)}: {where}); the previous outputs are "
                "kept: free some space (or fix the folder) and build again, or give another --out"
            ) from None
        _test_point("journal")
        try:
            self._move_in(staging, names)
            (self.out / JOURNAL_FILE).unlink()
        except OSError as error:
            raise OutputError(
                f"{self.out}: cannot move the new outputs into place ({_reason(error)}); "
                "the next build completes the switch"
            ) from None
        self.discard()
        return {name: self.out / name for name in names}

    def _move_in(self, staging: Path, names: list[str]) -> None:
        for number, name in enumerate(names, 1):
            source = staging / name
            if Path(name).name != name:
                raise OutputError(f"{self.out / JOURNAL_FILE}: names a file outside the folder ({name})")
            if source.exists():
                os.replace(source, self.out / name)
            _test_point(f"switched-{number}")

    def discard(self) -> None:
        """Remove this build's staging folder (what was not switched in)."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise


def _holder(path: Path) -> str:
    """The pid written by the holder of a lock (it writes it just after locking: wait a moment for it)."""
    for _ in range(20):
        with contextlib.suppress(OSError):
            text = path.read_text(encoding="utf-8").strip()
            if text:
                return text
        time.sleep(0.05)
    return "unknown"


def pending_switch(out: str | os.PathLike[str]) -> bool:
    """Whether a build was killed while switching its files into `out` (the next build completes it)."""
    return (Path(out) / JOURNAL_FILE).exists()
