r"""How graphkit writes a file's path wherever it records one: document ids, `Document.path`, warnings, outputs.

A POSIX file name is bytes, not text: it may hold bytes that are not UTF-8 (Python gives each as a lone
surrogate, "surrogateescape") and control characters such as a carriage return or a line feed. Neither
survives as it is in a UTF-8 file, a CSV cell, an XML attribute or a terminal line. So a path is recorded
in one printable form that can be turned back into the exact name:

- a backslash is written `\\`;
- a byte that is not UTF-8 is written `\xNN` (NN from 80 to ff);
- tab, line feed and carriage return are written `\t`, `\n`, `\r`, any other ASCII control `\xNN` (00 to 7f);
- any other character that does not print (C1 controls, format characters, line and paragraph separators)
  is written `\uNNNN` or `\UNNNNNNNN`;
- everything else, accented letters and other scripts included, is written as it is.

`recorded_path` makes that form, `source_path` turns it back into the path of the file on disk.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_CANDIDATE = re.compile(r"[^\x20-\x5b\x5d-\x7e]")  # every character but printable ASCII other than "\"
_SHORT = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPE = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8})|(.))", re.DOTALL)
_SHORT_BACK = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_HIDDEN_CATEGORIES = {"Cc", "Cs", "Cf", "Zl", "Zp"}


def _escape(match: re.Match[str], backslash: bool = True) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char] if backslash or char != "\\" else char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape gives it
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def recorded_path(path: str | os.PathLike[str]) -> str:
    """The printable, reversible form of `path` (see the module docstring); most paths are unchanged."""
    text = os.fspath(path)
    if text.isascii() and text.isprintable() and "\\" not in text:
        return text
    return _CANDIDATE.sub(_escape, text)


def source_path(recorded: str) -> Path:
    """The path on disk that `recorded_path` wrote as `recorded`: the inverse of recorded_path."""
    return Path(_unescape(recorded))


def _unescape(recorded: str) -> str:
    def back(match: re.Match[str]) -> str:
        byte, short, long, other = match.groups()
        if byte is not None:
            code = int(byte, 16)
            return chr(code) if code < 0x80 else chr(0xDC00 + code)
        if short is not None or long is not None:
            return chr(int(short or long, 16))
        return _SHORT_BACK.get(other, "\\" + other)

    return _ESCAPE.sub(back, recorded) if "\\" in recorded else recorded


def printable(message: str) -> str:
    """A message as one printable line: what recorded_path escapes is escaped, but a backslash stays one."""
    if message.isprintable():
        return message
    return _CANDIDATE.sub(lambda match: _escape(match, backslash=False), message)
