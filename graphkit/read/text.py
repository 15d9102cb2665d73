"""Plain text and Markdown articles: the headline is the first line; metadata comes from the cleaning step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graphkit.model import Document, Format, Warn
from graphkit.read.base import ReadOptions
from graphkit.read.decode import read_article_file
from graphkit.read.repair import repair_text


def read_plain_text(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    text = read_article_file(path, warn)
    if text is None:
        return
    yield Document(id=doc_id, text=repair_text(text), path=str(path), meta={"format": path.suffix.lower()[1:]})


TEXT = Format("text", (".txt", ".text"), "plain text; the first line is the headline", read=read_plain_text)
MARKDOWN = Format("markdown", (".md", ".markdown"), "Markdown, read as plain text", read=read_plain_text)
