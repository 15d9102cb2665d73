"""Dates of statements, and ranges of them (`--since`, `--until`): ISO 8601 at day, month or year precision.

A date is text: "YYYY-MM-DD", or a partial "YYYY-MM" or "YYYY" when that is all a sentence says. A partial
date stands for its whole period ("2021-03" is March 2021), and where dates are sorted or compared
(`first_seen`, `last_seen`, the order of a timeline) it counts as its start: plain text order does that
already, "2021" < "2021-03" < "2021-03-01" < "2021-03-02".

A range keeps a statement whose period overlaps it: "2021-03" is inside `--since 2021-03-15`, since part of
March is. An undated statement is in no range. A bound may be partial too: `--since 2021-03` starts on
1 March, `--until 2021-03` ends on 31 March.

    >>> DateRange.parse("2021-03-15", None).holds("2021-03")
    True
    >>> DateRange.parse("2021-04", None).holds("2021-03-31")
    False
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from graphkit.model import Relation

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_TIME = re.compile(r"[T ]\d")  # what may follow a full date: a time of day, as in 2021-03-05T10:00Z
FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


class DateError(ValueError):
    """A date given by the user that is not one; the message is meant for the user, on one line."""


@lru_cache(maxsize=65536)
def normal_date(text: str) -> str:
    """`text` as "YYYY-MM-DD", "YYYY-MM" or "YYYY", or "" when it is not a real date (2021-02-30, 'soon').
    A date-time keeps its date: "2021-03-05T10:00Z" -> "2021-03-05"."""
    text = str(text or "").strip()
    match = _DATE.match(text)
    if not match:
        return ""
    rest = text[match.end() :]
    if rest and not (match[3] and _TIME.match(rest)):
        return ""
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return date(year, int(month), int(day)).isoformat()
        if month:
            return date(year, int(month), 1).isoformat()[:7]
        return date(year, 1, 1).isoformat()[:4]
    except ValueError:
        return ""


def period(text: str) -> tuple[date, date] | None:
    """The first and last day a date stands for ("2021-03" -> 1 and 31 March 2021); None when undated."""
    text = normal_date(text)
    if not text:
        return None
    year = int(text[:4])
    if len(text) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(text[5:7])
    if len(text) == 7:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(text)
    return day, day


def statement_date(relation: Relation, document_dates: Mapping[str, str]) -> str:
    """When a statement was made: the date its sentence states, else its document's date; "" when undated."""
    return normal_date(relation.date) or normal_date(document_dates.get(relation.evidence.document) or "")


def month_of(text: str) -> str:
    """The month a date falls in ("2021-03-05" -> "2021-03"); a year-only date stays its year; "" undated."""
    return normal_date(text)[:7]


@dataclass(frozen=True)
class DateRange:
    """`--since` and `--until`, both inclusive and either open: the statements whose dates overlap it."""

    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, since: str | None, until: str | None) -> DateRange:
        """The range the options give; raises DateError naming the option that is not a date."""
        bounds = []
        for option, value in (("--since", since), ("--until", until)):
            text = normal_date(value) if value else ""
            if value and not text:
                raise DateError(f"{option} {value!r} is not a date: use {FORMS}")
            bounds.append(text)
        found = cls(*bounds)
        first, last = found.bounds()
        if first and last and first > last:
            raise DateError(f"--since {since} is after --until {until}: nothing can be in between")
        return found

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def bounds(self) -> tuple[date | None, date | None]:
        """The first and the last day of the range, None where it is open."""
        start, end = period(self.since), period(self.until)
        return (start[0] if start else None), (end[1] if end else None)

    def holds(self, text: str) -> bool:
        """Whether a statement of date `text` counts: always without a range; an undated one never with one."""
        if not self:
            return True
        days = period(text)
        if days is None:
            return False
        first, last = self.bounds()
        return (first is None or days[1] >= first) and (last is None or days[0] <= last)

    def describe(self) -> str:
        """The range as the graph's `filter` attribute records it: 'since=2021-03 until=2021-06'."""
        return " ".join(f"{name}={value}" for name, value in (("since", self.since), ("until", self.until)) if value)
