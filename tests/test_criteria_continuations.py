"""Approved items the engine used to fail (#25 classes 2 and 4): a continuation judged on its
documented benefit rather than on what a first request needs, a note silent on function not
counted against a regimen, a gain described in words as qualitative evidence, monitoring the
guideline only asks prescribers to consider, and a rate ("four electrodes a month") not read as
a duration. Each test asserts the outcome and the deciding criterion, in both directions."""

from __future__ import annotations

from drafting.case import Fact
from drafting.case.vocab import Outcome, RequestType
from drafting.criteria import prose
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion, item

USE = ("Over the past year she has used the TENS unit daily; it lowers her pain and she takes "
       "fewer analgesic tablets.")


def _supplies(statement: str, tags: list[str], service: str = "TENS electrodes and supplies "
              "for the home unit in use"):
    def change(data: dict) -> None:
        data.update(setting="ca_workers_comp", jurisdiction="California (workers' compensation)")
        data["dates"]["review"] = "2026-04-01"
        data["facts"].append({
            "id": "F30", "category": "response", "date": "2026-02-01", "procedure": "tens",
            "statement": statement, "tags": tags, "source": {"document": "D4", "page": 3}})
        entry = item(data, "I1")
        entry.update(service=service, date_of_service="2026-03-12", status="requested")
        entry["details"] = {"quantity": 1, "frequency": "monthly"}
        entry["facts"].append("F30")
    return result_of(mutated("medicare-tens-review", change), "I1")


def test_supplies_for_a_unit_that_helps_are_a_continuation_judged_on_its_benefit():
    result = _supplies(USE, ["medication_reduction"])
    assert result.request_type is RequestType.continuation
    assert result.request_type_basis == "the service says 'electrodes'"
    assert result.outcome is Outcome.necessary
    assert "tens.ongoing_benefit" in result.deciding
    assert "tens.home_trial" not in {c.criterion_id for c in result.criteria}
    assert not criterion(result, "tens.adjunct").required  # a condition of the first purchase


def test_supplies_for_a_unit_that_gives_no_relief_are_not_necessary():
    result = _supplies("She uses the TENS unit daily without relief.", [])
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["tens.ongoing_benefit"]
    assert criterion(result, "tens.ongoing_benefit").status is Status.not_met


def test_a_purchase_with_supplies_is_still_a_first_request_needing_the_home_trial():
    result = _supplies(USE, ["medication_reduction"], service="Purchase of a TENS unit with "
                       "supplies")
    assert result.request_type is RequestType.initial
    assert "tens.home_trial" in result.deciding and result.outcome is Outcome.not_necessary


def _fact(statement: str) -> Fact:
    return Fact.model_validate({"id": "F1", "category": "other", "date": "2020-01-01",
                                "statement": statement, "source": {"document": "D1", "page": 1}})


def test_a_rate_is_not_a_duration():
    assert prose.stated_weeks(_fact("The TENS unit uses four electrodes a month.")) is None
    assert prose.stated_weeks(_fact("He takes 90 tablets a month.")) is None
    assert prose.stated_weeks(_fact("Used 4 hours a day for a month.")).value == \
        prose.stated_weeks(_fact("A trial of a month.")).value
    assert prose.stated_weeks(_fact("A home trial over a month.")) is not None


def _opioids(*statements: tuple[str, str]):
    def change(data: dict) -> None:
        gains = {"functional_improvement", "adl_improved", "return_to_work"}
        data["facts"] = [f for f in data["facts"] if not gains & set(f.get("tags", []))
                         and f["category"] != "functional"
                         and not (f["category"] == "response" and f.get("procedure") == "opioids")]
        kept = {f["id"] for f in data["facts"]}
        entry = item(data, "I1")
        entry["facts"] = [i for i in entry["facts"] if i in kept]
        for n, (category, statement) in enumerate(statements):
            data["facts"].append({"id": f"F4{n}", "category": category, "date": "2025-04-01",
                                  "statement": statement,
                                  "source": {"document": "D6", "page": 1}})
            entry["facts"].append(f"F4{n}")
    return result_of(mutated("wc-opioids-appeal", change), "I1")


def test_a_note_silent_on_function_is_not_evidence_against_continuing_opioids():
    result = _opioids(("functional", "The treating physician testified in support of the "
                       "medication."))
    benefit = criterion(result, "opioids.functional_benefit")
    assert benefit.status is Status.undocumented and benefit.contradicting_facts == []
    assert result.outcome is Outcome.not_necessary and "not established" in result.summary


def test_a_functional_gain_in_words_is_qualitative_evidence_for_continuing_opioids():
    result = _opioids(("functional", "He could not function without the medication and keeps "
                       "working half days."))
    benefit = criterion(result, "opioids.functional_benefit")
    assert benefit.status is Status.met and benefit.supporting_facts == ["F40"]
    assert any("qualitative" in note for note in benefit.notes)
    assert result.outcome is Outcome.necessary and result.confidence == "medium"


def test_function_stated_as_not_improved_decides_against_continuing_opioids():
    result = _opioids(("other", "On the current regimen there has been no functional "
                       "improvement."))
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids.functional_benefit"]
    assert criterion(result, "opioids.functional_benefit").status is Status.not_met


def test_drug_testing_supports_but_does_not_decide_a_continuation_under_the_mtus():
    def no_monitoring(data: dict) -> None:
        monitoring = {"urine_drug_test", "pdmp_check"}
        data["facts"] = [f for f in data["facts"] if not monitoring & set(f.get("tags", []))]
        kept = {f["id"] for f in data["facts"]}
        item(data, "I1")["facts"] = [i for i in item(data, "I1")["facts"] if i in kept]

    result = result_of(mutated("wc-opioids-appeal", no_monitoring), "I1")
    monitoring = criterion(result, "opioids.risk_monitoring")
    assert (monitoring.status, monitoring.required) == (Status.undocumented, False)
    assert result.outcome is Outcome.necessary and result.confidence == "medium"



def _esi_with_care(*facts: dict):
    def change(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f["id"] not in ("F2", "F5")]
        entry = item(data, "I1")
        entry["facts"] = [i for i in entry["facts"] if i not in ("F2", "F5")]
        for f in facts:
            data["facts"].append({"source": {"document": "D1", "page": 1}, **f})
            entry["facts"].append(f["id"])
    return result_of(mutated("medicare-lumbar-esi-appeal", change), "I1")


def test_a_summary_that_conservative_care_failed_is_qualitative_evidence_of_the_course():
    summary = {"id": "F40", "category": "history", "date": "2025-01-15",
               "statement": "Per the referral summary, therapy and medication did not help.",
               "tags": ["conservative_care_failed"]}
    result = _esi_with_care(summary)
    care = criterion(result, "esi.conservative_care")
    assert care.status is Status.met and care.supporting_facts == ["F40"]
    assert any("without a length" in note for note in care.notes)
    assert result.outcome is Outcome.necessary and result.confidence == "medium"


def test_without_any_account_of_conservative_care_the_injection_is_not_established():
    result = _esi_with_care()
    assert criterion(result, "esi.conservative_care").status is Status.undocumented
    assert result.outcome is Outcome.not_necessary
    assert "esi.conservative_care" in result.deciding


def _same_day(statement: str, tags: list[str]):
    """A first-prescription request whose only opioid fact is dated on the day of service."""
    def change(data: dict) -> None:
        entry = item(data, "I1")
        entry["service"] = "Oxycodone 10 mg three times daily, 90 tablets"
        data["facts"] = [f for f in data["facts"] if "opioid" not in f.get("tags", [])]
        entry["facts"] = [i for i in entry["facts"] if i in {f["id"] for f in data["facts"]}]
        data["facts"].append({"id": "F40", "category": "medication",
                              "date": entry["date_of_service"], "statement": statement,
                              "tags": tags, "source": {"document": "D6", "page": 1}})
        entry["facts"].append("F40")
    return result_of(mutated("wc-opioids-appeal", change), "I1")


def test_an_opioid_the_patient_takes_on_the_day_of_service_makes_a_continuation():
    taking = _same_day("He takes oxycodone for the back pain.", ["opioid"])
    assert (taking.request_type, taking.criteria_set) == (RequestType.continuation,
                                                          "opioids-long-term")
    assert "F40" in (taking.request_type_basis or "")
    planned = _same_day("Plan: start oxycodone for the back pain.", ["opioid"])
    assert (planned.request_type, planned.criteria_set) == (RequestType.initial,
                                                            "opioids-initiation")


def _pump_management(statement: str):
    def change(data: dict) -> None:
        entry = item(data, "I1")
        entry["service"] = "Intrathecal pump management"
        data["facts"] = [f for f in data["facts"] if f.get("procedure") != "itp"]
        kept = {f["id"] for f in data["facts"]}
        entry["facts"] = [i for i in entry["facts"] if i in kept]
        data["facts"].append({"id": "F40", "category": "procedure", "procedure": "itp",
                              "date": entry["date_of_service"], "statement": statement,
                              "source": {"document": "D6", "page": 1}})
    return result_of(mutated("wc-itp-letter", change), "I1")


def test_a_pump_described_as_in_place_makes_its_management_continuing_therapy():
    in_place = _pump_management("His pain is treated with an implanted morphine pump.")
    assert (in_place.request_type, in_place.criteria_set) == (RequestType.continuation,
                                                              "itp-maintenance")
    proposed = _pump_management("A morphine pump is proposed after the trial.")
    assert proposed.request_type is RequestType.initial


def _taper(*extra: dict):
    def change(data: dict) -> None:
        gains = {"functional_improvement", "adl_improved", "return_to_work"}
        data["facts"] = [f for f in data["facts"] if not gains & set(f.get("tags", []))
                         and f["category"] != "functional"
                         and not (f["category"] == "response" and f.get("procedure") == "opioids")]
        entry = item(data, "I1")
        entry["facts"] = [i for i in entry["facts"] if i in {f["id"] for f in data["facts"]}]
        for f in extra:
            data["facts"].append({"date": "2025-04-01", "source": {"document": "D6", "page": 1},
                                  **f})
            entry["facts"].append(f["id"])
    return result_of(mutated("wc-opioids-appeal", change), "I1")


TAPER = {"id": "F50", "category": "medication", "tags": ["opioid", "taper_plan"],
         "statement": "The dose is being reduced by about 10% a month under a written taper plan."}


def test_continuing_a_step_of_a_documented_taper_is_judged_on_the_taper():
    ordinary = _taper()
    assert (ordinary.criteria_set, ordinary.outcome) == ("opioids-long-term",
                                                         Outcome.not_necessary)
    tapering = _taper(TAPER)
    assert tapering.criteria_set == "opioids-taper"
    assert tapering.outcome is Outcome.necessary
    assert "opioids_taper.plan_documented" in tapering.deciding


def test_a_taper_with_documented_misuse_is_not_continued():
    misuse = {"id": "F51", "category": "other", "tags": ["aberrant_behavior"],
              "statement": "Two early refill requests and a lost prescription are recorded."}
    result = _taper(TAPER, misuse)
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids_taper.no_reason_to_stop_at_once"]


def test_a_request_type_without_its_own_set_is_judged_on_the_nearest_one_and_says_so():
    def stated(request_type: str):
        def change(data: dict) -> None:
            item(data, "I1")["request_type"] = request_type
        return change

    series = result_of(mutated("wc-lumbar-esi-plaintiff", stated("continuation")), "I1")
    assert series.request_type is RequestType.continuation  # as the case file states it
    assert series.criteria_set == "esi-repeat" and series.outcome is Outcome.necessary
    assert "judged as a repeat request" in series.summary

    revision = result_of(mutated("commercial-lumbar-fusion-dossier", stated("revision")), "I1")
    assert revision.criteria_set == "lumbar-fusion"  # a revision must meet the same criteria
    assert revision.outcome is Outcome.not_necessary and "fusion.nicotine_free" in \
        revision.deciding


def _scs_trial_care(*facts: dict):
    def change(data: dict) -> None:
        failed = {"conservative_care_failed", "first_line_failed"}
        data["facts"] = [f for f in data["facts"] if not failed & set(f.get("tags", []))]
        kept = {f["id"] for f in data["facts"]}
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i in kept]
        for f in facts:
            data["facts"].append({"date": "2024-06-01", "source": {"document": "D1", "page": 1},
                                  **f})
    return result_of(mutated("commercial-scs-dossier", change), "I1")


def test_care_not_described_as_failed_leaves_failed_alternatives_undocumented_not_unmet():
    result = _scs_trial_care({"id": "F60", "category": "conservative_care",
                              "statement": "Twelve sessions of physical therapy were attended.",
                              "tags": ["physical_therapy"]})
    alternatives = criterion(result, "scs_trial.failed_alternatives")
    assert alternatives.status is Status.undocumented and alternatives.contradicting_facts == []
    assert result.outcome is Outcome.not_necessary
    assert "scs_trial.failed_alternatives" in result.deciding


def test_a_history_summary_of_failed_care_meets_failed_alternatives():
    result = _scs_trial_care({"id": "F60", "category": "history", "tags": [
        "conservative_care_failed"], "statement": "Per the referral, therapy, medication and "
        "injections have all failed."})
    assert criterion(result, "scs_trial.failed_alternatives").status is Status.met
    assert result.outcome is Outcome.necessary


def test_a_history_silent_on_the_pain_type_does_not_count_against_the_stimulator_indication():
    def silent(statement: str, tags: list[str]):
        def change(data: dict) -> None:
            indication = {"radicular_pain", "neuropathic_pain", "crps_signs", "radiculopathy_emg"}
            data["facts"] = [f for f in data["facts"] if not indication & set(f.get("tags", []))]
            data["facts"].append({"id": "F60", "category": "history", "date": "2024-06-01",
                                  "statement": statement, "tags": tags,
                                  "source": {"document": "D1", "page": 1}})
            kept = {f["id"] for f in data["facts"]}
            for entry in data["disputed_items"]:
                entry["facts"] = [i for i in entry["facts"] if i in kept]
        return result_of(mutated("commercial-scs-dossier", change), "I1")

    quiet = silent("She was injured lifting a crate at work in 2019.", [])
    assert criterion(quiet, "scs_trial.indication").status is Status.undocumented
    axial = silent("The pain is in the low back only, without leg symptoms.", ["axial_pain"])
    assert criterion(axial, "scs_trial.indication").status is Status.not_met
    assert axial.outcome is Outcome.not_necessary and "scs_trial.indication" in axial.deciding


def test_the_opioid_prescription_itself_is_not_evidence_that_nonopioids_were_not_tried():
    def first_prescription(data: dict) -> None:
        entry = item(data, "I1")
        entry["service"] = "Oxycodone 10 mg three times daily, 90 tablets"
        nonopioid = {"physical_therapy", "home_exercise", "acupuncture", "nsaid", "acetaminophen",
                     "neuropathic_agent", "muscle_relaxant", "functional_restoration"}
        data["facts"] = [f for f in data["facts"] if "opioid" not in f.get("tags", [])
                         and not nonopioid & set(f.get("tags", []))]
        data["facts"].append({"id": "F60", "category": "medication",
                              "date": entry["date_of_service"],
                              "statement": "Oxycodone 10 mg is proposed.", "tags": ["opioid"],
                              "source": {"document": "D6", "page": 1}})
        entry["facts"] = [i for i in entry["facts"] if i in {f["id"] for f in data["facts"]}]

    result = result_of(mutated("wc-opioids-appeal", first_prescription), "I1")
    assert result.criteria_set == "opioids-initiation"
    first = criterion(result, "opioids_start.nonopioid_first")
    assert first.status is Status.undocumented and first.contradicting_facts == []
    assert result.outcome is Outcome.not_necessary and "not established" in result.summary
