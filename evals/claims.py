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
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                 "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)


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
    """Numbers stated in prose, outside dates and spinal levels (and word numbers to twenty).
    An impossible date ("37 May 2023") keeps its numbers, so they are checked as numbers."""
    stripped = _LEVEL.sub(" ", _strip_dates(text))
    found = {float(n) for n in _NUMBER.findall(stripped)}
    found |= {float(_WORD_NUMBERS[w.lower()]) for w in _WORD_NUMBER.findall(text)}
    return frozenset(found)


def _strip_dates(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return " " if dates(match.group(0)) else match.group(0)
    text = _LONG.sub(blank, _ISO.sub(blank, text))
    return _US.sub(blank, text) if _US_HINT.search(text) else text


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
