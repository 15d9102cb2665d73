"""Find the files under the given paths, hand each to the reader for its format, and report what was skipped.

Folders and glob patterns are walked with `os.scandir`, following symbolic links but entering each folder
once (by device and inode), so a link back up the tree cannot loop; each file (by device and inode) is read
once, however many links, folders or arguments reach it. Paths are recorded in the printable, reversible
form of graphkit.paths.
"""

from __future__ import annotations

import fnmatch
import glob
import multiprocessing
import os
import stat
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from graphkit.model import Document, Warn
from graphkit.paths import printable, recorded_path
from graphkit.processes import can_fork, default_workers, die_with_parent, kill_workers
from graphkit.read.base import CONFIG_NAMES, MAX_FILE_BYTES, ReadOptions, SourceError
from graphkit.read.cache import FileReading, ReadCache, reading_key
from graphkit.read.clean import clean_article
from graphkit.read.dates import settle_date
from graphkit.read.duplicates import Fingerprint, fingerprint, mark_duplicates
from graphkit.read.formats import reader_for

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_pattern(raw: str) -> bool:
    return glob.has_magic(raw)


def _split_pattern(raw: str) -> tuple[Path, tuple[str, ...]]:
    """A glob pattern's folder part before its first wildcard (ids are made relative to it), and the rest."""
    parts = Path(raw).parts
    fixed = 0
    while fixed < len(parts) and not glob.has_magic(parts[fixed]):
        fixed += 1
    return (Path(*parts[:fixed]) if fixed else Path(".")), parts[fixed:]


def _matches(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether relative path `parts` matches `pattern` as glob(recursive=True) would ('**': any folders)."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_matches(pattern[1:], parts[skip:]) for skip in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _matches(pattern[1:], parts[1:])


def _may_match_below(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether something inside the folder `parts` may match `pattern`: the walk prunes the rest."""
    for index, part in enumerate(parts):
        if index == len(pattern):
            return False
        if pattern[index] == "**":
            return True
        if not fnmatch.fnmatchcase(part, pattern[index]):
            return False
    return len(pattern) > len(parts)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class _Walk:
    """One walk over every given path: each file yielded once, and each folder entered once per path given."""

    def __init__(self, warn: Warn):
        self._report = warn
        self._said: set[str] = set()  # a folder reached by two given paths is reported once
        self.folders: set[tuple[int, int]] = set()
        self.files: set[tuple[int, int]] = set()
        self.reached = 0  # files reached, read before or not: a pattern matching only those still matches

    def warn(self, message: str) -> None:
        if message not in self._said:
            self._said.add(message)
            self._report(message)

    def _first_time(self, seen: set[tuple[int, int]], status: os.stat_result) -> bool:
        key = (status.st_dev, status.st_ino)
        if key in seen:
            return False
        seen.add(key)
        return True

    def _skip(self, path: str | os.PathLike[str], error: OSError) -> None:
        self.warn(f"{recorded_path(path)}: skipped, cannot be read ({error.strerror or error})")

    def _not_a_file(self, path: str | os.PathLike[str], mode: int) -> None:
        self.warn(f"{recorded_path(path)}: {_kind(mode)}, not a file; skipped")

    def file(self, path: Path, status: os.stat_result, doc_id: str) -> Iterator[tuple[Path, str]]:
        self.reached += 1
        if self._first_time(self.files, status):
            yield path, recorded_path(doc_id)

    def folder(self, root: Path, pattern: tuple[str, ...] | None = None) -> Iterator[tuple[Path, str]]:
        """The files under `root` in name order (hidden ones and alias files left out); with `pattern`,
        those whose path relative to `root` matches it, or that lie in a folder that does."""
        try:
            status = os.stat(root)
        except OSError as error:
            self._skip(root, error)
            return
        if not self._first_time(self.folders, status):
            return
        whole, pattern = pattern is None, pattern or ()
        # depth first, in name order: a stack of the listings being gone through
        stack = [listing] if (listing := self._listing(root, (), whole)) else []
        while stack:
            folder, parts, matched, names = stack[-1]
            name = next(names, None)
            if name is None:
                stack.pop()
                continue
            path, child = folder / name, (*parts, name)
            try:
                status = os.stat(path)
            except OSError as error:  # a broken link, or a file gone since the folder was listed
                self._skip(path, error)
                continue
            hit = matched or _matches(pattern, child)
            if stat.S_ISDIR(status.st_mode):
                if (hit or _may_match_below(pattern, child)) and self._first_time(self.folders, status):
                    listing = self._listing(path, child, hit)
                    if listing:
                        stack.append(listing)
            elif not hit or name in CONFIG_NAMES:
                continue
            elif stat.S_ISREG(status.st_mode):
                yield from self.file(path, status, "/".join(child))
            else:
                self._not_a_file(path, status.st_mode)

    def _listing(
        self, folder: Path, parts: tuple[str, ...], matched: bool
    ) -> tuple[Path, tuple[str, ...], bool, Iterator[str]] | None:
        """A folder's entries to go through, hidden ones left out; None (with a warning) when it cannot be listed."""
        try:
            with os.scandir(folder) as scan:
                names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
        except OSError as error:
            self._skip(folder, error)
            return None
        return folder, parts, matched, iter(names)

    def source(self, raw: str) -> Iterator[tuple[Path, str]]:
        """The files of one given path (a file, a folder or a pattern), less those yielded before."""
        self.folders = set()  # so that a pattern over a folder given before still matches its files
        path = Path(raw)
        try:
            status = os.stat(path)
        except FileNotFoundError:
            status = None
        except OSError as error:
            self._skip(path, error)
            return
        if status is None:
            if not is_pattern(raw):
                raise SourceError(f"no such file or directory: {recorded_path(raw)}")
            base, pattern = _split_pattern(raw)
            before = self.reached
            if base.is_dir():
                yield from self.folder(base, pattern)
            if self.reached == before:
                raise SourceError(f"no files match {recorded_path(raw)}")
        elif stat.S_ISDIR(status.st_mode):
            yield from self.folder(path)
        elif stat.S_ISREG(status.st_mode):
            yield from self.file(path, status, path.name)
        else:
            self._not_a_file(path, status.st_mode)


def iter_source_files(paths: Iterable[str | os.PathLike[str]], warn: Warn | None = None) -> Iterator[tuple[Path, str]]:
    """Yield (file, document id) for every file under `paths`, directories walked recursively in name order.

    A path may be a glob pattern ('articles/*.html', 'corpus/**/*.csv'; quote it so the shell leaves it alone).
    Ids are relative to the directory given (or to a pattern's fixed folder part), so they stay stable
    wherever the corpus lives; they are in the recorded form of graphkit.paths. A folder that cannot be
    listed and anything that is not a regular file (a named pipe, a device) are skipped with a warning.
    """
    walk = _Walk(warn or (lambda message: None))
    for raw in paths:
        yield from walk.source(os.fspath(raw))


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    warn: Warn | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    text_column: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[Document]:
    """Read every article under `paths`, cleaned, with metadata and duplicates marked.

    Unreadable files and rows are skipped with a warning naming them (file and line for table rows).
    `text_column` names the CSV/TSV column or JSON key holding the text when its name is not a common one.
    With `cache_dir`, files read before and unchanged since come from the reading cache there
    (graphkit.read.cache), with the same documents and warnings.
    """
    report = warn or (lambda message: None)

    def say(message: str) -> None:
        report(printable(message))  # one line, whatever a file name holds

    given = [os.fspath(path) for path in paths]
    check_paths(given)
    options = ReadOptions(text_column=text_column)
    cache = ReadCache(cache_dir, warn=say) if cache_dir is not None else None
    documents: list[Document] = []
    fingerprints = []
    seen: set[str] = set()
    for file, doc_id in iter_source_files(given, say):
        if doc_id in seen:  # the same name under two given paths: keep both, apart
            doc_id = recorded_path(file.as_posix())
        seen.add(doc_id)
        reading = read_file(file, doc_id, options, max_bytes, cache)
        for message in reading.warnings:
            say(message)
        documents.extend(reading.documents)
        fingerprints.extend(reading.fingerprints)
    if cache is not None:
        cache.close()
    mark_duplicates(documents, fingerprints)
    return documents


PARALLEL_DOCUMENTS = 200  # documents of one file worth forking processes to prepare
CHUNK = 64  # documents per job


def prepare(document: Document) -> tuple[Document | None, Fingerprint | None, list[str]]:
    """One document as read made ready for the NLP: cleaned of site furniture, dated and fingerprinted for the
    duplicate check; with the warnings that gave, and None for a document with no text left."""
    messages: list[str] = []
    if not document.text.strip():
        return None, None, [f"{document.id}: skipped, no text"]
    clean_article(document)
    if not document.text.strip():
        return None, None, [f"{document.id}: skipped, nothing left but site furniture"]
    settle_date(document, messages.append)
    return document, fingerprint(document), messages


def _prepare_chunk(documents: list[Document]) -> list[tuple[Document | None, Fingerprint | None, list[str]]]:
    return [prepare(document) for document in documents]


def prepare_all(documents: list[Document]) -> list[tuple[Document | None, Fingerprint | None, list[str]]]:
    """`prepare` for each document, in order: on every core (forked processes) when there are many, as cleaning,
    headline splitting and shingling a large corpus take seconds in one process."""
    workers = min(default_workers(), len(documents) // CHUNK)
    if len(documents) < PARALLEL_DOCUMENTS or workers < 2 or not can_fork():
        return _prepare_chunk(documents)
    chunks = [documents[i : i + CHUNK] for i in range(0, len(documents), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        try:
            return [result for chunk in pool.map(_prepare_chunk, chunks) for result in chunk]
        except BaseException:
            kill_workers(pool)
            raise


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise SourceError for a path that does not exist or a pattern that matches nothing."""
    for raw in (os.fspath(path) for path in paths):
        if not os.path.exists(raw):  # raises for a missing path or a pattern matching no file
            next(_Walk(lambda message: None).source(raw), None)


def read_file(
    file: Path, doc_id: str, options: ReadOptions, max_bytes: int = MAX_FILE_BYTES, cache: ReadCache | None = None
) -> FileReading:
    """The cleaned documents of one file, their duplicate fingerprints, and the warnings reading it gave.

    Every document's `path`, and the file's name in every warning, are in the recorded form of graphkit.paths.
    """
    reading = FileReading()
    name, raw_name = recorded_path(file), str(file)

    def warn(message: str) -> None:
        reading.warnings.append(printable(message.replace(raw_name, name) if name != raw_name else message))

    reader = reader_for(file)
    if reader is None:
        warn(f"{name}: skipped, not a format graphkit reads ({file.suffix or 'no extension'})")
        return reading
    try:
        size = file.stat().st_size
        if size > max_bytes:
            warn(f"{name}: skipped, {size / 1e6:.0f} MB is over the {max_bytes / 1e6:.0f} MB limit")
            return reading
        key = reading_key(file, doc_id, file.read_bytes(), options) if cache is not None else ""
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            return cached
        # The reader's warnings and documents in the order they came, then each document prepared (cleaned,
        # dated, fingerprinted) on every core when there are many: the warnings keep the order of one pass.
        events: list[str | Document] = []
        for document in reader(file, doc_id, lambda message: events.append(message), options):
            document.path = name
            events.append(document)
        documents = [event for event in events if isinstance(event, Document)]
        prepared = iter(prepare_all(documents))
        for event in events:
            if isinstance(event, str):
                warn(event)
                continue
            ready, found, messages = next(prepared)
            for message in messages:
                warn(message)
            if ready is not None and found is not None:
                reading.documents.append(ready)
                reading.fingerprints.append(found)
    except OSError as error:
        warn(f"{name}: skipped, cannot be read ({error.strerror or error})")
        return reading
    if cache is not None:
        cache.put(key, reading)
    return reading
