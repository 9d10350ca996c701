"""Dates as records write them (03/14/2023, 3/14/23, 2023-03-14, March 14, 2023, 14 Mar 2023,
14-Mar-2023, MAR-14-2023, 03.14.23): found with their spans, read as dates, and rewritten in the
same style (for date shifting). Dates without a year (``01/08``, ``March 3``) are shifted too, on
a 365-day cycle so that shifting back undoes it exactly."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafting.deid.date_scores import SCALES as _SCALES
from drafting.deid.date_scores import SCORE_BEFORE as _SCORE
from drafting.deid.date_scores import TESTS as TESTS
from drafting.deid.date_scores import (
    dose_or_count,
    listed_month_days,
    loose_month_days,
    score_beside,
)
from drafting.deid.date_words import bare_months, day_months

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({name[:3]: i for i, name in enumerate(MONTHS, start=1)})
# A month's name or its abbreviation, and nothing longer ("Decreased", "Marching", "deceased")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z])")

# A date may open a range: "3/6/23-3/13/23" (otherwise a hyphen after a date is refused:
# "12/01/2023-A"); the date that ends it is found by ``RANGE_END``.
_DATE_BODY = (
    r"(?:"
    r"(?P<us>(?P<um>\d{1,2})(?P<usep>[/-])(?P<ud>\d{1,2})(?P=usep)(?P<uy>\d{4}|\d{2}))"
    r"|(?P<iso>(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{2})(?P=isep)(?P<id>\d{2}))"  # (2024/03/14)
    r"|(?P<dot>(?P<dm>\d{1,2})\.(?P<dd>\d{1,2})\.(?P<dy>(?:19|20)\d{2})"
    r"|(?P<dm2>\d{2})\.(?P<dd2>\d{2})\.(?P<dy2>\d{2})(?!\.\d))"
    rf"|(?P<hyph>(?=[a-z]{{3,9}}\.?-\d)(?P<hm>{_MONTH})-(?P<hd>\d{{1,2}})-(?P<hy>\d{{4}}))"
    rf"|(?P<long>(?P<lm>{_MONTH})\s+(?P<ld>\d{{1,2}})(?P<lord>st|nd|rd|th)?"
    rf"(?P<lof>\s+of)?(?:,?\s+(?P<ly>\d{{4}})|(?P<ltight>,)(?P<ly2>(?:19|20)\d\d)))"
    # ("April 2nd of 2024", as said; the VA's "OCT 20,2025@07:42", no space after the comma)
    rf"|(?P<legal>(?P<gd>\d{{1,2}})(?:st|nd|rd|th)\s+day\s+of\s+(?P<gm>{_MONTH})(?P<gcomma>,)?"
    rf"\s+(?P<gy>\d{{4}}))"  # a deed's or a court's "14th day of April, 2025"
    rf"|(?P<euro>(?P<ed>\d{{1,2}})(?P<eord>st|nd|rd|th)?(?P<esep>\s+(?:of\s+)?|-)"
    rf"(?P<em>{_MONTH})(?P<ecomma>,)?(?:\s+|-)(?P<ey>\d{{4}}|(?<=-)\d{{2}}(?!\d)))"
    r")(?!(?!T\d)[\w/]|-(?!\d{1,2}/\d{1,2}/\d{2}))"  # "2024-10-21T11:48": the date
)
DATE_PATTERN = re.compile(r"(?<![\w/.-])" + _DATE_BODY, re.IGNORECASE)
RANGE_END = re.compile(r"(?:(?<=\d/\d\d-)|(?<=\d/\d{4}-))" + _DATE_BODY, re.IGNORECASE)


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
        if g["dot"]:
            if g["dy2"]:
                return dt.date(_year(g["dy2"]), int(g["dm2"]), int(g["dd2"]))
            return dt.date(int(g["dy"]), int(g["dm"]), int(g["dd"]))
        if g["hyph"]:
            return dt.date(int(g["hy"]), _month(g["hm"]), int(g["hd"]))
        if g["long"]:
            return dt.date(int(g["ly"] or g["ly2"]), _month(g["lm"]), int(g["ld"]))
        if g["legal"]:
            return dt.date(int(g["gy"]), _month(g["gm"]), int(g["gd"]))
        return dt.date(_year(g["ey"]), _month(g["em"]), int(g["ed"]))  # ("4-nov-24")
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> Iterator[FoundDate]:
    matches = list(DATE_PATTERN.finditer(text))
    matches += [m for m in RANGE_END.finditer(text)
                if not any(m.start() < o.end() and o.start() < m.end() for o in matches)]
    for match in sorted(matches, key=lambda m: m.start()):
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
        return day.isoformat().replace("-", g["isep"])
    if g["dot"] and g["dy2"]:
        return f"{day.month:02d}.{day.day:02d}.{day.year % 100:02d}"
    if g["dot"]:
        month = f"{day.month:02d}" if len(g["dm"]) == 2 else str(day.month)
        dom = f"{day.day:02d}" if len(g["dd"]) == 2 else str(day.day)
        return f"{month}.{dom}.{day.year}"
    if g["us"]:
        sep = g["usep"]
        month = f"{day.month:02d}" if len(g["um"]) == 2 else str(day.month)
        dom = f"{day.day:02d}" if len(g["ud"]) == 2 else str(day.day)
        year = f"{day.year % 100:02d}" if len(g["uy"]) == 2 else str(day.year)
        return f"{month}{sep}{dom}{sep}{year}"
    written = g["lm"] or g["em"] or g["hm"] or g["gm"]
    name = MONTHS[day.month - 1]
    if written.rstrip(".").lower() not in MONTHS:  # "Mar", "Sept."; "May" and "June" in full
        name = name[:3] + ("." if written.endswith(".") else "")
    name = name.upper() if written.isupper() else name if written.islower() else \
        name.capitalize()
    if g["legal"]:
        return f"{day.day}{_ordinal(day.day)} day of {name}{',' if g['gcomma'] else ''} {day.year}"
    if g["hyph"]:  # a fax banner's "MAY-08-2024": three letters
        name = name[:3] if len(written.rstrip(".")) == 3 else name
        return f"{name}-{day.day:02d}-{day.year}" if len(g["hd"]) == 2 else \
            f"{name}-{day.day}-{day.year}"
    if g["long"]:
        comma = "," if "," in original else ""
        return (f"{name} {day.day}{_ordinal(day.day) if g['lord'] else ''}"
                f"{' of' if g['lof'] else ''}{comma}{'' if g['ltight'] else ' '}{day.year}")
    dom = f"{day.day:02d}" if len(g["ed"]) == 2 else str(day.day)
    if g["eord"]:  # "3rd of May, 2022"
        of = " of " if "of" in g["esep"].lower() else " "
        return f"{dom}{_ordinal(day.day)}{of}{name}{',' if g['ecomma'] else ''} {day.year}"
    sep = "-" if g["esep"] == "-" else " "
    year = f"{day.year % 100:02d}" if len(g["ey"]) == 2 else str(day.year)
    return f"{dom}{sep}{name}{',' if g['ecomma'] else ''}{sep}{year}"


# A month and day without a year: "01/08", "12/20" (two digits each, so not a score such as
# 7/10, and not after a word of scores: "VAS 10/10", "visit 12/12"), or any m/d after a word
# that introduces a date ("on 3/15", "Discharge (3/15)"), before a time ("5/14 at 11:00") or
# that opens a line of a log before a dash ("11/4 - called"); "March 3". Each form is found again
# in its shifted text, so shifting back finds what it has to undo.
_CUE = r"(?:on|from|to|through|thru|since|until|till|dated|DOS|seen|initial|discharge|start|"
_CUE += r"admit|admitted|eval|evaluation|re-?eval|appointment|appt|after|before|as[ ]of|"
_CUE += r"weeks?[ ]of|"
_CUE += r"(?:letter|note|report|visit|call|e-?mail|fax|memo|message|RFA|request|order)[ ]of|"
_CUE += r"refill|refilled|interrogation|(?:surgery|procedure)(?:[ ](?:is|was))?|"
_CUE += r"discharged|booked|scheduled|rescheduled|(?:by[ ])?phone|f/u|follow-?up|"
# (a verb of an event done on a day: "duloxetine started 2/10", "claim form given 3/5")
_CUE += r"started|began|stopped|given|sent|received|faxed|mailed|filed|signed|underwent|"
_CUE += r"performed|effective|injection|"
_CUE += r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?)"
PARTIAL_PATTERN = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<zm>0[1-9]|1[0-2])/(?P<zd>0[1-9]|[12]\d|3[01])(?!\s*(?i:visits|sessions|treatments))"
    rf"|(?i:{_CUE})(?:[ ]\(?|\()(?P<cm>1[0-2]|0?[1-9])/(?P<cd>[12]\d|3[01]|0?[1-9])"
    r"|(?m:^)[ \t]*(?P<lm>1[0-2]|0?[1-9])/(?P<ld>[12]\d|3[01]|0?[1-9])(?=[ ]+[-–][ ])"
    r"|(?P<tm>1[0-2]|0?[1-9])/(?P<td>[12]\d|3[01]|0?[1-9])(?=[ ](?:at[ ]|@[ ]?)\d{1,2}:\d\d)"
    rf"|(?P<nm>{_MONTH})[ ]"
    r"(?P<nd>[12]\d|3[01]|0?[1-9])(?P<suffix>st|nd|rd|th)?"
    rf"|(?P<od>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)[ ]of[ ](?P<om>{_MONTH})"
    r")(?![\w/]|\.\d|,?\s+\d{4}|:\d)"
)
_CYCLE_YEAR = 2001  # not a leap year: 29 February has no place on the cycle and is left alone


@dataclass(frozen=True)
class PartialDate:
    start: int
    end: int
    month: int
    day: int
    month_text: str  # as written: "01", "3", "Mar.", "March"
    day_text: str
    suffix: bool  # "3rd"
    of: bool = False  # "2nd of February"
    weekday: str = ""  # "Tue " written before it, moved with it (``moved_weekday``)
    day_first: bool = False  # "3 August", "9th Feb"

    def shifted(self, days: int) -> str:
        """The same month and day moved ``days`` on a 365-day cycle, written in this style."""
        prefix = moved_weekday(self.weekday, days) if self.weekday else ""
        return prefix + self._shifted(days)

    def _shifted(self, days: int) -> str:
        base = dt.date(_CYCLE_YEAR, self.month, self.day)
        moved = dt.date(_CYCLE_YEAR, 1, 1) + dt.timedelta(
            days=(base.timetuple().tm_yday - 1 + days) % 365)
        if not self.month_text.isdigit():
            name = MONTHS[moved.month - 1]
            written = self.month_text
            if written.rstrip(".").lower() not in MONTHS:
                name = name[:3] + ("." if written.endswith(".") else "")
            name = name.upper() if written.isupper() else name.capitalize()
            if self.of:
                return f"{moved.day}{_ordinal(moved.day)} of {name}"
            if self.day_first:
                return f"{moved.day}{_ordinal(moved.day) if self.suffix else ''} {name}"
            return f"{name} {moved.day}{_ordinal(moved.day) if self.suffix else ''}"
        month = f"{moved.month:02d}" if len(self.month_text) == 2 else str(moved.month)
        dom = f"{moved.day:02d}" if len(self.day_text) == 2 else str(moved.day)
        return f"{month}/{dom}"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def find_partial_dates(text: str) -> Iterator[PartialDate]:
    found = list(_cued_partial_dates(text))
    yield from found
    for start, end, m, d in loose_month_days(text):  # ("ESI of 6/3", "| 12/4 |")
        if not any(start < p.end and p.start < end for p in found):
            found.append(PartialDate(start, end, int(m), int(d), m, d, False))
            yield found[-1]
    dated = [(p.start, p.end) for p in found] + [(f.start, f.end) for f in find_dates(text)]
    for start, end, m, d in listed_month_days(text, dated):
        found.append(PartialDate(start, end, int(m), int(d), m, d, False))
        yield found[-1]
    for start, end, month, m, d, suffix in day_months(text):  # ("Sunday, 3 August")
        if not any(start < p.end and p.start < end for p in found) and (
                date := _partial(text, start, end, month, m, d, suffix, day_first=True)):
            yield date


def _partial(text: str, start: int, end: int, month: int, m: str, d: str, suffix: bool,
             of: bool = False, day_first: bool = False) -> PartialDate | None:
    """The month and day found at ``start``..``end``, with a weekday written just before it;
    None when no year has that day ("31/4")."""
    try:
        dt.date(_CYCLE_YEAR, month, int(d))
    except ValueError:
        return None
    day_name = _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
    weekday = day_name.group(0) if day_name else ""
    return PartialDate(start - len(weekday), end, month, int(d), m, d, suffix, of, weekday,
                       day_first=day_first)


def _cued_partial_dates(text: str) -> Iterator[PartialDate]:
    for match in PARTIAL_PATTERN.finditer(text):
        g = match.groupdict()
        if g["nm"] or g["om"]:
            m, d = (g["nm"], g["nd"]) if g["nm"] else (g["om"], g["od"])
            start = match.start("nm") if g["nm"] else match.start("od")
            month = _month(m)
        else:
            key = "z" if g["zm"] else "l" if g["lm"] else "t" if g["tm"] else "c"
            if key == "z" and (_SCORE.search(text[max(0, match.start() - 12):match.start()])
                               or dose_or_count(text, match.start(), match.end())):
                continue
            if key == "c" and not g["cm"].startswith("0") and score_beside(
                    text, match.start("cm"), match.end(), int(g["cm"]), int(g["cd"])):
                continue  # (a month written "03" is a date: no score is written so)
            m, d, start = g[key + "m"], g[key + "d"], match.start(key + "m")
            month = int(m)
        if date := _partial(text, start, match.end(), month, m, d, bool(g["suffix"]),
                            bool(g["om"])):
            yield date


# A weekday written just before a month and day ("Tue 3/4", "Mon Oct 21"): three letters or the
# full name, so that moving it back gives it as written.
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_BEFORE = re.compile(r"(?i)(?<![\w'’-])(?:monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?[ ]\(?$")


def moved_weekday(written: str, days: int) -> str:
    """``written`` ("Tue ", "friday, ") moved ``days`` days, in its style."""
    word = re.match(r"[A-Za-z]+", written)
    assert word is not None
    name = word.group(0)
    index = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(name.lower()[:3]))
    new = WEEKDAYS[(index + days) % 7]
    new = new if len(name) > 3 else new[:3]
    new = new.upper() if name.isupper() else new if name.islower() else new.capitalize()
    return new + written[len(name):]


def shift_text(text: str, days: int) -> str:
    """Every full date moved by ``days`` in its own style, and every month and day without a
    year on the 365-day cycle (so ``shift_text(shift_text(t, n), -n) == t``)."""
    out, last = [], 0
    found: list[tuple[int, int, str]] = [
        (f.start, f.end, f.rewritten(f.date + dt.timedelta(days=days))) for f in find_dates(text)]
    for p in find_partial_dates(text):
        if not any(p.start < b and a < p.end for a, b, _ in found):
            found.append((p.start, p.end, _refound(text, p, p.shifted(days))))
    for start, end, new in month_years(text, days):
        if not any(start < b and a < end for a, b, _ in found):
            found.append((start, end, new))
    for start, end, new in sorted(found):
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def _refound(text: str, date: PartialDate, new: str) -> str:
    """``new`` for ``date``, written "MM/DD" (or "Oct 10") where, written as ``date`` was, it
    would read as a score in its place ("pain flare on 2/1" moved to "on 3/10"), so that
    shifting back finds it ("on 03/10" is a date). A date shaped as a score out of its total is
    the only one the finder skips for its value (``score_beside``)."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", new)
    if m is None or int(m.group(2)) not in _SCALES or int(m.group(1)) > int(m.group(2)):
        return new
    month, day = int(m.group(1)), int(m.group(2))
    lo = max(0, date.start - 60)
    for written in (new, f"{month:02d}/{day:02d}", f"{MONTHS[month - 1][:3].capitalize()} {day}"):
        window = text[lo:date.start] + written + text[date.end:date.end + 60]
        if any(p.start == date.start - lo for p in find_partial_dates(window)):
            return written
    return new


# A month and year without a day ("06/2021", "May 2022", "Sept. 2019", "Mar '23", "August of
# '21"): HIPAA's safe harbour keeps only the year, so they move too, by whole months
# (``months_for``), which shifting back undoes.
MONTH_YEAR_PATTERN = re.compile(
    # (both ends of a range of months: "06/1985-03/1993")
    # (and after "mid-": "by mid-February 2026")
    r"(?:(?<![\w/.-])|(?<=\d/(?:19|20)\d\d-)|(?<=\bmid-))"
    r"(?:(?P<nm>0?[1-9]|1[0-2])/(?P<ny>(?:19|20)\d{2})"
    r"(?![\w/]|-(?!(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\w/]))\d)"
    rf"|(?P<wm>{_MONTH})(?P<comma>,)?(?P<wof>[ ]of)?[ ](?P<wy>(?:19|20)\d{{2}})(?![\w/])"
    rf"|(?P<am>{_MONTH})(?P<aof>[ ]of)?[ ](?P<apo>['’])(?P<ay>\d{{2}})(?![\w'’]))", re.IGNORECASE)


def months_for(days: int) -> int:
    """The whole months a shift of ``days`` moves a month and year: the nearest number, at least
    one (so nothing stays as written), with the sign of ``days`` (so -days undoes it)."""
    if days == 0:
        return 0
    months = max(1, round(abs(days) / 30.4375))
    return months if days > 0 else -months


def month_years(text: str, days: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, shifted text) of each month and year in ``text``, moved ``months_for(days)``
    months and written in its own style."""
    step = months_for(days)
    for match in MONTH_YEAR_PATTERN.finditer(text):
        g = match.groupdict()
        month = int(g["nm"]) if g["nm"] else _month(g["wm"] or g["am"])
        year = int(g["ny"] or g["wy"]) if not g["am"] else _year(g["ay"])
        index = year * 12 + month - 1 + step
        year, month = divmod(index, 12)
        month += 1
        if g["nm"]:
            written = f"{month:02d}" if len(g["nm"]) == 2 else str(month)
            new = f"{written}/{year}"
        else:
            written = g["wm"] or g["am"]
            name = MONTHS[month - 1]
            if written.rstrip(".").lower() not in MONTHS:
                name = name[:3] + ("." if written.endswith(".") else "")
            name = name.upper() if written.isupper() else name.capitalize()
            new = f"{name}{',' if g['comma'] else ''}{g['wof'] or ''} {year}" if not g["am"] \
                else f"{name}{g['aof'] or ''} {g['apo']}{year % 100:02d}"  # "Mar '23"
        yield match.start(), match.end(), new
    for start, end, month, written in bare_months(text):  # "since March": by as many months
        name = MONTHS[(month - 1 + step) % 12]
        if written.rstrip(".").lower() not in MONTHS:  # "Oct", "Sept." (as month_years)
            name = name[:3] + ("." if written.endswith(".") else "")
        yield start, end, name.upper() if written.isupper() else \
            name if written.islower() else name.capitalize()


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
