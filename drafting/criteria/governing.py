"""The provision the decisive criterion is applied under, said on that criterion.

Where a setting's own statute frames every decision (Medicare: only what is reasonable and
necessary is covered, SSA §1862(a)(1)(A)), the decisive criterion says so, from
``decides_under`` in ``guideline_index/review_standards.yaml``. Where a state has adopted a
treatment guideline by rule (Texas the ODG, Minnesota its treatment parameters, New York the
Board's guidelines), a reviewer there cites that provision as the
reason, not the stand-in set's guideline: "does not meet the ODG", "outside the treatment
parameters". The index holds the adopting rule, not always the guideline's text, so the
decisive criterion (the one the outcome turns on) says which provision it stands in for, from
``decides_under`` in ``guideline_index/jurisdictions.yaml``, while that rule is in force on the
date of service. A rule tied to a body (``after``: Texas' burden on whoever appeals an
independent review organization's decision) is said only where an adverse decision on file
was made by that body: the item's or the case's prior decision, or a fact of the item saying
the body upheld or affirmed the denial."""

from __future__ import annotations

import re

from drafting.case import Case, DisputedItem
from drafting.case.vocab import Outcome
from drafting.criteria.jurisdiction import jurisdiction_of
from drafting.criteria.results import ItemResult
from drafting.criteria.standards import DecidesUnder, review_standards
from guideline_index.corpus import excerpts_by_id

_UPHELD = r"(?:upheld|affirmed|agreed with|sustained)"


def _decided_by(rule: DecidesUnder, case: Case, item: DisputedItem) -> bool:
    """Whether an adverse decision on file was made (or upheld) by the body ``rule.after``."""
    if rule.after is None:
        return True
    body = re.compile(rule.after, re.I)
    decision = item.prior_decision or case.prior_decision
    if decision is not None and decision.adverse and body.search(decision.decided_by):
        return True
    facts = {f.id: f for f in case.facts}
    upheld = re.compile(rf"(?:{rule.after})[^.;]{{0,40}}?\b{_UPHELD}\b[^.;]{{0,20}}?"
                        rf"\b(?:denial|adverse)|\b(?:denial|adverse determination)\b[^.;]{{0,30}}?"
                        rf"\b{_UPHELD}\s+by\s+(?:an?\s+|the\s+)?(?:{rule.after})", re.I)
    return any(upheld.search(facts[i].statement) for i in item.facts if i in facts)


def decisive_provision(case: Case, item: DisputedItem,
                       result: ItemResult) -> list[tuple[str, str]]:
    """The sentences naming the provisions the item's decisive criterion is applied under in
    the case's setting (Medicare's reasonable-and-necessary rule) and its jurisdiction (one
    that has adopted a guideline by rule), each with its rule's excerpt id; none where neither
    declares one."""
    if result.decisive is None or result.outcome is None:
        return []
    j = jurisdiction_of(case)
    rules = [*review_standards()[case.setting].decides_under, *(j.decides_under if j else [])]
    excerpts = excerpts_by_id()
    necessary = result.outcome is Outcome.necessary
    return [(" ".join((rule.for_ if necessary else rule.against).split()) + ".", rule.basis)
            for rule in rules
            if excerpts[rule.basis].in_force_on(item.date_of_service)
            and _decided_by(rule, case, item)]


def cite_provision(case: Case, item: DisputedItem, result: ItemResult) -> None:
    """Append those sentences to the decisive criterion's reason, and their rules to its
    basis (the excerpts a draft may cite for it)."""
    said = decisive_provision(case, item, result)
    chosen = next((c for c in result.criteria if c.criterion_id == result.decisive), None)
    if said and chosen is not None:
        chosen.reason = f"{chosen.reason} {' '.join(sentence for sentence, _ in said)}"
        chosen.basis += [basis for _, basis in said if basis not in chosen.basis]
