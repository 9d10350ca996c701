"""The prior response of the item's own care decides as the record states it (#25 class 3,
round 17: continuations and revisions decided on silence while the record said how the care
had worked).

1. A response the case file lists among the item's own facts, recorded without a procedure
   family, is the response to the item's care when it names that care ("the opiate
   medications reduce his pain and improve his overall function"): a continuation is judged
   on it, in both directions. A listed response that names only other care ("the epidural
   injections gave no relief", listed for an opioid item) stays about that care.
2. An implanted device's benefit (stimulator or pump revision, replacement, refills) is read
   only from records that speak to the device's effect: one naming relief, control or benefit
   meets it, one stating the response as poor contradicts it (not met, not undocumented), and a
   note that only recommends the surgery is silence, not evidence against it.

The cases are synthetic and small, written here.
"""

from __future__ import annotations

import copy

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult, Status

SOURCE = {"document": "D1", "page": 1}

# Montana adopted its Utilization and Treatment Guidelines by rule (services from 2011-07-01),
# so documented functional improvement is a condition of continuing opioids there.
OPIOIDS: dict = {
    "id": "synthetic-opioid-continuation", "title": "Opioids years after a lifting injury",
    "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
    "setting": "other_workers_comp", "jurisdiction": "Montana (Workers' Compensation Court)",
    "question": "Are the continuing opiate medications reasonable and necessary?",
    "dates": {"request": "2016-08-15"},
    "patient": {"age": 55, "sex": "male"},
    "diagnoses": [{"code": "M54.50", "text": "Low back pain, unspecified"}],
    "documents": [{"id": "D1", "type": "review_decision", "date": "2016-12-01",
                   "title": "Court decision", "author": "Workers' Compensation Court",
                   "pages": 6}],
    "facts": [
        {"id": "F1", "category": "history", "date": "2004-05-18", "source": SOURCE,
         "statement": "He hurt his low back lifting a heavy unit at work."},
        {"id": "F2", "category": "medication", "date": "2016-08-15", "source": SOURCE,
         "tags": ["opioid"],
         "statement": "A pain physician has prescribed opiate medications for his back for "
                      "about ten years."},
    ],
    "disputed_items": [{"id": "I1", "service": "Continuing opiate medications for low back pain",
                        "procedure": "opioids", "date_of_service": "2016-08-15",
                        "status": "requested", "request_type": "continuation",
                        "facts": ["F1", "F2"]}],
}

STIMULATOR: dict = {
    "id": "synthetic-stimulator-replacement", "title": "Stimulator with a depleted battery",
    "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
    "setting": "commercial", "jurisdiction": "New York (State external appeal)",
    "question": "Is replacing the stimulator's generator medically necessary?",
    "dates": {"request": "2022-03-01"},
    "patient": {"age": 60, "sex": "female"},
    "diagnoses": [{"code": "M96.1", "text": "Postlaminectomy syndrome"}],
    "documents": [{"id": "D1", "type": "review_decision", "date": "2022-05-01",
                   "title": "External appeal decision", "author": "External reviewer",
                   "pages": 3}],
    "facts": [
        {"id": "F1", "category": "procedure", "date": "2015-06-01", "source": SOURCE,
         "procedure": "scs_implant",
         "statement": "A spinal cord stimulator was implanted after a successful trial."},
        {"id": "F2", "category": "exam", "date": "2022-02-15", "source": SOURCE,
         "procedure": "scs_implant", "tags": ["device_malfunction"],
         "statement": "Interrogation shows the generator battery at end of life."},
        {"id": "F3", "category": "other", "date": "2022-03-01", "source": SOURCE,
         "procedure": "scs_implant",
         "statement": "The surgeon recommended replacing the stimulator generator."},
    ],
    "disputed_items": [{"id": "I1", "service": "Replacement of the spinal cord stimulator "
                        "generator", "procedure": "scs_implant",
                        "date_of_service": "2022-03-01", "status": "requested",
                        "request_type": "replacement", "facts": ["F1", "F2", "F3"]}],
}


def _result(base: dict, response: dict | None) -> ItemResult:
    data = copy.deepcopy(base)
    if response is not None:
        data["facts"].append(response)
        data["disputed_items"][0]["facts"].append(response["id"])
    return evaluate_case(Case.model_validate(data))[0]


def _criterion(result: ItemResult, criterion_id: str):
    return next(c for c in result.criteria if c.criterion_id == criterion_id)


def _response(statement: str, tags: list[str] | None = None, date: str = "2016-08-15") -> dict:
    """A response recorded without a procedure family, listed among the item's facts."""
    return {"id": "F9", "category": "response", "date": date, "source": SOURCE,
            "statement": statement, "tags": tags or []}


# 1. A listed family-less response naming the item's care is that care's response.

def test_a_listed_response_naming_the_opioid_that_reports_a_functional_gain_meets_the_criterion():
    result = _result(OPIOIDS, _response(
        "The pain specialist states that the opiate medications reduce his pain and improve "
        "his overall function.", ["functional_improvement"]))
    benefit = _criterion(result, "opioids.functional_benefit")
    assert benefit.status is Status.met
    assert "F9" in benefit.supporting_facts
    assert result.outcome is Outcome.necessary
    assert "opioids.functional_benefit" in result.deciding


def test_the_same_response_stating_no_functional_gain_contradicts_it():
    result = _result(OPIOIDS, _response(
        "The pain specialist states that the opiate medications are not helping his pain "
        "or his function.", ["no_relief"]))
    benefit = _criterion(result, "opioids.functional_benefit")
    assert benefit.status is Status.not_met
    assert "F9" in benefit.contradicting_facts
    assert result.outcome is Outcome.not_necessary
    assert "opioids.functional_benefit" in result.deciding


def test_without_the_response_the_continuation_is_decided_on_silence():
    result = _result(OPIOIDS, None)
    assert _criterion(result, "opioids.functional_benefit").status is Status.undocumented
    assert result.outcome is Outcome.not_necessary


def test_a_listed_response_naming_only_other_care_is_not_the_opioids_response():
    result = _result(OPIOIDS, _response(
        "The epidural injections improved his function for two weeks.",
        ["functional_improvement"]))
    benefit = _criterion(result, "opioids.functional_benefit")
    assert benefit.status is Status.undocumented
    assert "F9" not in benefit.supporting_facts


# 2. A device's benefit is read from records that speak to it; a stated poor response
#    contradicts it.

def test_a_stimulator_said_to_have_controlled_the_pain_meets_the_benefit_criterion():
    result = _result(STIMULATOR, _response(
        "Until the battery ran down the stimulator controlled her leg pain well.",
        date="2022-02-15"))
    benefit = _criterion(result, "scs_rev.device_benefit")
    assert benefit.status is Status.met
    assert "F9" in benefit.supporting_facts
    assert result.outcome is Outcome.necessary


def test_a_stimulator_whose_benefit_is_stated_as_none_is_not_met_not_undocumented():
    result = _result(STIMULATOR, _response(
        "Her physicians found no objective evidence that she had benefited from the "
        "stimulator while it worked.", ["no_relief"], date="2022-02-15"))
    benefit = _criterion(result, "scs_rev.device_benefit")
    assert benefit.status is Status.not_met
    assert "F9" in benefit.contradicting_facts
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["scs_rev.device_benefit"]


def test_a_note_that_only_recommends_the_replacement_is_silence_on_the_benefit():
    result = _result(STIMULATOR, None)
    benefit = _criterion(result, "scs_rev.device_benefit")
    assert benefit.status is Status.undocumented
    assert "F3" not in benefit.contradicting_facts
