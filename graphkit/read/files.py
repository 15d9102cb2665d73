"""Find the files under the given paths, hand each to the reader for its format, and report what was skipped."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphkit.model import Document, Warn
from graphkit.read.base import CONFIG_NAMES, MAX_FILE_BYTES, ReadOptions, SourceError
from graphkit.read.cache import FileReading, ReadCache, reading_key
from graphkit.read.clean import clean_article
from graphkit.read.duplicates import fingerprint, mark_duplicates
from graphkit.read.formats import reader_for


def is_pattern(raw: str) -> bool:
    return glob.has_magic(raw)


def _pattern_base(raw: str) -> Path:
    """The folder part of a glob pattern before its first wildcard: ids are made relative to it."""
    parts = Path(raw).parts
    fixed = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = file.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or file.name in CONFIG_NAMES:
            continue
        yield file, rel.as_posix()


def iter_source_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str]]:
    """Yield (file, document id) for every file under `paths`, directories walked recursively in name order.

    A path may be a glob pattern ('articles/*.html', 'corpus/**/*.csv'; quote it so the shell leaves it alone).
    Ids are relative to the directory given (or to a pattern's fixed folder part), so they stay stable
    wherever the corpus lives.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path, path.name
        elif is_pattern(os.fspath(raw)):
            base = _pattern_base(os.fspath(raw))
            matches = sorted(Path(m) for m in glob.glob(os.fspath(raw), recursive=True))
            if not matches:
                raise SourceError(f"no files match {raw}")
            for match in matches:
                if match.is_dir():
                    for file, rel in _walk(match):
                        yield file, (match.relative_to(base) / rel).as_posix()
                elif match.is_file() and match.name not in CONFIG_NAMES:
                    yield match, match.relative_to(base).as_posix()
        else:
            raise SourceError(f"no such file or directory: {raw}")


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
    warn = warn or (lambda message: None)
    paths = list(paths)
    check_paths(paths)
    options = ReadOptions(text_column=text_column)
    cache = ReadCache(cache_dir, warn=warn) if cache_dir is not None else None
    documents: list[Document] = []
    fingerprints = []
    seen: set[str] = set()
    for file, doc_id in iter_source_files(paths):
        if doc_id in seen:  # the same name under two given paths: keep both, apart
            doc_id = file.as_posix()
        seen.add(doc_id)
        reading = read_file(file, doc_id, options, max_bytes, cache)
        for message in reading.warnings:
            warn(message)
        documents.extend(reading.documents)
        fingerprints.extend(reading.fingerprints)
    if cache is not None:
        cache.close()
    mark_duplicates(documents, fingerprints)
    return documents


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise SourceError for a path that does not exist or a pattern that matches nothing."""
    for raw in paths:
        if Path(raw).exists():
            continue
        if not is_pattern(os.fspath(raw)):
            raise SourceError(f"no such file or directory: {raw}")
        if not glob.glob(os.fspath(raw), recursive=True):
            raise SourceError(f"no files match {raw}")


def read_file(
    file: Path, doc_id: str, options: ReadOptions, max_bytes: int = MAX_FILE_BYTES, cache: ReadCache | None = None
) -> FileReading:
    """The cleaned documents of one file, their duplicate fingerprints, and the warnings reading it gave."""
    reading = FileReading()
    reader = reader_for(file)
    if reader is None:
        reading.warnings.append(f"{file}: skipped, not a format graphkit reads ({file.suffix or 'no extension'})")
        return reading
    try:
        size = file.stat().st_size
        if size > max_bytes:
            reading.warnings.append(f"{file}: skipped, {size / 1e6:.0f} MB is over the {max_bytes / 1e6:.0f} MB limit")
            return reading
        key = reading_key(file, doc_id, file.read_bytes(), options) if cache is not None else ""
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            return cached
        for document in reader(file, doc_id, reading.warnings.append, options):
            if not document.text.strip():
                reading.warnings.append(f"{document.id}: skipped, no text")
                continue
            clean_article(document)
            if not document.text.strip():
                reading.warnings.append(f"{document.id}: skipped, nothing left but site furniture")
                continue
            reading.documents.append(document)
            reading.fingerprints.append(fingerprint(document))
    except OSError as error:
        reading.warnings.append(f"{file}: skipped, cannot be read ({error.strerror or error})")
        return reading
    if cache is not None:
        cache.put(key, reading)
    return reading
