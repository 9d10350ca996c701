"""#25 class 4 (qualitative evidence): a response to an opioid that says in words what the drug
lets the patient do ("lets her function fairly normally", "the level of function reached has
been kept up") is evidence of functional benefit of lower strength, not absence; words saying
function did not improve contradict it. A new synthetic case: the opioid appeal example with
every measured functional gain taken out and one response fact in words put in."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of

GAINS = {"functional_improvement", "adl_improved", "return_to_work"}


def _response_in_words(statement: str):
    def change(data: dict) -> None:
        gone = {f["id"] for f in data["facts"] if GAINS & set(f.get("tags", []))}
        data["facts"] = [f for f in data["facts"] if f["id"] not in gone]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in gone] + ["F99"]
        data["facts"].append({"id": "F99", "category": "response", "date": "2025-04-20",
                              "statement": statement, "procedure": "opioids",
                              "source": {"document": "D1", "page": 1}})

    result = result_of(mutated("wc-opioids-appeal", change), "I1")
    return result, next(r for r in result.criteria
                        if r.criterion_id == "opioids.functional_benefit")


def test_function_the_opioid_makes_possible_in_words_is_qualitative_benefit():
    result, benefit = _response_in_words("He says the oxycodone lets him function fairly "
                                         "normally at home and at work.")
    assert benefit.status is Status.met
    assert "F99" in benefit.supporting_facts
    assert any("qualitative" in note for note in benefit.notes)
    assert result.outcome is Outcome.necessary
    assert result.confidence == "medium"  # lower strength than a measured gain


def test_function_kept_up_over_time_counts_too():
    _, benefit = _response_in_words("The notes show that the level of function reached on the "
                                    "opioid has been kept up over time.")
    assert benefit.status is Status.met


def test_words_saying_function_did_not_improve_decide_against_continuing():
    result, benefit = _response_in_words("Function has not improved on the oxycodone.")
    assert benefit.status is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert "opioids.functional_benefit" in result.deciding


def test_a_negated_phrase_is_not_a_gain():
    _, benefit = _response_in_words("He is not able to function normally despite the opioid.")
    assert benefit.status is not Status.met
