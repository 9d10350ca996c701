"""Dates a record gives relative to its own ("~3 months ago", "2 mo ago", "about two years
ago", "since last summer") or as part of a year ("in early 2019", "late 2020"), kept at the
precision they are stated in: a month back is a month, a year back, a season or part of a year
is a year; never a day (weeks back would need one, so they give none).
"""

from __future__ import annotations

import datetime as dt
import re

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "several": None, "few": None, "couple": None}
_AGO = re.compile(r"(?<![\w/])(?:~\s*|about |approx\.? |approximately |roughly |some )?"
                  r"(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                  r"twelve)\s*(years?|yrs?|y|months?|mos?|mo)\.?\s+(?:ago|before (?:this|the) "
                  r"visit)\b", re.IGNORECASE)
# (a course "in the fall of 2023" keeps its note's date, as the examples' cases have it)
_PART_OF_YEAR = re.compile(r"\bin (?:early|late|mid-?) ?((?:19|20)\d{2})\b", re.IGNORECASE)
_SEASON = re.compile(r"\blast (spring|summer|fall|autumn|winter)\b", re.IGNORECASE)
# The month each season ends in (winter ends in February of the year after it began).
_SEASON_END = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}


def relative_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The first relative date ``text`` states, counted back from ``today`` (the record's
    date), with its precision ("month" or "year")."""
    ago = _AGO.search(text)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS[ago.group(1).lower()]
        if count is None:
            return None
        if ago.group(2).lower().startswith("y"):
            return dt.date(today.year - count, 1, 1), "year"
        months = today.year * 12 + today.month - 1 - count
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    part = _PART_OF_YEAR.search(text)
    if part and int(part.group(1)) <= today.year:
        return dt.date(int(part.group(1)), 1, 1), "year"
    season = _SEASON.search(text)
    if season:
        end = _SEASON_END[season.group(1).lower()]
        year = today.year if today.month > end else today.year - 1
        return dt.date(year, 1, 1), "year"
    return None
