"""#25 class 1 (request type selects what decides) for topical agents, and class 4 (qualitative
evidence): a topical already prescribed before the date of service makes the request a
continuation, judged on its documented benefit (the MTUS measure of continued treatment:
functional improvement or less need for other medication, also when said only in words), not
on what a first prescription needs. A non-recommended ingredient still decides. A new synthetic
case: the lidocaine-patch and compound items of the topical IMR example, refilled three months
after a first fill, with the first-prescription evidence left out of the packet."""

from __future__ import annotations

from drafting.case.vocab import Outcome, RequestType
from drafting.criteria import prose
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status

FIRST_FILL = {"id": "F23", "category": "medication", "date": "2017-02-14",
              "statement": "A first month of topical treatment was dispensed.",
              "source": {"document": "D1", "page": 1}}


def _refill(item_id: str, tag: str, response: str, tags: list[str] | None = None):
    """The item refilled after a first fill on record; exam, first-line trials and nerve
    studies are not in the packet; one response fact says how the topical has worked."""

    def change(data: dict) -> None:
        dropped = {"F3", "F8", "F9", "F10", "F11", "F13", "F14"}
        data["facts"] = [f for f in data["facts"] if f["id"] not in dropped]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in dropped]
        data["facts"].append({**FIRST_FILL, "tags": [tag]})
        data["facts"].append({"id": "F24", "category": "response", "date": "2017-05-16",
                              "statement": response, "procedure": "topical",
                              "tags": tags or [], "source": {"document": "D1", "page": 1}})
        entry = next(i for i in data["disputed_items"] if i["id"] == item_id)
        entry["facts"] += ["F23", "F24"]

    return result_of(mutated("wc-consult-topical-imr", change), item_id)


def test_a_patch_refill_with_less_oral_medication_in_words_is_necessary():
    result = _refill("I2", "topical_lidocaine", "Since starting the patch he has been able to "
                     "reduce his pain medication and walks further.")
    assert result.request_type is RequestType.continuation
    assert "already prescribed" in (result.request_type_basis or "")
    assert result.outcome is Outcome.necessary, result.summary
    assert "topical.continued_benefit" in result.deciding
    benefit = next(r for r in result.criteria if r.criterion_id == "topical.continued_benefit")
    assert any("qualitative" in note for note in benefit.notes)
    # what a first prescription needs no longer decides, since the record does not contradict it
    assert status(result, "topical.first_line_failed") is Status.undocumented
    assert "topical.first_line_failed" not in result.deciding


def test_the_same_refill_without_benefit_is_not_necessary():
    result = _refill("I2", "topical_lidocaine", "He has not been able to reduce his pain "
                     "medication since starting the patch.")
    assert result.outcome is Outcome.not_necessary
    assert status(result, "topical.continued_benefit") is Status.not_met
    assert result.deciding == ["topical.continued_benefit"]


def test_a_compound_refill_with_benefit_still_fails_on_a_non_recommended_ingredient():
    result = _refill("I3", "topical_compound", "The cream let him reduce his oral pain "
                     "medication.", tags=["medication_reduction"])
    assert result.request_type is RequestType.continuation
    assert status(result, "topical_compound.continued_benefit") is Status.met
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["topical_compound.no_unsupported_ingredient"]


def test_less_medication_is_read_as_a_functional_gain_and_a_failure_to_reduce_is_not():
    def fact_saying(text: str):
        return type("F", (), {"statement": text})()

    assert prose.qualitative_function(fact_saying(
        "She was able to reduce her oral pain medication.")) is True
    assert prose.qualitative_function(fact_saying("His opioid use was cut down.")) is True
    assert prose.qualitative_function(fact_saying(
        "He could not reduce his opioids.")) is False
    assert prose.qualitative_function(fact_saying("No reduction in pain medication.")) is False
    assert prose.qualitative_function(fact_saying("Reduced pain at night.")) is None
    # a plan or advice to reduce is no gain yet
    assert prose.qualitative_function(fact_saying("The plan is to taper his opioids.")) is None
    assert prose.qualitative_function(fact_saying(
        "He was advised to reduce his pain medication.")) is None
