"""Whether a relation is asserted, denied ("did not meet") or only reported ("X said that ...", "reportedly",
"according to", a quotation). Denied and reported relations are kept and marked, never dropped."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Token

from graphkit.extract.relations.grammar import clause_verb
from graphkit.extract.relations.vocabulary import Vocabulary

# a quotation: curly or guillemet quotes may run over paragraphs, straight ones stay within one
_QUOTATION = re.compile(r"“[^“”]{1,3000}”|«[^«»]{1,3000}»|\"[^\"\n]{1,3000}\"")
# complement clauses: what a reporting verb reports
_COMPLEMENTS = ("ccomp", "xcomp", "parataxis")


class Quotations:
    """Character spans of a document's text that are inside quotation marks."""

    def __init__(self, text: str) -> None:
        spans = [(m.start(), m.end()) for m in _QUOTATION.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __contains__(self, offset: int) -> bool:
        at = bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.ends[at]


def negated(trigger: Token, vocabulary: Vocabulary) -> bool:
    """ "did not meet", "never visited", "is not a member", "no meeting between", "refused to meet"."""
    verb = clause_verb(trigger)
    for token in {trigger, verb}:
        if any(child.dep_ == "neg" for child in token.children):
            return True
    if any(child.dep_ == "det" and child.lower_ == "no" for child in trigger.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in vocabulary.negating


def hedged(trigger: Token, vocabulary: Vocabulary, quotations: Quotations) -> bool:
    """Not asserted as a fact: inside a quotation, under "X said that", with "reportedly", "may" or "will",
    wanted or planned ("urged Tajikistan to join", "agreed to meet"), asked, or "according to" in the sentence."""
    if trigger.idx in quotations:
        return True
    verb = clause_verb(trigger)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in vocabulary.negating:
        return True
    sentence = trigger.sent
    if sentence.text.rstrip(" \n\"'”’»)").endswith("?"):
        return True  # a question asks, it does not tell
    if any(t.lower_ == "according" and t.i + 1 < sentence.end and t.nbor().lower_ == "to" for t in sentence):
        return True
    child = trigger
    for token in [trigger, *trigger.ancestors]:
        for modifier in token.children:
            if modifier.dep_ == "advmod" and modifier.lower_ in vocabulary.hedges:
                return True
            if modifier.dep_ == "aux" and modifier.lower_ in vocabulary.modals:
                return True
        if token is not trigger and token.lemma_.lower() in vocabulary.reporting and child.dep_ in _COMPLEMENTS:
            return True
        child = token
    return False
