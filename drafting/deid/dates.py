"""Dates as records write them (03/14/2023, 3/14/23, 2023-03-14, March 14, 2023, 14 Mar 2023):
found with their spans, read as dates, and rewritten in the same style (for date shifting)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({name[:3]: i for i, name in enumerate(MONTHS, start=1)})
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

DATE_PATTERN = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<us>(?P<um>\d{1,2})(?P<usep>[/-])(?P<ud>\d{1,2})(?P=usep)(?P<uy>\d{4}|\d{2}))"
    r"|(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    rf"|(?P<long>(?P<lm>{_MONTH})\s+(?P<ld>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ly>\d{{4}}))"
    rf"|(?P<euro>(?P<ed>\d{{1,2}})\s+(?P<em>{_MONTH})\s+(?P<ey>\d{{4}}))"
    r")(?![\w/-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    date: dt.date
    text: str

    def rewritten(self, day: dt.date) -> str:
        """``day`` written in the style of this date's text."""
        return format_like(self.text, day)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # two-digit years: 00-39 are 2000s, the rest 1900s
        year += 2000 if year < 40 else 1900
    return year


def _month(text: str) -> int:
    return _MONTH_NUMBER[text.lower().rstrip(".")[:3]]


def _parse(match: re.Match[str]) -> dt.date | None:
    g = match.groupdict()
    try:
        if g["us"]:
            return dt.date(_year(g["uy"]), int(g["um"]), int(g["ud"]))
        if g["iso"]:
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["long"]:
            return dt.date(int(g["ly"]), _month(g["lm"]), int(g["ld"]))
        return dt.date(int(g["ey"]), _month(g["em"]), int(g["ed"]))
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> Iterator[FoundDate]:
    for match in DATE_PATTERN.finditer(text):
        day = _parse(match)
        if day is not None:
            yield FoundDate(match.start(), match.end(), day, match.group(0))


def format_like(original: str, day: dt.date) -> str:
    """Write ``day`` as ``original`` was written (separator, zero padding, year digits, month
    names spelt out or abbreviated)."""
    match = DATE_PATTERN.fullmatch(original.strip())
    if match is None:
        return day.isoformat()
    g = match.groupdict()
    if g["iso"]:
        return day.isoformat()
    if g["us"]:
        sep = g["usep"]
        month = f"{day.month:02d}" if len(g["um"]) == 2 else str(day.month)
        dom = f"{day.day:02d}" if len(g["ud"]) == 2 else str(day.day)
        year = f"{day.year % 100:02d}" if len(g["uy"]) == 2 else str(day.year)
        return f"{month}{sep}{dom}{sep}{year}"
    written = g["lm"] or g["em"]
    name = MONTHS[day.month - 1]
    if len(written.rstrip(".")) <= 4:
        name = name[:3] + ("." if written.endswith(".") else "")
    name = name.upper() if written.isupper() else name.capitalize()
    if g["long"]:
        comma = "," if "," in original else ""
        return f"{name} {day.day}{comma} {day.year}"
    return f"{day.day} {name} {day.year}"


_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)
_NUMERIC_MONTH = re.compile(r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})\b")
_IN_YEAR = re.compile(r"\b(?:in|since|during)\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)


def find_partial_date(text: str) -> tuple[dt.date, str] | None:
    """A month or a year a sentence gives without a day ("in August 2017", "04/2023",
    "in 2019"): its first day and the precision ("month" or "year"), so no day is invented."""
    if match := _MONTH_YEAR.search(text):
        return dt.date(int(match.group("year")), _month(match.group("month")), 1), "month"
    if match := _NUMERIC_MONTH.search(text):
        return dt.date(int(match.group("year")), int(match.group("month")), 1), "month"
    if match := _IN_YEAR.search(text):
        return dt.date(int(match.group("year")), 1, 1), "year"
    return None
