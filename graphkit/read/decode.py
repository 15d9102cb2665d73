"""Turn file bytes into text: UTF-8 first, a fallback for other encodings, and binary files refused."""

from __future__ import annotations

from pathlib import Path

from graphkit.model import Warn


class BinaryFile(ValueError):
    """The file holds binary data, not text."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.1


def decode_bytes(data: bytes, name: str, warn: Warn) -> str:
    """Decode as UTF-8 (with or without BOM); otherwise as Windows-1252, with a warning, so nothing is lost."""
    if looks_binary(data):
        raise BinaryFile(name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warn(f"{name}: not valid UTF-8, read as Windows-1252")
        return data.decode("cp1252", errors="replace")


def read_text_file(path: Path, warn: Warn) -> str | None:
    """The file's text, or None (with a warning) when it is binary."""
    try:
        return decode_bytes(path.read_bytes(), str(path), warn)
    except BinaryFile:
        warn(f"{path}: skipped, binary file")
        return None


def read_article_file(path: Path, warn: Warn) -> str | None:
    """The file's text, or None (with a warning naming the file) when it is binary or holds no text."""
    text = read_text_file(path, warn)
    if text is not None and not text.strip():
        warn(f"{path}: skipped, empty file")
        return None
    return text
