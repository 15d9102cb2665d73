"""Article cleaning before NLP: metadata lines out of the text and into the document."""

from __future__ import annotations

import re

from graphkit.model import Document

_MARKDOWN_HEADING = re.compile(r"^\s*#+\s*")


def clean_article(document: Document) -> Document:
    """Fill the title from the first non-empty line (the headline) and strip Markdown heading marks from it."""
    for line in document.text.splitlines():
        if line.strip():
            document.title = document.title or _MARKDOWN_HEADING.sub("", line).strip()
            break
    return document
