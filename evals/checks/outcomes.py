"""The outcome each item section (and the conclusion) states agrees with the criteria result,
or with a reviewer's recorded override, which the draft's criteria results then carry."""

from __future__ import annotations

import re
from functools import lru_cache

from evals.context import EvalContext
from evals.findings import Finding

# Each outcome phrase, and how many characters before "medically necessary" it starts.
_OUTCOME_PHRASES = [
    ("insufficient_documentation", re.compile(r"not shown to be medically necessary", re.I), 16),
    ("not_necessary", re.compile(r"\bnot medically necessary\b", re.I), 4),
    ("necessary", re.compile(r"(?<!not )(?<!not shown to be )\bmedically necessary\b", re.I), 0),
]
# In every outcome phrase: the phrases are tried only where it occurs (scanning a whole section
# for each phrase costs several times more).
_CORE = re.compile(r"medically necessary", re.I)


_NEGATED = re.compile(r"not (shown to be )?$", re.I)


@lru_cache(maxsize=4096)
def stated_outcome(text: str) -> str | None:
    """The outcome the last outcome statement in a text asserts."""
    if text.isascii() and "medically necessary" not in text.lower():
        return None  # no outcome phrase (each holds the core)
    last: tuple[int, str] | None = None
    for core in _CORE.finditer(text):
        for outcome, pattern, offset in _OUTCOME_PHRASES:
            start = core.start() - offset
            if start < 0 or not pattern.match(text, start):
                continue
            if outcome == "necessary" and _NEGATED.search(text[max(0, start - 20):start]):
                continue
            if last is None or start > last[0]:
                last = (start, outcome)
    return last[1] if last else None


def check_outcomes(ctx: EvalContext) -> list[Finding]:
    findings = []
    decided = {r.item_id: r.outcome.value for r in ctx.draft.criteria if r.outcome}
    # The criteria results of a reviewed draft already carry a physician's override; say so.
    overridden = {o.item_id for o in ctx.draft.overrides}
    basis = {i: "the criteria result (with the reviewer's override)" if i in overridden else
             "the criteria result" for i in decided}
    for section in ctx.draft.sections:
        if section.item_id and section.item_id in decided:
            stated = stated_outcome(section.text)
            if stated and stated != decided[section.item_id]:
                findings.append(Finding(
                    check="outcomes", severity="error", section=section.key, sentence=None,
                    text=section.text[-300:], message=f"states {stated} but "
                    f"{basis[section.item_id]} for {section.item_id} is "
                    f"{decided[section.item_id]}"))
        if section.kind == "conclusion":
            for item_id, outcome in decided.items():
                paragraph = re.search(rf"(?ms)^{item_id}\. (.*?)(?=^I\d+\. |\Z)", section.text)
                stated = stated_outcome(paragraph.group(1)) if paragraph else None
                if stated and stated != outcome:
                    findings.append(Finding(
                        check="outcomes", severity="error", section=section.key, sentence=None,
                        text=paragraph.group(0)[:300], message=f"conclusion states {stated} "
                        f"for {item_id} but {basis[item_id]} is {outcome}"))
    return findings
