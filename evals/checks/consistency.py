"""Numbers, dates, sides and spinal levels in a cited sentence agree with what it cites."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from evals import claims
from evals.context import EvalContext, Sentence
from evals.findings import Finding


def _sources(ctx: EvalContext, sentence: Sentence) -> str | None:
    texts = [ctx.source_text(m) for m in sentence.markers]
    return " ".join(t for t in texts if t) or None


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


def _side_problems(plain: str, cited: str) -> list[str]:
    known = claims.sides(cited)
    wrong = sorted(s for s in claims.sides(plain) if s not in known)
    if wrong:
        said = ", ".join(sorted(known)) or "no side"
        return [f"side {', '.join(wrong)} but the source says {said}"]
    # Both sides appear in the source: each side must go with the same anatomy it does there.
    source_pairs = claims.side_pairs(cited)
    problems = []
    for side, part in sorted(claims.side_pairs(plain) - source_pairs):
        sides_there = sorted({s for s, p in source_pairs if p == part})
        if sides_there and side not in sides_there:
            problems.append(f"{side} {part}... but the source says {', '.join(sides_there)} "
                            f"{part}...")
    return problems


def _date_problems(ctx: EvalContext, sentence: Sentence, plain: str, cited: str) -> list[str]:
    problems = []
    heading = claims.leading_date(plain)
    if heading and sentence.markers and all(m.startswith("F") for m in sentence.markers):
        fact_dates = {d for m in sentence.markers if (f := ctx.facts.get(m))
                      for d in (f.date, f.end_date) if d}
        if heading not in fact_dates:
            problems.append(f"the line is dated {heading.isoformat()} but the cited fact is "
                            f"dated {', '.join(sorted(d.isoformat() for d in fact_dates))}")
    wrong = claims.dates(plain) - claims.dates(cited) - ctx.key_dates
    if wrong:
        wrong -= ctx.document_dates(plain)
    if wrong and not problems:
        problems.append(f"date(s) {', '.join(d.isoformat() for d in sorted(wrong))} not in "
                        f"the cited source")
    return problems or _partial_date_problems(ctx, sentence, plain, cited)


def _known_dates(ctx: EvalContext, sentence: Sentence, plain: str, cited: str
                 ) -> tuple[set[dt.date], list[tuple[dt.date, dt.date]]]:
    """Dates a sentence may draw on (its sources', the case's key dates, the documents it
    names) and the spans of its cited facts (date to end date)."""
    known = set(claims.dates(cited)) | set(ctx.key_dates)
    spans = []
    for marker in sentence.markers:
        fact = ctx.facts.get(marker)
        if fact is not None:
            known.add(fact.date)
            if fact.end_date:
                known.add(fact.end_date)
                spans.append((fact.date, fact.end_date))
    return known, spans


def _partial_date_problems(ctx: EvalContext, sentence: Sentence, plain: str, cited: str
                           ) -> list[str]:
    """A month with its year, a day without its year, or a year alone must match a date of
    the sources (or fall within a cited fact's span)."""
    said_months, said_days = claims.month_years(plain), claims.month_days(plain)
    said_years = claims.bare_years(plain)
    if not (said_months or said_days or said_years):
        return []
    known, spans = _known_dates(ctx, sentence, plain, cited)
    problems = _partial_against(said_months, said_days, said_years, known, spans, cited)
    if problems:  # the documents the sentence names by title may date what it says
        known |= ctx.document_dates(plain)
        problems = _partial_against(said_months, said_days, said_years, known, spans, cited)
    return problems


def _partial_against(said_months: frozenset[tuple[int, int]],
                     said_days: frozenset[tuple[int, int]], said_years: frozenset[int],
                     known: set[dt.date], spans: list[tuple[dt.date, dt.date]], cited: str
                     ) -> list[str]:
    months = {(d.year, d.month) for d in known} | set(claims.month_years(cited))
    years = {d.year for d in known} | set(claims.years(cited))
    for start, end in spans:
        months |= {(y, m) for y in range(start.year, end.year + 1) for m in range(1, 13)
                   if (start.year, start.month) <= (y, m) <= (end.year, end.month)}
        years |= set(range(start.year, end.year + 1))
    days = {(d.month, d.day) for d in known} | set(claims.month_days(cited))
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


def _derived(sentence: Sentence, plain: str, extra: set[float]) -> set[float]:
    """Numbers a sentence may add to what it cites: spans (checked by unit, below) and the
    count of the facts it cites ("three ways [F1][F4][F6]")."""
    if not extra:
        return extra
    counted = {m for m in sentence.markers if m.startswith("F")}
    extra = extra - {float(len(counted))} if len(counted) > 1 else extra
    return extra - {value for value, _ in claims.durations(plain)}


def _span_problems(ctx: EvalContext, sentence: Sentence, plain: str, cited: str) -> list[str]:
    """A span the sentence states ("for six weeks") must be one a cited source states, in any
    unit (eight weeks ~ two months, to half the larger unit), or one between two dates of the
    sentence and its cited facts (to the nearest unit of the sentence)."""
    said = claims.durations(plain)
    if not said:
        return []
    stated = claims.durations(cited)
    days = claims.DAYS_PER
    counted = {m for m in sentence.markers if m.startswith("F")}
    dates = {d for m in counted if (f := ctx.facts.get(m)) for d in (f.date, f.end_date) if d}
    dates |= claims.dates(plain) | claims.dates(cited)
    dates |= {dt.date(y, m, 1) for y, m in claims.month_years(plain) | claims.month_years(cited)}
    gaps = [abs((b - a).days) for a, b in combinations(sorted(dates), 2)]
    wrong = []
    for value, unit in sorted(said):
        length = value * days[unit]
        if any(abs(length - v * days[u]) <= (0 if u == unit else days[max(u, unit, key=days.get)]
                                             / 2) + 1e-9 for v, u in stated):
            continue
        if any(abs(gap - length) <= days[unit] for gap in gaps):
            continue
        wrong.append((value, unit))
    if not wrong:
        return []
    there = ", ".join(f"{v:g} {u}s" for v, u in sorted(stated)) or "no span"
    return [f"span(s) {', '.join(f'{v:g} {u}s' for v, u in wrong)} not in the cited source "
            f"(it gives {there})"]


# Kinds of value a record states plainly and a sentence restates rather than works out (a
# percentage or a daily total may be computed; a pain score or a tablet count is copied).
COPIED_KINDS = frozenset({"score", "tablet", "minute", "hour", "visit", "session", "injection",
                          "infusion", "ml", "unit"})


def _kind_problems(plain: str, cited: str) -> list[str]:
    """A pain score, count or time the sentence gives must be one its sources give of that
    kind, where they give any of that kind ("30 tablets" where the source says 45 tablets)."""
    said = {(k, v) for k, v in claims.quantities(plain) if k in COPIED_KINDS}
    if not said:
        return []
    stated = claims.quantities(cited)
    kinds = {k for k, _ in stated}
    wrong = sorted((k, v) for k, v in said if k in kinds and (k, v) not in stated)
    if not wrong:
        return []
    return [f"{v:g} ({k}) not in the cited source, which gives "
            f"{', '.join(f'{x:g}' for kk, x in sorted(stated) if kk == k)}" for k, v in wrong]


def _threshold_problems(ctx: EvalContext, sentence: Sentence, plain: str) -> list[str]:
    """A bound stated beside a guideline citation must be the guideline's: each number a
    sentence gives as a threshold is in the excerpts it cites, not only in the facts."""
    excerpts = [t for m in sentence.markers if m.startswith("G:") and (t := ctx.source_text(m))]
    if not excerpts:
        return []
    said = claims.thresholds(plain)
    if not said:
        return []
    text = " ".join(excerpts)
    wrong = sorted(said - claims.numbers(text) - {v for v, _ in claims.durations(text)})
    if not wrong:
        return []
    cited = ", ".join(m for m in sentence.markers if m.startswith("G:"))
    return [f"threshold(s) {', '.join(f'{n:g}' for n in wrong)} not in the cited guideline "
            f"excerpt ({cited})"]


def _speaks_of_case(ctx: EvalContext, plain: str) -> bool:
    """Whether a sentence talks about the request or the criteria (an item, a code, a request,
    a criterion statement): only then may it carry their numbers beside its sources'."""
    lower = plain.lower()
    return bool(_CASE_TERMS.search(plain)) or any(p in lower for p in ctx.known_phrases)


_CASE_TERMS = re.compile(r"\b(I\d+|request(?:ed|s)?|CPT|HCPCS|criteri(?:on|a)|threshold|"
                         r"at least|no more than|aged?|years? old|appeal(?:ed|s)?|"
                         r"authori[sz](?:e|ed|ation)|sought|non-?certified|denied|denial)\b",
                         re.I)


def check_consistency(ctx: EvalContext) -> list[Finding]:
    findings = []
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        cited = _sources(ctx, sentence)
        if cited is None:
            continue  # unresolved citations are the validity check's finding
        plain = sentence.plain
        problems = []
        extra = set(claims.numbers(plain) - claims.numbers(cited))
        if extra and _speaks_of_case(ctx, plain):
            extra -= claims.numbers(ctx.stated_values)
        extra = _derived(sentence, plain, extra)
        if extra:
            problems.append(f"number(s) {', '.join(f'{n:g}' for n in sorted(extra))} not in "
                            f"the cited source")
        problems += _span_problems(ctx, sentence, plain, cited)
        problems += _threshold_problems(ctx, sentence, plain)
        if not extra:
            problems += _kind_problems(plain, cited)
        problems += _date_problems(ctx, sentence, plain, cited)
        problems += _side_problems(plain, cited)
        wrong_levels = _levels_agree(claims.levels(plain), claims.levels(cited))
        if wrong_levels:
            problems.append(f"level(s) {', '.join(sorted(wrong_levels))} not in the cited source")
        for problem in problems:
            findings.append(Finding(check="consistency", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=problem))
    return findings
