"""Publication dates, however a site or an export writes them, stored as ISO 8601."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graphkit.read.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("25.05.2021 13:55", "2021-05-25"),
        ("2023-03-14T09:30:00+02:00", "2023-03-14"),
        ("2023/03/14", "2023-03-14"),
        ("14 March 2023", "2023-03-14"),
        ("14th of March, 2023", "2023-03-14"),
        ("March 14th, 2023", "2023-03-14"),
        ("Sept 3, 2022", "2022-09-03"),
        ("Tue, 14 Mar 2023 09:30:00 GMT", "2023-03-14"),
        ("03/04/2024", "2024-04-03"),  # day first
        ("05/25/2021", "2021-05-25"),  # month first, the only reading possible
        ("1678779000", "2023-03-14"),  # Unix seconds
        (1678779000000, "2023-03-14"),  # Unix milliseconds
        (datetime(2022, 11, 14, 16, 20), "2022-11-14"),
        (date(2022, 11, 14), "2022-11-14"),
        ("31.02.2021", ""),  # no such day
        ("yesterday", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso


def test_find_date_takes_the_first_date_in_a_line():
    assert find_date("Published 14 November 2022 | Updated 15.11.2022 10:00") == "2022-11-14"
    assert find_date("Views: 4 656") == ""
