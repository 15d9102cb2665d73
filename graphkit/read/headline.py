"""Headlines glued to their article: "Sella wants Michalak recall Former France centre Philippe Sella ...".

Exports and datasets often flatten an article to one line, so the line break after the headline becomes a
single space and nothing in the characters marks where the headline ends. The body, though, starts like a
sentence and the headline does not end like one, and that shows in three ways this module scores for every
capitalised word in the first sixteen:

- the word is one that is written in lower case mid-sentence elsewhere in the corpus ("Former", "Shares",
  "The"), so its capital is a sentence start, not a name;
- the next few words repeat a word of the would-be headline (the body names the headline's subject again:
  "Ajax refuse to rule out Jol move | Ajax have refused ...");
- the word before it is in lower case (headlines are written in sentence case).

A file of many such rows also shows how long its headlines are: the rows whose split is unambiguous give the
length distribution, and it decides the close cases of the other rows. bench/bench_sources.py measures
the split against hand-checked BBC headlines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

MAX_HEADLINE_WORDS = 16
_STARTERS_FILE = resources.files("graphkit.read").joinpath("data/sentence_starters.txt")
SENTENCE_STARTERS = frozenset(
    word for line in _STARTERS_FILE.read_text("utf-8").splitlines() for word in line.split("#", 1)[0].split()
)
_WEIGHT_STARTER = 3.0
_WEIGHT_COMMON = 1.5
_WEIGHT_ECHO = 2.0
_ECHO_WINDOW = 6
_ECHO_NEAR = 3
_WEIGHT_FAR_ECHO = 0.75
_WEIGHT_LENGTH = 8.0
_WEIGHT_OPEN_END = 2.0
CONFIDENT = 4.0  # a split scoring this before any length prior is unambiguous
ACCEPT = 3.0  # in a file that does not look glued, weaker splits are not made
GLUED_SHARE = 0.2  # a file whose rows are this often unambiguously glued has a glued headline in every row
MIN_CONFIDENT_ROWS = 3
FULL_PRIOR_ROWS = 30  # unambiguous rows at which a file's own headline lengths are fully trusted
LONG_HEADLINE_WORDS = 8  # without enough rows to learn from, each word beyond this costs _WEIGHT_LONG
_WEIGHT_LONG = 0.5

_QUOTES = "\"'‘’“”()[]:,;.!?"
_TOKEN = re.compile(r"\S+")
# A word whose previous word does not end a sentence (so its capital, if any, is its own).
_MID_SENTENCE_WORD = re.compile(r"(?<=[^\s.!?:\"“])\s+[\"'‘“(\[]*([^\W\d_][\w'’-]*)")


def _core(word: str) -> str:
    word = word.strip(_QUOTES)
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def _key(word: str) -> str:
    return _core(word).split("-")[0].lower()


def _capitalised(word: str) -> bool:
    word = word.lstrip("\"'‘“(")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])  # Europe / European, Japan's / Japanese


@dataclass
class CaseCounts:
    """How often each word is written in lower case and capitalised in mid-sentence, over a corpus."""

    counts: dict[str, list[int]]

    @classmethod
    def of(cls, texts: Sequence[str]) -> CaseCounts:
        seen: Counter[str] = Counter()
        for text in texts:
            seen.update(_MID_SENTENCE_WORD.findall(text))
        counts: dict[str, list[int]] = {}
        for word, n in seen.items():
            counts.setdefault(_key(word), [0, 0])[0 if word[0].islower() else 1] += n
        return cls(counts)

    def is_common(self, word: str) -> bool:
        """Written in lower case more often than not: a capital on it marks a sentence start, not a name."""
        key = _key(word)
        if key in SENTENCE_STARTERS:
            return True
        lower, upper = self.counts.get(key, (0, 0))
        return lower > upper


@dataclass
class Candidate:
    words: int  # headline length in words
    end: int  # offset of the space between headline and body
    score: float


def candidates(text: str, case: CaseCounts) -> list[Candidate]:
    """Every place in the first words of `text` where a glued headline could end, scored."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text[:2000])][: MAX_HEADLINE_WORDS + _ECHO_WINDOW]
    words = [text[s:e] for s, e in spans]
    found = []
    for i in range(1, min(MAX_HEADLINE_WORDS, len(words))):
        word, previous = words[i], words[i - 1]
        if not _capitalised(word) or previous.endswith((".", ",", ":", ";")):
            continue
        score = 0.0
        if _key(word) in SENTENCE_STARTERS:
            score += _WEIGHT_STARTER
        elif case.is_common(word):
            score += _WEIGHT_COMMON
        headline = [_key(w) for w in words[:i] if len(_core(w)) > 2 and _key(w) not in SENTENCE_STARTERS]
        for distance, following in enumerate(words[i : i + _ECHO_WINDOW]):
            if any(_same(h, _key(following)) for h in headline):
                score += _WEIGHT_ECHO * (1 if distance < _ECHO_NEAR else _WEIGHT_FAR_ECHO)
                break
        if _key(previous) in SENTENCE_STARTERS:
            score -= _WEIGHT_OPEN_END  # "... published by | The Guardian": headlines do not end on "by", "the"
        elif _core(previous)[:1].islower() or _core(previous)[:1].isdigit():
            score += 1
        if previous.endswith(("?", "!")):
            score += 3
        if i == 1:
            score -= 2  # one-word headlines are rare
        found.append(Candidate(i, spans[i - 1][1], score))
    return found


class LengthPrior:
    """How likely a headline of n characters is, learned from a file's unambiguous rows (log scale, <= 0)."""

    def __init__(self, lengths: Sequence[int]) -> None:
        self.buckets = Counter(n // 4 for n in lengths)
        self.top = max(self.buckets.values(), default=0)

    def __call__(self, chars: int) -> float:
        if self.top < 2:
            return 0.0  # nothing learned yet
        seen = self.buckets.get(chars // 4, 0)
        return _WEIGHT_LENGTH * math.log((seen + 1) / (self.top + 1)) / math.log(self.top + 1)


def needs_split(text: str) -> bool:
    """True when the text is one line, or its first line is a whole paragraph: a headline may be glued to it."""
    first, *rest = text.strip().split("\n", 1)
    return not rest or len(first.split()) > 20


def headline_ends(texts: Sequence[str], case: CaseCounts | None = None) -> list[int | None]:
    """For each text, the offset of the space that ends its glued headline, or None when there is none to find.

    In a file where many rows are unambiguously glued (GLUED_SHARE) every row gets its best split, judged
    with the headline lengths of those rows (blended with a plain "headlines are short" rule while they
    are few); otherwise only a split scoring ACCEPT is made, so prose that merely starts a row is left alone.
    Small files have fewer rows to learn lengths from, so they rely more on the plain rule.
    """
    case = case or CaseCounts.of(texts)
    scored = [candidates(text, case) if needs_split(text) else [] for text in texts]
    confident = [best.end for found in scored if found and (best := max(found, key=_by_score)).score >= CONFIDENT]
    glued = len(confident) >= max(MIN_CONFIDENT_ROWS, GLUED_SHARE * sum(1 for found in scored if found))
    prior = LengthPrior(confident)
    trust = min(1.0, len(confident) / FULL_PRIOR_ROWS) if glued else 0.0

    def judged(candidate: Candidate) -> float:
        short = -_WEIGHT_LONG * max(0, candidate.words - LONG_HEADLINE_WORDS)
        return candidate.score + trust * prior(candidate.end) + (1 - trust) * short

    ends: list[int | None] = []
    for found in scored:
        chosen = max(found, key=judged, default=None)  # a name of its own: `best` above is never None
        ends.append(chosen.end if chosen and (glued or judged(chosen) >= ACCEPT) else None)
    return ends


def _by_score(candidate: Candidate) -> float:
    return candidate.score
