"""Whether a relation is asserted, denied ("did not meet") or only reported ("X said that ...", "reportedly",
"according to", a quotation). Denied and reported relations are kept and marked, never dropped."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Token

from graphkit.extract.relations.grammar import clause_verb
from graphkit.extract.relations.vocabulary import Vocabulary

# complement clauses: what a reporting verb reports
_COMPLEMENTS = ("ccomp", "xcomp", "parataxis")
_OPENING, _CLOSING = "“«", "”»"
_QUOTES = re.compile('["“”«»]')
LONGEST = 3000  # characters a quotation may run without its closing mark (the end of an article)


@dataclass(frozen=True)
class Quotation:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark, or where the next paragraph of the quotation opens
    continued: bool  # it continues the one before: news style reopens a long quotation at every paragraph


_SINGLE = re.compile(r"(?<![^\s(\[])['\u2018](?=\w)[^'\u2018\u2019\"\n]{1,1000}?[,.?!]['\u2019](?=\s|$)")
_SENTENCE_END = re.compile(r"[.?!\u2026][\"'\u201d\u2019)]*(?=\s|$)")


def _unclosed_end(text: str, start: int, limit: int) -> int:
    """Where a quotation never closed ends: at the end of the text (news drops the last mark), but before the
    first sentence that is a list ("R Smith (Bath); J Jones (Leeds)"), which is no one's words."""
    end = _first_sentence_end(text, start, limit)
    while end < limit:
        following = _first_sentence_end(text, end, limit)
        piece = text[end:following]
        if ";" in piece or piece.count("(") > 1:
            break
        end = following
    return end


def _first_sentence_end(text: str, start: int, limit: int) -> int:
    found = _SENTENCE_END.search(text, start, limit)
    return found.end() if found else limit


class Quotations:
    """The quotations of a document's text, as character spans.

    Straight quotes are told apart by what touches them: an opening one is followed by a letter and has space
    (or nothing) before it, a closing one the reverse. A quotation opened while one is open continues it
    (news style opens every paragraph of a long quotation and closes only the last: '"A. "B."' is one
    quotation in two parts), and one never closed ends at the end of the text or before a list (_unclosed_end),
    LONGEST characters at most.
    """

    def __init__(self, text: str) -> None:
        self.spans: list[Quotation] = []
        opened = -1
        self._continues = False  # the open quotation continues the one before it
        for match in _QUOTES.finditer(text):
            at, mark = match.start(), match.group()
            before = text[at - 1] if at > 0 else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            opening = mark in _OPENING or (
                mark == '"' and not after.isspace() and (before.isspace() or before in "([{-—:")
            )
            closing = mark in _CLOSING or (mark == '"' and not opening)
            if opening:
                continued = False
                if opened >= 0:
                    # '. "' is the next paragraph of the same quotation; after anything else ('said: "') the
                    # open one lost its closing mark: it is taken to end with its first sentence
                    continued = text[:at].rstrip()[-1:] in ".?!\u2026"
                    end = at if continued else _first_sentence_end(text, opened, at)
                    self.spans.append(Quotation(opened, end, self._continues))
                self._continues = continued
                opened = at
            elif closing and opened >= 0:
                self.spans.append(Quotation(opened, at + 1, self._continues))
                opened, self._continues = -1, False
        if opened >= 0:
            end = _unclosed_end(text, opened, min(len(text), opened + LONGEST))
            self.spans.append(Quotation(opened, end, self._continues))
        self._single(text)
        self.starts = [q.start for q in self.spans]

    def _single(self, text: str) -> None:
        """Quotations in single quotes, where an apostrophe cannot be one: "'Kazakhstan will not join,' said
        Tokayev" (opening after a space, closing after a comma or a full stop), outside the double ones."""
        doubles = [(q.start, q.end) for q in self.spans]
        for match in _SINGLE.finditer(text):
            start, end = match.start(), match.end()
            if not any(s < end and start < e for s, e in doubles):
                self.spans.append(Quotation(start, end, False))
        self.spans.sort(key=lambda q: q.start)

    def index(self, offset: int) -> int | None:
        """Which quotation (an index into `spans`) holds `offset`, None when it is outside all."""
        at = bisect_right(self.starts, offset) - 1
        return at if at >= 0 and offset < self.spans[at].end else None

    def __contains__(self, offset: int) -> bool:
        return self.index(offset) is not None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any quotation holds a character of [start, end)."""
        at = bisect_right(self.starts, end - 1) - 1
        return at >= 0 and self.spans[at].end > start


def negated(trigger: Token, vocabulary: Vocabulary) -> bool:
    """ "did not meet", "never visited", "is not a member", "no meeting between", "refused to meet"."""
    verb = clause_verb(trigger)
    for token in {trigger, verb}:
        if any(child.dep_ == "neg" for child in token.children):
            return True
    if any(child.dep_ == "det" and child.lower_ == "no" for child in trigger.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp":
        # "Tesco is not ready to buy Safeway": the adjective's copula carries the negation; "too ill to travel"
        if any(child.dep_ == "neg" for child in verb.head.head.children):
            return True
        if any(child.dep_ == "advmod" and child.lower_ == "too" for child in verb.head.children):
            return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in vocabulary.negating


def hedged(trigger: Token, vocabulary: Vocabulary, quotations: Quotations, attributed: bool = False) -> bool:
    """Not asserted as a fact: inside a quotation, under "X said that", with "reportedly", "may" or "will",
    wanted or planned ("urged Tajikistan to join", "agreed to meet"), asked, or "according to" in the sentence.

    An `attributed` statement (a named speaker says it: "X said that ...", a quotation of X's, "according to
    X") is X's word, not a hedge: only the cues that withhold the claim itself (modals, "reportedly", plans,
    questions, believing rather than saying) hedge it."""
    if trigger.idx in quotations and not attributed:
        return True
    verb = clause_verb(trigger)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in vocabulary.negating:
        return True
    sentence = trigger.sent
    if sentence.text.rstrip(" \n\"'”’»)").endswith("?"):
        return True  # a question asks, it does not tell
    if not attributed and any(
        t.lower_ == "according" and t.i + 1 < sentence.end and t.nbor().lower_ == "to" for t in sentence
    ):
        return True
    child = trigger
    for token in [trigger, *trigger.ancestors]:
        for modifier in token.children:
            if modifier.dep_ == "advmod" and modifier.lower_ in vocabulary.hedges:
                return True
            if modifier.dep_ == "aux" and modifier.lower_ in vocabulary.modals:
                return True
        lemma = token.lemma_.lower()
        reported = token is not trigger and lemma in vocabulary.reporting and child.dep_ in _COMPLEMENTS
        if reported and not (attributed and lemma in vocabulary.speaking):
            return True
        child = token
    return False
