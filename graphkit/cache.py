"""The cache folder shared by the reading and extraction caches: where it is and how it is made."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_NAME = ".graphkit-cache"

# Documents that tell backup tools to skip the folder (https://bford.info/cachedir/).
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# graphkit extraction cache: safe to delete.\n"


def make_cache_dir(directory: str | os.PathLike[str]) -> None:
    """Create the cache folder (and its parents) with the CACHEDIR.TAG that backup tools honour; OSError
    when it cannot be made."""
    Path(directory).mkdir(parents=True, exist_ok=True)
    tag = Path(directory) / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(CACHEDIR_TAG, encoding="utf-8")


def default_cache_dir(out: str | os.PathLike[str]) -> Path:
    """`.graphkit-cache/` beside the output folder: kept when the output is deleted, shared by its siblings."""
    return Path(out).resolve().parent / CACHE_DIR_NAME
