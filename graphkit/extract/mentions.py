"""Mentions from a parsed Doc: the entity spans graphkit keeps, typed for the graph."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graphkit.extract.components import MENTIONS_KEY, NER_TYPES
from graphkit.model import Document, Mention, Sentence
from graphkit.names import plausible_person_name

BYLINE = "byline"  # the source of a mention made from the byline, not found in the text


def sentences_of(doc: Doc, text: str | None = None) -> list[Sentence]:
    """The sentences of `doc`; `text` is `doc.text` when the caller has it (spaCy joins tokens to make one)."""
    text = doc.text if text is None else text
    return [Sentence(start=s.start_char, end=s.end_char, text=text[s.start_char : s.end_char]) for s in doc.sents]


def mentions_of(doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    """One Mention per repaired entity span (doc.spans["graphkit"]), or per raw NER span without the repair."""
    if MENTIONS_KEY in doc.spans:
        spans = [
            (s.start_char, s.end_char, s.text, s.label_, s.kb_id_, s.id_ or "ner") for s in doc.spans[MENTIONS_KEY]
        ]
    else:
        spans = [
            (e.start_char, e.end_char, e.text, NER_TYPES[e.label_], "", "ner")
            for e in doc.ents
            if NER_TYPES.get(e.label_)
        ]
    starts = [s.start for s in sentences]
    mentions = []
    index = 0
    for start, end, text, kind, canonical, source in spans:
        while index + 1 < len(starts) and starts[index + 1] <= start:
            index += 1
        mentions.append(
            Mention(start=start, end=end, text=text, type=kind, sentence=index, canonical=canonical, source=source)
        )
    return mentions


def byline_mentions(document: Document) -> list[Mention]:
    """The byline author is a person of the document: a mention outside every sentence (sentence -1).

    Offsets point at the name in the text when it is there, else they are -1. A byline that does not read
    as a name (a formula, a URL, brackets or quotes: `plausible_person_name`) makes no mention.
    """
    if not document.author:
        return []
    mentions = []
    names = document.meta.get("authors") or re.split(r"\s*[;,]\s*|\s+and\s+", document.author)
    for author in (a.strip() for a in names):
        if not plausible_person_name(author):
            continue
        start = document.text.find(author)
        end = start + len(author) if start >= 0 else -1
        mentions.append(Mention(start=start, end=end, text=author, type="person", sentence=-1, source=BYLINE))
    return mentions
