"""Turn file bytes into text: the encoding a BOM names, else UTF-8, else Windows-1252; binary files refused.

A byte-order mark says the encoding (UTF-8, UTF-16 or UTF-32, either byte order) and is trusted before
anything else: UTF-16 text is half NUL bytes, and must not be taken for binary. Without one, a file is
binary when NUL and other control bytes make up more than a tenth of its first 8 KB: one stray NUL in a
CSV export does not make it binary (the text reader turns it into a space, like any control character).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from graphkit.model import Warn

SAMPLE_BYTES = 8192
BINARY_SHARE = 0.1  # share of control bytes (NUL included; tab, line ends and form feed not) that means binary

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\f\r")
_CONTROLS = bytes(byte for byte in range(32) if byte not in _TEXT_CONTROLS)


class BinaryFile(ValueError):
    """The file holds binary data, not text."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start of `data` names, and the mark's length; None without one."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_binary(data: bytes) -> bool:
    """Whether `data` is binary rather than text: no BOM, and many control bytes in its first 8 KB."""
    if bom_encoding(data) is not None:
        return False
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / len(sample) > BINARY_SHARE


def decode_bytes(data: bytes, name: str, warn: Warn) -> str:
    """Decode by the BOM's encoding, else as UTF-8, else as Windows-1252 with a warning, so nothing is lost."""
    marked = bom_encoding(data)
    if marked is not None:
        encoding, length = marked
        try:
            return data[length:].decode(encoding)
        except UnicodeDecodeError as error:
            warn(f"{name}: not valid {encoding.upper()} after its byte-order mark at byte {error.start + length}")
            return data[length:].decode(encoding, errors="replace")
    if looks_binary(data):
        raise BinaryFile(name)
    try:
        return data.decode("utf-8")
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
