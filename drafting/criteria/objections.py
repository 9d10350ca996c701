"""Anticipated objections: the strongest argument the other side will raise on an item, and the
record-based answer to it."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome, Perspective
from drafting.criteria.results import CriterionResult, Gap, ItemResult, Objection, Status
from drafting.criteria.spec import CriteriaSet

FOR_NECESSITY = {Perspective.plaintiff, Perspective.provider, Perspective.patient}
AGAINST_NECESSITY = {Perspective.defense, Perspective.payer}


def _weakest(result: ItemResult) -> CriterionResult | None:
    """The criterion the opposing side would attack first."""
    ranked = sorted(result.criteria, key=lambda r: (
        {Status.not_met: 0, Status.undocumented: 1, Status.met: 2}[r.status],
        not r.required, len(r.supporting_facts)))
    return ranked[0] if ranked else None


def _strongest_met(result: ItemResult) -> CriterionResult | None:
    met = [r for r in result.criteria if r.status is Status.met and r.supporting_facts]
    return max(met, key=lambda r: (r.required, len(r.supporting_facts)), default=None)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def against(spec: CriteriaSet, result: ItemResult) -> Objection | None:
    target = _weakest(result)
    if target is None:
        return None
    authored = next((c.objection for c in spec.criteria if c.id == target.criterion_id), None)
    argument = authored or f"The record does not establish that {_lower(target.statement)}"
    if target.status is Status.met:
        answer = f"The record answers it: {target.reason}"
    elif target.gap is Gap.submission:
        answer = (f"The evidence exists but is missing from the packet; supply "
                  f"{', '.join(target.missing_documents)} (cited in "
                  f"{', '.join(target.supporting_facts)}).")
    elif target.status is Status.undocumented:
        answer = "No record answers it; obtain and submit documentation before relying on it."
    else:
        answer = f"The objection is sound on this record: {target.reason}"
    return Objection(raised_by="against necessity", criterion_id=target.criterion_id,
                     argument=argument.rstrip(".") + ".", answer=answer,
                     answer_facts=target.supporting_facts)


def in_favour(result: ItemResult) -> Objection | None:
    target = _strongest_met(result)
    if target is None:
        return None
    argument = f"The record shows that {_lower(target.statement.rstrip('.'))} " \
               f"({', '.join(target.supporting_facts)})."
    deciding = [r for r in result.criteria if r.criterion_id in result.deciding]
    if result.outcome is Outcome.necessary or not deciding:
        answer = "It holds: the criteria are met on this record."
        facts = target.supporting_facts
    else:
        answer = "Meeting one criterion is not enough: " + " ".join(r.reason for r in deciding)
        facts = sorted({f for r in deciding for f in r.contradicting_facts + r.supporting_facts})
    return Objection(raised_by="for necessity", criterion_id=target.criterion_id,
                     argument=argument, answer=answer, answer_facts=facts)


def objections_for(case: Case, spec: CriteriaSet, result: ItemResult) -> list[Objection]:
    if case.perspective in FOR_NECESSITY:
        found = [against(spec, result)]
    elif case.perspective in AGAINST_NECESSITY:
        found = [in_favour(result)]
    else:
        found = [against(spec, result), in_favour(result)]
    return [o for o in found if o is not None]
