"""The patterns that find claims in a text (dates, levels, sides, numbers, spans, amounts,
bounds) and what every match of each holds, so that a pattern is run only where it can match.

Each case-insensitive pattern has a twin for lower-case ASCII text: the same pattern without
IGNORECASE (several times faster), written where it pays so that the engine skips ahead to the
characters a match begins with (a word boundary is then a lookbehind after the first character:
``\\b`` before a letter or digit is ``(?<!\\w)`` before it). A text with other characters is
read with the patterns as written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any


class Pattern:
    """A case-insensitive pattern, with its twin for lower-case ASCII text: the same pattern
    without IGNORECASE, written (``ascii``) so that the engine can skip ahead to the characters
    a match begins with; by default the pattern in lower case."""

    def __init__(self, source: str, ascii: str | None = None) -> None:
        if ascii is None and re.search(r"\\[A-Z]", source):
            raise ValueError(f"an escape would change its meaning in lower case: {source}")
        self.any = re.compile(source, re.I)
        self.ascii = re.compile(source.lower() if ascii is None else ascii)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches (read in lower case where the text is ASCII: spans are the text's)."""
        return self.ascii.finditer(text.lower()) if text.isascii() else self.any.finditer(text)

    def findall(self, text: str) -> list[Any]:
        """``findall`` (groups in lower case where the text is ASCII)."""
        return self.ascii.findall(text.lower()) if text.isascii() else self.any.findall(text)

    def sub(self, text: str, blank: Callable[[str, re.Match[str]], str]) -> str:
        """``sub`` with what ``blank`` makes of each match (given as the text writes it)."""
        parts, last = [], 0
        for m in self.finditer(text):
            start, end = m.span()
            parts += [text[last:start], blank(text[start:end], m)]
            last = end
        return "".join([*parts, text[last:]]) if parts else text


def _starts(words: list[str]) -> str:
    """Alternatives matching each word (a pattern beginning with a letter) where a word starts,
    in the given order, each beginning with its first letter: "left|right" becomes
    "l(?<!\\wl)eft|r(?<!\\wr)ight" (``\\b`` before a letter is ``(?<!\\w)`` before it). For a
    few words; for many, ``_dispatch``."""
    return "|".join(f"{w[0]}(?<!\\w{w[0]}){w[1:]}" for w in words)


def _dispatch(words: list[str], digits: str | None = None) -> str:
    """Many words (patterns beginning with a letter) where a word starts, in the given order:
    the first character is read once ("[jfm](?<!\\w[jfm])") and each word is tried after its
    own ("(?<=j)(?:anuary|an)"), so the engine skips to those characters and leaves a word's
    inside at once. ``digits``: an alternative tried first after a digit."""
    by: dict[str, list[str]] = {}
    for w in words:
        by.setdefault(w[0], []).append(w[1:])
    first = "[" + (r"\d" if digits is not None else "") + "".join(by) + "]"
    tried = [rf"(?<=\d){digits}"] if digits is not None else []
    tried += [f"(?<={k})(?:{'|'.join(rest)})" for k, rest in by.items()]
    return rf"{first}(?<!\w{first})(?:{'|'.join(tried)})"


MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"], start=1)}
ISO = re.compile(r"(\d\d{3})(?<!\w\d{4})-(\d{2})-(\d{2})\b")
# A US numeric date, month first ("9/21/2015"): a score ("4/10") has one slash and no year.
SLASH = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\w/])")
# A month written with its year in digits ("8/2010", "12/2011"): one slash and a four-digit year.
SLASH_MONTH = re.compile(r"(?<![\w/.])(0?[1-9]|1[0-2])/((?:19|20)\d\d)(?![\w/])")
LONG = Pattern(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b",
                 r"(\d(?<!\w\d)\d?) (" + "|".join(MONTHS) + r") (\d{4})\b")
# (its month whole or short: "Oct 20, 2015", "Sept. 3, 2014")
_US_MONTHS = [*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
              "nov", "dec"]
US = Pattern(r"\b(" + "|".join(_US_MONTHS) + r")\.? (\d{1,2}), (\d{4})\b",
               r"(" + _dispatch(_US_MONTHS) + r")\.? (\d{1,2}), (\d{4})\b")
# In every US-style date; looked for first, since scanning for a month name costs far more.
US_HINT = re.compile(r"\d, \d{4}")
LEVEL = re.compile(r"([CTLS](?<!\w[CTLS])\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b")
# "left" is a side before anatomy or a level ("left L5 root", "left-sided"), or after "the"
# ("on the left"); not as a verb ("left persistent pain").
_ANATOMY = (r"sided?|[CTLS]\d|lower|upper|lateral|medial|posterior|anterior|paraspinal|"
            r"sacroiliac|SI|facet|foramin|foramen|leg|arm|knee|foot|feet|ankle|buttock|hip|thigh|calf|"
            r"shin|shoulder|hand|wrist|elbow|neck|groin|great|big|toe|fibula|fibular|tibia|"
            r"gluteal|sciatic|radicular|dermatom|extensor|flexor|quadriceps|hamstring|achilles|"
            r"patellar|biceps|triceps|anterolateral|posterolateral|"
            # the upper limb's nerves, tunnels and tendons ("a left carpal tunnel release")
            r"carpal|cubital|ulnar|median|radial|rotator|supraspinatus|forearm|thumb|finger|"
            # the lower limb's and the head's named nerves ("a left superficial peroneal
            # neuropathy", "the right sural nerve", "a left greater occipital block")
            r"peroneal|sural|tibial|femoral|saphenous|genicular|obturator|pudendal|plantar|"
            r"occipital|trigeminal|intercostal|superficial|deep[\s-]+(?:peroneal|fibular|tibial)")
_LEFT_RIGHT = _starts(["left", "right"])
SIDE = Pattern(rf"\b(left|right)(?=[\s-]+(?:{_ANATOMY}))",
                 rf"({_LEFT_RIGHT})(?=[\s-]+(?:{_ANATOMY.lower()}))")
SIDE_BEFORE_ANATOMY = SIDE.any
# ("the right standard", "the right call": "right" as correct, before a noun no side goes with)
# (and after an adjective: "the right next step", "the right first option")
_NOT_A_SIDE = (r"(?![\s-]+(?:(?:next|first|best|proper|only|main|overall|initial|final)[\s-]+)?"
               r"(?:standard|standards|choice|decision|approach|question|answer|call|"
               r"thing|course|step|time|way|result|outcome|framework|test|tool|measure|"
               r"guideline|criterion|criteria|policy|rule|lens|balance|reading|conclusion|"
               r"type|kind|dose|amount|frequency|duration|setting|option|candidate|direction|"
               r"track|moment|fit|basis|sequence|order|person|place)\b)")
SIDE_AFTER_THE = Pattern(rf"\bthe (left|right)\b{_NOT_A_SIDE}",
                         rf"the (?<!\wthe )(left|right)\b{_NOT_A_SIDE}")
# (and "both" a paired part: "both shoulders", "both knees")
_PAIRED = r"sides|shoulders|knees|hips|legs|arms|hands|wrists|elbows|feet|ankles|thighs"
BILATERAL = Pattern(rf"\b(bilateral(?:ly)?|both (?:{_PAIRED}))\b",
                      rf"(b(?<!\wb)(?:ilateral(?:ly)?|oth (?:{_PAIRED})))\b")
# A side and the anatomy it goes with, perhaps past one modifier ("left paramedian C6-C7").
_BETWEEN = r"(?:(?!(?:left|right|and|or|to|of|the)\b)[a-z]+[\s-]+)?"
PAIR = Pattern(rf"\b(left|right)[\s-]+{_BETWEEN}({_ANATOMY})\w*",
                 rf"({_LEFT_RIGHT})[\s-]+{_BETWEEN}({_ANATOMY.lower()})\w*")
# "left" as a verb, not a side: after an auxiliary, a subject pronoun or a plural noun, or before
# an object ("the visits left leg pain at 6/10", "it left him", "had left work").
VERB_LEFT = re.compile(
    r"(?:\b(?:had|has|have|was|were|is|are|be|been|being|it|he|she|they|which|who|that|this|we|"
    r"i)\s+|\b\w+(?<![su])s(?<!\bhis)(?<!\bthis)(?<!\bits)(?<!\bwas)(?<!\bhas)(?<!\bis)"
    r"(?<!\bas)(?<!\bcms)\s+)left\b(?![\s-]+(?:sided|side|sides)\b)"
    r"|\bleft(?=\s+(?:him|her|them|it|me|us|the|a|an|his|their|its|no|some|only|little)\b)",
    re.IGNORECASE)
# A number: not part of a word, code, date or level ("L4-5", "2024-05-01", "PHQ-9", "T12-L1"),
# but one joined to its unit is ("a 60-pound case", "a 12-month period").
NUMBER = re.compile(r"(\d(?<![\w.-]\d)\d*(?:\.\d+)?)(?!\w|-\d|-[A-Za-z]+\d)")
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}
# "one" is left out: as often a pronoun or article ("one of", "one prescriber") as a count.
WORD_NUMBERS = {**{k: v for k, v in UNITS.items() if k != "one"}, "ten": 10, "eleven": 11,
                "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twice": 2, "thrice": 3}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# A word number: tens with a unit or not ("twenty-four"), or a number word; read from the match
# (``_word_number``), so that every alternative of the twin begins with its letter.
WORD_NUMBER = Pattern(
    r"\b(?:(?:" + "|".join(TENS) + r")(?:[\s-](?:" + "|".join(UNITS) + r"))?|(?:" +
    "|".join(WORD_NUMBERS) + r"))\b",
    _dispatch([f"{w}(?:[\\s-](?:{'|'.join(UNITS)}))?" for w in TENS] + list(WORD_NUMBERS)) +
    r"\b")
# Dosing frequencies a record abbreviates: "b.i.d." is twice a day, "q8h" three times.
FREQUENCY = {"bid": 2, "tid": 3, "qid": 4, "q12h": 2, "q8h": 3, "q6h": 4, "q4h": 6}
_ABBREVIATIONS = [r"b\.?i\.?d", r"t\.?i\.?d", r"q\.?i\.?d", r"q\s?(?:12|8|6|4)\s?h"]
FREQUENCY_WORD = Pattern(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b\.?",
                           r"(" + _starts(_ABBREVIATIONS) + r")\b\.?")
# "two thirds", "a half": a share, not a count; "2 of 3": counted elsewhere.
FRACTION = Pattern(r"\b\w+[\s-]+(?:thirds?|quarters?|halves|fifths?)\b")
# Partial dates: "July 2022", "February 18" (no year), a year on its own ("in 2021").
_MONTH_LIST = [*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
               "nov", "dec"]
_MONTH_NAMES = "|".join(_MONTH_LIST)
MONTH_YEAR = Pattern(rf"\b({_MONTH_NAMES})\.?,? (?:of )?((?:19|20)\d\d)\b",
                       rf"({_dispatch(_MONTH_LIST)})\.?,? (?:of )?((?:19|20)\d\d)\b")
MONTH_DAY = Pattern(rf"\b({_MONTH_NAMES})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})"
                      rf"(?![\d:])",
                      rf"({_dispatch(_MONTH_LIST)})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})"
                      rf"(?![\d:])")
# A day before its month without a year ("from 18 April to 29 July 2022"); not "may", a verb as
# often ("2 may be").
DAY_MONTH = Pattern(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? "
                    rf"({'|'.join(m for m in _MONTH_LIST if m != 'may')})\b\.?(?!,? \d{{4}})")
YEAR = re.compile(r"((?:19|20)(?<![\w.-]..)\d\d)(?![\w-])(?!\s*(?:mg|mcg|ml|mL|units?|%|"
                  r"percent|MME|kcal|ms)\b)")
SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
         "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# A span: a number (in digits or words), perhaps a unit word, and its unit (group "unit").
_SPAN_TAIL = r"(?:[\s-]+(?:" + "|".join(UNITS) + r"))?[\s-]+(?P<unit>day|week|month|year)s?\b"
DURATION = Pattern(
    r"\b(\d+(?:\.\d+)?|" + "|".join([*TENS, *WORD_NUMBERS]) + r")" + _SPAN_TAIL,
    _dispatch([*TENS, *WORD_NUMBERS], digits=r"\d*(?:\.\d+)?") + _SPAN_TAIL)
# What follows a span that is a person's age ("68-year-old", "52 years old", "40 years of age").
AGE_AFTER = re.compile(r"[\s-]+old\b|\s+of\s+age\b", re.IGNORECASE)
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
# A range of scores or percentages written with a hyphen ("3-4/10", "50-60%"): both ends are
# numbers (a level, "L4-5", has a letter before it; an ISO date is blanked first).
MEASURED_RANGE = re.compile(r"(?<![\w.-])(\d{1,3}(?:\.\d+)?)\s*[-\u2013]\s*(\d{1,3}(?:\.\d+)?)"
                            r"(?=\s*(?:/\s*10\b|%|percent\b|per cent\b))")
SCORE = re.compile(r"(\d(?<![\w.]\d)\d*(?:\.\d+)?)\s*/\s*10\b")
PERCENT = Pattern(r"(\d(?<![\w.]\d)\d*(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")
AMOUNT = Pattern(r"(\d(?<![\w.]\d)\d*(?:\.\d+)?)[\s-]*(mg|mcg|µg|mL|ml|MME|tablets?|units?|"
                   r"visits?|sessions?|injections?|infusions?|minutes?|hours?)\b")
THRESHOLD = Pattern(
    r"\b(?:at least|a minimum of|minimum of|no (?:more|fewer|less) than|not more than|more than|"
    r"less than|fewer than|greater than|up to|at most|a maximum of|ceiling of|limit of|"
    r"exceed(?:s|ing)?|over|within)\s+(?:about\s+|approximately\s+)?"
    r"((?:\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)(?:\s*(?:%|percent|mm|MME|mg|months?|weeks?|days?|"
    r"years?|hours?|sessions?|visits?|injections?|blocks?|levels?))?)"
    r"|\b(\d+(?:\.\d+)?\s*(?:%|percent|MME|mm)?|[a-z]+)\s+or more\b")
LEADING_DATE = re.compile(r"^\s*(?:[-*]\s*)?(\d{1,2} [A-Za-z]+ \d{4}|\d{4}-\d{2}-\d{2}):")

# -- what every match of a pattern holds: where a text does not, the pattern is not run ---------

# A month pattern's match (a whole or US date, a month with its year, a day without its year)
# holds a month name with a number after it, also in a text whose dates were blanked first: a
# blank is one space where a match began and ended at a word boundary, so it joins no word and
# no name to a number. A word pattern's match holds one of its words whole.
DIGIT = re.compile(r"\d")
ISO_HINT = re.compile(r"-\d\d-")
LEVEL_HINT = re.compile(r"[CTLS]\d")
MONTH_HINT = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? "
                        r"(?:of )?\d"
                        # a day before its month ("the 21 September visit"; "may" is no month
                        # there, as in DAY_MONTH)
                        r"|\d(?:st|nd|rd|th)? (?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)")
# The words a match of the word-number pattern holds one of, and those a dosing abbreviation's
# match begins with ("b.i.d." with "b", "q 8h" with "q"), as bytes (``words`` of a text).
NUMBER_WORDS = frozenset(w.encode() for w in [*TENS, *WORD_NUMBERS])
FREQUENCY_STARTS = frozenset(b"b bi bid t ti tid q qi qid q12 q8 q6 q4 q12h q8h q6h q4h".split())
# Every byte but an ASCII letter, digit or underscore, as a space: a text's runs of ``\w``.
_NOT_WORD = bytes(b if (chr(b).isalnum() and b < 128) or b == ord("_") else ord(" ")
                  for b in range(256))


def words(lower: str) -> frozenset[bytes]:
    r"""The words (runs of ``\w``) of a lower-case ASCII text."""
    return frozenset(lower.encode().translate(_NOT_WORD).split())


# Tests on a text in lower case (written out: several times faster than a loop); the amounts'
# units include "µg", which no ASCII text holds.
def has_month(lower: str) -> bool:
    """Whether a month's first three letters are in the text (every match of MONTH_HINT holds
    them)."""
    return ("jan" in lower or "feb" in lower or "mar" in lower or "apr" in lower or
            "may" in lower or "jun" in lower or "jul" in lower or "aug" in lower or
            "sep" in lower or "oct" in lower or "nov" in lower or "dec" in lower)


def has_fraction_word(lower: str) -> bool:
    return "third" in lower or "quarter" in lower or "halves" in lower or "fifth" in lower


def has_span_word(lower: str) -> bool:
    return "day" in lower or "week" in lower or "month" in lower or "year" in lower


def has_percent(lower: str) -> bool:
    return "%" in lower or "percent" in lower or "per cent" in lower


def has_unit(lower: str) -> bool:
    return ("mg" in lower or "mcg" in lower or "ml" in lower or "mme" in lower or
            "tablet" in lower or "unit" in lower or "visit" in lower or "session" in lower or
            "injection" in lower or "infusion" in lower or "minute" in lower or "hour" in lower)


def has_side(lower: str) -> bool:
    return "left" in lower or "right" in lower


def has_bilateral(lower: str) -> bool:
    return "bilateral" in lower or "both " in lower


def has_bound(lower: str) -> bool:
    return ("at least" in lower or "minimum of" in lower or "more than" in lower or
            "fewer than" in lower or "less than" in lower or "greater than" in lower or
            "up to" in lower or "at most" in lower or "maximum of" in lower or
            "ceiling of" in lower or "limit of" in lower or "exceed" in lower or
            "over" in lower or "within" in lower or "or more" in lower)


# -- what a match means ---------------------------------------------------------------------


def word_number(said: str) -> float:
    """The value of a word number as WORD_NUMBER matches it (in lower case): "twenty-four"."""
    for tens, value in TENS.items():
        if said.startswith(tens):  # no other number word begins with a tens word
            unit = said[len(tens) + 1:]  # after the one space or hyphen
            return float(value + (UNITS[unit] if unit else 0))
    return float(WORD_NUMBERS[said])


def month_number(name: str) -> int:
    """A month's number from its name, whole or short ("sept")."""
    name = name.lower()
    return MONTHS.get(name) or SHORT[name]


def blank(_: str, __: re.Match[str]) -> str:
    """A match blanked: one space."""
    return " "


def blank_long_date(said: str, match: re.Match[str]) -> str:
    """A whole date ("2 May 2023") blanked where it is a date ("37 May 2023" is kept)."""
    day, month, year = match.groups()
    return " " if _valid(int(year), MONTHS[month.lower()], int(day)) else said


def blank_us_date(said: str, match: re.Match[str]) -> str:
    """A US-style date ("May 2, 2023", "Oct 20, 2015") blanked where it is a date."""
    month, day, year = match.groups()
    return " " if _valid(int(year), month_number(month), int(day)) else said


def blank_slash_date(match: re.Match[str]) -> str:
    """A numeric US date ("9/21/2015") blanked where it is a date (for ``re.sub``)."""
    month, day, year = match.groups()
    return " " if _valid(int(year), int(month), int(day)) else match.group(0)


def blank_iso_date(match: re.Match[str]) -> str:
    """An ISO date blanked where it is a date (for ``re.sub``)."""
    year, month, day = match.groups()
    return " " if _valid(int(year), int(month), int(day)) else match.group(0)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def blank_day_first(said: str, match: re.Match[str]) -> str:
    """A day before its month without a year ("18 April") blanked where it can be a day."""
    return " " if 1 <= int(match.group(1)) <= 31 else said


def blank_day(said: str, match: re.Match[str]) -> str:
    """A day without its year ("February 18") blanked where it can be a day."""
    return " " if 1 <= int(match.group(2)) <= 31 else said
