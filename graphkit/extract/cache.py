"""The extraction cache: a document already parsed by the same pipeline is not parsed again.

One SQLite file, `extractions.sqlite`, in a cache folder (by default `.graphkit-cache/` beside the output
folder). A row is keyed by the pipeline key (model, components, graphkit's extraction code; see
graphkit.extract.extraction.extraction_key) and the hash of the document's content, and holds the DocExtraction as
compressed JSON. Nothing in it is trusted: a file that is not ours, of another format version or that fails
SQLite's integrity check is replaced by a new one with a warning, and a row that does not decode, or does
not fit the text it claims to come from, counts as a miss and is redone. A cache in a read-only folder is
read but not updated (one warning); a full disk is a warning, and the build goes on without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from graphkit.cache import make_cache_dir
from graphkit.model import DatePhrase, DocExtraction, Document, Mention, RelationCandidate, Sentence, Warn

CACHE_FILE = "extractions.sqlite"
APPLICATION_ID = 0x676B6578  # "gkex": PRAGMA application_id of a graphkit extraction cache
SCHEMA_VERSION = 1  # PRAGMA user_version: the layout of the tables and rows below
KEEP_PIPELINES = 4  # rows of older pipeline keys (older code, other models) are dropped
WRITE_EVERY_ROWS = 200  # new rows are written in one transaction this many at a time,
WRITE_EVERY_SECONDS = 5.0  # or this often
BUSY_TIMEOUT_MS = 10_000  # another build writing the same cache waits this long, then goes on without it

SCHEMA = """
CREATE TABLE extractions (
    pipeline TEXT NOT NULL,
    content TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (pipeline, content)
) WITHOUT ROWID;
CREATE TABLE pipelines (key TEXT PRIMARY KEY, used REAL NOT NULL);
"""


def content_hash(document: Document) -> str:
    """A hash of everything in a document that extraction may read: the text and the metadata (the byline
    becomes a mention), but not where the file is or what it is called."""
    fields = {
        "text": document.text,
        "title": document.title,
        "author": document.author,
        "date": document.date,
        "url": document.url,
        "source": document.source,
        "meta": document.meta,
    }
    encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Read and write extractions; every failure is a warning and a miss, never a wrong extraction.

    Use as a context manager (or call `close()`): new rows are queued and written a batch at a time, the
    last ones on close.
    """

    def __init__(self, directory: str | os.PathLike[str], *, warn: Warn | None = None):
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILE
        self._warn = warn or (lambda message: None)
        self.hits = 0
        self.misses = 0
        self.unreadable = 0  # rows that did not decode or did not fit their document
        self._pending: list[tuple[str, str, bytes]] = []  # rows not written yet
        self._written = time.monotonic()
        self._used: set[str] = set()
        self._broken = False  # SQLite failed during the build: the file is replaced next time
        self.read_only = False  # the folder cannot be written: rows are read, never written
        self._db = self._open()

    # -- opening ------------------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        try:
            make_cache_dir(self.directory)
        except OSError as error:
            reason = error.strerror or error
            self._warn(f"{self.directory}: cannot use the cache folder ({reason}); building without it")
            return None
        if not _can_write(self.directory):
            return self._open_read_only()
        if self.path.exists():
            try:
                problem = self._check(lambda: sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000))
            except sqlite3.Error as error:  # the disk, not the file: keep it for the next build
                self._warn(f"{self.path}: cannot use the cache ({error}); building without it")
                return None
            if problem:
                self._warn(f"{self.path}: {problem}; the cache is rebuilt")
                self._remove()
        try:
            db = self._connect()
            if not _has_tables(db):
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return db
        except sqlite3.Error as error:
            self._warn(f"{self.path}: cannot use the cache ({error}); building without it")
            return None

    def _open_read_only(self) -> sqlite3.Connection | None:
        """A cache on a read-only disk (or folder) is read as it is: nothing can change it while we read,
        so SQLite needs none of the lock files it cannot make there. New extractions are not kept."""
        self.read_only = True
        if not self.path.exists():
            self._warn(f"{self.directory}: the cache folder is read-only and holds no cache; building without it")
            return None

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)

        try:
            problem = self._check(connect)
        except sqlite3.Error as error:
            problem = f"the cache is unreadable ({error})"
        if problem:
            self._warn(f"{self.path}: {problem}, and the cache folder is read-only; building without it")
            return None
        self._warn(f"{self.path}: the cache folder is read-only: cached extractions are used, new ones not kept")
        return connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    def _check(self, connect: Callable[[], sqlite3.Connection]) -> str:
        """Why the existing file cannot be trusted, or "" when it can; raises sqlite3.Error when the disk
        fails (full, I/O errors, locked), which says nothing about the file."""
        try:
            db = connect()
            try:
                application_id = db.execute("PRAGMA application_id").fetchone()[0]
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if application_id == 0 and version == 0 and not _any_table(db):
                    return ""  # an empty database: made ours on open
                if application_id != APPLICATION_ID:
                    return "not a graphkit extraction cache"
                if version != SCHEMA_VERSION:
                    return f"a cache of another format (version {version}, this graphkit reads {SCHEMA_VERSION})"
                if not _has_tables(db):
                    return "the cache tables are missing"
                check = db.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    return f"the cache is corrupted ({check})"
                return ""
            finally:
                db.close()
        except sqlite3.Error as error:
            if getattr(error, "sqlite_errorname", "SQLITE_NOTADB").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                return f"the cache is unreadable ({error})"
            raise

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError as error:
                self._warn(f"{self.path}{suffix}: cannot remove ({error.strerror or error})")

    def _fail(self, error: sqlite3.Error) -> None:
        """SQLite failed in the middle of a build: go on without the cache, and replace the file next time."""
        self._warn(f"{self.path}: the cache failed ({error}); going on without it")
        if getattr(error, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            self._broken = True
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    # -- reading and writing ------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, pipeline: str, document: Document) -> DocExtraction | None:
        """The cached extraction of `document` by `pipeline`, or None (a miss)."""
        self._used.add(pipeline)
        extraction = None
        if self._db is not None:
            try:
                row = self._db.execute(
                    "SELECT data FROM extractions WHERE pipeline = ? AND content = ?",
                    (pipeline, content_hash(document)),
                ).fetchone()
            except sqlite3.Error as error:
                self._fail(error)
                row = None
            if row is not None:
                extraction = _decode(row[0], document)
                if extraction is None:
                    self.unreadable += 1
        if extraction is None:
            self.misses += 1
        else:
            self.hits += 1
        return extraction

    def put(self, pipeline: str, document: Document, extraction: DocExtraction) -> None:
        """Queue `extraction` for writing; rows are written in short transactions, so that another build
        sharing the cache waits milliseconds for the lock, not the minutes spaCy takes between writes."""
        self._used.add(pipeline)
        if self._db is None or self.read_only:
            return
        self._pending.append((pipeline, content_hash(document), _encode(extraction)))
        if len(self._pending) >= WRITE_EVERY_ROWS or time.monotonic() - self._written >= WRITE_EVERY_SECONDS:
            self._write()

    def _write(self) -> None:
        rows, self._pending = self._pending, []
        self._written = time.monotonic()
        if self._db is None or not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO extractions (pipeline, content, data) VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._fail(error)

    def close(self) -> None:
        """Write what is queued, record which pipelines were used, drop the rows of pipelines long unused."""
        if self.unreadable:
            self._warn(f"{self.path}: {self.unreadable} cached extractions were unreadable and were redone")
        self._write()
        if self._db is not None and self.read_only:
            self._db.close()
            self._db = None
        if self._db is not None:
            try:
                self._prune()
                self._db.close()
            except sqlite3.Error as error:
                self._fail(error)
            self._db = None
        if self._broken:
            self._remove()

    def _prune(self) -> None:
        assert self._db is not None
        with_time = [(key, time.time()) for key in self._used]
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR REPLACE INTO pipelines (key, used) VALUES (?, ?)", with_time)
        recent = self._db.execute("SELECT key FROM pipelines ORDER BY used DESC LIMIT ?", (KEEP_PIPELINES,))
        keep = [row[0] for row in recent]
        marks = ",".join("?" * len(keep))
        dropped = self._db.execute(f"DELETE FROM extractions WHERE pipeline NOT IN ({marks})", keep).rowcount
        self._db.execute(f"DELETE FROM pipelines WHERE key NOT IN ({marks})", keep)
        self._db.execute("COMMIT")
        if dropped > 1000:
            self._db.execute("VACUUM")

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _can_write(directory: Path) -> bool:
    """Whether files can be made in `directory` (a read-only mount, or permissions; root passes chmod)."""
    try:
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=directory)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def _has_tables(db: sqlite3.Connection) -> bool:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"extractions", "pipelines"} <= names


def _any_table(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _encode(extraction: DocExtraction) -> bytes:
    # DocExtraction.to_dict less "document" (the same text under another name is the same extraction), read
    # from each record's own attributes: dataclasses.asdict deep-copies every field and took twice as long as
    # the JSON encoding and compression together. The records hold only numbers, strings and booleans.
    data = {
        "sentences": _plain(Sentence, extraction.sentences),
        "mentions": _plain(Mention, extraction.mentions),
        "relations": _plain(RelationCandidate, extraction.relations),
        "dates": _plain(DatePhrase, extraction.dates),
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


@cache
def _field_names(kind: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    names = tuple(f.name for f in fields(kind))
    return names, attrgetter(*names)


def _plain(kind: type, records: Sequence[Any]) -> list[dict[str, Any]]:
    """Each record as a dict of its fields in their declared order (the records have slots, not a __dict__)."""
    names, values = _field_names(kind)
    return [dict(zip(names, values(record), strict=True)) for record in records]


def _decode(blob: bytes, document: Document) -> DocExtraction | None:
    """The extraction in a row, or None when the row does not decode or does not fit `document`."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        data["document"] = document.id
        extraction = DocExtraction.from_dict(data)
    except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return None
    text = document.text
    for sentence in extraction.sentences:
        if not isinstance(sentence.start, int) or text[sentence.start : sentence.end] != sentence.text:
            return None
    return extraction
