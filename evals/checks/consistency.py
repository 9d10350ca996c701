"""Numbers, dates, sides and spinal levels in a cited sentence agree with what it cites.

What a sentence's citations give (the joined text of its sources and that text's claims, the
dates and spans of its cited facts, the months, years and days those allow) is worked out once
per set of citations in a draft: many sentences cite the same facts."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from evals import claims
from evals.claims import Claims
from evals.context import EvalContext
from evals.findings import Finding


@dataclass
class _Cited:
    """What one set of citation markers gives a sentence."""

    markers: tuple[str, ...]
    text: str  # the sources' texts, joined
    claims: Claims
    fact_dates: frozenset[dt.date]  # the cited facts' dates and end dates
    counted_dates: frozenset[dt.date]  # the same, of the facts cited by a fact marker
    spans: list[tuple[dt.date, dt.date]]  # the cited facts' spans (date to end date)
    counted: int  # how many distinct facts are cited
    excerpts: str | None  # the cited excerpts' texts, joined (None: no excerpt cited)
    _partial: tuple[set[tuple[int, int]], set[int], set[tuple[int, int]]] | None = \
        field(default=None, repr=False)

    @cached_property
    def key(self) -> tuple[object, ...]:
        """All a sentence is checked against here (two equal keys cite the same)."""
        return (self.markers, self.text, self.fact_dates, self.counted_dates,
                tuple(self.spans), self.counted, self.excerpts)


def _cited(ctx: EvalContext, markers: tuple[str, ...]) -> _Cited | None:
    texts = [ctx.source_text(m) for m in markers]
    joined = " ".join(t for t in texts if t)
    if not joined:
        return None  # unresolved citations are the validity check's finding
    facts = [f for m in markers if (f := ctx.facts.get(m))]
    counted = {m for m in markers if m.startswith("F")}
    excerpts = [t for m in markers if m.startswith("G:") and (t := ctx.source_text(m))]
    return _Cited(markers, joined, claims.scan(joined),
                  frozenset(d for f in facts for d in (f.date, f.end_date) if d),
                  frozenset(d for m in counted if (f := ctx.facts.get(m))
                            for d in (f.date, f.end_date) if d),
                  [(f.date, f.end_date) for f in facts if f.end_date], len(counted),
                  " ".join(excerpts) if excerpts else None)


def _levels_agree(said: frozenset[str], known: frozenset[str]) -> set[str]:
    """Levels said that the source does not give. A segment (L4-L5) must be a segment the
    source names; where the source names no segment, it may join two vertebrae it names. A
    single vertebra (the L5 root) must be named alone or within a segment."""
    segments = {k for k in known if "-" in k}
    vertebrae = {v for k in known for v in k.split("-")}

    def inside(level: str) -> bool:
        if level in known:
            return True
        if "-" in level:
            return not segments and all(v in vertebrae for v in level.split("-"))
        return level in vertebrae
    return {level for level in said if not inside(level)}


def _side_problems(said: Claims, cited: Claims) -> list[str]:
    if not said.sides:
        return []  # no side, so no side with its anatomy either
    known = cited.sides
    wrong = sorted(s for s in said.sides if s not in known)
    if wrong:
        there = ", ".join(sorted(known)) or "no side"
        return [f"side {', '.join(wrong)} but the source says {there}"]
    # Both sides appear in the source: each side must go with the same anatomy it does there.
    source_pairs = cited.side_pairs
    problems = []
    for side, part in sorted(said.side_pairs - source_pairs):
        sides_there = sorted({s for s, p in source_pairs if p == part})
        if sides_there and side not in sides_there:
            problems.append(f"{side} {part}... but the source says {', '.join(sides_there)} "
                            f"{part}...")
    return problems


def _date_problems(ctx: EvalContext, said: Claims, cited: _Cited) -> list[str]:
    problems = []
    heading = claims.leading_date(said.text)
    if heading and all(m.startswith("F") for m in cited.markers) and \
            heading not in cited.fact_dates:
        problems.append(f"the line is dated {heading.isoformat()} but the cited fact is "
                        f"dated {', '.join(sorted(d.isoformat() for d in cited.fact_dates))}")
    wrong = said.dates - cited.claims.dates - ctx.key_dates if said.dates else frozenset()
    if wrong:
        wrong -= ctx.document_dates(said.text)
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
        known |= ctx.document_dates(said.text)
        problems = _partial_against(said_months, said_days, said_years,
                                    *_allowed(known, cited.spans, cited.claims))
    return problems


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


def _derived(ctx: EvalContext, said: Claims, cited: _Cited, extra: set[float]) -> set[float]:
    """Numbers a sentence may add to what it cites: spans (checked by unit, below), the count
    of the facts it cites ("three ways [F1][F4][F6]"), and what it works out from what it
    says and cites (``_worked_out``)."""
    if not extra:
        return extra
    extra = extra - {float(cited.counted)} if cited.counted > 1 else extra
    extra = extra - {value for value, _ in said.durations}
    return _worked_out(ctx, said, cited, extra) if extra else extra


# A count in a sentence: a number word or a small number, and the words after it.
_COUNT = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
                    r"\b((?:[\s-]+[\w’'-]+){1,6})", re.IGNORECASE)
# Where a list of what was counted begins ("two gaps: X and Y", "two of its ingredients,
# ketoprofen and baclofen").
_LIST_START = re.compile(r"\s*(?:[:,(]|—|–|\bnamely\b|\bincluding\b|\bsuch as\b)\s*")
_ITEM_BREAK = re.compile(r",\s*")
_LAST_ITEM = re.compile(r"\s(?:and|or)\s")
_LEVEL_WORDS = re.compile(r"^[\s-]+(?:\w+[\s-]+)?(?:spinal\s+|joint\s+|facet\s+)?"
                          r"(?:levels?|segments?)\b", re.IGNORECASE)


# A change worked out from two values ("fell by 18 points from 44 to 26").
_CHANGE = re.compile(r"\b(?:fell|fallen|dropped|declined|decreased|improved|rose|risen|"
                     r"increased|reduced|reduction|improvement|drop|fall|rise|gain|change)\b",
                     re.IGNORECASE)


def _list_length(text: str) -> int:
    """How many items a list at the start of ``text`` has ("X, Y and Z, and so on" is 3): the
    items up to the one joined by "and" or "or"."""
    count = 0
    for piece in _ITEM_BREAK.split(text):
        piece = piece.strip()
        if not piece:
            break
        if re.match(r"(?:and|or)\s", piece):  # "X, Y, and Z": the serial comma's last item
            return count + 1
        joined = _LAST_ITEM.search(piece)
        if joined:
            return count + 2
        count += 1
    return count


def _worked_out(ctx: EvalContext, said: Claims, cited: _Cited, extra: set[float]
                ) -> set[float]:
    """Numbers a sentence works out from what it says and cites: a difference of two numbers
    it gives ("fell by eighteen points, from 44 to 26"), the length of a list it gives
    ("two stated gaps, X and Y"; "three signs: X, Y and Z"), the number of spinal segments its
    sources name ("two joint levels" for C4-C5 and C5-C6), and the number of cited facts (or
    distinct things) its sources name of a kind ("two operations" for a laminectomy and a
    fusion cited; "three neuropathic agents" for gabapentin, pregabalin and duloxetine)."""
    text = said.text
    if _CHANGE.search(text):  # "fell by eighteen points, from 44 to 26"
        given = sorted(said.numbers - extra)
        extra = {x for x in extra if not any(b - a == x for a, b in combinations(given, 2))}
    for m in _COUNT.finditer(text) if extra else ():
        word = m.group(1).lower()
        value = float(word) if word.isdigit() else claims.word_number(word)
        if value not in extra:
            continue
        after = m.group(2)
        counts: set[int] = set()
        start = _LIST_START.search(text, m.end(1))
        between = text[m.end(1):start.start()] if start else ""
        if start and len(between.split()) <= 8 and not re.search(r"\d", between) and \
                not re.match(r"\s*\d", text[start.end():]):
            counts.add(_list_length(text[start.end():]))
        if _LEVEL_WORDS.match(after):
            counts.add(len({k for k in cited.claims.levels if "-" in k}))
        counts |= _kind_counts(ctx, after, cited)
        if int(value) in counts:
            extra.discard(value)
    return extra


def _kind_counts(ctx: EvalContext, after: str, cited: _Cited) -> set[int]:
    """For a kind of the lexicon named just after a count ("two operations"): how many cited
    facts name it, and how many distinct things of that kind the sources name."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    head = " ".join(after.split()[:3])
    kinds = next((said for said, _ in lex.mentions(head)), frozenset())
    if not kinds:
        return set()
    facts = [ctx.source_text(m) or "" for m in cited.markers if m.startswith("F")]
    named = [lex.names(t) for t in facts]
    counts = {sum(1 for n in named if kinds & n)}
    things = {cid for t in facts for said, _ in lex.mentions(t) for cid in said
              if kinds & lex.ancestors[cid] and not kinds & {cid}}
    counts.add(len(things))
    return counts


def _span_problems(said: Claims, cited: _Cited) -> list[str]:
    """A span the sentence states ("for six weeks") must be one a cited source states, in any
    unit (eight weeks ~ two months, to half the larger unit), or one between two dates of the
    sentence and its cited facts (to the nearest unit of the sentence)."""
    spans = said.durations
    if not spans:
        return []
    source = cited.claims
    stated = source.durations
    days = claims.DAYS_PER
    dates = cited.counted_dates | said.dates | source.dates
    months = sorted(said.month_years | source.month_years)
    dates |= {dt.date(y, m, 1) for y, m in months}
    gaps = [abs((b - a).days) for a, b in combinations(sorted(dates), 2)]
    # to a month is also to that month's end ("filled monthly from September 2024 through
    # March 2025" is seven months of fills)
    ends = [dt.date(y, m, calendar.monthrange(y, m)[1]) for y, m in months]
    gaps += [(end - start).days for start in dates for end in ends if end > start]
    bounds = _span_bounds(said.text)
    wrong = []
    for value, unit in sorted(spans):
        length = value * days[unit]
        if any(abs(length - v * days[u]) <= (0 if u == unit else days[max(u, unit, key=days.get)]
                                             / 2) + 1e-9 for v, u in stated):
            continue
        if any(abs(gap - length) <= days[unit] for gap in gaps):
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


_BOUND = re.compile(r"\b(?:(well over|more than|longer than|well beyond|in excess of|"
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
            unit = re.match(r"\s*(day|week|month|year)s?\b", text[m.end(3):], re.IGNORECASE)
            if unit:
                found[(1.0, unit.group(1).lower())] = "over" if m.group(1) else "under"
    return found


# Kinds of value a record states plainly and a sentence restates rather than works out (a
# percentage or a daily total may be computed; a pain score or a tablet count is copied).
COPIED_KINDS = frozenset({"score", "tablet", "minute", "hour", "visit", "session", "injection",
                          "infusion", "ml", "unit"})


def _kind_problems(said: Claims, cited: Claims) -> list[str]:
    """A pain score, count or time the sentence gives must be one its sources give of that
    kind, where they give any of that kind ("30 tablets" where the source says 45 tablets)."""
    copied = {(k, v) for k, v in said.quantities if k in COPIED_KINDS}
    if not copied:
        return []
    stated = cited.quantities
    kinds = {k for k, _ in stated}
    wrong = sorted((k, v) for k, v in copied if k in kinds and (k, v) not in stated)
    if not wrong:
        return []
    return [f"{v:g} ({k}) not in the cited source, which gives "
            f"{', '.join(f'{x:g}' for kk, x in sorted(stated) if kk == k)}" for k, v in wrong]


def _threshold_problems(said: Claims, cited: _Cited) -> list[str]:
    """A bound stated beside a guideline citation must be the guideline's: each number a
    sentence gives as a threshold is in the excerpts it cites, not only in the facts."""
    if cited.excerpts is None:
        return []
    bounds = said.thresholds
    if not bounds:
        return []
    text = claims.scan(cited.excerpts)
    wrong = sorted(bounds - text.numbers - {v for v, _ in text.durations})
    if not wrong:
        return []
    markers = ", ".join(m for m in cited.markers if m.startswith("G:"))
    return [f"threshold(s) {', '.join(f'{n:g}' for n in wrong)} not in the cited guideline "
            f"excerpt ({markers})"]


def _speaks_of_case(ctx: EvalContext, plain: str) -> bool:
    """Whether a sentence talks about the request or the criteria (an item, a code, a request,
    a criterion statement): only then may it carry their numbers beside its sources'."""
    lower = plain.lower()
    return bool(_CASE_TERMS.search(plain)) or any(p in lower for p in ctx.known_phrases)


_CASE_TERMS = re.compile(r"\b(I\d+|request(?:ed|s)?|CPT|HCPCS|criteri(?:on|a)|threshold|"
                         r"at least|no more than|aged?|years? old|appeal(?:ed|s)?|"
                         r"authori[sz](?:e|ed|ation)|sought|non-?certified|denied|denial)\b",
                         re.I)


def _problems(ctx: EvalContext, said: Claims, cited: _Cited) -> list[str]:
    """What is wrong with one sentence against what it cites."""
    source = cited.claims
    problems = []
    extra = set(said.numbers - source.numbers)
    if extra and _speaks_of_case(ctx, said.text):
        extra -= claims.numbers(ctx.stated_values)
    extra = _derived(ctx, said, cited, extra)
    if extra:
        problems.append(f"number(s) {', '.join(f'{n:g}' for n in sorted(extra))} not in "
                        f"the cited source")
    problems += _span_problems(said, cited)
    problems += _threshold_problems(said, cited)
    if not extra:
        problems += _kind_problems(said, source)
    problems += _date_problems(ctx, said, cited)
    problems += _side_problems(said, source)
    wrong_levels = _levels_agree(said.levels, source.levels) if said.levels else set()
    if wrong_levels:
        problems.append(f"level(s) {', '.join(sorted(wrong_levels))} not in the cited source")
    return problems


# The problems of each sentence, by the sentence, all it cites (``_Cited.key``) and what the case
# file states (``EvalContext.case_key``): the drafts of a case share most of their sentences.
_FOUND: dict[tuple[str, tuple[object, ...], str], list[str]] = {}
_MAX_FOUND = 16384


def clear_caches() -> None:
    """Forget every sentence checked (for timing on cold caches)."""
    _FOUND.clear()


def check_consistency(ctx: EvalContext) -> list[Finding]:
    findings = []
    by_markers: dict[tuple[str, ...], _Cited | None] = {}
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        if sentence.markers in by_markers:
            cited = by_markers[sentence.markers]
        else:
            cited = by_markers[sentence.markers] = _cited(ctx, sentence.markers)
        if cited is None:
            continue  # unresolved citations are the validity check's finding
        key = (sentence.plain, cited.key, ctx.case_key)
        problems = _FOUND.get(key)
        if problems is None:
            if len(_FOUND) >= _MAX_FOUND:
                _FOUND.clear()
            problems = _FOUND[key] = _problems(ctx, claims.scan(sentence.plain), cited)
        for problem in problems:
            findings.append(Finding(check="consistency", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=problem))
    return findings
