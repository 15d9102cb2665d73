"""Publication dates in the forms news text and metadata use, turned into ISO 8601 (YYYY-MM-DD).

Numeric dates are read day first (25.05.2021, 25/05/2021) unless that is impossible (05/25/2021), because
most of the world's news sites write them that way; ISO dates (2021-05-25) are unambiguous.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from graphkit.datewords import date_words
from graphkit.model import Document, Warn

_MONTHS = date_words().months
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


def _first_date(text: str) -> tuple[str, bool]:
    """The first date written in `text` as YYYY-MM-DD ("" for none), and whether it was an ambiguous
    numeric date (both numbers 12 or less, read day first)."""
    found: list[tuple[int, str, bool]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            year = int(parts["year"])
            day = int(parts["day"])
            ambiguous = False
            if parts.get("mon"):
                month = int(parts["mon"])
                if month > 12 and day <= 12 and pattern is _PATTERNS[1]:
                    day, month = month, day  # 05/25/2021: month first after all
                ambiguous = pattern is _PATTERNS[1] and day <= 12 and month <= 12 and day != month
            else:
                month = _MONTHS[parts["month"].lower()]
            iso = _make(year, month, day)
            if iso:
                found.append((match.start(), iso, ambiguous))
                break
    if not found:
        return "", False
    _, iso, ambiguous = min(found)
    return iso, ambiguous


def find_date(text: str) -> str:
    """The first date written in `text`, as YYYY-MM-DD, or "" when there is none."""
    return _first_date(text)[0]


def ambiguous_date(value: object) -> bool:
    """Whether a date value is a numeric date that reads both ways (03/04/2024), so read day first."""
    return isinstance(value, str) and _first_date(value)[1]


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


# Dates in file names and folders: 2021-05-25-summit.txt, 20210525_summit.html, news/2021/05/25/summit.html
_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?![0-9])")
_FOLDER_DATE = re.compile(r"(?:^|/)((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)")
_FOLDER_YEAR = re.compile(r"(?:^|/)((?:19|20)\d\d)(?:/|$)")
# A dateline opening an article: "BISHKEK, May 25 (Reuters) -", "LONDON (AP) — May 25, 2021 —"
_DATELINE = re.compile(r"[A-Z][A-Z'’.\-]+(?:[ ,/]+[A-Z][A-Za-z'’.\-]+){0,3}\s*,?\s*[^\n]{0,40}?\s*[-–—]{1,2}\s")
_MONTH_DAY = re.compile(
    r"\b(?:" + _MONTH + r"\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<month2>" + "|".join(_MONTHS) + r"))\b", re.I
)
_NUMERIC_START = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
DATELINE_LINES = 3  # a dateline opens one of the first lines of the text (the headline may come first)


def path_date(path: str) -> str:
    """The date a file's name or folders give (year first only: 2021-05-25, 20210525, /2021/05/25/), or ""."""
    path = path.split("#", 1)[0]
    name = PurePosixPath(path).name
    for match in _NAME_DATE.finditer(name):
        iso = _make(int(match[1]), int(match[3]), int(match[4]))
        if iso:
            return iso
    for match in _FOLDER_DATE.finditer(path):
        iso = _make(int(match[1]), int(match[2]), int(match[3]))
        if iso:
            return iso
    return ""


def path_year(path: str) -> int:
    """A year a folder of the path is named after (corpus/2021/...), 0 when none is."""
    match = _FOLDER_YEAR.search(path.split("#", 1)[0])
    return int(match[1]) if match else 0


def dateline_date(text: str, year: int = 0) -> str:
    """The date of a dateline at the start of `text`, as YYYY-MM-DD; a dateline without a year ("BISHKEK,
    May 25 (Reuters) -") takes `year` when it is known, and gives "" when it is not."""
    lines = [line.strip() for line in text.split("\n", 40) if line.strip()][:DATELINE_LINES]
    for line in lines:
        match = _DATELINE.match(line)
        if not match:
            continue
        zone = line[: match.end()]  # the place and what stands before the dash
        after = line[match.end() : match.end() + 24]
        if _MONTH_DAY.match(after) or _NUMERIC_START.match(after):
            zone += after  # "LONDON (AP) — May 25, 2021 —": a date straight after the dash
        full = find_date(zone)
        if full:
            return full
        short = _MONTH_DAY.search(zone)
        if short and year:
            month = _MONTHS[(short["month"] or short["month2"]).lower()]
            return _make(year, month, int(short["day"] or short["day2"]))
        return ""
    return ""


def settle_date(document: Document, warn: Warn) -> None:
    """Give an undated document the date its dateline, file name, folders or URL state, and warn (naming the
    document) when its own date field could not be read. Never a file's modification time."""
    unread = document.meta.get("date_text") if not document.date else None
    if not document.date:
        where = document.id
        url_path = urlsplit(document.url).path if document.url else ""
        year = path_year(where) or path_year(url_path)
        for found, source in (
            (dateline_date(document.text), "dateline"),
            (path_date(where), "file name"),
            (path_date(url_path), "url"),
            (dateline_date(document.text, year), "dateline"),
        ):
            if found:
                document.date = found
                document.meta["date_from"] = source
                break
    if unread:
        then = f"dated {document.date} by its {document.meta['date_from']}" if document.date else "left undated"
        warn(f"{document.id}: date {unread!r} is not a date graphkit reads; {then}")
