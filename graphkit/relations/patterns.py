"""Typed relations between mentions of one sentence, read from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc

from graphkit.model import Mention, RelationCandidate


def find_relations(doc: Doc, mentions: list[Mention]) -> list[RelationCandidate]:
    """Typed relations the grammar of `doc` states between `mentions` (none yet: co-occurrence only)."""
    return []
