"""Extract checkable claims from a sentence: numbers, dates, sides, spinal levels, spans,
amounts and bounds, each kind as a function of the text.

Each text is read once and each kind of claim worked out when first asked for
(``evals/claim_scan.py``: ``scan`` gives a text's ``Claims``); the patterns and what their
matches need are in ``evals/claim_patterns.py``."""

from __future__ import annotations

import datetime as dt

from evals.claim_patterns import (
    DAYS_PER,
    LEADING_DATE,
    MONTHS,
    SIDE_BEFORE_ANATOMY,
    word_number,
)
from evals.claim_scan import Claims, clear_caches, scan

__all__ = ["DAYS_PER", "MONTHS", "SIDE_BEFORE_ANATOMY", "Claims", "bare_years", "clear_caches",
           "dates", "durations", "leading_date", "levels", "month_days", "month_years",
           "numbers", "quantities", "scan", "side_pairs", "sides", "thresholds",
           "word_number", "years"]


def dates(text: str) -> frozenset[dt.date]:
    return scan(text).dates


def levels(text: str) -> frozenset[str]:
    return scan(text).levels


def sides(text: str) -> frozenset[str]:
    return scan(text).sides


def numbers(text: str) -> frozenset[float]:
    """Numbers stated in prose, outside dates (whole or partial), spinal levels and shares
    ("two thirds"); word numbers to ninety-nine; dosing abbreviations as times a day. An
    impossible date ("37 May 2023") keeps its numbers, so they are checked as numbers."""
    return scan(text).numbers


def month_years(text: str) -> frozenset[tuple[int, int]]:
    """(year, month) of every month named with its year ("July 2022"), whole dates aside."""
    return scan(text).month_years


def month_days(text: str) -> frozenset[tuple[int, int]]:
    """(month, day) of every day named without its year ("February 18 and March 28, 2025")."""
    return scan(text).month_days


def bare_years(text: str) -> frozenset[int]:
    """Years the text names alone ("in 2021"), outside whole dates and months with a year."""
    return scan(text).bare_years


def years(text: str) -> frozenset[int]:
    """Every year the text names: alone, with a month, or in a whole date."""
    return scan(text).years


def side_pairs(text: str) -> frozenset[tuple[str, str]]:
    """(side, anatomy) pairs such as ("left", "arm"), to tell "right arm" from "left arm" in
    a sentence that mentions both sides."""
    return scan(text).side_pairs


def leading_date(text: str) -> dt.date | None:
    """The date heading a chronology line ("- 2 April 2025: ...")."""
    match = LEADING_DATE.match(text)
    found = dates(match.group(1)) if match else frozenset()
    return next(iter(found)) if found else None


def durations(text: str) -> frozenset[tuple[float, str]]:
    """(number, unit) of each span the text states ("seven months", "3 weeks", "twenty-four
    days"), the number as ``numbers`` reads it."""
    return scan(text).durations


def quantities(text: str) -> frozenset[tuple[str, float]]:
    """Values with their kind: pain scores ("6/10"), percentages, amounts with a unit (mg,
    MME, tablets, visits...) and spans in days: what makes a sentence about one patient."""
    return scan(text).quantities


def thresholds(text: str) -> frozenset[float]:
    """Numbers a sentence states as a bound ("at least 50 percent", "no more than two",
    "90 MME or more"): what a guideline it cites must itself state."""
    return scan(text).thresholds
