"""Who bears the burden on a silent record, where a hearing reviews an earlier decision.

In a dispute-resolution setting the outcome on a record that is silent follows the burden of
proof, which the setting's rules place by the decision being appealed: in Texas workers'
compensation the party appealing an independent review organization's (IRO) decision must
overcome it (28 TAC §133.308(s)), and at the State Office of Administrative Hearings the party
seeking relief from the IRO's or Medical Review Division's decision bears the burden (28 TAC
§148.14(b)). So where the record holds that decision and the required criteria stand against
the item only by silence (none contradicted), the decision under review stands: for the item
when it approved it (the carrier appealed and did not overcome it), against it when it denied
it (the requesting party appealed).

The rule is data (``burden`` in ``guideline_index/jurisdictions.yaml``, each with the excerpt
of its rule). It never applies to a first request (no decision under review), in a
jurisdiction without such a rule, where the record does not say which way the decision went
(or says both), or where the record contradicts a criterion."""

from __future__ import annotations

import re

from drafting.case import Case, DisputedItem
from drafting.case.vocab import Outcome, RecordType
from drafting.criteria.jurisdiction import BurdenRule, jurisdiction_of
from drafting.criteria.results import CriterionResult, ItemResult, Status
from guideline_index.corpus import excerpts_by_id

CRITERION = "dispute.burden_of_proof"

# Which way a decision went, read in the words that name it: granted, ordered paid or
# preauthorized, agreeing with the treating doctor (for the item); denied, upheld the denial,
# agreeing with the carrier, found not necessary (against it).
_FOR = re.compile(
    r"\b(?:grant(?:ed|ing|s)|approv(?:ed|ing|es)|order(?:ed|ing|s)\s+(?:payment|reimbursement"
    r"|preauthori[sz]ation|the\s+carrier\s+to\s+pay)|should\s+be\s+preauthori[sz]ed"
    r"|agree(?:d|ing|s)?\s+with\s+the\s+treating|reversed\s+by\s+the)\b", re.I)
_AGAINST = re.compile(
    r"\b(?:den(?:ied|ying|ies)|upheld|uphold(?:ing|s)?|agree(?:d|ing|s)?\s+with\s+the\s+"
    r"carrier|not\s+(?:medically\s+)?(?:necessary|reasonabl[ey]|indicated|reasonably\s+"
    r"required)|affirm(?:ed|ing)\s+the\s+denial|refus(?:ed|ing))\b", re.I)
# The posture alone, where nothing says which way the decision went: the carrier appeals a
# decision for the item; the claimant or the provider one against it.
_CARRIER_APPEALS = re.compile(r"\bcarrier(?:'s)?\s+(?:appeal|appealed|appeals)\b", re.I)
_REQUESTER_APPEALS = re.compile(
    r"\b(?:claimant|provider|(?:treating\s+)?(?:physician|doctor))(?:'s)?\s+(?:appeal|appealed"
    r"|appeals)\b", re.I)
_CLAUSE = re.compile(r"[^;.]+")
# A fee dispute (how much is owed, or whether preauthorization was required) is not a decision
# on medical necessity: its decision is not the one these rules put the burden on.
_FEE = re.compile(r"\bfee[- ]dispute|\bmedical fee\b", re.I)


def _way(text: str) -> Outcome | None:
    """Which way a clause says the decision went; None when it says neither or both."""
    for_it, against = bool(_FOR.search(text)), bool(_AGAINST.search(text))
    if for_it == against:
        return None
    return Outcome.necessary if for_it else Outcome.not_necessary


def _clauses(case: Case, item: DisputedItem, body: re.Pattern[str]) -> list[str]:
    """What the record says of the body's necessity decision on the item: the prior decision
    on file made by it, the titles of its decision documents and the item's clauses naming it
    (a fee dispute's excluded)."""
    decision = item.prior_decision or case.prior_decision
    said = [decision.decided_by] if decision is not None and body.search(
        decision.decided_by) else []
    said += [d.title for d in case.documents if d.type is RecordType.review_decision
             and body.search(f"{d.title} {d.author}") and not _FEE.search(d.title)]
    facts = {f.id: f for f in case.facts}
    said += [clause for fid in item.facts if fid in facts
             for clause in _CLAUSE.findall(facts[fid].statement)
             if body.search(clause) and not _FEE.search(clause)]
    return said


def decision_under_review(case: Case, item: DisputedItem, rule: BurdenRule) -> Outcome | None:
    """Which way the decision of ``rule.body`` on the item went, as the record says it: the
    prior decision on file made by that body, the titles of its decision documents, and the
    item's facts naming it; else, where the record names that decision without its
    direction, the posture (who appealed). None when the record holds no such decision, does
    not say which way it went, or says both ways."""
    body = re.compile(rule.body, re.I)
    said = _clauses(case, item, body)
    if not said:
        return None  # no decision of that body on file: nothing under review by this rule
    decision = item.prior_decision or case.prior_decision
    ways: list[Outcome | None] = [_way(text) for text in said]
    if decision is not None and body.search(decision.decided_by):
        reversed_by = re.search(rf"\breversed\s+by\s+(?:the\s+)?(?:{rule.body})",
                                decision.decided_by, re.I)
        upheld_by = re.search(rf"\b(?:upheld|affirmed|adopted)\s+by\s+(?:an?\s+|the\s+)?"
                              rf"(?:{rule.body})", decision.decided_by, re.I)
        ways[0] = (Outcome.necessary if reversed_by or not (upheld_by or decision.adverse)
                   else Outcome.not_necessary)
    found = {w for w in ways if w is not None}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    facts = {f.id: f for f in case.facts}
    posture = " ".join([case.title, *(facts[f].statement for f in item.facts if f in facts)])
    carrier, requester = _CARRIER_APPEALS.search(posture), _REQUESTER_APPEALS.search(posture)
    if bool(carrier) == bool(requester):
        return None
    return Outcome.necessary if carrier else Outcome.not_necessary


def _silent_only(result: ItemResult) -> list[CriterionResult]:
    """The required criteria left undocumented, when they alone stand against the item (no
    criterion the record contradicts); else none."""
    if result.outcome is None or result.outcome is Outcome.necessary:
        return []
    if any(c.status is Status.not_met and (c.required or c.decides_if_contradicted)
           for c in result.criteria):
        return []
    return [c for c in result.criteria if c.required and c.status is Status.undocumented]


def apply_burden(case: Case, item: DisputedItem, result: ItemResult) -> None:
    """Decide an item the record leaves unproven as the burden of proof directs, where the
    case's jurisdiction places it on whoever appeals a decision the record holds."""
    j = jurisdiction_of(case)
    silent = _silent_only(result)
    if j is None or not silent:
        return
    # a rule of procedure: the one in force when the hearing was held, where the case says
    hearing = case.dates.review or item.date_of_service
    excerpts = excerpts_by_id()
    rule = next((b for b in j.burden if excerpts[b.basis].in_force_on(hearing)
                 and _clauses(case, item, re.compile(b.body, re.I))), None)
    way = decision_under_review(case, item, rule) if rule is not None else None
    if rule is None or way is None:
        return
    cited = excerpts[rule.basis].recommendation or excerpts[rule.basis].citation
    on = "; ".join(c.statement[:1].lower() + c.statement[1:].rstrip(".") for c in silent[:3])
    found = "necessary" if way is Outcome.necessary else "not necessary"
    appellant = ("the carrier, which appealed it," if way is Outcome.necessary
                 else "the party requesting the care, which appealed it,")
    reason = (f"The record is silent on {on}; under {cited}, {appellant} bears the burden to "
              f"{rule.standard}, and nothing in the record does so; {rule.decision}, which found "
              f"the item {found}, stands.")
    burden = CriterionResult(
        criterion_id=CRITERION, required=True,
        statement=f"The burden of proof on appeal of {rule.decision} ({cited}).",
        status=Status.met if way is Outcome.necessary else Status.not_met,
        reason=reason, basis=[rule.basis],
        notes=[f"decided on the burden of proof in {j.name}: the criteria stand against the "
               "item only by silence, none is contradicted"])
    result.criteria.append(burden)
    result.outcome = way
    # for the item, the burden alone decides (the silent criteria are open, not reasons for
    # it); against it, the silent criteria stay beside it as what the appeal did not show
    result.deciding = [CRITERION, *(result.deciding if way is Outcome.not_necessary else [])]
    result.decisive = CRITERION
    result.confidence = "low"
    result.summary = (f"{found.capitalize()} on the burden of proof: {reason} "
                      f"{result.judged_on or ''}").rstrip()
