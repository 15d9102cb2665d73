"""The words of dates (graphkit/data/date_words.json), loaded once: month and weekday names, the words
that move a date ("last", "next", "ago") and the auxiliaries of the future tense.

Shared by the readers of document dates (graphkit.read.dates) and of the dates sentences state
(graphkit.extract.dates), so that both know the same names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # "may" -> 5, "sept" -> 9
    weekdays: dict[str, int]  # "tuesday" -> 1 (Monday is 0, as datetime.weekday says)
    days: dict[str, int]  # "yesterday" -> -1: days from the document's date
    shifts: dict[str, int]  # "last" -> -1: the unit or weekday before, this one or the next
    units: dict[str, str]  # "weeks" -> "week"
    ago: frozenset[str]  # "two days ago"
    numbers: dict[str, int]  # "two" -> 2
    range_words: frozenset[str]  # what joins the two ends of a range ("April 29 to May 1")
    future_auxiliaries: frozenset[str]  # "will meet": a verb that looks forward


@cache
def date_words() -> DateWords:
    data = json.loads(resources.files("graphkit.data").joinpath("date_words.json").read_text(encoding="utf-8"))

    def numbered(groups: list[list[str]], start: int) -> dict[str, int]:
        return {name: number for number, names in enumerate(groups, start=start) for name in names}

    return DateWords(
        months=numbered(data["months"], 1),
        weekdays=numbered(data["weekdays"], 0),
        days=dict(data["days"]),
        shifts=dict(data["shifts"]),
        units=dict(data["units"]),
        ago=frozenset(data["ago"]),
        numbers=dict(data["numbers"]),
        range_words=frozenset(data["range_words"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
    )
