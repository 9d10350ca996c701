"""A silent record on appeal: in Texas workers' compensation the party appealing an
independent review organization's (IRO) or the Medical Review Division's decision bears the
burden (28 TAC §148.14(b) at SOAH; §133.308(s) at a contested case hearing), so where the
required criteria stand against the item only by silence the decision under review stands,
for the item or against it. It never overrides a record that contradicts a criterion, never
applies without a decision under review (a first request) and never where the jurisdiction
has no such rule. New synthetic case text; nothing from a benchmark set."""

from __future__ import annotations

from datetime import date

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.burden import CRITERION
from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_real_records import criterion
from tests.texas_refill import refill_case, refill_fact

SOURCE = {"document": "D1", "page": 2}
REFILL = refill_fact(SOURCE)
IRO_FOR = {"id": "F5", "category": "utilization_review", "date": "2002-08-01",
           "source": SOURCE, "statement": "The carrier refused to pay; an IRO granted "
           "reimbursement of the refill and the carrier appealed to SOAH."}
IRO_AGAINST = {"id": "F5", "category": "utilization_review", "date": "2002-08-01",
               "source": SOURCE, "statement": "The carrier refused to pay and an IRO upheld the "
               "denial; the provider appealed."}
ENDED = {"id": "F3", "category": "history", "date": "2002-03-01", "source": SOURCE,
         "statement": "The examining doctor found the strain has resolved."}


def _refill(*more: dict, jurisdiction: str = "Texas (workers' compensation; SOAH)") -> Case:
    return refill_case([REFILL, *more], "Lumbar strain at work", jurisdiction)


def test_an_iro_approval_the_carrier_appeals_stands_on_a_silent_record():
    result = result_of(_refill(IRO_FOR), "I1")
    assert result.outcome is Outcome.necessary
    assert result.decisive == CRITERION and result.deciding[0] == CRITERION
    burden = criterion(result, CRITERION)
    assert burden.status is Status.met
    assert "tx-28-tac-148-14-party-seeking-relief" in burden.basis
    # it says what the record is silent on, whose burden it is, and which decision stands
    assert "silent on" in burden.reason and "carrier" in burden.reason
    assert "28 TAC §148.14(b)" in burden.reason and "stands" in burden.reason
    # the silent criterion is still shown as what the record leaves open
    assert criterion(result, "tx_rr.continuing_effects").status is Status.undocumented


def test_an_iro_denial_the_provider_appeals_stands_on_the_same_silent_record():
    result = result_of(_refill(IRO_AGAINST), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.decisive == CRITERION
    burden = criterion(result, CRITERION)
    assert burden.status is Status.not_met
    assert "party requesting the care" in burden.reason and "stands" in burden.reason


def test_without_a_decision_under_review_the_silent_record_is_only_not_established():
    result = result_of(_refill(), "I1")
    assert result.outcome is Outcome.insufficient_documentation
    assert CRITERION not in [c.criterion_id for c in result.criteria]


def test_a_record_that_contradicts_a_criterion_is_never_overridden_by_the_burden():
    result = result_of(_refill(IRO_FOR, ENDED), "I1")
    assert result.outcome is Outcome.not_necessary
    assert CRITERION not in result.deciding


def test_a_jurisdiction_without_such_a_rule_is_not_decided_on_the_burden():
    result = result_of(_refill(IRO_FOR, jurisdiction="Arkansas (workers' compensation)"), "I1")
    assert CRITERION not in [c.criterion_id for c in result.criteria]


def test_a_record_that_says_the_decision_went_both_ways_decides_nothing_on_the_burden():
    both = {**IRO_FOR, "id": "F6", "statement": "An IRO upheld the denial of the refill."}
    result = result_of(_refill(IRO_FOR, both), "I1")
    assert result.outcome is Outcome.insufficient_documentation
    assert CRITERION not in [c.criterion_id for c in result.criteria]


def test_louisianas_medical_director_decision_stands_unless_clear_and_convincing_evidence():
    approved = {"id": "F5", "category": "utilization_review", "date": "2015-05-01",
                "source": SOURCE, "statement": "The OWC medical director approved the refill; "
                "the employer appealed to the workers' compensation judge."}
    denied = {**approved, "statement": "The OWC medical director denied the refill; the "
              "claimant appealed to the workers' compensation judge."}
    louisiana = "Louisiana (workers' compensation; OWC medical director, judge)"

    def later(case: Case) -> Case:
        item = case.disputed_items[0].model_copy(update={"date_of_service": date(2015, 4, 8)})
        return case.model_copy(update={"disputed_items": [item], "dates": case.dates.model_copy(
            update={"review": date(2015, 9, 1)})})

    silent = result_of(later(_refill(jurisdiction=louisiana)), "I1")
    assert silent.outcome is not Outcome.necessary and CRITERION not in silent.deciding
    for_it = result_of(later(_refill(approved, jurisdiction=louisiana)), "I1")
    assert for_it.outcome is Outcome.necessary and for_it.decisive == CRITERION
    assert "clear and convincing" in criterion(for_it, CRITERION).reason
    against = result_of(later(_refill(denied, jurisdiction=louisiana)), "I1")
    assert against.outcome is Outcome.not_necessary and against.decisive == CRITERION


def test_a_draft_never_says_every_criterion_is_met_when_the_burden_decided():
    from tests.test_drafting import offline_draft

    draft = offline_draft(_refill(IRO_FOR))
    text = " ".join(s.text for s in draft.sections)
    assert "medically necessary" in text and "burden of proof" in text
    assert "every required criterion is met" not in text.lower()
