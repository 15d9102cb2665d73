"""Statement dates: the date phrase a sentence states (graphkit.extract.dates) resolved against the
document's date, else the document's date, else none.

A phrase that names its year ("8 May 2021", "in 2019", "March 2021") needs no document date and stays as
precise as it is written: YYYY, YYYY-MM or YYYY-MM-DD. The rest is counted from the document's date:
"yesterday", "two days ago", "last month", "next year"; "last week" and "this week" as the Monday they start
on (a range gives its start); a weekday ("on Tuesday") as the nearest such day in the direction of the verb's
tense (a past verb looks back, a future one forward, a present one to the nearer, back on a tie), the
document's own day included, except with "last" and "next"; a month, or a day of a month, without a year
("in March", "on 8 May") in the document's year, or the year before (past) or after (future) when that
would put a past event after the article or a future one before it. A phrase that needs what the document's
date does not give (a weekday, in an article dated only by its month) resolves to nothing.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from graphkit.model import DatePhrase


def _document_day(document_date: str) -> tuple[int, int, int]:
    """(year, month, day) of a document date, 0 for the parts it lacks or cannot be read."""
    parts = document_date.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
    except ValueError:
        return 0, 0, 0
    numbers += [0] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2]


def _iso(year: int, month: int = 0, day: int = 0) -> str:
    if not month:
        return f"{year:04d}"
    if not day:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _weekday(phrase: DatePhrase, today: date) -> date:
    back = (today.weekday() - phrase.weekday) % 7
    forward = (phrase.weekday - today.weekday()) % 7
    if phrase.explicit:
        return today - timedelta(days=back or 7) if phrase.shift < 0 else today + timedelta(days=forward or 7)
    if phrase.tense == "past":
        return today - timedelta(days=back)
    if phrase.tense == "future":
        return today + timedelta(days=forward)
    return today - timedelta(days=back) if back <= forward else today + timedelta(days=forward)


def _without_year(phrase: DatePhrase, year: int, month: int, day: int) -> str:
    """A month, or a day of a month, placed in the document's year or the one its tense points to."""
    stated = (phrase.month, phrase.day or 0)
    known = (month, day if phrase.day else 0)
    if phrase.tense == "past" and month and stated > known:
        year -= 1
    elif phrase.tense == "future" and month and stated < known:
        year += 1
    return _iso(year, phrase.month, phrase.day)


def resolve_phrase(phrase: DatePhrase, document_date: str = "") -> str:
    """The date `phrase` names (YYYY, YYYY-MM or YYYY-MM-DD), read against `document_date`; "" when it
    cannot be told (see the module's docstring)."""
    if phrase.year:
        return _iso(phrase.year, phrase.month, phrase.day if phrase.month else 0)
    year, month, day = _document_day(document_date)
    if not year:
        return ""
    if phrase.month:
        return _without_year(phrase, year, month, day)
    if phrase.unit == "year":
        return _iso(year + phrase.shift)
    if not month:
        return ""
    if phrase.unit == "month":
        return _iso(*_add_months(year, month, phrase.shift))
    if not day:
        return ""
    today = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    try:
        if phrase.weekday >= 0:
            return _weekday(phrase, today).isoformat()
        if phrase.unit == "day":
            return (today + timedelta(days=phrase.shift)).isoformat()
        if phrase.unit == "week":
            monday = today - timedelta(days=today.weekday())
            return (monday + timedelta(weeks=phrase.shift)).isoformat()
    except OverflowError:
        return ""
    return ""


def statement_date(phrases: list[DatePhrase], index: int, document_date: str) -> tuple[str, str]:
    """(date, date_source) of a statement whose clause states phrase `index` (-1: none): the sentence's date
    when it can be told, else the document's, else ("", "")."""
    if 0 <= index < len(phrases):
        stated = resolve_phrase(phrases[index], document_date)
        if stated:
            return stated, "sentence"
    return (document_date, "document") if document_date else ("", "")
