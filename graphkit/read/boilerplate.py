"""Site furniture in article text: which lines a reader skips without noticing, by general rules.

Copied and scraped articles keep the page around them: "subscribe to our channels" lines, share buttons,
comment rules, error-report prompts, tag lists, view counters, calendars. Left in, their names (networks,
regulators, the site itself) become graph nodes. Each rule here describes a *kind* of line, never one site's
wording, and only short lines are judged, so a paragraph of article prose is never dropped by a keyword in it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MAX_FURNITURE_WORDS = 60  # longer lines are article prose whatever words they contain

_I = re.I


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# What a site says about its comment section, not what a news story says about someone's comments.
_RULE_WORDS = (
    r"moderat\w*|right to (delete|remove|block)|(will|may|can) be (deleted|removed|blocked)|"
    r"rules (for|of) (publishing|posting|commenting)|(prohibited|forbidden|not allowed) (from|for) publication"
)
_MORE_LINKS = (
    r"read (also|more|next)|see also|related( articles| stories| news| posts)?|most (read|popular|viewed)|"
    r"more (from|on|in) \w+|recommended( for you)?|you (may|might) also like|popular now|trending"
)

# Rules for single lines, anywhere in the article: (kind, pattern, most words the line may have).
_LINE_RULES: list[tuple[str, re.Pattern[str], int]] = [
    ("subscribe", _rx(r"^\W*(subscribe|sign up|follow us|follow our|join us|join our|stay (tuned|connected))\b"), 40),
    ("share", _rx(r"^\W*(share|tweet|print|e-?mail)( this)?( article| story| page| post)?\b\W*(on\b|:|$)"), 15),
    ("error report", _rx(r"\b(if|when) you (find|found|notice|see|spot)\b.{0,40}\b(error|mistake|typo)"), 40),
    ("error report", _rx(r"\bctrl\s*\+\s*enter\b"), 40),
    ("tags", _rx(r"^\W*(tags?|topics?|keywords?|categories|category|filed under|related topics)\s*:"), 60),
    ("counter", _rx(r"^\W*(views?|reads?|hits|comments?|likes?|shares?)\s*:?\s*[\d\s,.]+[kKmM]?\W*$"), 6),
    ("counter", _rx(r"^\W*[\d\s,.]+[kKmM]?\s+(views?|reads?|comments?|likes?|shares?)\W*$"), 6),
    ("notice", _rx(r"^\W*dear (readers?|users?|visitors?|subscribers?|friends)\b"), 60),
    ("comment rules", _rx(rf"\bcomments\b.*\b({_RULE_WORDS}|block(ing)? accounts?|without (prior )?notice)\b"), 60),
    ("comment rules", _rx(rf"\b({_RULE_WORDS})\b.*\bcomments\b"), 60),
    ("link rules", _rx(r"\blinks? to third[- ]party\b"), 30),
    ("disclaimer", _rx(r"\b(views?|opinions?|position) of the (author|authors|columnist)\b"), 60),
    (
        "disclaimer",
        _rx(r"\bdo(es)? not (necessarily )?(reflect|represent|coincide)\b.{0,60}\b(editor|publication|site)"),
        60,
    ),
    ("disclaimer", _rx(r"^\W*(statement|disclaimer)\s*:"), 60),
    ("copyright", _rx(r"^\W*(©|\(c\)|copyright\b)|\ball rights reserved\b"), 40),
    ("more links", _rx(rf"^\W*({_MORE_LINKS})\b\W*(:|$)"), 12),
    ("advertisement", _rx(r"^\W*(advertisement|sponsored( content)?|promoted|ad)\W*$"), 3),
]

# Lines after which the page, not the article, continues: everything below them is dropped.
FOOTER_KINDS = {"error report", "notice", "comment rules", "copyright", "link rules"}

_DAY_OR_MONTH = (
    r"mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|"
    r"total|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|"
    r"oct|october|nov|november|dec|december|today"
)
_CALENDAR_TOKEN = re.compile(rf"^(\W*|\W*\d+\W*|\W*({_DAY_OR_MONTH})\W*)$", _I)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def social_networks() -> re.Pattern[str]:
    """One pattern matching any name in data/social_networks.txt as a whole word."""
    text = resources.files("graphkit.read").joinpath("data/social_networks.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    names.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", _I)


def words_in(line: str) -> int:
    return len(_WORD.findall(line))


def is_calendar(line: str) -> bool:
    """A calendar widget row: only day and month names, numbers and punctuation."""
    tokens = line.split()
    return bool(tokens) and all(_CALENDAR_TOKEN.match(t) for t in tokens)


def furniture_kind(line: str) -> str | None:
    """What kind of site furniture this line is ("subscribe", "tags", "calendar", ...), or None for article text."""
    plain = line.strip()
    if not plain:
        return None
    words = words_in(plain)
    if words > MAX_FURNITURE_WORDS:
        return None
    for kind, pattern, max_words in _LINE_RULES:
        if words <= max_words and pattern.search(plain):
            return kind
    if words <= 40 and len(social_networks().findall(plain)) >= 3:
        return "social networks"
    if not _LETTER.search(plain):
        return "no words"  # digits and punctuation only: calendar digits, separators, counters
    if words <= 12 and is_calendar(plain):
        return "calendar"
    return None
