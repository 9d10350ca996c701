"""Numbers, dates, sides and spinal levels in a cited sentence agree with what it cites."""

from __future__ import annotations

import re

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
    return problems


def _speaks_of_case(ctx: EvalContext, plain: str) -> bool:
    """Whether a sentence talks about the request or the criteria (an item, a code, a request,
    a criterion statement): only then may it carry their numbers beside its sources'."""
    lower = plain.lower()
    return bool(_CASE_TERMS.search(plain)) or any(p in lower for p in ctx.known_phrases)


_CASE_TERMS = re.compile(r"\b(I\d+|request(?:ed|s)?|CPT|HCPCS|criteri(?:on|a)|threshold|"
                         r"at least|no more than|aged?|years? old)\b", re.I)


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
        extra = claims.numbers(plain) - claims.numbers(cited)
        if extra and _speaks_of_case(ctx, plain):
            extra -= claims.numbers(ctx.stated_values)
        if extra:
            problems.append(f"number(s) {', '.join(f'{n:g}' for n in sorted(extra))} not in "
                            f"the cited source")
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
