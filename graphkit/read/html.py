"""Saved web pages: the article's text and metadata, without the page around it.

trafilatura finds the main text and drops navigation, cookie banners, "most read" boxes, share bars,
comments and footers; it also reads title, author, date, site name and canonical URL from the page's
markup (meta tags, JSON-LD, bylines). The document text is the extracted text, paragraphs separated by a
blank line, so offsets in the outputs point into that text, not into the HTML source.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from graphkit.model import Document, Format, Warn
from graphkit.read.base import ReadOptions
from graphkit.read.dates import parse_date
from graphkit.read.decode import looks_binary
from graphkit.read.repair import repair_text

# Their log lines would reach the user's terminal; what matters is reported as graphkit warnings instead.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def is_article(text: str) -> bool:
    """Whether extracted text is an article rather than the menu or link list left of a page without one."""
    words = len(text.split())
    return words >= 20 or (words >= 8 and any(mark in text for mark in ".!?"))


def read_html(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    data = path.read_bytes()
    if not data.strip():
        warn(f"{path}: skipped, empty file")
        return
    if looks_binary(data):
        warn(f"{path}: skipped, binary file")
        return
    import trafilatura  # here: the registry of formats is read by every command, and trafilatura is slow to import

    try:
        page = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=True,
        )
    except Exception as error:  # a parser failing on hostile markup must not stop the build
        warn(f"{path}: skipped, the page could not be parsed ({type(error).__name__})")
        return
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if page is None or isinstance(page, dict) or not is_article(text):  # a dict only with as_dict=True
        warn(f"{path}: skipped, no article text found in the page")
        return
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    document = Document(
        id=doc_id,
        text=repair_text("\n\n".join(paragraphs)),
        path=str(path),
        title=repair_text(page.title or ""),
        author=repair_text(page.author or ""),
        date=parse_date(page.date),
        url=page.url or "",
        source=repair_text(page.sitename or page.hostname or ""),
        meta={"format": "html"},
    )
    if document.title:
        document.meta["title_from"] = "markup"
    if document.author:
        names = [name.strip() for name in document.author.split(";") if name.strip()]
        document.author = "; ".join(names)
        document.meta["authors"] = names
    tags = [t.strip() for t in (page.tags or []) if t.strip()] if isinstance(page.tags, list) else []
    if tags:
        document.meta["tags"] = tags
    yield document


HTML = Format("html", (".html", ".htm", ".xhtml"), "a saved web page: its main text and metadata", read=read_html)
