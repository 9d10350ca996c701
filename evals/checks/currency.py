"""Cited guideline excerpts apply to the case: in force on the date of service they are applied
to, and written for the case's setting and one of its procedures (``scope``); and they are not
stated wider than they are written (``reach``: "whenever", "regardless of" where the excerpt
sets conditions)."""

from __future__ import annotations

from evals.checks.reach import widened
from evals.checks.scope import STAND_IN_DECLARED, out_of_scope
from evals.context import EvalContext
from evals.findings import Finding


def check_currency(ctx: EvalContext) -> list[Finding]:
    findings = []
    days = {i.id: i.date_of_service for i in ctx.case.disputed_items}
    declared = any(_declares_stand_in(s.text) for s in ctx.draft.sections)
    for sentence in ctx.sentences:
        # each excerpt marker and the excerpt it names (None where the index has none)
        named = {m: ctx.excerpts.get(m[2:]) for m in dict.fromkeys(sentence.markers)
                 if m.startswith("G:")}
        if not named:
            continue  # no excerpt cited
        item = sentence.section.item_id
        applicable = [days[item]] if item in days else list(days.values())
        cited = [(m[2:], e.text) for m, e in named.items() if e]
        wider = widened(sentence.plain, cited)
        if wider:
            findings.append(Finding(
                check="currency", severity="error", section=sentence.section.key,
                sentence=sentence.index, text=sentence.text, message=wider))
        for marker in sentence.markers:
            excerpt = named.get(marker)
            if not excerpt:
                continue
            message = ""
            if not any(excerpt.in_force_on(day) for day in applicable):
                span = f"{excerpt.effective_from} to {excerpt.effective_to or 'now'}"
                message = (f"{excerpt.id} was in force {span}, not on the date of service "
                           f"{', '.join(d.isoformat() for d in applicable)}")
            message = message or out_of_scope(sentence.plain, excerpt, ctx.case, declared)
            if message:
                findings.append(Finding(
                    check="currency", severity="error", section=sentence.section.key,
                    sentence=sentence.index, text=sentence.text, message=message))
    return findings


def _declares_stand_in(text: str) -> bool:
    """``STAND_IN_DECLARED`` in a section: an ASCII text without "in for" (any case) cannot
    hold it (every alternative of the pattern holds those words: keep this test with it), and
    the pattern, case-insensitive and tried at every character, is slow on a whole section; a
    text not in ASCII is always searched."""
    if text.isascii() and "in for" not in text.lower():
        return False
    return STAND_IN_DECLARED.search(text) is not None
