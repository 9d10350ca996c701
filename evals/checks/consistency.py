"""Numbers, dates, sides and spinal levels in a cited sentence agree with what it cites; the
outcome a section states agrees with the criteria result (or a recorded override)."""

from __future__ import annotations

import re

from evals import claims
from evals.context import EvalContext, Sentence
from evals.findings import Finding


def _sources(ctx: EvalContext, sentence: Sentence) -> str | None:
    texts = [ctx.source_text(m) for m in sentence.markers]
    return " ".join(t for t in texts if t) or None


def _levels_agree(said: set[str], known: set[str]) -> set[str]:
    def inside(level: str) -> bool:
        return any(level == k or level in k.split("-") or k in level.split("-") for k in known)
    return {level for level in said if not inside(level)}


def check_consistency(ctx: EvalContext) -> list[Finding]:
    findings = []
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        cited = _sources(ctx, sentence)
        if cited is None:
            continue  # unresolved citations are the validity check's finding
        # Values the case file states outright (inventory dates, item details) may appear too.
        source = f"{cited} {ctx.known_text}"
        plain = sentence.plain
        problems = []
        extra = claims.numbers(plain) - claims.numbers(source)
        if extra:
            problems.append(f"number(s) {', '.join(f'{n:g}' for n in sorted(extra))} not in "
                            f"the cited source")
        wrong_dates = claims.dates(plain) - claims.dates(source)
        if wrong_dates:
            problems.append(f"date(s) {', '.join(d.isoformat() for d in sorted(wrong_dates))} "
                            f"not in the cited source")
        known_sides = claims.sides(cited)
        wrong_sides = {s for s in claims.sides(plain) if s not in known_sides}
        if wrong_sides:
            problems.append(f"side {', '.join(sorted(wrong_sides))} but the source says "
                            f"{', '.join(sorted(known_sides)) or 'no side'}")
        wrong_levels = _levels_agree(claims.levels(plain), claims.levels(cited))
        if wrong_levels:
            problems.append(f"level(s) {', '.join(sorted(wrong_levels))} not in the cited source")
        for problem in problems:
            findings.append(Finding(check="consistency", severity="error",
                                    section=sentence.section.key, sentence=sentence.index,
                                    text=sentence.text, message=problem))
    return findings


_OUTCOME_PHRASES = [
    ("insufficient_documentation", re.compile(r"not shown to be medically necessary", re.I)),
    ("not_necessary", re.compile(r"\bnot medically necessary\b", re.I)),
    ("necessary", re.compile(r"(?<!not )(?<!not shown to be )\bmedically necessary\b", re.I)),
]


def stated_outcome(text: str) -> str | None:
    """The outcome the last outcome statement in a text asserts."""
    last: tuple[int, str] | None = None
    for outcome, pattern in _OUTCOME_PHRASES:
        for match in pattern.finditer(text):
            if outcome == "necessary" and re.search(r"not (shown to be )?$",
                                                    text[:match.start()], re.I):
                continue
            if last is None or match.start() > last[0]:
                last = (match.start(), outcome)
    return last[1] if last else None


def check_outcomes(ctx: EvalContext) -> list[Finding]:
    findings = []
    decided = {r.item_id: r.outcome.value for r in ctx.draft.criteria if r.outcome}
    for section in ctx.draft.sections:
        if section.item_id and section.item_id in decided:
            stated = stated_outcome(section.text)
            if stated and stated != decided[section.item_id]:
                findings.append(Finding(
                    check="outcomes", severity="error", section=section.key, sentence=None,
                    text=section.text[-300:], message=f"states {stated} but the criteria "
                    f"result for {section.item_id} is {decided[section.item_id]}"))
        if section.kind == "conclusion":
            for item_id, outcome in decided.items():
                paragraph = re.search(rf"(?ms)^{item_id}\. (.*?)(?=^I\d+\. |\Z)", section.text)
                stated = stated_outcome(paragraph.group(1)) if paragraph else None
                if stated and stated != outcome:
                    findings.append(Finding(
                        check="outcomes", severity="error", section=section.key, sentence=None,
                        text=paragraph.group(0)[:300], message=f"conclusion states {stated} "
                        f"for {item_id} but the criteria result is {outcome}"))
    return findings
