"""The build stamp: a rebuild that would write the same files is skipped, as `make` skips an up-to-date target.

After writing its outputs, a build leaves `.graphkit-build.json` in the output folder: a key covering every
input (each source file's bytes, the alias file, the options, the model's files and graphkit's own code and
data), the size and modification time of each output file as written, the warnings reading gave and a
summary. A later build with the same key, finding every output as it was left, has nothing to do. Anything
else (a changed or added article, another option or model, an upgraded graphkit, an output edited or
deleted, a stamp that does not parse) means a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.export.atomic import atomic_open
from graphkit.export.publish import pending_switch
from graphkit.extract.models import model_fingerprint
from graphkit.fingerprint import package_code_fingerprint
from graphkit.read.base import MAX_FILE_BYTES
from graphkit.read.files import iter_source_files

STAMP_FILE = ".graphkit-build.json"
FORMAT = "graphkit build stamp 1"


@dataclass
class Stamp:
    """What a finished build left: the key of its inputs, its outputs as written, its warnings and summary."""

    key: str
    outputs: dict[str, list[int]] = field(default_factory=dict)  # file name -> [size, mtime_ns]
    warnings: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def inputs_key(sources: Iterable[str | os.PathLike[str]], model: str, options: Mapping[str, Any]) -> str:
    """A hash of everything a build's outputs depend on; raises SourceError for a missing source path.

    `options` holds every other setting that changes the outputs (they must be JSON values; a path to a
    file, such as the alias file, is given as its contents' hash by the caller).
    """
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            {
                "format": FORMAT,
                "code": package_code_fingerprint(),
                "model": [model, model_fingerprint(model)],
                "options": options,
            },
            sort_keys=True,
            default=str,
        ).encode("utf-8")
    )
    for file, doc_id in iter_source_files(sources):
        digest.update(f"\0{os.fspath(file)}\0{doc_id}\0".encode("utf-8", "surrogateescape"))
        digest.update(file_hash(file).encode())
    return digest.hexdigest()


def file_hash(file: Path) -> str:
    """The hash of a file's bytes; for a file over the size limit (skipped unread), of its size and time."""
    try:
        status = file.stat()
        if status.st_size > MAX_FILE_BYTES:
            return f"{status.st_size}:{status.st_mtime_ns}"
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError as error:
        return f"unreadable:{error.errno}"


def _state(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def write_stamp(out: str | os.PathLike[str], stamp: Stamp, outputs: Mapping[str, Path]) -> None:
    """Record `stamp` in `out`, with the state of `outputs` (written just before) as they are now."""
    stamp.outputs = {name: state for name, path in outputs.items() if (state := _state(Path(path))) is not None}
    data = {
        "format": FORMAT,
        "key": stamp.key,
        "outputs": stamp.outputs,
        "warnings": stamp.warnings,
        "summary": stamp.summary,
    }
    with atomic_open(Path(out) / STAMP_FILE) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)


def read_stamp(out: str | os.PathLike[str], key: str, expected: Iterable[str]) -> Stamp | None:
    """The stamp in `out` if it has `key` and every one of the `expected` output files is as it left it
    (never while a killed build's switch is pending: the next build completes it)."""
    if pending_switch(out):
        return None
    try:
        data = json.loads((Path(out) / STAMP_FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != key:
            return None
        stamp = Stamp(key, dict(data["outputs"]), [str(w) for w in data["warnings"]], dict(data["summary"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    for name in expected:
        if name not in stamp.outputs or _state(Path(out) / name) != stamp.outputs[name]:
            return None
    return stamp
