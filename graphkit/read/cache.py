"""The reading cache: a source file read before, and unchanged since, is not parsed and cleaned again.

Reading a large CSV corpus (decoding, repairing mojibake, splitting glued headlines, stripping site
furniture, fingerprinting for duplicates) costs seconds, and a rebuild after adding a few articles should
not pay it for the files that did not change. Each file's reading (its documents, their duplicate
fingerprints, and the warnings it gave) is kept as one compressed JSON file in `reads/` inside the cache
folder, named by a key that covers the file's bytes, its path and document id, the read options and the
reading code. Nothing in it is trusted: an entry that does not decode is a miss, read again and replaced.
A cache that cannot be written (read-only, or a full disk) is still read; new readings are not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graphkit.cache import make_cache_dir
from graphkit.fingerprint import code_fingerprint
from graphkit.model import Document, Warn
from graphkit.read.base import ReadOptions
from graphkit.read.duplicates import Fingerprint

FOLDER = "reads"
FORMAT = "graphkit reading 1"
KEEP_SECONDS = 30 * 24 * 3600  # entries no build used for this long are removed
READING_MODULES = ("graphkit.read.files", "graphkit.read.formats", "graphkit.read.cache")


@dataclass
class FileReading:
    """What reading one file gave: its documents (cleaned), their duplicate fingerprints, its warnings."""

    documents: list[Document] = field(default_factory=list)
    fingerprints: list[Fingerprint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def reading_key(file: Path, doc_id: str, content: bytes, options: ReadOptions) -> str:
    """The entry name for reading `file` (whose bytes are `content`) as `doc_id` with `options`."""
    key = {
        "format": FORMAT,
        "code": code_fingerprint(READING_MODULES),
        "path": os.fspath(file),
        "id": doc_id,
        "options": asdict(options),
        "content": hashlib.sha256(content).hexdigest(),
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()


class ReadCache:
    """Get and put file readings; any failure is a miss or a warning, never a wrong reading."""

    def __init__(self, directory: str | os.PathLike[str], *, warn: Warn | None = None):
        self.folder = Path(directory) / FOLDER
        self._warn = warn or (lambda message: None)
        self.hits = 0
        self.unreadable = 0
        self._used: set[str] = set()
        self.writable = True  # False after a write failed: entries are still read, no more are written
        try:
            make_cache_dir(self.folder.parent)
            self.folder.mkdir(exist_ok=True)
            self.enabled = True
        except OSError as error:
            self._warn(f"{directory}: cannot use the cache folder ({error.strerror or error}); reading without it")
            self.enabled = False

    def get(self, key: str) -> FileReading | None:
        if not self.enabled:
            return None
        self._used.add(key)
        path = self.folder / f"{key}.json.z"
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        try:
            data = json.loads(zlib.decompress(blob).decode("utf-8"))
            if data["format"] != FORMAT or data["key"] != key:
                raise ValueError("not this entry")
            reading = FileReading(
                documents=[Document(**d) for d in data["documents"]],
                fingerprints=[Fingerprint.from_list(f) for f in data["fingerprints"]],
                warnings=[str(w) for w in data["warnings"]],
            )
            if len(reading.documents) != len(reading.fingerprints):
                raise ValueError("a fingerprint per document")
        except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
            self.unreadable += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return reading

    def put(self, key: str, reading: FileReading) -> None:
        if not (self.enabled and self.writable):
            return
        self._used.add(key)
        data = {
            "format": FORMAT,
            "key": key,
            "documents": [asdict(d) for d in reading.documents],
            "fingerprints": [f.to_list() for f in reading.fingerprints],
            "warnings": reading.warnings,
        }
        try:
            encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            # metadata that JSON cannot hold exactly would come back changed: such a file is simply not kept
            if json.loads(encoded) != data:
                return
            blob = zlib.compress(encoded.encode("utf-8"), 1)  # a lone surrogate in a text: not kept either
        except (TypeError, ValueError, RecursionError):
            return
        path = self.folder / f"{key}.json.z"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(blob)
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            reason = error.strerror or error
            self._warn(f"{self.folder}: the cache cannot be updated ({reason}); cached readings are still used")
            self.writable = False

    def close(self) -> None:
        """Mark the entries used by this build as fresh and remove the ones unused for KEEP_SECONDS."""
        if self.unreadable:
            self._warn(f"{self.folder}: {self.unreadable} cached readings were unreadable and were read again")
        if not (self.enabled and self.writable):
            return
        now = time.time()
        with contextlib.suppress(OSError):
            for entry in self.folder.iterdir():
                key = entry.name.split(".", 1)[0]
                with contextlib.suppress(OSError):
                    if key in self._used:
                        os.utime(entry, (now, now))
                    elif now - entry.stat().st_mtime > KEEP_SECONDS:
                        entry.unlink()
