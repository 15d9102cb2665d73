"""The dates sentences state, read from spaCy's DATE entities and attached to the clause they belong to.

A DATE span is kept when its words name a point in time (`read_phrase`: "8 May 2021", "in March",
"on Tuesday", "last week", "two days ago", "April 29 to May 1" by its start) and is attached by the parse:
through a preposition ("on Tuesday", "from April 29") or as an adverbial ("last week", "yesterday") to the
verb or noun it modifies, and from there to the nearest verb. A date that only describes a noun ("the
2019 election") or sits inside another clause ("Japarov, who took office in January 2021, ...") is not
lent to the verbs around it. Nothing here knows the document's date: graphkit.relate.dates resolves the
phrases, so a changed document date never needs a new parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graphkit.datewords import DateWords, date_words
from graphkit.model import DatePhrase

_WORD = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th|s)?|[^\W\d_]+|'ll|’ll|[-–—]", re.UNICODE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)?")
_ADVERBIAL = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod"})  # "last week", "yesterday", "two days ago"
_VERB_POS = frozenset({"VERB", "AUX"})
_NAMES = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})  # entities a date may be hung on


@dataclass
class Parts:
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = -1
    unit: str = ""
    shift: int = 0
    explicit: bool = False

    def named(self) -> bool:
        return bool(self.year or self.month or self.unit or self.weekday >= 0)


def _read_end(words: list[str], vocabulary: DateWords) -> Parts:
    """The parts one end of a range names."""
    parts = Parts()
    number = 0  # the number before a unit: "two days ago"
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if iso := _ISO.fullmatch(word):
            parts.year, parts.month, parts.day = (int(g) for g in iso.groups())
        elif word.isdigit() and len(word) == 4 and word[:2] in ("19", "20"):
            parts.year = int(word)
        elif (ordinal := _ORDINAL.fullmatch(word)) and len(ordinal[1]) <= 2 and 1 <= int(ordinal[1]) <= 31:
            number = int(ordinal[1])
            neighbours = (
                words[index - 1] if index else "",
                following,
                words[index + 2] if index + 2 < len(words) else "",
            )
            if any(w in vocabulary.months for w in neighbours):
                parts.day = number  # "8 May", "May 8", "8th of May"
        elif word in vocabulary.months:
            parts.month = vocabulary.months[word]
        elif word in vocabulary.weekdays:
            parts.weekday = vocabulary.weekdays[word]
        elif word in vocabulary.days:
            parts.unit, parts.shift = "day", vocabulary.days[word]
        elif word in vocabulary.shifts and (following in vocabulary.units or following in vocabulary.weekdays):
            shift = vocabulary.shifts[word]
            if following in vocabulary.weekdays:
                parts.shift, parts.explicit = shift, shift != 0
            else:
                parts.unit, parts.shift = vocabulary.units[following], shift
        elif word in vocabulary.numbers:
            number = vocabulary.numbers[word]
        elif word in vocabulary.units and following in vocabulary.ago and number:
            parts.unit, parts.shift = vocabulary.units[word], -number
    if parts.weekday < 0:
        parts.explicit = False
    return parts


def read_phrase(text: str, vocabulary: DateWords | None = None) -> Parts | None:
    """The point in time a DATE phrase names, None when it names none ("a year", "the 1990s", "decades").

    A range ("April 29 to May 1", "29-30 April 2021") gives its start; a start without a month or year
    takes them from the end ("29 April to 1 May 2021" is in 2021)."""
    vocabulary = vocabulary or date_words()
    words = [w for w in _WORD.findall(text.lower()) if w not in ("of", "the", "on", "in", "at")]
    ends: list[list[str]] = [[]]
    for word in words:
        if word in vocabulary.range_words and ends[-1]:
            ends.append([])
        elif word not in vocabulary.range_words:
            ends[-1].append(word)
    first = _read_end(ends[0], vocabulary)
    if len(ends) > 1 and not first.unit and first.weekday < 0:
        last = _read_end(ends[-1], vocabulary)
        if not first.month and not first.year and ends[0] and ends[0][0].isdigit() and last.month:
            first.day, first.month = int(_ORDINAL.fullmatch(ends[0][0])[1]), last.month  # type: ignore[index]
        if first.month and not first.year:
            first.year = last.year
        if not first.named():
            first = last  # "mid-2020": only the words after the dash name a time
    return first if first.named() else None


def _tense(verb: Token, vocabulary: DateWords) -> str:
    """Past, future or present: what direction a weekday or a month without a year looks in."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in vocabulary.future_auxiliaries for a in auxiliaries):
        return "future"
    if verb.head.lower_ == "to" and verb.head.head.lower_ == "going":
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any("Past" in a.morph.get("Tense", []) for a in auxiliaries):
        return "past"
    return "present"


def _attached_to(span: Span) -> Token | None:
    """The verb or noun a date phrase modifies, or None when it modifies none in a way a clause takes."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "on Monday and Tuesday"
        root = root.head
    head = root.head
    if head.i == root.i:
        return None
    if root.dep_ == "pobj" and head.pos_ == "ADP" and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        return head.head
    if root.dep_ in _ADVERBIAL:
        return head
    return None


def _next_verb(span: Span) -> Token | None:
    """The first verb after a date phrase in its sentence: the clause a fronted date opens ("since already on
    May 1, after the loss of X, Turkey offered ..."), where the parse hangs the phrase on no clause."""
    return next((t for t in span.doc[span.end : span.sent.end] if t.pos_ in _VERB_POS), None)


def _clause_of(token: Token) -> Token | None:
    """The verb whose clause a token belongs to: itself, the verb of its object ("held talks on Tuesday"),
    or the verb a name hangs from when the parse hangs the date on it ("met in Moscow on Tuesday")."""
    if token.pos_ in _VERB_POS:
        return token
    head = token.head
    if token.dep_ in ("dobj", "attr") and head.pos_ in _VERB_POS:
        return head
    if token.dep_ == "pobj" and token.ent_type_ in _NAMES and head.dep_ == "prep" and head.head.pos_ in _VERB_POS:
        return head.head
    return None


class SentenceDates:
    """The dates a document's sentences state, with the clause each attaches to, for the relation patterns."""

    def __init__(self, doc: Doc) -> None:
        self.phrases: list[DatePhrase] = []
        self._by_clause: dict[int, int] = {}  # token index of a verb -> its first date
        self._fronted: dict[int, int] = {}  # a verb whose date stands before it: shared by its conjuncts
        self._by_token: dict[int, int] = {}  # the token a date hangs from directly ("talks on Tuesday")
        self._main: dict[int, list[int]] = {}  # sentence index -> its main clause's dates
        vocabulary = date_words()
        sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            parts = read_phrase(ent.text, vocabulary)
            if parts is None:
                continue
            attached = _attached_to(ent)
            if attached is None and ent.root.dep_ == "pobj":  # "on May 1" hung on nothing
                attached = _next_verb(ent)
            if attached is None:
                continue
            verb = _clause_of(attached)
            sent = ent.sent
            index = sentence_of[sent.start]
            main = verb is not None and (verb.i == sent.root.i or (verb.dep_ == "conj" and verb.head.i == sent.root.i))
            number = len(self.phrases)
            self.phrases.append(
                DatePhrase(
                    start=ent.start_char,
                    end=ent.end_char,
                    text=ent.text,
                    sentence=index,
                    year=parts.year,
                    month=parts.month,
                    day=parts.day,
                    weekday=parts.weekday,
                    unit=parts.unit,
                    shift=parts.shift,
                    explicit=parts.explicit,
                    tense=_tense(verb, vocabulary) if verb is not None else "",
                    main=main,
                )
            )
            self._by_token.setdefault(attached.i, number)
            if verb is not None:
                self._by_clause.setdefault(verb.i, number)
                if ent.start < verb.i:
                    self._fronted.setdefault(verb.i, number)
            if main:
                self._main.setdefault(index, []).append(number)

    def of_clause(self, trigger: Token) -> int:
        """The date of the clause `trigger` (a verb, or a noun such as "talks") belongs to; -1 for none."""
        if trigger.i in self._by_token:
            return self._by_token[trigger.i]
        verb = _clause_of(trigger) if trigger.pos_ not in _VERB_POS else trigger
        if verb is None:
            return -1
        if verb.i in self._by_clause:
            return self._by_clause[verb.i]
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "On Tuesday X met Y and signed ...": shared
            verb = verb.head
            if verb.i in self._fronted:
                return self._fronted[verb.i]
        return -1

    def of_sentence(self, sentence: int) -> int:
        """The date of a sentence's main clause when it states exactly one; -1 otherwise."""
        dates = self._main.get(sentence, [])
        return dates[0] if len(dates) == 1 else -1
