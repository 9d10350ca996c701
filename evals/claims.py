"""Extract checkable claims from a sentence: numbers, dates, sides, spinal levels (cached per
text, since the same sources are read for many sentences and mutated drafts)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from drafting.case.vocab import normalize_level

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"], start=1)}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)
_US = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b", re.I)
# In every US-style date; looked for first, since scanning for a month name costs far more.
_US_HINT = re.compile(r"\d, \d{4}")
_LEVEL = re.compile(r"\b([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b")
# "left" is a side before anatomy or a level ("left L5 root", "left-sided"), or after "the"
# ("on the left"); not as a verb ("left persistent pain").
_ANATOMY = (r"sided?|[CTLS]\d|lower|upper|lateral|medial|posterior|anterior|paraspinal|"
            r"sacroiliac|SI|facet|foramin|foramen|leg|arm|knee|foot|feet|ankle|buttock|hip|thigh|calf|"
            r"shin|shoulder|hand|wrist|elbow|neck|groin|great|big|toe|fibula|fibular|tibia|"
            r"gluteal|sciatic|radicular|dermatom|extensor|flexor|quadriceps|hamstring|achilles|"
            r"patellar|biceps|triceps|anterolateral|posterolateral")
SIDE_BEFORE_ANATOMY = re.compile(rf"\b(left|right)(?=[\s-]+(?:{_ANATOMY}))", re.I)
_SIDE_AFTER_THE = re.compile(r"\bthe (left|right)\b", re.I)
_BILATERAL = re.compile(r"\b(bilateral(?:ly)?|both sides)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)(?![\w-])")
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
# "one" is left out: as often a pronoun or article ("one of", "one prescriber") as a count.
_WORD_NUMBERS = {**{k: v for k, v in _UNITS.items() if k != "one"}, "ten": 10, "eleven": 11,
                 "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twice": 2, "thrice": 3}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_WORD_NUMBER = re.compile(r"\b(?:(" + "|".join(_TENS) + r")(?:[\s-](" + "|".join(_UNITS) +
                          r"))?|(" + "|".join(_WORD_NUMBERS) + r"))\b", re.I)
# Dosing frequencies a record abbreviates: "b.i.d." is twice a day, "q8h" three times.
_FREQUENCY = {"bid": 2, "tid": 3, "qid": 4, "q12h": 2, "q8h": 3, "q6h": 4, "q4h": 6}
_FREQUENCY_WORD = re.compile(r"\b(b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\s?(?:12|8|6|4)\s?h)\b\.?",
                             re.I)
# "two thirds", "a half": a share, not a count; "2 of 3": counted elsewhere.
_FRACTION = re.compile(r"\b\w+[\s-]+(?:thirds?|quarters?|halves|fifths?)\b", re.I)
# Partial dates: "July 2022", "February 18" (no year), a year on its own ("in 2021").
_MONTH_NAMES = "|".join(MONTHS) + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\.?,? (?:of )?((?:19|20)\d\d)\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})"
                        rf"(?![\d:])", re.I)
_YEAR = re.compile(r"(?<![\w.-])((?:19|20)\d\d)(?![\w-])(?!\s*(?:mg|mcg|ml|mL|units?|%|"
                   r"percent|MME|kcal|ms)\b)")
_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}


def _month(name: str) -> int:
    name = name.lower()
    return MONTHS.get(name) or _SHORT[name]


@lru_cache(maxsize=8192)
def dates(text: str) -> frozenset[dt.date]:
    found = set()
    for y, m, d in _ISO.findall(text):
        try:
            found.add(dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    for d, month, y in _LONG.findall(text):
        try:
            found.add(dt.date(int(y), MONTHS[month.lower()], int(d)))
        except ValueError:
            continue
    for month, d, y in _US.findall(text) if _US_HINT.search(text) else ():
        try:
            found.add(dt.date(int(y), MONTHS[month.lower()], int(d)))
        except ValueError:
            continue
    return frozenset(found)


@lru_cache(maxsize=8192)
def levels(text: str) -> frozenset[str]:
    out = set()
    for raw in _LEVEL.findall(text):
        try:
            out.add(normalize_level(raw))
        except ValueError:
            continue
    return frozenset(out)


@lru_cache(maxsize=8192)
def sides(text: str) -> frozenset[str]:
    found = {m.lower() for m in SIDE_BEFORE_ANATOMY.findall(text)}
    found |= {m.lower() for m in _SIDE_AFTER_THE.findall(text)}
    return frozenset(found | ({"bilateral"} if _BILATERAL.search(text) else set()))


@lru_cache(maxsize=8192)
def numbers(text: str) -> frozenset[float]:
    """Numbers stated in prose, outside dates (whole or partial), spinal levels and shares
    ("two thirds"); word numbers to ninety-nine; dosing abbreviations as times a day. An
    impossible date ("37 May 2023") keeps its numbers, so they are checked as numbers."""
    stripped = _FRACTION.sub(" ", _LEVEL.sub(" ", _strip_dates(text)))
    found = {float(n) for n in _NUMBER.findall(stripped)}
    for tens, unit, word in _WORD_NUMBER.findall(stripped):
        found.add(float(_TENS[tens.lower()] + (_UNITS[unit.lower()] if unit else 0)) if tens
                  else float(_WORD_NUMBERS[word.lower()]))
    for abbreviation in _FREQUENCY_WORD.findall(stripped):
        found.add(float(_FREQUENCY[re.sub(r"[.\s]", "", abbreviation.lower())]))
    return frozenset(found)


def _blank_date(match: re.Match[str]) -> str:
    return " " if dates(match.group(0)) else match.group(0)


def _strip_whole_dates(text: str) -> str:
    text = _LONG.sub(_blank_date, _ISO.sub(_blank_date, text))
    return _US.sub(_blank_date, text) if _US_HINT.search(text) else text


def _strip_dates(text: str) -> str:
    text = _MONTH_YEAR.sub(" ", _strip_whole_dates(text))
    return _YEAR.sub(" ", _MONTH_DAY.sub(_blank_day, text))


def _blank_day(match: re.Match[str]) -> str:
    return " " if 1 <= int(match.group(2)) <= 31 else match.group(0)


@lru_cache(maxsize=8192)
def month_years(text: str) -> frozenset[tuple[int, int]]:
    """(year, month) of every month named with its year ("July 2022"), whole dates aside."""
    rest = _ISO.sub(" ", text)
    return frozenset((int(y), _month(m)) for m, y in _MONTH_YEAR.findall(rest))


@lru_cache(maxsize=8192)
def month_days(text: str) -> frozenset[tuple[int, int]]:
    """(month, day) of every day named without its year ("February 18 and March 28, 2025")."""
    return frozenset((_month(m), int(d)) for m, d in _MONTH_DAY.findall(text)
                     if 1 <= int(d) <= 31)


@lru_cache(maxsize=8192)
def bare_years(text: str) -> frozenset[int]:
    """Years the text names alone ("in 2021"), outside whole dates and months with a year."""
    rest = _MONTH_YEAR.sub(" ", _strip_whole_dates(text))
    return frozenset(int(y) for y in _YEAR.findall(rest))


@lru_cache(maxsize=8192)
def years(text: str) -> frozenset[int]:
    """Every year the text names: alone, with a month, or in a whole date."""
    return frozenset(bare_years(text) | {y for y, _ in month_years(text)} |
                     {d.year for d in dates(text)})


_PAIR = re.compile(rf"\b(left|right)[\s-]+({_ANATOMY})\w*", re.I)


@lru_cache(maxsize=8192)
def side_pairs(text: str) -> frozenset[tuple[str, str]]:
    """(side, anatomy) pairs such as ("left", "arm"), to tell "right arm" from "left arm" in
    a sentence that mentions both sides."""
    return frozenset((m.group(1).lower(), m.group(2).lower()) for m in _PAIR.finditer(text))


_LEADING_DATE = re.compile(r"^\s*(?:[-*]\s*)?(\d{1,2} [A-Za-z]+ \d{4}|\d{4}-\d{2}-\d{2}):")


def leading_date(text: str) -> dt.date | None:
    """The date heading a chronology line ("- 2 April 2025: ...")."""
    match = _LEADING_DATE.match(text)
    found = dates(match.group(1)) if match else frozenset()
    return next(iter(found)) if found else None


_DURATION = re.compile(r"\b(\d+(?:\.\d+)?|" + "|".join([*_TENS, *_WORD_NUMBERS]) +
                       r")(?:[\s-]+(?:" + "|".join(_UNITS) + r"))?[\s-]+(day|week|month|year)s?\b",
                       re.I)
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


@lru_cache(maxsize=8192)
def durations(text: str) -> frozenset[tuple[float, str]]:
    """(number, unit) of each span the text states ("seven months", "3 weeks", "twenty-four
    days"), the number as ``numbers`` reads it."""
    found = set()
    for match in _DURATION.finditer(text):
        said = numbers(match.group(0))
        if said:
            found.add((max(said), match.group(2).lower()))
    return frozenset(found)


_SCORE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*/\s*10\b")
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.I)
_AMOUNT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[\s-]*(mg|mcg|µg|mL|ml|MME|tablets?|units?|"
                     r"visits?|sessions?|injections?|infusions?|minutes?|hours?)\b", re.I)


@lru_cache(maxsize=8192)
def quantities(text: str) -> frozenset[tuple[str, float]]:
    """Values with their kind: pain scores ("6/10"), percentages, amounts with a unit (mg,
    MME, tablets, visits...) and spans in days: what makes a sentence about one patient."""
    found = {("score", float(v)) for v in _SCORE.findall(text)}
    found |= {("percent", float(v)) for v in _PERCENT.findall(text)}
    found |= {(unit.lower().rstrip("s") if unit.lower() not in ("mme",) else "mme", float(v))
              for v, unit in _AMOUNT.findall(text)}
    found |= {("days", round(v * DAYS_PER[u])) for v, u in durations(text)}
    return frozenset(found)


_THRESHOLD = re.compile(
    r"\b(?:at least|a minimum of|minimum of|no (?:more|fewer|less) than|not more than|more than|"
    r"less than|fewer than|greater than|up to|at most|a maximum of|ceiling of|limit of|"
    r"exceed(?:s|ing)?|over|within)\s+(?:about\s+|approximately\s+)?"
    r"((?:\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)(?:\s*(?:%|percent|mm|MME|mg|months?|weeks?|days?|"
    r"years?|hours?|sessions?|visits?|injections?|blocks?|levels?))?)"
    r"|\b(\d+(?:\.\d+)?\s*(?:%|percent|MME|mm)?|[a-z]+)\s+or more\b", re.I)


@lru_cache(maxsize=8192)
def thresholds(text: str) -> frozenset[float]:
    """Numbers a sentence states as a bound ("at least 50 percent", "no more than two",
    "90 MME or more"): what a guideline it cites must itself state."""
    found: set[float] = set()
    for match in _THRESHOLD.finditer(text):
        found |= numbers(match.group(1) or match.group(2) or "")
    return frozenset(found)
