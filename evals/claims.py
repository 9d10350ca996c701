"""Extract checkable claims from a sentence: numbers, dates, sides, spinal levels."""

from __future__ import annotations

import datetime as dt
import re

from drafting.case.vocab import normalize_level

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"], start=1)}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LONG = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)
_LEVEL = re.compile(r"\b([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b")
_SIDE = re.compile(r"\b(left|right|bilateral)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)(?![\w-])")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                 "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30}


def dates(text: str) -> set[dt.date]:
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
    return found


def levels(text: str) -> set[str]:
    out = set()
    for raw in _LEVEL.findall(text):
        try:
            out.add(normalize_level(raw))
        except ValueError:
            continue
    return out


def sides(text: str) -> set[str]:
    return {s.lower() for s in _SIDE.findall(text)}


def numbers(text: str) -> set[float]:
    """Numbers stated in prose, outside dates and spinal levels (and word numbers to twenty)."""
    stripped = _LEVEL.sub(" ", _LONG.sub(" ", _ISO.sub(" ", text)))
    found = {float(n) for n in _NUMBER.findall(stripped)}
    found |= {float(v) for w, v in _WORD_NUMBERS.items() if re.search(rf"\b{w}\b", text, re.I)}
    return found
