"""Non-opioid drugs for pain judged on their MTUS provisions, not on the general standard (#25).

1. An oral NSAID (celecoxib, naproxen, ...): a first prescription needs a documented
   musculoskeletal or arthritic condition it treats; a refill needs recorded pain relief or
   functional gain on the drug (MTUS Chronic Pain, NSAIDs: lowest dose for the shortest time;
   medications for chronic pain: pain and function recorded on each drug).
2. An anti-epilepsy drug or antidepressant for pain (gabapentin, pregabalin, a tricyclic or
   SNRI): a first prescription needs documented neuropathic pain (or fibromyalgia); continuing
   one needs the relief or functional gain on it recorded (MTUS Chronic Pain, AEDs and
   antidepressants).
3. Workers' compensation outside California with no adopted guideline credits the treating
   physician's prescription unless the record says the drug does not help; where an adopted
   guideline governs (Texas, ODG) the benefit must be shown, as in California.

The cases are synthetic: an example case with an invented item and facts added.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_families import INJURY, _status

BURN = {"category": "history", "date": "2023-03-02",
        "statement": "A scald burn of the right forearm at work has healed with a tender scar."}


def _item(service: str, facts: list[dict], request_type: str, setting: str | None = None,
          jurisdiction: str | None = None) -> Case:
    """The example case with its items and facts replaced by one drug request and these facts,
    so that only what the test states is on record."""
    def change(data: dict) -> None:
        if setting:
            data["setting"] = setting
        if jurisdiction:
            data["jurisdiction"] = jurisdiction
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": "2023-09-14", **extra} for i, extra in enumerate(facts)]
        data["disputed_items"] = [{
            "id": "I9", "service": service, "procedure": "other", "request_type": request_type,
            "date_of_service": "2023-10-01", "status": "requested",
            "facts": [f["id"] for f in data["facts"]]}]
    return mutated("wc-lumbar-esi-defense", change)


def _prescribed(drug: str) -> dict:
    return {"category": "medication", "statement": f"The treating physician prescribed {drug}."}



# --- 1. oral NSAIDs ------------------------------------------------------------------------------

def test_a_first_nsaid_for_back_pain_is_necessary_and_without_a_condition_it_treats_is_not():
    back = result_of(_item("Naproxen 500 mg twice daily, #60", [INJURY, _prescribed("naproxen")],
                           request_type="initial"), "I9")
    assert back.criteria_set == "other-nsaid"
    assert back.outcome is Outcome.necessary
    assert _status(back, "nsaid.indication") is Status.met
    burn = result_of(_item("Naproxen 500 mg twice daily, #60", [BURN, _prescribed("naproxen")],
                           request_type="initial"), "I9")
    assert burn.outcome is Outcome.not_necessary
    assert "nsaid.indication" in burn.deciding


def test_an_nsaid_refill_turns_on_the_benefit_recorded_on_it():
    helped = {"category": "response", "statement": "On celecoxib his back pain is 4/10 from "
              "7/10 and he walks his dog again.", "tags": ["functional_improvement"]}
    with_benefit = result_of(_item("Celecoxib 200 mg daily, #30", [INJURY, helped],
                                   request_type="continuation"), "I9")
    assert with_benefit.criteria_set == "other-nsaid"
    assert with_benefit.outcome is Outcome.necessary
    assert _status(with_benefit, "nsaid.continued_benefit") is Status.met
    silent = result_of(_item("Celecoxib 200 mg daily, #30", [INJURY, _prescribed("celecoxib")],
                             request_type="continuation"), "I9")
    assert silent.outcome is Outcome.not_necessary
    assert silent.deciding == ["nsaid.continued_benefit"]


def test_a_topical_nsaid_is_not_judged_as_an_oral_one():
    gel = result_of(_item("Diclofenac 1% gel", [INJURY, _prescribed("diclofenac gel")],
                          request_type="initial"), "I9")
    assert gel.criteria_set != "other-nsaid"


# --- 2. anti-epilepsy drugs and antidepressants -------------------------------------------------

RADICULAR = {"category": "exam", "statement": "Burning pain radiates down the left leg below "
             "the knee with a positive straight-leg raise.", "tags": ["radicular_pain"]}


def test_a_first_gabapentin_needs_documented_neuropathic_pain():
    neuropathic = result_of(_item("Gabapentin 300 mg three times daily", [
        INJURY, RADICULAR, _prescribed("gabapentin")], request_type="initial"), "I9")
    assert neuropathic.criteria_set == "other-neuropathic-adjuvant"
    assert neuropathic.outcome is Outcome.necessary
    assert _status(neuropathic, "adjuvant.neuropathic_indication") is Status.met
    axial = result_of(_item("Gabapentin 300 mg three times daily", [
        BURN, _prescribed("gabapentin")], request_type="initial"), "I9")
    assert axial.outcome is Outcome.not_necessary
    assert "adjuvant.neuropathic_indication" in axial.deciding


def test_continuing_an_anti_epilepsy_drug_or_antidepressant_turns_on_its_recorded_response():
    halved = {"category": "response", "statement": "Pregabalin helps reduce the burning leg "
              "pain by about half, and he now sleeps through the night."}
    kept = result_of(_item("Pregabalin 75 mg twice daily", [INJURY, RADICULAR, halved],
                           request_type="continuation"), "I9")
    assert kept.criteria_set == "other-neuropathic-adjuvant"
    assert kept.outcome is Outcome.necessary
    assert _status(kept, "adjuvant.continued_benefit") is Status.met
    no_help = {"category": "response", "statement": "Nortriptyline has not helped the leg pain."}
    stopped = result_of(_item("Nortriptyline 25 mg at night", [INJURY, RADICULAR, no_help],
                              request_type="continuation"), "I9")
    assert stopped.outcome is Outcome.not_necessary
    assert "adjuvant.continued_benefit" in stopped.deciding


# --- 3. workers' compensation outside California -------------------------------------------------

def _elsewhere(service: str, facts: list[dict], jurisdiction: str):
    return result_of(_item(service, facts, "continuation", "other_workers_comp", jurisdiction),
                     "I9")


def test_outside_california_the_treating_physicians_prescription_decides_unless_contradicted():
    credited = _elsewhere("Gabapentin 300 mg three times daily",
                          [INJURY, _prescribed("gabapentin")], "Arkansas")
    assert credited.criteria_set == "other-neuropathic-adjuvant"
    assert credited.outcome is Outcome.necessary
    assert "adjuvant.prescribed_for_injury" in credited.deciding
    no_help = {"category": "response", "statement": "He says gabapentin does not help at all."}
    contradicted = _elsewhere("Gabapentin 300 mg three times daily",
                              [INJURY, _prescribed("gabapentin"), no_help], "Arkansas")
    assert contradicted.outcome is Outcome.not_necessary
    assert "adjuvant.continued_benefit" in contradicted.deciding


def test_where_an_adopted_guideline_governs_a_refill_needs_its_benefit_shown():
    texas = _elsewhere("Celebrex (celecoxib) 200 mg, #30", [INJURY, _prescribed("Celebrex")],
                       "Texas (workers' compensation)")
    assert texas.criteria_set == "other-nsaid"
    assert texas.outcome is Outcome.not_necessary
    assert texas.deciding == ["nsaid.continued_benefit"]
