"""Structured values in a sentence: percent relief, durations, scores (ODI, NRS/VAS, BMI,
PHQ-9, GAD-7, ORT), and the dates a sentence states."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from drafting.case import Duration, Measure
from drafting.case.vocab import DurationUnit
from drafting.deid.dates import FoundDate, find_dates

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
                "sixteen": 16, "eighteen": 18, "twenty": 20, "a": 1, "an": 1, "half a": 0.5}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_APPROX = (r"(?:about |approximately |roughly |nearly |almost |over |more than |at least |up to |"
           r"maybe |perhaps |around )?")
_DURATION = re.compile(
    rf"\b(?:for|over|lasting|x|×|past|of)\s+(?:the\s+)?{_APPROX}{_NUM}[\s-]+{_UNIT}\b"
    rf"|\b{_NUM}[\s-]+{_UNIT}\s+of\b",
    re.IGNORECASE,
)
_UNITS = {"h": DurationUnit.hours, "d": DurationUnit.days, "w": DurationUnit.weeks,
          "m": DurationUnit.months, "y": DurationUnit.years}
_RELIEF = re.compile(
    r"\b(\d{1,3})\s?(?:%|percent)\s+(?:\w+\s+)?(?:relief|improvement|reduction|better)"
    r"|\brelief of (\d{1,3})\s?(?:%|percent)"
    # the percentage in parentheses after the relief, or after what helped: "partial relief
    # (~40%)", "relief only (about 20%)", "which helped ~50%"
    r"|\b(?:relief|improvement)(?:\s+only)?\s*\(\s*(?:~|about |approx\.?\s*)?(\d{1,3})\s?%\s*\)"
    r"|\bhelped\s+(?:~\s*|about\s+)?(\d{1,3})\s?%"
    # what the block gave the patient: "gave her 70%", "that one gave him about 80 percent"
    r"|\bgave\s+(?:her|him|me|them|the patient)\s+(?:~\s*|about\s+|maybe\s+)?(\d{1,3})\s?"
    r"(?:%|percent)"
    # the relief named before its figure, as forms and shorthand write it: "relief ~30% x 1
    # week", "relief: 85%", "Relief 80%   duration 6 hours"
    r"|\brelief\s*(?::|-|=|of|was)?\s*(?:~\s*|about\s+|approx\.?\s*|approximately\s+)?"
    r"(\d{1,3})\s?(?:%|percent)"
    # less of the symptom, or the pain (or the patient) better by a figure: "60% less arm
    # tingling", "pain decreased 20%", "improved about 50 percent"
    r"|\b(\d{1,3})\s?(?:%|percent)\s+less\b"
    r"|\b(?:improved|decreased|reduced|better)\s+(?:by\s+)?(?:~\s*|about\s+|approximately\s+|"
    r"maybe\s+|roughly\s+)?(\d{1,3})\s?(?:%|percent)"
    # a figure with how long it lasted, as shorthand writes a block's relief: "~90% x 6 hrs",
    # "80% x 5 hrs", "maybe 30% for a wk or so"
    r"|\b(\d{1,3})\s?%(?=\s*(?:x|\u00d7|for)\s*(?:about\s+|~\s*|a\s+|an\s+)?(?:\d{1,3}\s*|"
    r"one\s+|two\s+|three\s+|few\s+)?(?:hours?|hrs?|h|days?|d|weeks?|wks?|months?|mos?|mo)\b)"
    # half the pain gone, in the patient's words: "about half better", "maybe half as bad",
    # "took about half the pain away", "improved by about half"
    r"|\b(half)\s+(?:better|as bad|the pain)\b|\bimproved\s+by\s+(?:about\s+)?(half)\b",
    re.IGNORECASE,
)
# An OCR'd zero read as the letter O in a percentage ("maybe 3O% x 1 wk").
_OCR_PERCENT = re.compile(r"\b(\d)[Oo](?=\s?%)")
# (an arrow's ">" is no threshold: "MBB #2 01/13/2026 -> 80% x 5 hrs")
_THRESHOLD = re.compile(r"(?:at least|more than|over|(?<!-)>=?|\u2265|of at least)\s*$",
                        re.IGNORECASE)
_PERCENT = re.compile(r"\b(\d{1,3})\s?(?:%|percent)")
_SCORE_10 = re.compile(r"(?<![\d./])(\d{1,2}(?:\.\d)?)\s?/\s?10\b(?!/)")
_BMI = re.compile(r"\b(?:BMI|body mass index)\s*(?:of|is|was|:|=)?\s*(\d{2}(?:\.\d{1,2})?)",
                  re.IGNORECASE)
_SCALES = {
    "PHQ-9": r"PHQ-?9", "GAD-7": r"GAD-?7", "ORT": r"(?:ORT|Opioid Risk Tool)",
    "BDI": r"(?:BDI(?:-II)?|Beck Depression Inventory)",
    "PCS": r"(?:PCS|Pain Catastrophi[sz]ing Scale)",
    "PHQ-2": r"PHQ-?2", "AUDIT-C": r"AUDIT-?C",
    "PSEQ": r"(?:PSEQ|Pain Self-?Efficacy Questionnaire)",
}

# Outcome measures of function a therapist or clinic scores ("RMDQ 9/24", "KOOS JR today: 42",
# "Timed Up and Go ....... 13.8 sec", "PEG score 5.3"), read like the scales above: the first
# number after the name (a gloss in parentheses, "score", "today" or a dot leader between), never
# a goal's or a norm's threshold ("6MWT > 275 m").
FUNCTION_SCALES = {
    "PEG": (r"PEG", "points"), "RMDQ": (r"(?:RMDQ|Roland[- ]Morris)", "points"),
    "QuickDASH": (r"Quick\s?DASH", "points"), "KOOS JR": (r"KOOS(?:[ ,-]*JR\.?)?", "points"),
    "LEFS": (r"LEFS", "points"), "FOTO": (r"FOTO(?: \w+){0,2}?", "points"),
    "PFDI-20": (r"PFDI-?20", "points"), "TUG": (r"(?:TUG|Timed Up (?:and|&) Go)", "s"),
    "6MWT": (r"(?:6MWT|6-?Minute Walk(?: Test)?|six-minute walk(?: test)?)", "m"),
}
# Between a scale's name and its score: a gloss in parentheses, "score", "total" or "today".
_GLOSS = r"(?:\s*\([^)]{0,40}\))?(?:\s+(?:total\s+)?score|\s+total|\s+today)?"
_SCORE_AFTER = (_GLOSS + r"\s*(?:of|is|was|=|:|\.{2,})?\s*(?<![<>≤≥])(\d{1,3}(?:\.\d{1,2})?)"
                r"(?!\.?\d)(?![\d/.-]*\d\s*/\s*10\b)"
                # (never the month of a date: "PEG 08/2026: 7, 8, 8" holds no PEG of 8)
                r"(?!\s*/\s*(?:(?:19|20)\d{2}\b|\d{1,2}\s*/))")


def _number(text: str) -> float:
    key = text.lower()
    return float(WORD_NUMBERS[key]) if key in WORD_NUMBERS else float(text)


def durations(text: str) -> list[Duration]:
    out = []
    for match in _DURATION.finditer(text):
        number, unit = (match.group(1), match.group(2)) if match.group(1) else (
            match.group(3), match.group(4))
        value = _number(number)
        if value > 0:
            out.append(Duration(value=value, unit=_UNITS[unit[0].lower()]))
    return out


# A percentage spelled out, as dictation and testimony write it ("fifty to sixty percent",
# "seventy-five percent"): read as digits, one number for one, so that every other word holds.
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS_WORDS = {w: n for w, n in WORD_NUMBERS.items() if isinstance(n, int) and 0 < n < 10
                and len(w) > 2}
_SPELLED = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[- ]({'|'.join(_UNITS_WORDS)}))?|"
                      r"(fifteen|one hundred|a hundred))\b(?=(?:\s+(?:to|or)\s+\S+)?\s+percent\b)",
                      re.IGNORECASE)


def spelled_percents(text: str) -> str:
    def digits(match: re.Match[str]) -> str:
        if match.group(3):
            return "15" if match.group(3).lower() == "fifteen" else "100"
        return str(_TENS[match.group(1).lower()] + _UNITS_WORDS.get(
            (match.group(2) or "").lower(), 0))
    return _SPELLED.sub(digits, text)


def percent_relief(text: str) -> tuple[float | None, int]:
    """The percent relief a sentence reports (not a threshold it quotes), and where it is (in
    the sentence with its spelled percentages read as digits)."""
    text = _OCR_PERCENT.sub(r"\g<1>0", spelled_percents(text))
    for match in _RELIEF.finditer(text):
        if _THRESHOLD.search(text[:match.start()]):
            continue
        figure = next(g for g in match.groups() if g)
        value = 50.0 if figure.lower() == "half" else float(figure)
        if value <= 100:
            return value, match.end()
    return None, -1


def relief_duration(text: str, after: int) -> Duration | None:
    """The duration of relief stated after the percentage (``lasting 8 weeks``)."""
    found = durations(spelled_percents(text)[after:]) if after >= 0 else []
    return found[0] if found else None


def measures(text: str) -> list[Measure]:
    """Scores a sentence states, never read out of a date ("injured 01/10/2023" holds no
    1/10 pain score)."""
    for date in find_dates(text):  # blank dates out, keeping every other offset
        text = text[:date.start] + " " * (date.end - date.start) + text[date.end:]
    out: list[Measure] = []
    for name, pattern in (("ODI", r"\b(?:Oswestry|ODI)\b"),
                          ("NDI", r"\b(?:Neck Disability|NDI)\b")):
        if not re.search(pattern, text, re.IGNORECASE):
            continue
        relief_spans = [m.span() for m in _RELIEF.finditer(text)]
        for match in _PERCENT.finditer(text):
            if any(a <= match.start() < b for a, b in relief_spans):
                continue
            out.append(Measure(name=name, value=float(match.group(1)), unit="%"))
        break
    name = "VAS" if re.search(r"\bVAS\b|visual analog", text, re.IGNORECASE) else "NRS"
    out += [Measure(name=name, value=float(m.group(1)), unit="/10")
            for m in _SCORE_10.finditer(text)]
    out += [Measure(name="BMI", value=float(m.group(1)), unit="kg/m2")
            for m in _BMI.finditer(text)]
    for scale, pattern in _SCALES.items():
        # "PCS (pain catastrophizing) 22": a gloss in parentheses may follow the scale's name
        for match in re.finditer(rf"\b{pattern}{_GLOSS}\s*(?:of|is|was|=|:)?\s*"
                                 rf"(\d{{1,3}})\b(?:\s*/\s*(\d{{1,3}})\b)?(?!\s*[-/])",
                                 text, re.IGNORECASE):
            # a score over the scale's maximum ("PSEQ 24/60") is the score; "12/11" is not
            if match.group(2) and int(match.group(2)) < int(match.group(1)):
                continue
            out.append(Measure(name=scale, value=float(match.group(1)), unit="points"))
    for scale, (pattern, unit) in FUNCTION_SCALES.items():
        out += [Measure(name=scale, value=float(m.group(1)), unit=unit)
                for m in re.finditer(rf"\b{pattern}{_SCORE_AFTER}", text, re.IGNORECASE)]
    return out


# OCR reads a 0 as O and a 1 as l or I inside a number or a date ("O3/l4/2O24", "11/O2/2O22"):
# read as digits (one character for one, so positions hold). Tokens with a digit only, and not
# after a letter ("L4-5" stays a level).
_OCR_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?=[0-9OlI/.-]*\d)[0-9OlI]{1,4}"
                         r"(?:[/.-][0-9OlI]{1,4}){1,2}(?![A-Za-z])")
_OCR_DIGITS = str.maketrans("OlI", "011")


def ocr_digits(text: str) -> str:
    return _OCR_NUMBER.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)


def dates_in(text: str) -> list[FoundDate]:
    return list(find_dates(ocr_digits(text)))


def date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """``from 03/13/2023 through 04/21/2023`` -> both dates."""
    found = dates_in(text)
    if len(found) < 2:
        return None
    for first, second in pairwise(found):
        # (what each date was, in parentheses: "05/04/2026 (lead placement) to 05/11/2026")
        between = re.sub(r"\([^()]{0,40}\)", " ", text[first.end:second.start]).strip().lower()
        if between in {"to", "through", "until", "-", "\u2013", "and", "thru"} and \
                second.date >= first.date:
            return first.date, second.date
    return None
