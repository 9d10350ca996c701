"""Dates a record gives relative to its own ("~3 months ago", "2 mo ago", "about two years
ago", "since last summer", "last year", "last mo", "around Easter this year", a month named
without its year: "in February", "since about April") or as part of a year ("in early 2019",
"late 2020", "in the spring of 2019"), kept at the precision they are stated in: a month back
or a month named is a month, a year back, a season or part of a year is a year; never a day
(weeks back would need one, so they give none).
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
_PART_OF_YEAR = re.compile(r"\b(?:in|since|from|by|until|through|during) (?:the )?(?:early|late|"
                           r"mid-?) ?(?:part of )?((?:19|20)\d{2})\b", re.IGNORECASE)
_ABSENT_SINCE = re.compile(r"\b(?:no|not|never|none|without)\b[^.;]*\bsince\b", re.IGNORECASE)
# (or "in the spring" without its year: the last such season up to the record's)
_SEASON = re.compile(r"\b(?:last|in the) (spring|summer|fall|autumn|winter)\b(?! of\b)",
                     re.IGNORECASE)
# The month each season ends in (winter ends in February of the year after it began).
_SEASON_END = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}


# An onset in a season of a named year ("the neck pain began in the spring of 2019"): that
# year (a course "in the fall of 2023" keeps its note's date, as above).
_SEASON_OF = re.compile(r"\b(?:began|begun|started|starting|onset|developed|occurred)\b[^.;]{0,12}?"
                        r"\bthe (?:spring|summer|fall|autumn|winter) of ((?:19|20)\d{2})\b",
                        re.IGNORECASE)
# The year before the record's, or its own ("last year", "around Easter this year").
_YEAR_WORD = re.compile(r"\b(last|this|past) year\b(?! or)", re.IGNORECASE)
# The month before the record's ("last month", "last mo").
_LAST_MONTH = re.compile(r"\blast (?:month|mo)\b\.?", re.IGNORECASE)
# A month named without its year, after a word placing an event in it ("in February", "since
# about April", "since ~March", "Since January", "pain returned in Dec"): the last such month
# up to the record's (a capitalised name, so "may" the verb is none; not before a day or a
# year, read elsewhere).
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def month_number(name: str) -> int:
    """A month's number from its name or abbreviation ("Sept." -> 9, "MAR" -> 3)."""
    return _MONTH_NAMES.index(name[:3].lower()) + 1
_MONTH_ALONE = re.compile(
    r"\b(?i:in|since|from|until|through|by|around|about|of|early|late|mid-?)\s+(?i:about\s+|"
    r"around\s+|early\s+|late\s+|mid-?|~\s*|approx\.?\s+|approximately\s+|roughly\s+)?(January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
    r"(?!\s*(?:\d|,\s*\d|of (?:19|20)\d{2}))")


_TO_COME = re.compile(r"\b(?:follow[- ]?up|f/u|return\w*|RTC|next|will|plan\w*|schedul\w*|due|"
                      r"expected|anticipated)\b", re.IGNORECASE)


def _month_alone(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    named = _MONTH_ALONE.search(text)
    if not named or _TO_COME.search(text[max(0, named.start() - 30):named.start()]):
        return None  # ("follow-up in October", "will start in March": a month to come)
    month = month_number(named.group(1))
    year = today.year if month <= today.month else today.year - 1
    return dt.date(year, month, 1), "month"


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
    if part and _ABSENT_SINCE.search(text[max(0, part.start() - 30):part.start() + 6]):
        part = None  # ("no opioids since mid-2023": the date of an absence)
    if part and int(part.group(1)) <= today.year:
        return dt.date(int(part.group(1)), 1, 1), "year"
    season = _SEASON.search(text)
    if season:
        end = _SEASON_END[season.group(1).lower()]
        year = today.year if today.month > end else today.year - 1
        return dt.date(year, 1, 1), "year"
    season_of = _SEASON_OF.search(text)
    if season_of and int(season_of.group(1)) <= today.year:
        return dt.date(int(season_of.group(1)), 1, 1), "year"
    year_word = _YEAR_WORD.search(text)
    if year_word:
        back = 0 if year_word.group(1).lower() == "this" else 1
        if year_word.group(1).lower() != "past":  # ("in the past year" is a span, not a year)
            return dt.date(today.year - back, 1, 1), "year"
    if _LAST_MONTH.search(text):
        months = today.year * 12 + today.month - 2
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    return _month_alone(text, today)


# A month and day without a year ("on June 24th", "the MRI from April 14th", "March 2 of this
# year", "the 3rd of May"): that day of the record's year, or of the year before when it would
# fall after the record (a month name capitalised, so "may" the verb is none; never before a
# year, read elsewhere).
_MONTH_WORD = (r"(January|February|March|April|May|June|July|August|September|October|November|"
               r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DAY = r"([1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_NO_YEAR = r"(?!\s*,?\s*(?:of\s+)?['’]?\d)(?!\d)"
_MONTH_DAY = re.compile(rf"\b{_MONTH_WORD}\s+{_DAY}\b{_NO_YEAR}(?:\s+of\s+(this|last)\s+year)?|"
                        rf"\bthe\s+{_DAY}\s+of\s+{_MONTH_WORD}\b{_NO_YEAR}")


def month_and_day(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The first month and day ``text`` names without a year, in the year up to ``today``."""
    found = _MONTH_DAY.search(text)
    if not found or _TO_COME.search(text[max(0, found.start() - 30):found.start()]):
        return None
    name, day, which = (found.group(1, 2, 3) if found.group(1) else
                        (found.group(5), found.group(4), None))
    month = month_number(name)
    named = today.year - (which or "").lower().startswith("last")
    for year in (named, named - 1) if which is None else (named,):
        try:
            when = dt.date(year, month, int(day))
        except ValueError:
            return None
        if when <= today:
            return when, "day"
    return None


# A month and a year written short or with "of" ("June '25", "December of '24", "October of
# 2024"): that month.
_MONTH_OF_YEAR = re.compile(rf"\b{_MONTH_WORD}\s+(?:of\s+(?=\S*\d)|(?=['’]))['’]?(\d{{2}}|"
                            rf"(?:19|20)\d{{2}})(?![\w'’])", re.IGNORECASE)


def month_of_year(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    found = _MONTH_OF_YEAR.search(text)
    if not found:
        return None
    year = int(found.group(2))
    year = year if year > 99 else 2000 + year if 2000 + year <= today.year else 1900 + year
    return dt.date(year, month_number(found.group(1)), 1), "month"
