"""Publication dates in the forms news text and metadata use, turned into ISO 8601 (YYYY-MM-DD).

Numeric dates are read day first (25.05.2021, 25/05/2021) unless that is impossible (05/25/2021), because
most of the world's news sites write them that way; ISO dates (2021-05-25) are unambiguous.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_PATTERNS = [
    # 2021-05-25, 2021-05-25T13:55:00+03:00, 2021/05/25
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # 25.05.2021, 25/05/2021, 25-05-2021 (day first unless impossible)
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[./-](?P<mon>\d{1,2})[./-](?P<year>(?:19|20)\d\d)(?!\d)"),
    # 25 May 2021, 25th of May, 2021
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # May 25, 2021, May 25th 2021
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
]


def _make(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_date(text: str) -> str:
    """The first date written in `text`, as YYYY-MM-DD, or "" when there is none."""
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            year = int(parts["year"])
            day = int(parts["day"])
            if parts.get("mon"):
                month = int(parts["mon"])
                if month > 12 and day <= 12 and pattern is _PATTERNS[1]:
                    day, month = month, day  # 05/25/2021: month first after all
            else:
                month = _MONTHS[parts["month"].lower()]
            iso = _make(year, month, day)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else ""


def parse_date(value: object) -> str:
    """A metadata value (ISO string, RFC 2822 string, written date, Unix time, datetime) as YYYY-MM-DD, or ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch are common too
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return ""
    text = str(value).strip()
    if not text:
        return ""
    if text.isdigit() and len(text) in (10, 13):
        return parse_date(int(text))
    found = find_date(text)
    if found:
        return found
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return ""
