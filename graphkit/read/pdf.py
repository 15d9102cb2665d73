"""PDF articles: the text layer, via pypdf, reflowed into paragraphs.

A PDF stores lines, not paragraphs, and repeats running heads and page numbers on every page. Both are
undone here: lines are joined back into paragraphs (a hyphen at a line end between letters is a broken
word), and a line found on most pages is dropped. The document text is that reflowed text, so offsets in
the outputs point into it. A scanned PDF has no text layer and is skipped with a warning: run OCR first.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from graphkit.model import Document, Format, Warn
from graphkit.read.base import ReadOptions
from graphkit.read.dates import parse_date
from graphkit.read.repair import repair_text

logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its parser warnings are not the user's business

_PARAGRAPH_END = re.compile(r"[.!?:\"”»)]\s*$")
_DIGITS = re.compile(r"\d+")


def read_pdf(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    from pypdf import PdfReader  # here: the registry of formats is read by every command

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            warn(f"{path}: skipped, the PDF is encrypted")
            return
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as error:  # pypdf raises many types on damaged files; none may stop the build
        warn(f"{path}: skipped, not a readable PDF ({type(error).__name__}: {error})")
        return
    text = reflow(drop_running_lines(pages))
    if not text.strip():
        warn(f"{path}: skipped, no text layer (a scanned PDF needs OCR first)")
        return
    document = Document(id=doc_id, text=repair_text(text), path=str(path), meta={"format": "pdf", "pages": len(pages)})
    if info:
        title = (info.title or "").strip()
        if title and not title.lower().startswith(("microsoft word", "untitled")):
            document.title = repair_text(title)
            document.meta["title_from"] = "pdf metadata"
        document.author = repair_text((info.author or "").strip())
        created = info.creation_date if _has_date(info) else None
        document.date = parse_date(created)
    yield document


def _has_date(info: object) -> bool:
    try:
        return getattr(info, "creation_date", None) is not None
    except Exception:  # a malformed date string in the PDF's info dictionary
        return False


def drop_running_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines, without running heads and page numbers (lines on most of three or more pages)."""
    split = [[line.strip() for line in page.splitlines()] for page in pages]
    if len(pages) < 3:
        return split
    counts = Counter(key for lines in split for key in {_DIGITS.sub("#", line) for line in lines if line})
    running = {key for key, n in counts.items() if n > len(pages) / 2}
    return [[line for line in lines if _DIGITS.sub("#", line) not in running] for lines in split]


def reflow(pages: list[list[str]]) -> str:
    """Lines joined into paragraphs.

    A paragraph ends at a blank line, after a line much shorter than the page's full lines (a heading, a
    byline, a paragraph's last line), or after a sentence end when the next line starts with a capital.
    """
    paragraphs: list[str] = []
    current = ""
    for lines in pages:
        lengths = sorted(len(line) for line in lines if line)
        full = lengths[int(len(lengths) * 0.8)] if lengths else 0
        for line in lines:
            if not line:
                if current:
                    paragraphs.append(current)
                current = ""
                continue
            if not current:
                current = line
            elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
                current = current[:-1] + line  # "coun-" + "try"
            elif _PARAGRAPH_END.search(current) and line[:1].isupper():
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}"
            if len(line) < 0.6 * full:
                paragraphs.append(current)
                current = ""
        if current and _PARAGRAPH_END.search(current):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


PDF = Format("pdf", (".pdf",), "the text layer of a PDF, reflowed into paragraphs", read=read_pdf)
