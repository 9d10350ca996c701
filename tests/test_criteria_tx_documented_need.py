"""Texas workers' compensation before ODG (the Labor Code's health care reasonably required,
§408.021): the injury's continuing effects are documented not only by words of continuing pain
but by a diagnosis of chronic pain (coded or as written) and by the treating doctor's
documentation that the care was needed. With such evidence and nothing against it, the care
is reasonably required; with none, it is not established; a record that the injury ended still
decides against it. New synthetic case text; nothing from a benchmark set."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.facts import evaluate_diagnosis
from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_real_records import criterion
from tests.texas_refill import refill_case, refill_fact

TEXAS = "Texas (workers' compensation; hearing on the carrier's refusal to reimburse)"
SOURCE = {"document": "D1", "page": 3}
REFILL = refill_fact(SOURCE)
PEER = {"id": "F9", "category": "utilization_review", "date": "2002-05-02", "source": SOURCE,
        "statement": "A peer reviewer for the carrier wrote that the drug is not medically "
        "necessary and that it is not needed."}


def _refill(diagnosis: str, *more: dict) -> Case:
    return refill_case([REFILL, PEER, *more], diagnosis, TEXAS)


def test_a_diagnosis_of_chronic_pain_from_the_injury_documents_its_continuing_effects():
    result = result_of(_refill("Work injury of the low back with chronic pain"), "I1")
    assert result.criteria_set == "tx-reasonably-required"
    assert result.outcome is Outcome.necessary
    assert result.deciding[0] == "tx_rr.continuing_effects"
    effects = criterion(result, "tx_rr.continuing_effects")
    assert effects.status is Status.met
    assert any("chronic pain" in n for n in effects.notes)  # it says what documented it


def test_without_such_a_diagnosis_or_words_the_same_refill_is_not_established():
    result = result_of(_refill("Lumbar strain at work"), "I1")
    assert result.outcome is Outcome.insufficient_documentation
    assert result.deciding == ["tx_rr.continuing_effects"]


def test_the_treating_doctors_documented_need_documents_the_continuing_effects():
    letter = {"id": "F2", "category": "other", "date": "2002-06-10", "source": SOURCE,
              "statement": "The treating physician's letter sets out the medical necessity of "
              "the refills for the injury."}
    result = result_of(_refill("Lumbar strain at work", letter), "I1")
    assert result.outcome is Outcome.necessary
    assert result.deciding[0] == "tx_rr.continuing_effects"
    assert criterion(result, "tx_rr.continuing_effects").supporting_facts == ["F2"]


def test_a_peer_reviewers_or_examiners_view_is_not_the_treating_doctors_documented_need():
    examiner = {"id": "F2", "category": "other", "date": "2002-06-10", "source": SOURCE,
                "statement": "The carrier's examining doctor testified about the medical "
                "necessity of the refills."}
    result = result_of(_refill("Lumbar strain at work", examiner), "I1")
    assert result.outcome is Outcome.insufficient_documentation
    assert criterion(result, "tx_rr.continuing_effects").status is Status.undocumented


def test_a_record_that_the_injury_resolved_still_decides_against_the_care():
    ended = {"id": "F3", "category": "history", "date": "2002-03-01", "source": SOURCE,
             "statement": "The examining doctor found the strain has resolved."}
    result = result_of(_refill("Work injury of the low back with chronic pain", ended), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["tx_rr.injury_not_ended"]


def test_a_diagnosis_is_read_as_written_but_not_where_it_names_the_condition_absent():
    def met(text: str) -> Status:
        case = _refill(text)
        return evaluate_diagnosis(case, ["G89.2"], silent=True, words=["chronic pain"]).status
    assert met("Neck sprain with chronic pain and spasm") is Status.met
    assert met("Neck sprain, no chronic pain") is Status.undocumented
    assert met("Neck sprain") is Status.undocumented
