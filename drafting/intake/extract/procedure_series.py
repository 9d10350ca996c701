"""A series of the same procedure told in one sentence, each injection with its own date:
"Right C5-6 and C6-7 medial branch blocks: #1 on 08/19/2026 with 85% relief for 5 hours; #2 on
09/23/2026 with 80% relief for 6 hours", "Diagnostic medial branch blocks were performed on
06/03/2026 (lidocaine) and 06/24/2026 (bupivacaine)", "three left L5-S1 transforaminal ESIs:
11/2024, 05/2025 and 04/2026".

Guidelines count injections one by one (a diagnostic block pair before ablation, a repeat
epidural only after the last gave 50% relief for six weeks, a yearly cap per region), so a
reviewer needs each injection on its own day, and the relief a date's own clause tells as that
injection's response. The sentence's first date is the fact already read; every other date of
the list becomes a procedure fact of its own day (and a response fact where its own clause
states a percent relief). A date is one of the list only when it follows the one before it
closely, in the way a list is written ("and", a comma, a semicolon, "#2 on", what the injection
used in parentheses): a range ("07/01-08/12/26", "from ... to ..."), a date after "since" or
"until", and a date with another event between (a study, a surgery, a drug) are not injections
of the series.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.found import Document, Found
from drafting.intake.extract.medications import medications_in
from drafting.intake.extract.values import dates_in, percent_relief
from drafting.intake.extract.vocabulary import procedure_in

# A month and year in figures ("11/2024"), as a series of injections is often dated.
_MONTH_YEAR = re.compile(r"(?<![\d/])(0?[1-9]|1[0-2])/((?:19|20)\d{2})(?![\d/])")
# The words a list of dates is joined by, once what each date used (in parentheses), an
# ordinal mark ("#2 on", "the second on") and the relief of the one before are set aside.
_JOINER = re.compile(r"^(?:,|;|and|&|then|,?\s*and|;\s*and)?\s*(?:#\s?\d\s*(?:on|:)?|"
                     r"(?:the\s+)?(?:second|third|fourth|2nd|3rd|4th)(?:\s+\w+)?\s*(?:on|:)?|"
                     r"on)?$", re.IGNORECASE)
# A relief clause told after the date before ("with 85% relief for 5 hours"): the gap's words.
_RELIEF_CLAUSE = re.compile(r"\b(?:with|w/|and|gave|giving)?\s*(?:~|about|approx\.?\s*)?\d{1,3}"
                            r"\s?%\s*(?:relief|improvement|better)?(?:\s+(?:for|x|lasting)\s+"
                            r"(?:about\s+)?\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|hours?|hrs?|h|days?|"
                            r"d|weeks?|wks?|months?|mos?))?", re.IGNORECASE)
_GAP_MOST = 60  # characters between two dates of one list


@dataclass(frozen=True)
class _Dated:
    start: int
    end: int
    day: dt.date
    precision: str


def _dates(text: str, latest: dt.date) -> list[_Dated]:
    days = [_Dated(d.start, d.end, d.date, "day") for d in dates_in(text) if d.date <= latest]
    months = [_Dated(m.start(), m.end(), dt.date(int(m.group(2)), int(m.group(1)), 1), "month")
              for m in _MONTH_YEAR.finditer(text)]
    months = [m for m in months if m.day <= latest
              and not any(d.start <= m.start < d.end for d in days)]
    return sorted(days + months, key=lambda d: d.start)


def _joined(gap: str) -> bool:
    """The words between two dates join them as one list's."""
    if len(gap) > _GAP_MOST or medications_in(gap):
        return False
    gap = _RELIEF_CLAUSE.sub(" ", re.sub(r"\([^()]{0,40}\)", " ", gap))
    return bool(_JOINER.match(" ".join(gap.split())))


def series_dates(text: str, latest: dt.date) -> list[tuple[dt.date, str, str]]:
    """The dates of a list of injections ``text`` tells, each with its own clause (from its
    date to the next one's), if the sentence holds such a list of two or more; else none."""
    dates = _dates(text, latest)
    run: list[_Dated] = []
    for date in dates:
        if run and not _joined(text[run[-1].end:date.start]):
            if len(run) >= 2:
                break
            run = []
        run.append(date)
    if len(run) < 2 or len({d.day for d in run}) < len(run):
        return []
    ends = [d.start for d in run[1:]] + [len(text)]
    return [(d.day, d.precision, text[d.start:end]) for d, end in zip(run, ends, strict=True)]


def each_injection(found: list[Found], doc: Document) -> list[Found]:
    """The injections of a series after the first, each a procedure fact of its own day (where
    the sentence's first injection is one), with the relief its own clause tells as a response
    of that day (where the sentence's relief is read as a response)."""
    out: list[Found] = []
    have = {(f.category, f.statement, f.date) for f in found}
    for fact in found:
        if fact.category not in (C.procedure, C.response) or (
                fact.procedure is None and procedure_in(fact.statement) is None):
            continue  # (a series of injections: the sentence names the procedure)
        listed = series_dates(fact.statement, doc.date)
        if not listed or fact.date != listed[0][0]:
            continue  # (the sentence's fact is dated otherwise: not read as this list)
        for day, precision, clause in listed[1:]:
            if fact.category is C.procedure and (C.procedure, fact.statement, day) not in have:
                out.append(replace(fact, date=day, date_precision=precision, end_date=None,
                                   percent_relief=None, duration=None, measures=[]))
                have.add((C.procedure, fact.statement, day))
            relief, _ = percent_relief(clause)
            if relief is not None and (C.response, fact.statement, day) not in have:
                out.append(replace(fact, category=C.response, date=day,
                                   date_precision=precision, end_date=None,
                                   percent_relief=relief, duration=None, measures=[]))
                have.add((C.response, fact.statement, day))
    return out
