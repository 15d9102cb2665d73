"""Text repair before anything reads the text: mojibake, HTML entities, Unicode form, stray control characters.

Scraped and exported corpora are full of text that went through the wrong encoding once (`Â£` for `£`,
`â€™` for `’`) or kept HTML entities (`&#163;`). ftfy undoes these without touching text that is already
right, so a clean UTF-8 file comes out unchanged and its offsets still point into the file as read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ftfy

# C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# What damage looks like: a UTF-8 lead byte read as Latin-1/Windows-1252 (U+00C2-U+00F4), or an HTML entity.
# Only the words that show it go through ftfy (mojibake never spans a space), which keeps its slow scan off
# the bulk of a corpus.
_SUSPECT = re.compile(r"[\u00c2-\u00f4]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")

_WORD = re.compile(r"[^ \t\r\n]+")


@cache
def _ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy's settings, ftfy imported on the first damaged word: `graphkit --help` reads the registry of
    formats, whose readers import this module."""
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False,  # curly quotes are correct text, not damage
        fix_line_breaks=False,  # keep the file's own line ends so offsets stay put
        remove_control_chars=False,  # done below, one space for one character
        normalization="NFC",
        explain=False,
    )


def repair_text(text: str) -> str:
    """The text with mojibake and HTML entities undone, in NFC, and each stray control character a space."""
    if _SUSPECT.search(text):
        text = _WORD.sub(_fix_word, text)
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text))


def _fix_word(match: re.Match[str]) -> str:
    word = match.group()
    if not _SUSPECT.search(word):
        return word
    import ftfy

    return ftfy.fix_text(word, config=_ftfy_config())
