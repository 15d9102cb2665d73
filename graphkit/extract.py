"""Extraction: documents through spaCy into plain `DocExtraction`s (mentions, sentences, typed relations)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.model import DocExtraction, Document
from graphkit.nlp.mentions import mentions_of, sentences_of
from graphkit.relations import find_relations


def extraction_of(doc: Doc, document_id: str) -> DocExtraction:
    """Everything graphkit keeps of a parsed Doc, as plain data."""
    sentences = sentences_of(doc)
    mentions = mentions_of(doc, sentences)
    relations = find_relations(doc, mentions) if doc.has_annotation("DEP") else []
    return DocExtraction(document=document_id, sentences=sentences, mentions=mentions, relations=relations)


def extract(
    nlp: Language,
    documents: Iterable[Document],
    *,
    workers: int = 1,
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> Iterator[DocExtraction]:
    """Run `nlp` over `documents` (in order) and yield one extraction per document, streaming."""
    pairs = ((document.text, document.id) for document in documents)
    for doc, document_id in nlp.pipe(pairs, as_tuples=True, n_process=workers, batch_size=batch_size):
        yield extraction_of(doc, document_id)
        if progress:
            progress(1)
