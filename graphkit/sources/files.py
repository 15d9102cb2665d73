"""Find the files under the given paths, hand each to the reader for its format, and report what was skipped."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graphkit.model import Document

Warn = Callable[[str], None]

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are skipped with a warning: usually a dump, not an article

# Files that configure a corpus rather than being articles.
CONFIG_NAMES = {"aliases.yaml", "aliases.yml"}


class SourceError(Exception):
    """A problem with the input as a whole (missing path, nothing to read): the CLI prints it and exits 2."""


def iter_source_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str]]:
    """Yield (file, document id) for every file under `paths`, directories walked recursively in name order.

    Ids are relative to the directory given, so they stay stable wherever the corpus lives.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = file.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or file.name in CONFIG_NAMES:
                    continue
                yield file, rel.as_posix()
        elif path.is_file():
            yield path, path.name
        else:
            raise SourceError(f"no such file or directory: {raw}")


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    warn: Warn | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> list[Document]:
    """Read every article under `paths`; unreadable files are skipped with a warning naming them."""
    from graphkit.sources.formats import reader_for

    warn = warn or (lambda message: None)
    paths = list(paths)
    for raw in paths:
        if not Path(raw).exists():
            raise SourceError(f"no such file or directory: {raw}")
    documents: list[Document] = []
    seen: set[str] = set()
    for file, doc_id in iter_source_files(paths):
        if doc_id in seen:  # the same name under two given paths: keep both, apart
            doc_id = file.as_posix()
        seen.add(doc_id)
        reader = reader_for(file)
        if reader is None:
            warn(f"{file}: skipped, not a format graphkit reads ({file.suffix or 'no extension'})")
            continue
        size = file.stat().st_size
        if size > max_bytes:
            warn(f"{file}: skipped, {size / 1e6:.0f} MB is over the {max_bytes / 1e6:.0f} MB limit")
            continue
        try:
            for document in reader(file, doc_id, warn):
                if not document.text.strip():
                    warn(f"{document.id}: skipped, no text")
                    continue
                documents.append(document)
        except OSError as error:
            warn(f"{file}: skipped, cannot be read ({error.strerror or error})")
    return documents
