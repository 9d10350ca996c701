"""Criteria round 5 (#18, #25): what real reviewers decide that the engine left open or decided
on silence.

1. A service no family set judges (a diagnostic study, a home device, a regenerative injection,
   a procedure outside the modelled families) is judged on the setting's general standard of
   medical necessity (`general-medical-necessity`): a documented condition, a treating
   physician's order or reason, and nothing in the record against it (a stated lack of
   supporting evidence, an electrodiagnostic study with no nerve question, a repeat study with
   nothing changed, a normal test of a treatment's target). California workers' comp, whose
   standard names evidence-based sources first (Labor Code §4610.5(c)(2)), keeps such an item
   undecided.
2. A request whose service is itself a taper or weaning ("a tapering dose", "a formal weaning
   program") is judged on the taper (CDC 2022 rec. 5), never as a full-dose continuation that
   needs documented functional benefit, nor as the start of opioid therapy.

Each test asserts the outcome and the deciding criterion, in both directions.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of

CONDITION = {"category": "history",
             "statement": "Neck and left arm pain have continued since the collision."}


def _general(service: str, facts: list[dict], request_type: str | None = None,
             setting: str | None = None) -> Case:
    def change(data: dict) -> None:
        if setting:
            data["setting"] = setting
        ids = []
        for i, extra in enumerate(facts):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": "D8", "page": 1},
                                  "date": "2023-09-14", **extra})
        item = {"id": "I9", "service": service, "procedure": "other",
                "date_of_service": "2023-10-01", "status": "requested", "facts": ids}
        if request_type:
            item["request_type"] = request_type
        data["disputed_items"].append(item)
    return mutated("pi-mvc-multi-item", change)


def _criterion(result, criterion_id):
    return next(r for r in result.criteria if r.criterion_id == criterion_id)


# --- 1. the general standard of medical necessity ------------------------------------------------

def test_a_home_device_a_treating_physician_recommends_is_necessary_on_the_general_standard():
    # (a pillow or other home equipment is judged on its own set since the families round:
    # tests/test_criteria_families.py; a paraffin bath has none)
    result = result_of(_general("Paraffin wax bath", [CONDITION, {
        "category": "other",
        "statement": "Her treating physician recommended a paraffin wax bath for the "
                     "hand stiffness in the mornings."}]), "I9")
    assert result.criteria_set == "general-medical-necessity"
    assert result.outcome is Outcome.necessary
    assert "general.treating_physician_reason" in result.deciding
    assert _criterion(result, "general.treating_physician_reason").supporting_facts == ["F91"]
    assert "general standard of medical necessity" in result.summary


def test_a_device_no_treating_physician_asked_for_is_not_established():
    result = result_of(_general("Paraffin wax bath", [CONDITION]), "I9")
    assert result.outcome is Outcome.insufficient_documentation  # personal injury's outcome
    assert result.deciding == ["general.treating_physician_reason"]


def test_a_treatment_the_record_says_lacks_supporting_literature_is_not_necessary():
    facts = [CONDITION,
             {"category": "other", "statement": "Her physician recommended platelet-rich "
                                                "plasma injections into the neck."},
             {"category": "utilization_review",
              "statement": "The plan's reviewer found PRP injections not necessary because "
                           "supporting peer-reviewed literature is lacking."}]
    result = result_of(_general("Platelet-rich plasma (PRP) injections, cervical", facts), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["general.evidence_not_contradicted"]
    assert _criterion(result, "general.evidence_not_contradicted").contradicting_facts == ["F92"]
    # the same request without that finding is necessary: silence on evidence is no finding
    without = result_of(_general("Platelet-rich plasma (PRP) injections, cervical",
                                 facts[:2]), "I9")
    assert without.outcome is Outcome.necessary
    assert _criterion(without, "general.evidence_not_contradicted").status is Status.met


def test_an_electrodiagnostic_study_aimed_at_joint_pain_alone_is_not_necessary():
    result = result_of(_general("Left upper-limb EMG and nerve conduction study", [
        {"category": "exam", "statement": "Left shoulder pain on abduction and reaching; the "
                                          "study was ordered for the shoulder."}]), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["emg.nerve_question"]  # the electrodiagnostic set's question
    assert _criterion(result, "emg.nerve_question").basis == [
        "aetna-cpb-0502-nerve-conduction-indications", "aapmr-choosing-wisely-emg-low-back"]


def test_an_electrodiagnostic_study_for_arm_tingling_is_necessary():
    result = result_of(_general("Left upper-limb EMG and nerve conduction study", [
        {"category": "exam", "statement": "Radiating left arm pain with tingling in the middle "
                                          "finger; the physician ordered the study."}]), "I9")
    assert result.outcome is Outcome.necessary
    # judged on the electrodiagnostic set since the families round, on the same question
    assert _criterion(result, "emg.nerve_question").status is Status.met
    assert "emg.nerve_question" in result.deciding


def test_a_repeat_mri_with_nothing_changed_is_not_necessary():
    result = result_of(_general("Repeat cervical spine MRI", [
        CONDITION, {"category": "imaging",
                    "statement": "A further cervical MRI was ordered eleven months after the "
                                 "first."}]), "I9")
    assert result.request_type.value == "repeat"
    assert result.outcome is Outcome.not_necessary
    # judged on the imaging set since the families round (tests/test_criteria_families.py)
    assert result.deciding == ["imaging.repeat_change"]


def test_a_repeat_mri_after_a_new_deficit_is_necessary():
    result = result_of(_general("Repeat cervical spine MRI", [
        CONDITION, {"category": "exam",
                    "statement": "New weakness of the left triceps; the physician ordered a "
                                 "repeat MRI."}]), "I9")
    assert result.outcome is Outcome.necessary
    assert _criterion(result, "imaging.repeat_change").supporting_facts == ["F91"]


def test_a_treatment_whose_target_tests_normal_is_not_necessary():
    facts = [CONDITION,
             {"category": "other", "statement": "Her physician recommended a left shoulder "
                                                "joint injection."},
             {"category": "imaging", "statement": "The left shoulder MRI was normal.",
              "tags": ["no_correlating_finding"]}]
    result = result_of(_general("Left shoulder joint injection", facts), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["general.findings_not_contradicted"]
    assert result_of(_general("Left shoulder joint injection", facts[:2]),
                     "I9").outcome is Outcome.necessary


def test_california_workers_comp_keeps_an_item_no_set_judges_undecided():
    def change(data: dict) -> None:
        data["disputed_items"].append({
            "id": "I9", "service": "Paraffin wax bath", "procedure": "other",
            "date_of_service": "2025-05-06", "status": "requested", "facts": ["F2"]})
    result = result_of(mutated("wc-opioids-appeal", change), "I9")
    assert result.criteria_set is None and result.outcome is None


def test_workers_comp_outside_california_is_judged_on_the_general_standard():
    def change(data: dict) -> None:
        data["setting"] = "other_workers_comp"
        data["jurisdiction"] = "Pennsylvania (workers' compensation utilization review)"
        data["facts"].append({"id": "F90", "category": "other", "date": "2025-04-01",
                              "statement": "His physician recommended a paraffin wax bath "
                                           "for the hand stiffness.",
                              "source": {"document": "D1", "page": 1}})
        data["disputed_items"].append({
            "id": "I9", "service": "Paraffin wax bath", "procedure": "other",
            "date_of_service": "2025-05-06", "status": "requested", "facts": ["F2", "F90"]})
    result = result_of(mutated("wc-opioids-appeal", change), "I9")
    assert result.criteria_set == "general-medical-necessity"
    assert result.outcome is Outcome.necessary
    assert "Pennsylvania" in result.summary


# --- 2. a request that is itself a taper ---------------------------------------------------------

def _opioid_request(service: str, request_type: str | None, extra_facts: list[dict] = ()):
    def change(data: dict) -> None:
        # the record's own functional gains are not what a taper is judged on
        for f in data["facts"]:
            f["tags"] = [t for t in f.get("tags", [])
                         if t not in ("functional_improvement", "adl_improved",
                                      "return_to_work", "taper_plan")]
        ids = []
        for i, extra in enumerate(extra_facts):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": "D1", "page": 1},
                                  "date": "2025-04-01", **extra})
        item = data["disputed_items"][0]
        item["service"] = service
        item["facts"] = item["facts"] + ids
        if request_type:
            item["request_type"] = request_type
        else:
            item.pop("request_type", None)
    return result_of(mutated("wc-opioids-appeal", change), "I1")


def test_continuing_at_a_tapering_dose_is_judged_on_the_taper_and_necessary():
    result = _opioid_request("Continued oxycodone at a tapering dose", "continuation")
    assert result.criteria_set == "opioids-taper"
    assert result.outcome is Outcome.necessary
    assert result.deciding[0] == "opioids_taper.plan_documented"
    assert "opioids.functional_benefit" not in {r.criterion_id for r in result.criteria}


def test_a_tapering_dose_with_documented_misuse_is_not_necessary():
    result = _opioid_request("Continued oxycodone at a tapering dose", "continuation", [
        {"category": "history", "statement": "Urine tests showed non-prescribed fentanyl; "
                                             "early refills were sought twice.",
         "tags": ["aberrant_behavior"]}])
    assert result.criteria_set == "opioids-taper"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids_taper.no_reason_to_stop_at_once"]


def test_a_weaning_program_is_never_judged_as_starting_opioids():
    result = _opioid_request("Formal opioid weaning program", "initial")
    assert result.criteria_set == "opioids-taper"
    assert result.outcome is Outcome.necessary
    assert not any(r.criterion_id.startswith("opioids_start.") for r in result.criteria)


def test_opioids_after_the_weaning_period_ended_are_a_long_term_continuation():
    result = _opioid_request("Oxycodone after the end of the weaning period", "continuation", [
        {"category": "other", "date": "2024-12-01",
         "statement": "A 12-week weaning program was set out, to end in early 2025.",
         "tags": ["taper_plan"]}])
    assert result.criteria_set == "opioids-long-term"


# --- 3. a rendered item's own record is not an earlier procedure ---------------------------------

def _own_record(date: str):
    """Three injections given in the year of the item's date of service, recorded with the year
    only, as the item's own record (no earlier injection on file)."""
    def change(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f.get("procedure") != "esi"]
        data["facts"].append({
            "id": "F90", "category": "procedure", "date": date, "procedure": "esi",
            "statement": "He received three right L5-S1 transforaminal injections.",
            "laterality": "right", "levels": ["L5-S1"],
            "source": {"document": "D1", "page": 1}})
        item = data["disputed_items"][0]
        item["service"] = "Three right L5-S1 transforaminal epidural steroid injections"
        item["facts"] = [f for f in item["facts"] if any(
            x["id"] == f for x in data["facts"])] + ["F90"]
        item.pop("request_type", None)
        data["disputed_items"] = [item]
    return result_of(mutated("wc-lumbar-esi-defense", change), "I1")


def test_a_rendered_items_own_record_dated_by_its_year_is_no_earlier_injection():
    result = _own_record("2016")
    assert result.request_type.value == "initial"
    assert result.criteria_set == "esi-initial"


def test_an_injection_of_an_earlier_year_still_makes_a_repeat():
    result = _own_record("2015")
    assert result.request_type.value == "repeat"
    assert "F90" in result.request_type_basis


def test_other_care_said_not_effective_is_no_finding_against_the_evidence_base():
    facts = [CONDITION,
             {"category": "other", "statement": "Her physician recommended a paraffin wax "
                                                "bath after physical therapy was not "
                                                "effective for the morning stiffness."},
             {"category": "history", "statement": "There was insufficient evidence of a "
                                                  "radiculopathy on examination."}]
    result = result_of(_general("Paraffin wax bath", facts), "I9")
    assert result.outcome is Outcome.necessary
    assert _criterion(result, "general.evidence_not_contradicted").status is Status.met


def test_a_health_plans_denial_is_no_treating_physicians_reason():
    result = result_of(_general("Paraffin wax bath", [
        CONDITION, {"category": "other", "statement": "The health plan denied the paraffin "
                                                      "bath as not medically necessary."}]), "I9")
    assert result.outcome is Outcome.insufficient_documentation
    assert result.deciding == ["general.treating_physician_reason"]
