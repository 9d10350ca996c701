"""Continuations (class c) and request types: opioids asked for after a weaning program's stated
length has run out are a continuation of long-term therapy, judged on its benefit (words on the
prescription record saying it "had not produced a significant benefit to pain or function"
contradict it), not a step of the taper; a taper still running, or one with no stated length,
is judged on the taper. New synthetic cases built on the opioid appeal example."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_jurisdictions import SOURCE, built

PLAN = ("The pain clinic found that the oxycodone had not produced a significant or sustained "
        "benefit to pain or function and recommended {length}weaning program.")


def _after_plan(plan_date: str, length: str = "a 12-week ") -> Case:
    facts = [{"id": "F1", "category": "medication", "date": plan_date,
              "statement": PLAN.format(length=length), "tags": ["opioid", "taper_plan"],
              "source": SOURCE}]
    item = {"id": "I1", "service": "Oxycodone 10 mg three times daily after the weaning program",
            "procedure": "opioids", "date_of_service": "2025-05-06", "status": "requested",
            "request_type": "continuation", "facts": ["F1"]}
    return built("ca_workers_comp", "California (workers' compensation)", facts, item)


def test_opioids_after_the_weaning_period_are_judged_on_their_benefit():
    result = result_of(_after_plan("2025-01-06"), "I1")  # 12 weeks end 2025-03-31
    assert result.criteria_set == "opioids-long-term"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids.functional_benefit"]
    benefit = next(r for r in result.criteria if r.criterion_id == "opioids.functional_benefit")
    assert benefit.status is Status.not_met
    assert "F1" in benefit.contradicting_facts


def test_a_taper_still_running_is_judged_on_the_taper():
    result = result_of(_after_plan("2025-03-03"), "I1")  # 12 weeks end 2025-05-26
    assert result.criteria_set == "opioids-taper"


def test_a_taper_with_no_stated_length_is_taken_as_still_running():
    result = result_of(_after_plan("2025-01-06", length="a "), "I1")
    assert result.criteria_set == "opioids-taper"
