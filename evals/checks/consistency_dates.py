"""Dates, months, years and spans a cited sentence states agree with what it cites (the
consistency check's reading of time)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from itertools import chain, combinations
from typing import TYPE_CHECKING

from evals import claims
from evals.claims import Claims
from evals.context import EvalContext

if TYPE_CHECKING:
    from evals.checks.consistency import _Cited


def date_problems(ctx: EvalContext, said: Claims, cited: _Cited) -> list[str]:
    problems = []
    heading = claims.leading_date(said.text)
    if heading and all(m.startswith("F") for m in cited.markers) and \
            heading not in cited.fact_dates:
        problems.append(f"the line is dated {heading.isoformat()} but the cited fact is "
                        f"dated {', '.join(sorted(d.isoformat() for d in cited.fact_dates))}")
    wrong = said.dates - cited.claims.dates - ctx.key_dates if said.dates else frozenset()
    if wrong:
        wrong -= ctx.document_dates(said.text) | ctx.records_named(said.text, cited.markers)
    if wrong and not problems:
        problems.append(f"date(s) {', '.join(d.isoformat() for d in sorted(wrong))} not in "
                        f"the cited source")
    return problems or _partial_date_problems(ctx, said, cited)


def _partial_date_problems(ctx: EvalContext, said: Claims, cited: _Cited) -> list[str]:
    """A month with its year, a day without its year, or a year alone must match a date of
    the sources (or fall within a cited fact's span)."""
    said_months, said_days, said_years = said.month_years, said.month_days, said.bare_years
    if not (said_months or said_days or said_years):
        return []
    if cited._partial is None:
        # the dates a sentence may draw on: its sources', the case's key dates, its facts'
        known = set(cited.claims.dates) | set(ctx.key_dates) | set(cited.fact_dates)
        cited._partial = _allowed(known, cited.spans, cited.claims)
    problems = _partial_against(said_months, said_days, said_years, *cited._partial)
    if problems:  # the documents the sentence names by title may date what it says
        known = set(cited.claims.dates) | set(ctx.key_dates) | set(cited.fact_dates)
        known |= ctx.document_dates(said.text) | ctx.records_named(said.text, cited.markers)
        problems = _partial_against(said_months, said_days, said_years,
                                    *_allowed(known, cited.spans, cited.claims))
    if problems or said.dates or len(cited.markers) != 1 or \
            not cited.markers[0].startswith("F") or len(_MONTH_NAME.findall(said.text)) != 1:
        return problems  # (one month named, from one fact: not "between March and May 2024";
        # no whole date, which the date check reads: "- 14 November 2023: <the fact>")
    if said_months & {(d.year, d.month) for d in (*chain(*cited.spans), *cited.decided)}:
        return []  # the month a cited span begins or ends in ("was stopped in February 2024")
        # or a cited decision was made in ("the March 2005 denial"), not the month a note was
        # written in, which may be after the event it retells
    return _retold_month(said_months, cited.claims.month_years) or \
        _misdated_event(said.text, said_months, cited, _decision_months(ctx))


def _decision_months(ctx: EvalContext) -> frozenset[tuple[int, int]]:
    """The months the case's own decision is dated in: its review date and its review
    decisions' documents ("the Board's July 2011 decision" of a case reviewed July 12, 2011)."""
    case = ctx.case
    dates = {case.dates.review} | {d.date for d in case.documents
                                   if d.type.value == "review_decision"}
    return frozenset((d.year, d.month) for d in dates if isinstance(d, dt.date))


# A month naming an event ("the May 2012 discussion", "the surgeon's June 2020 recommendation").
_DATED_EVENT = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
                          r"(?:of )?(\d{4}) ([a-z]{4,})", re.IGNORECASE)


def _misdated_event(text: str, said_months: frozenset[tuple[int, int]], cited: _Cited,
                    decided: frozenset[tuple[int, int]] = frozenset()) -> list[str]:
    """A month the case file allows (a decision's) given to the event of the one fact cited,
    which that fact dates in another month: "the May 2012 discussion" of a discussion the
    fact dates January 2012. A decision dated in a month the case's own decision is dated in
    (``decided``) is that decision, not the fact's ("the Board's July 2011 decision [F6]" where
    F6 is the July 2010 denial it reviewed)."""
    if len(said_months) != 1 or not cited.fact_dates:
        return []
    (year, month), = said_months
    dated = {(d.year, d.month) for d in cited.fact_dates}
    own, _, _ = _allowed(set(cited.claims.dates) | set(cited.fact_dates), cited.spans,
                         cited.claims)
    if (year, month) in own:
        return []  # the fact gives that month itself (its text, its date or its span)
    source = cited.text.lower()
    for m in _DATED_EVENT.finditer(text):
        if (year, month) in decided and _DECISION_WORD.match(m.group(2)):
            continue
        if int(m.group(1)) == year and re.search(rf"\b{m.group(2).lower()[:5]}", source):
            return [f"the {m.group(2)} is dated {year}-{month:02d} but the cited fact is dated "
                    f"{', '.join(f'{y}-{mm:02d}' for y, mm in sorted(dated))}"]
    return []


_DECISION_WORD = re.compile(r"(?:decision|ruling|order|opinion|judgment)s?$", re.IGNORECASE)
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?"
                         r"(?=,? (?:of )?\d{4}|,? \d{1,2}\b| and| to| through| until| -)",
                         re.IGNORECASE)


def _retold_month(said: frozenset[tuple[int, int]], told: frozenset[tuple[int, int]]
                  ) -> list[str]:
    """A month the sources' text gives for an event, retold as another: a sentence naming one
    month with its year, none of the text's, where the text names months ("the fall ... in
    December 2024" against "a fall at home in October 2024" in a fact dated December 2024;
    "March 2020" against "stopped in March 2022" in a fact spanning 2016 to 2022)."""
    if len(said) != 1 or not told or said & told:
        return []
    (year, month), = said
    return [f"month {year}-{month:02d} where the cited source gives "
            f"{', '.join(f'{y}-{m:02d}' for y, m in sorted(told))}"]


def _allowed(known: set[dt.date], spans: list[tuple[dt.date, dt.date]], cited: Claims
             ) -> tuple[set[tuple[int, int]], set[int], set[tuple[int, int]]]:
    """The months, years and days (month, day) a sentence may name: those of the dates it may
    draw on and of its sources' text, and every month and year within a cited span."""
    months = {(d.year, d.month) for d in known} | set(cited.month_years)
    years = {d.year for d in known} | set(cited.years)
    for start, end in spans:
        months |= {(y, m) for y in range(start.year, end.year + 1) for m in range(1, 13)
                   if (start.year, start.month) <= (y, m) <= (end.year, end.month)}
        years |= set(range(start.year, end.year + 1))
    days = {(d.month, d.day) for d in known} | set(cited.month_days)
    return months, years, days


def _partial_against(said_months: frozenset[tuple[int, int]],
                     said_days: frozenset[tuple[int, int]], said_years: frozenset[int],
                     months: set[tuple[int, int]], years: set[int], days: set[tuple[int, int]]
                     ) -> list[str]:
    problems = []
    if wrong_months := sorted(said_months - months):
        problems.append(f"month(s) {', '.join(f'{y}-{m:02d}' for y, m in wrong_months)} not in "
                        f"the cited source")
    if wrong_days := sorted(said_days - days):
        problems.append(f"day(s) {', '.join(f'{m:02d}-{d:02d}' for m, d in wrong_days)} not in "
                        f"the cited source")
    if not problems and (wrong_years := sorted(said_years - years)):
        problems.append(f"year(s) {', '.join(map(str, wrong_years))} not in the cited source")
    return problems


# How far a span may be from one between two dates, in the sentence's unit.
SPAN_SLACK = 0.6


def span_problems(said: Claims, cited: _Cited,
                  unshown: frozenset[tuple[float, str]] = frozenset(),
                  named: frozenset[dt.date] = frozenset()) -> list[str]:
    """A span the sentence states ("for six weeks") must be one a cited source states, in any
    unit (eight weeks ~ two months, to half the larger unit), or one between two dates of the
    sentence and its cited facts (to the nearest unit of the sentence), or between one of those
    and a key date of the case the sentence names (``named``). The ``unshown`` spans (a
    requirement the sentence says the record cannot show) are not the case's."""
    spans = said.durations - unshown
    compound = compound_spans(said.text) if spans or " and " in said.text else {}
    if compound:  # "two years and eight months": one span, not two
        spans = (spans - {p for parts in compound.values() for p in parts[0]}) | set(compound)
    if not spans:
        return []
    source = cited.claims
    stated = source.durations
    days = claims.DAYS_PER
    # and the case's key dates the sentence names ("five weeks after the injury")
    dates = cited.counted_dates | said.dates | source.dates | named
    months = sorted(said.month_years | source.month_years)
    dates |= {dt.date(y, m, 1) for y, m in months}
    # a year the sources give alone ("treated as early as 2000") dates to within its year
    dates |= {dt.date(y, 7, 1) for y in source.bare_years}
    gaps = [abs((b - a).days) for a, b in combinations(sorted(dates), 2)]
    # to a month is also to that month's end ("filled monthly from September 2024 through
    # March 2025" is seven months of fills)
    ends = [dt.date(y, m, calendar.monthrange(y, m)[1]) for y, m in months]
    gaps += [(end - start).days for start in dates for end in ends if end > start]
    # and from a month's start, for a count of calendar months ("seven months, February
    # through August" of a course begun on February 20)
    whole = [(end - start.replace(day=1)).days for start in dates for end in ends
             if end > start]
    bounds = _span_bounds(said.text)
    wrong = []
    for value, unit in sorted(spans):
        length = value * days[unit]
        if any(abs(length - v * days[u]) <= (0 if u == unit else days[max(u, unit, key=days.get)]
                                             / 2) + 1e-9 for v, u in stated):
            continue
        if any(abs(gap - length) <= days[unit] * SPAN_SLACK for gap in gaps):
            continue
        if unit in ("month", "year") and \
                any(abs(gap - length) <= days[unit] * SPAN_SLACK for gap in whole):
            continue
        # a bound ("well over four weeks", "within a week") holds for any span beyond it
        bound = bounds.get((value, unit))
        known = [v * days[u] for v, u in stated] + gaps
        if (bound == "over" and any(k >= length for k in known)) or \
                (bound == "under" and any(0 < k <= length for k in known)):
            continue
        wrong.append((value, unit))
    if not wrong:
        return []
    there = ", ".join(f"{v:g} {u}s" for v, u in sorted(stated)) or "no span"
    return [f"span(s) {', '.join(f'{v:g} {u}s' for v, u in wrong)} not in the cited source "
            f"(it gives {there})"]


# A span counted on from the event told before ("Three days later the MRI showed ...").
_LATER = re.compile(r"\b(?:days?|weeks?|months?|years?)\s+later\b", re.I)


def preceding_event(ctx: EvalContext, text: str, cited: _Cited) -> frozenset[dt.date]:
    """For a span "later" than what came before, where the sentence cites one dated fact: the
    last date the case file gives (a key date or a fact's) before that fact's, the event the
    span is counted from (one date, not any pair the file allows)."""
    if len(cited.counted_dates) != 1 or not _LATER.search(text):
        return frozenset()
    (when,) = cited.counted_dates
    earlier = [d for d in (*ctx.key_dates, *(f.date for f in ctx.facts.values()
                                             if f.date_precision == "day")) if d < when]
    return frozenset({max(earlier)}) if earlier else frozenset()


_BOUND = re.compile(r"\b(?:(well over|(?:lasted|lasting|persisted|for) over|more than|"
                    r"longer than|well beyond|in excess of|"
                    r"at least|upwards? of|exceeding)|(under|less than|fewer than|shorter than|"
                    r"within|at most|no more than|up to))\s+"
                    r"(?:about |roughly |nearly |approximately )?(\S+(?:[\s-]\S+)?)",
                    re.IGNORECASE)


def _span_bounds(text: str) -> dict[tuple[float, str], str]:
    """The spans a sentence states as a bound: "over" for a lower bound ("well over four
    weeks", "more than six months"), "under" for an upper one ("within a week")."""
    if not _BOUND.search(text):
        return {}
    found = {}
    for m in _BOUND.finditer(text):
        for value, unit in claims.durations(text[m.start(3):m.end(3) + 8]):
            found[(value, unit)] = "over" if m.group(1) else "under"
        if m.group(3).lower() in ("a", "an", "one"):  # "within a week"
            named = re.match(r"\s*(day|week|month|year)s?\b", text[m.end(3):], re.IGNORECASE)
            if named:
                found[(1.0, named.group(1).lower())] = "over" if m.group(1) else "under"
    return found


# A span in two parts: "three and a half weeks", "two years and eight months".
_HALF = re.compile(r"\b([\w-]+) and a half[\s-]+(day|week|month|year)s?\b", re.IGNORECASE)
_TWO_UNITS = re.compile(r"\b([\w-]+)[\s-]+(year|month|week)s?,? and ([\w-]+)[\s-]+"
                        r"(month|week|day)s?\b", re.IGNORECASE)


def _value(word: str) -> float | None:
    found = claims.numbers(word)
    return max(found) if len(found) == 1 else None


def compound_spans(text: str) -> dict[tuple[float, str], tuple[set[tuple[float, str]],
                                                                 set[float]]]:
    """Each span written in two parts, as one span in its smaller unit, with the spans and the
    numbers it is written with ("two years and eight months": 32 months, from 2 years, 8
    months, 2 and 8)."""
    if " and " not in text:
        return {}
    found: dict[tuple[float, str], tuple[set[tuple[float, str]], set[float]]] = {}
    days = claims.DAYS_PER
    for m in _HALF.finditer(text):
        whole = _value(m.group(1))
        if whole is not None:
            found[(whole + 0.5, m.group(2).lower())] = (set(), {whole})
    for m in _TWO_UNITS.finditer(text):
        big, small = _value(m.group(1)), _value(m.group(3))
        unit, sub = m.group(2).lower(), m.group(4).lower()
        if big is None or small is None or days[unit] <= days[sub]:
            continue
        total = round(big * days[unit] / days[sub] + small)
        found[(float(total), sub)] = ({(big, unit), (small, sub)}, {big, small})
    return found


# A span the sentence says the record cannot show ("the notes cannot show four weeks of
# therapy", "whether it lasted six weeks cannot be told"): the cue, then the clause after it.
_UNSHOWN = re.compile(r"\b(?:whether|cannot|can ?not|unable to|(?:does|do|did) not show|"
                      r"not shown|no way to)\b([^,;:.]*)", re.IGNORECASE)


def unshown_spans(text: str, required: str) -> frozenset[tuple[float, str]]:
    """The spans of the ``required`` text (the criteria's) that the sentence gives in a clause
    saying the record cannot show them, or asking whether they were reached."""
    supposed = _supposed_spans(text)
    if not _UNSHOWN.search(text):
        return supposed
    said = frozenset(p for m in _UNSHOWN.finditer(text) for p in claims.durations(m.group(1)))
    return supposed | (said & claims.durations(required) if said else frozenset())


# A span the writer supposes, plans or sets aside rather than reads in the record: "if the
# epidurals had given, say, 50 percent relief for six weeks", "would cover more than two weeks
# at three a day", "I will keep the file open for 30 days", "we'll revisit at follow-up in 4-6
# weeks", "a taper rather than a fresh three-month quantity".
_SUPPOSING = re.compile(r"(?:\b(?:if|will|would|in case|rather than)\b|['’]ll\b)([^.;:]*)",
                        re.IGNORECASE)


def _supposed_spans(text: str) -> frozenset[tuple[float, str]]:
    if not _SUPPOSING.search(text):
        return frozenset()
    return frozenset(p for m in _SUPPOSING.finditer(text) for p in claims.durations(m.group(1)))


# A span the sentence puts between two dates it gives: "acted on 14 October 2019, three weeks
# after the request of 7 October", "the MRI of 2 May, six weeks before the injection on
# 20 June".
_BETWEEN = re.compile(r"\b(?:after|before|later|earlier|since|following|prior to|from)\b",
                      re.IGNORECASE)


def _days_given(said: Claims) -> list[dt.date]:
    """The whole days a sentence gives: its dates, and its days without a year ("7 October",
    "September 26") in the year of its one whole date."""
    years = {d.year for d in said.dates}
    if len(years) != 1:
        return sorted(said.dates)
    (year,) = years
    days = set(said.dates)
    for month, day in said.month_days | _day_months(said.text):
        try:
            days.add(dt.date(year, month, day))
        except ValueError:
            continue
    return sorted(days)


def _day_months(text: str) -> set[tuple[int, int]]:
    """Days written before their month without a year ("7 October")."""
    from evals.claim_patterns import DAY_MONTH, month_number

    return {(month_number(m), int(d)) for d, m in DAY_MONTH.findall(text) if 1 <= int(d) <= 31}


def between_problems(said: Claims) -> list[str]:
    """A span the sentence states between the two days it gives ("three weeks after") must be
    the time between them, to one of its unit, as a span between cited dates is (a bound:
    "over three weeks", on its side)."""
    if len(said.durations) != 1 or not _BETWEEN.search(said.text):
        return []
    days = _days_given(said)
    if len(days) != 2:
        return []
    (value, unit), = said.durations
    if not re.search(rf"\b{unit}s?\b[^,;.]{{0,12}}?\b(?:after|before|later|earlier|since|"
                     rf"following|prior to)\b", said.text, re.IGNORECASE):
        return []  # the span is not the one between them ("for six weeks, from May")
    gap = (days[1] - days[0]).days
    length = value * claims.DAYS_PER[unit]
    bound = _span_bounds(said.text).get((value, unit))
    if (bound == "over" and gap >= length - claims.DAYS_PER[unit]) or \
            (bound == "under" and gap <= length + claims.DAYS_PER[unit]) or \
            abs(gap - length) <= claims.DAYS_PER[unit]:
        return []
    return [f"span {value:g} {unit}s between {days[0].isoformat()} and {days[1].isoformat()}, "
            f"which are {gap} days apart"]
