"""Mentions from a parsed Doc: the entity spans graphkit keeps, typed for the graph."""

from __future__ import annotations

from spacy.tokens import Doc

from graphkit.model import Mention, Sentence

# spaCy NER label -> graphkit type
NER_TYPES = {"PERSON": "person", "GPE": "country", "ORG": "organization", "LOC": "location"}


def sentences_of(doc: Doc) -> list[Sentence]:
    return [Sentence(start=s.start_char, end=s.end_char, text=s.text) for s in doc.sents]


def mentions_of(doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    """One Mention per entity span whose label graphkit keeps, with the index of its sentence."""
    starts = [s.start for s in sentences]
    mentions = []
    index = 0
    for ent in doc.ents:
        kind = NER_TYPES.get(ent.label_)
        if kind is None:
            continue
        while index + 1 < len(starts) and starts[index + 1] <= ent.start_char:
            index += 1
        mentions.append(
            Mention(start=ent.start_char, end=ent.end_char, text=ent.text, type=kind, sentence=index)
        )
    return mentions
