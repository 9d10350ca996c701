"""Continuing opioids in workers' compensation outside California (#25 classes 2 and 4): the
state's reasonable-and-necessary standard is judged on the MTUS sets as a stand-in, and
tribunals there continue a regimen the treating side reports as helping (pain relieved,
controlled or made tolerable; function kept up) and deny one that nothing shows to help or
that the record says does not help. A functional gain stays the condition in California
(MTUS) and where a state's own rule makes it one (Minnesota, West Virginia)."""

from __future__ import annotations

from drafting.case import Fact
from drafting.case.vocab import Outcome
from drafting.criteria import prose
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status
from tests.test_criteria_real_records import criterion
from tests.test_criteria_stand_in import _without_functional_gain
from tests.test_criteria_topical_continuation import FIRST_FILL

PENNSYLVANIA = "Pennsylvania (workers' compensation utilization review)"
MINNESOTA = "Minnesota (workers' compensation; compensation judge)"
TEXAS = "Texas (workers' compensation; ODG)"


def _case(setting: str, jurisdiction: str, statement: str | None, tags: list[str] | None = None):
    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        _without_functional_gain(data)
        if statement is not None:
            data["facts"].append({"id": "F90", "category": "response", "date": "2025-04-22",
                                  "statement": statement, "tags": tags or [],
                                  "source": {"document": "D1", "page": 1}})
            data["disputed_items"][0]["facts"].append("F90")
    return result_of(mutated("wc-opioids-appeal", change), "I1")


HELPS = "He finds the oxycodone effective; it keeps his back pain tolerable."
DOES_NOT_HELP = "He reports that the oxycodone is not helping his back pain."


def test_outside_california_a_reported_benefit_of_the_opioid_continues_it():
    result = _case("other_workers_comp", PENNSYLVANIA, HELPS)
    assert result.outcome is Outcome.necessary
    reported = criterion(result, "opioids.benefit_reported")
    assert reported.required and reported.status is Status.met
    assert reported.supporting_facts == ["F90"]
    assert any("qualitative evidence" in note for note in reported.notes)
    assert result.confidence == "medium"  # qualitative evidence is of lower strength
    # function merely not written down does not decide there; it supports
    assert not criterion(result, "opioids.functional_benefit").required


def test_outside_california_an_opioid_said_not_to_help_is_not_continued():
    result = _case("other_workers_comp", PENNSYLVANIA, DOES_NOT_HELP)
    assert result.outcome is Outcome.not_necessary
    assert status(result, "opioids.benefit_reported") is Status.not_met
    assert "opioids.benefit_reported" in result.deciding


def test_outside_california_nothing_saying_the_opioid_helps_is_not_established():
    result = _case("other_workers_comp", PENNSYLVANIA, None)
    assert result.outcome is Outcome.not_necessary
    assert status(result, "opioids.benefit_reported") is Status.undocumented
    assert result.deciding == ["opioids.benefit_reported"]


def test_a_relief_of_another_drug_is_not_the_opioids_benefit():
    # the example's gabapentin record ("without meaningful relief") is about another drug
    result = _case("other_workers_comp", PENNSYLVANIA, None)
    assert criterion(result, "opioids.benefit_reported").supporting_facts == []


def test_in_california_relief_without_a_functional_gain_does_not_continue_opioids():
    result = _case("ca_workers_comp", "California", HELPS)
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids.functional_benefit"]
    assert all(c.criterion_id != "opioids.benefit_reported" for c in result.criteria)


def test_states_with_an_adopted_guideline_keep_the_stand_ins_functional_gain():
    # Minnesota (treatment parameters), Texas (ODG by 28 TAC 137.100): the guideline adopted
    # by rule governs, so the MTUS stand-in's condition keeps its weight
    for state in [MINNESOTA, TEXAS]:
        result = _case("other_workers_comp", state, HELPS)
        assert result.outcome is Outcome.not_necessary, state
        assert "opioids.functional_benefit" in result.deciding, state
        assert all(c.criterion_id != "opioids.benefit_reported" for c in result.criteria)


def _fact(statement: str, category: str = "response") -> Fact:
    return Fact.model_validate({"id": "F1", "category": category, "date": "2020-01-01",
                                "statement": statement, "source": {"document": "D1", "page": 1}})


def test_relief_from_a_medication_is_read_in_words_both_ways():
    for said in ["She testified that the medications help her manage the back pain.",
                 "He finds Tramacet (tramadol with acetaminophen) and Tridural (extended-release"
                 " tramadol) effective with limited side effects.",
                 "He has constant back pain that the medication makes tolerable."]:
        assert prose.in_words("relief", _fact(said)) is True, said
    for said in ["The opioids do not appear to be helping him control his pain.",
                 "The narcotics were ineffective.", "Percocet is no longer effective."]:
        assert prose.in_words("relief", _fact(said)) is False, said
    assert prose.in_words("relief", _fact("Oxycodone 10 mg three times daily.")) is None


def test_relief_denied_with_an_adjective_is_poor_not_good():
    fact = _fact("Gabapentin was stopped because of dizziness, without meaningful relief.")
    assert prose.qualitative_response(fact) is False


def _patch_refill(setting: str, jurisdiction: str, response: str):
    """The lidocaine patch of the topical IMR example refilled after a first fill, with the
    first-prescription evidence left out and one response fact (as in
    tests/test_criteria_topical_continuation.py), in the given setting."""

    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        dropped = {"F3", "F8", "F9", "F10", "F11", "F13", "F14"}
        data["facts"] = [f for f in data["facts"] if f["id"] not in dropped]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in dropped]
        data["facts"].append({**FIRST_FILL, "tags": ["topical_lidocaine"]})
        data["facts"].append({"id": "F24", "category": "response", "date": "2017-05-16",
                              "statement": response, "procedure": "topical",
                              "source": {"document": "D1", "page": 1}})
        entry = next(i for i in data["disputed_items"] if i["id"] == "I2")
        entry["facts"] += ["F23", "F24"]

    return result_of(mutated("wc-consult-topical-imr", change), "I2")


def test_outside_california_a_patch_said_to_help_is_continued_and_one_said_not_to_is_not():
    helps = _patch_refill("other_workers_comp", PENNSYLVANIA,
                          "The lidocaine patch makes his leg pain tolerable.")
    assert helps.outcome is Outcome.necessary
    assert status(helps, "topical.benefit_reported") is Status.met
    fails = _patch_refill("other_workers_comp", PENNSYLVANIA,
                          "The lidocaine patch is not helping his leg pain.")
    assert fails.outcome is Outcome.not_necessary
    assert "topical.benefit_reported" in fails.deciding
    california = _patch_refill("ca_workers_comp", "California",
                               "The lidocaine patch makes his leg pain tolerable.")
    assert california.outcome is Outcome.not_necessary
    assert "topical.continued_benefit" in california.deciding
