"""The dispute on file, beside the criteria: how the item was denied before, and whether the
record disputes causation.

Causation is not medical necessity: when the record disputes whether the condition a service
treats is related to the injury (a payer's finding that the shoulder is 'not related to the
compensable injury', a denial for a back condition 'not causally related to the work injury'),
that is a question of compensability the criteria engine does not decide. Workers'
compensation statutes (California's treatment 'to cure or relieve from the effects of the
injury', and every state's like it) put relatedness before necessity, and decisions try the two
as separate issues.

The engine says so: an item whose record disputes causation carries the sentence, and its
summary ends with it; where nothing else is disputed (the denial on file names relatedness
alone) it says the dispute is causation only. Outcomes are unchanged: the criteria judge
necessity, and whether the condition is the injury's is for the adjudicator."""

from __future__ import annotations

import re

from drafting.case import Case, DisputedItem
from drafting.case.partial_dates import long_day


def denied_before(case: Case, item: DisputedItem) -> str | None:
    """How the item (or the whole request) was denied or modified before, if the case says."""
    decision = item.prior_decision or case.prior_decision
    if decision is not None and decision.adverse:
        return f"{decision.decision.value} on {long_day(decision.date)} by {decision.decided_by}"
    if item.prior_decision is None and case.dates.denial is not None:
        return f"denied on {long_day(case.dates.denial)}"
    return None


# A denied relatedness: 'not related to', 'not causally related', 'unrelated to the injury',
# 'not work-related', 'not compensable', 'causation is disputed/contested/denied', 'disputed
# that it arose from the work'. A stated relation ('causally related to his work activities') is
# none, nor 'later unrelated accidents'.
_INJURY = (r"(?:\w+\s+){0,3}?(?:injury|injuries|work|accident|employment|incident|claim|fall"
           r"|compensable|industrial|occupational|job)")
_UNRELATED = re.compile(
    r"\bnot\s+(?:\w+\s+){0,2}?(?:causally\s+|medically\s+|work[- ])?related\s+to\s+" + _INJURY +
    r"|\b(?:not|nor)\s+(?:[\w,]+\s+){0,3}?causally\s+related\b"
    r"|\bunrelated\s+to\s+" + _INJURY +
    r"|\bnot\s+(?:work[- ]related|compensable|caused\s+by)\b"
    r"|\bcausation\s+(?:is\s+|was\s+)?(?:disputed|contested|denied|challenged|at\s+issue)"
    r"|\b(?:disputed|contested|denied|challenged)\s+(?:only\s+)?causation\b"
    r"|\bno\s+causal\s+(?:relationship|connection|link)\b"
    # 'disputed that the palsy arose from the work incident'
    r"|\b(?:disputed|contested|denied|questioned)\s+that\b[^.;]{0,60}?\b(?:arose|arising|"
    r"resulted|was caused|came)\s+(?:from|out of|by)\b", re.I)
# The same text also disputing the care itself: then causation is not the only question.
_NECESSITY = re.compile(
    r"\b(?:reasonable|necessary|necessity|indicated|appropriate|guidelines?|effective|benefit"
    r"|improvement|relief|excessive|maintenance)\b", re.I)


def causation_dispute(case: Case, item: DisputedItem) -> str | None:
    """The sentence saying the record disputes causation, or None when it does not."""
    facts = {f.id: f for f in case.facts}
    texts = [(f"{fid}: {facts[fid].statement}", facts[fid].statement)
             for fid in item.facts if fid in facts]
    decision = item.prior_decision or case.prior_decision
    if decision is not None and decision.reason:
        texts.append((f"the denial: {decision.reason}", decision.reason))
    disputing = [(quoted, text) for quoted, text in texts if _UNRELATED.search(text)]
    if not disputing:
        return None
    quoted = "; ".join(q.rstrip(".") for q, _ in disputing[:2])
    denial = decision.reason if decision is not None and decision.reason else ""
    only = bool(_UNRELATED.search(denial)) and not _NECESSITY.search(denial)
    if only:
        return ("The denial on file disputes causation only (" + quoted + "): whether the "
                "condition is related to the injury is a question of compensability, not of "
                "medical necessity, and the criteria here judge necessity alone.")
    return ("The record also disputes causation (" + quoted + "): whether the condition is "
            "related to the injury is a question of compensability these criteria do not "
            "decide.")
