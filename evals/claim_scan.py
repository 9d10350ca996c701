"""How a text is read for its claims (``scan``; ``evals/claims.py`` says what each kind is).

Each text is read once (``scan``, cached per text, since the same sources are read for many
sentences and mutated drafts), and each kind of claim is worked out when first asked for. The
reading is kept cheap without changing what is found (the patterns and what their matches need:
``evals/claim_patterns.py``):

- a pattern that cannot match is not run: cheap tests on the text say whether it holds what
  every match needs (a digit, a month name with a number after it, an ISO date's "-dd-", a
  capital before a digit, one of the pattern's words);
- an ASCII text is read in lower case with each case-insensitive pattern's twin (a text with
  other characters is read with the patterns as written);
- a long text with double quotes (the case file's JSON dumps) is read part by part.

The tests on lower-case text are used only on ASCII text, where lower-casing is what IGNORECASE
does."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from drafting.case.vocab import normalize_level
from evals.claim_patterns import (
    AGE_AFTER,
    AMOUNT,
    BILATERAL,
    DAY_MONTH,
    DAYS_PER,
    DIGIT,
    DURATION,
    FRACTION,
    FREQUENCY,
    FREQUENCY_STARTS,
    FREQUENCY_WORD,
    ISO,
    ISO_HINT,
    LEVEL,
    LEVEL_HINT,
    LONG,
    MEASURED_RANGE,
    MONTH_DAY,
    MONTH_HINT,
    MONTH_YEAR,
    MONTHS,
    NUMBER,
    NUMBER_WORDS,
    PAIR,
    PERCENT,
    SCORE,
    SIDE,
    SIDE_AFTER_THE,
    SLASH,
    SLASH_MONTH,
    THRESHOLD,
    US,
    US_HINT,
    VERB_LEFT,
    WORD_NUMBER,
    YEAR,
    Pattern,
    blank,
    blank_day,
    blank_day_first,
    blank_iso_date,
    blank_long_date,
    blank_slash_date,
    blank_us_date,
    has_bilateral,
    has_bound,
    has_fraction_word,
    has_month,
    has_percent,
    has_side,
    has_span_word,
    has_unit,
    month_number,
    word_number,
    words,
)

__all__ = ["Claims", "clear_caches", "scan"]




class _Lazy:
    """An attribute worked out by a method when first read, then kept as a plain attribute
    (``functools.cached_property`` without its lock)."""

    def __init__(self, make: Callable[[Claims], Any]) -> None:
        self.make = make
        self.name = make.__name__.lstrip("_")

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, claims: Claims | None, owner: type | None = None) -> Any:
        if claims is None:
            return self
        found = claims.__dict__[self.name] = self.make(claims)
        return found


class _Kind(_Lazy):
    """A kind of claim (a set). A long text with double quotes (a JSON dump of the case file)
    claims what its parts between the quotes claim: no pattern matches a double quote or needs
    one around a match (a quote reads as the start or end of a text), and the parts of the
    case file's dumps are few and shared (cached per part). ``digits``: every claim of the kind
    is written with a digit (a text without one has none)."""

    def __init__(self, make: Callable[[Claims], Any], digits: bool = False) -> None:
        super().__init__(make)
        self.digits = digits

    def __get__(self, claims: Claims | None, owner: type | None = None) -> Any:
        if claims is None:
            return self
        text = claims.text
        if self.digits and not claims.digit:
            found: Any = frozenset()
        elif len(text) > _LONG_TEXT and '"' in text:
            found = frozenset().union(*(getattr(part, self.name) for part in claims.parts
                                        if part.digit or not self.digits))
        else:
            found = self.make(claims)
        claims.__dict__[self.name] = found
        return found


class Claims:
    """What one text claims (``scan``): each kind ("numbers", "dates"...) is worked out when
    first read, by the method of its name with a leading underscore, and then kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self.digit = DIGIT.search(text) is not None
        self.lower = text.lower() if self.ascii else text

    def _parts(self) -> list[Claims]:
        """The text's parts between double quotes, each with a letter or a digit."""
        return [scan(part) for part in set(self.text.split('"')) if _ALNUM.search(part)]

    # -- what each pattern needs -----------------------------------------------------------

    def has(self, holds: Callable[[str], bool]) -> bool:
        """Whether the text may hold what a pattern's matches hold (``holds`` tests the lower
        case; any text not in ASCII may: IGNORECASE matches more than lower case there)."""
        return not self.ascii or holds(self.lower)

    def _month(self) -> bool:
        """Whether a month name may be written with a number after it."""
        return self.digit and (not self.ascii or (has_month(self.lower) and
                                                  MONTH_HINT.search(self.lower) is not None))

    def _words(self) -> frozenset[bytes]:
        """The text's words (ASCII text only; a blanked text's words are among them)."""
        return words(self.lower)

    def _number_words(self) -> bool:
        """Whether a number may be written in words ("twenty-four", "seven")."""
        return not self.ascii or not self.words.isdisjoint(NUMBER_WORDS)

    def _iso(self) -> bool:
        return ISO_HINT.search(self.text) is not None

    def _year(self) -> bool:
        """Whether a year may be written (every one begins with 19 or 20)."""
        return "19" in self.text or "20" in self.text

    def findall(self, pattern: Pattern) -> list[Any]:
        """``pattern.findall`` in this text (its lower case read once)."""
        return pattern.ascii.findall(self.lower) if self.ascii else pattern.any.findall(self.text)

    def matches(self, pattern: Pattern) -> Iterator[re.Match[str]]:
        """``pattern.finditer`` in this text (its lower case read once)."""
        return pattern.ascii.finditer(self.lower) if self.ascii else pattern.any.finditer(self.text)

    # -- the claims ------------------------------------------------------------------------

    def _dates(self) -> frozenset[dt.date]:
        text, found = self.text, set()
        for y, m, d in ISO.findall(text) if self.iso else ():
            try:
                found.add(dt.date(int(y), int(m), int(d)))
            except ValueError:
                continue
        for m, d, y in SLASH.findall(text) if "/" in text else ():  # "9/21/2015"
            try:
                found.add(dt.date(int(y), int(m), int(d)))
            except ValueError:
                continue
        if self.month:
            for d, month, y in self.findall(LONG):
                try:
                    found.add(dt.date(int(y), MONTHS[month.lower()], int(d)))
                except ValueError:
                    continue
            for month, d, y in self.findall(US) if US_HINT.search(text) else ():
                try:
                    found.add(dt.date(int(y), month_number(month), int(d)))
                except ValueError:
                    continue
        return frozenset(found)

    def _levels(self) -> frozenset[str]:
        out = set()
        for raw in LEVEL.findall(self.text) if LEVEL_HINT.search(self.text) else ():
            try:
                out.add(normalize_level(raw))
            except ValueError:
                continue
        return frozenset(out)

    def _unverbed(self) -> Claims | None:
        """The text with "left" as a verb ("visits left leg pain") made another word, if it
        has one: its sides are that text's."""
        if "left" not in self.text.lower() or not VERB_LEFT.search(self.text):
            return None
        return scan(VERB_LEFT.sub(lambda m: m.group(0)[:-4] + "kept", self.text))

    def _sides(self) -> frozenset[str]:
        if self.unverbed is not None:
            return self.unverbed.sides
        found: set[str] = set()
        if self.has(has_side):
            found = {m.lower() for m in self.findall(SIDE)}
            found |= {m.lower() for m in self.findall(SIDE_AFTER_THE)}
        if self.has(has_bilateral) and self.findall(BILATERAL):
            found.add("bilateral")
        return frozenset(found)

    def _side_pairs(self) -> frozenset[tuple[str, str]]:
        if not self.has(has_side):
            return frozenset()
        if self.unverbed is not None:
            return self.unverbed.side_pairs
        return frozenset((side.lower(), part.lower()) for side, part in self.findall(PAIR))

    def _months_blanked(self) -> str:
        """The text with its whole dates (valid ones) and its months with a year blanked."""
        text = ISO.sub(blank_iso_date, self.text) if self.iso else self.text
        if "/" in text:
            text = SLASH_MONTH.sub(" ", SLASH.sub(blank_slash_date, text))
        if not self.month:
            return text
        text = LONG.sub(text, blank_long_date)
        text = US.sub(text, blank_us_date) if US_HINT.search(text) else text
        return MONTH_YEAR.sub(text, blank)

    def _numbers(self) -> frozenset[float]:
        stripped = self.months_blanked
        if self.month:
            stripped = DAY_MONTH.sub(MONTH_DAY.sub(stripped, blank_day), blank_day_first)
        if self.digit:
            if self.year:
                stripped = YEAR.sub(" ", stripped)
            if LEVEL_HINT.search(self.text):
                stripped = LEVEL.sub(" ", stripped)
        if self.has(has_fraction_word):
            stripped = FRACTION.sub(stripped, blank)
        found = {float(n) for n in NUMBER.findall(stripped)} if self.digit else set()
        if self.digit and ("-" in stripped or "\u2013" in stripped):  # "3-4/10", "50-60%"
            found |= {float(n) for m in MEASURED_RANGE.findall(stripped) for n in m}
        if self.number_words:
            for match in WORD_NUMBER.finditer(stripped):
                found.add(word_number(match.group(0).lower()))
        if not self.ascii or not self.words.isdisjoint(FREQUENCY_STARTS):
            for abbreviation in FREQUENCY_WORD.findall(stripped):
                found.add(float(FREQUENCY[re.sub(r"[.\s]", "", abbreviation.lower())]))
        return frozenset(found)

    def _month_years(self) -> frozenset[tuple[int, int]]:
        numeric = frozenset((int(y), int(m)) for m, y in SLASH_MONTH.findall(self.text)
                            ) if "/" in self.text else frozenset()
        if not self.month:
            return numeric
        rest = ISO.sub(" ", self.text) if self.iso else self.text
        return numeric | {(int(y), month_number(m)) for m, y in MONTH_YEAR.findall(rest)}

    def _month_days(self) -> frozenset[tuple[int, int]]:
        if not self.month:
            return frozenset()
        return frozenset((month_number(m), int(d)) for m, d in self.findall(MONTH_DAY)
                         if 1 <= int(d) <= 31)

    def _bare_years(self) -> frozenset[int]:
        if not (self.digit and self.year):
            return frozenset()
        return frozenset(int(y) for y in YEAR.findall(self.months_blanked))

    def _years(self) -> frozenset[int]:
        return frozenset(self.bare_years | {y for y, _ in self.month_years} |
                         {d.year for d in self.dates})

    def _durations(self) -> frozenset[tuple[float, str]]:
        found = set()
        spans = (self.digit or self.number_words) and self.has(has_span_word)
        for match in self.matches(DURATION) if spans else ():
            if match.group("unit").lower() == "year" and AGE_AFTER.match(self.text, match.end()):
                continue  # a person's age ("a 68-year-old man", "52 years of age"), not a span
                # (not "an injury about four months old", which is a span)
            said = scan(self.text[match.start():match.end()]).numbers
            if said:
                found.add((max(said), match.group("unit").lower()))
        return frozenset(found)

    def _quantities(self) -> frozenset[tuple[str, float]]:
        text, found = self.text, set()
        if self.digit:
            found = {("score", float(v)) for v in SCORE.findall(text)} if "/" in text else set()
            if self.has(has_percent):
                found |= {("percent", float(v)) for v in self.findall(PERCENT)}
            if self.has(has_unit):
                found |= {(unit.lower().rstrip("s") if unit.lower() not in ("mme",) else "mme",
                           float(v)) for v, unit in self.findall(AMOUNT)}
        found |= {("days", round(v * DAYS_PER[u])) for v, u in self.durations}
        return frozenset(found)

    def _thresholds(self) -> frozenset[float]:
        found: set[float] = set()
        for match in self.matches(THRESHOLD) if self.has(has_bound) else ():
            group = 1 if match.group(1) else 2 if match.group(2) else 0
            found |= scan(self.text[match.start(group):match.end(group)] if group else "").numbers
        return frozenset(found)


    parts = _Lazy(_parts)
    month = _Lazy(_month)
    words = _Lazy(_words)
    number_words = _Lazy(_number_words)
    iso = _Lazy(_iso)
    year = _Lazy(_year)
    months_blanked = _Lazy(_months_blanked)
    dates = _Kind(_dates, digits=True)
    levels = _Kind(_levels, digits=True)
    unverbed = _Lazy(_unverbed)
    sides = _Kind(_sides)
    side_pairs = _Kind(_side_pairs)
    numbers = _Kind(_numbers)
    month_years = _Kind(_month_years, digits=True)
    month_days = _Kind(_month_days, digits=True)
    bare_years = _Kind(_bare_years, digits=True)
    years = _Kind(_years, digits=True)
    durations = _Kind(_durations)
    quantities = _Kind(_quantities)
    thresholds = _Kind(_thresholds)


# The length above which a text with double quotes is read part by part.
_LONG_TEXT = 1000
_ALNUM = re.compile(r"[^\W_]")


@lru_cache(maxsize=16384)
def scan(text: str) -> Claims:
    """The claims of a text (cached per text)."""
    return Claims(text)


def clear_caches() -> None:
    """Forget every text read (for timing on cold caches); the patterns stay compiled."""
    scan.cache_clear()
