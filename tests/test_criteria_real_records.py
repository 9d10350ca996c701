"""The criteria engine on records as they really are (#18, #25): request types, decisive and
supporting criteria, prior response in numbers or words, the setting's review standard,
unspecified requests, courses and ranges stated in words, trial kinds, secondhand evidence and
partial dates. Each test changes an example case the way real records differ and asserts the
outcome and the criterion that decides it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.case import CaseFileError, load_case
from drafting.case.tags import suggest
from drafting.case.vocab import Outcome, RequestType, Setting
from drafting.context import fact_data
from drafting.criteria.results import Gap, ItemResult, Status
from drafting.criteria.standards import review_standards
from tests.conftest import EXAMPLES
from tests.test_criteria import fact, mutated, result_of, status
from tests.test_drafting import offline_draft


def criterion(result: ItemResult, criterion_id: str):
    return next(r for r in result.criteria if r.criterion_id == criterion_id)


def item(data: dict, item_id: str) -> dict:
    return next(i for i in data["disputed_items"] if i["id"] == item_id)


# ------------------------------------------------------- prior response, in both directions

def _prior_response(statement: str, **values) -> ItemResult:
    def change(data: dict) -> None:
        f9 = fact(data, "F9")
        f9.pop("percent_relief")
        f9.pop("duration")
        f9.update(statement=statement, **values)

    return result_of(mutated("wc-lumbar-esi-plaintiff", change), "I1")


def test_a_repeat_injection_after_good_prior_relief_is_necessary():
    result = result_of(load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"), "I1")
    assert (result.request_type, result.criteria_set) == (RequestType.repeat, "esi-repeat")
    assert result.outcome is Outcome.necessary
    assert "esi_repeat.prior_relief" in result.deciding


def test_the_same_repeat_after_relief_for_a_very_temporary_period_is_not_necessary():
    result = _prior_response("The injection gave relief for a very temporary period.")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["esi_repeat.prior_relief"]
    relief = criterion(result, "esi_repeat.prior_relief")
    assert relief.status is Status.not_met  # a stated poor response is not "undocumented"
    assert any("brief or poor" in note for note in relief.notes)


def test_relief_stated_only_in_words_and_ranges_is_read_from_the_statement():
    result = _prior_response("She reported 50-60% relief of right leg pain for about eight weeks.")
    relief = criterion(result, "esi_repeat.prior_relief")
    assert relief.status is Status.met
    assert any("'50-60%' in the statement, read as its lower bound" in n for n in relief.notes)
    assert result.outcome is Outcome.necessary


def test_a_score_percentage_is_never_read_as_relief():
    result = _prior_response("Oswestry index went from 44 to 26 percent after the injection.")
    assert status(result, "esi_repeat.prior_relief") is Status.undocumented


def test_qualitative_relief_counts_as_evidence_of_lower_strength():
    result = _prior_response("Significant relief of right leg pain lasting about eight weeks.")
    relief = criterion(result, "esi_repeat.prior_relief")
    assert relief.status is Status.met
    assert any("qualitative" in note for note in relief.notes)
    assert (result.outcome, result.confidence) == (Outcome.necessary, "medium")


# -------------------------------------------------------------------------- request types

def test_the_request_type_is_inferred_from_the_record_when_the_service_does_not_say_it():
    case = mutated("wc-lumbar-esi-plaintiff", lambda d: item(d, "I1").update(
        service="Right L5-S1 transforaminal epidural steroid injection"))
    result = result_of(case, "I1")
    assert result.request_type is RequestType.repeat
    assert "earlier esi" in result.request_type_basis
    assert result.criteria_set == "esi-repeat"


def test_a_request_type_stated_in_the_case_file_selects_the_set():
    case = mutated("wc-lumbar-esi-plaintiff", lambda d: item(d, "I1").update(
        request_type="initial"))
    result = result_of(case, "I1")
    assert (result.request_type_basis, result.criteria_set) == ("stated in the case file",
                                                                "esi-initial")


def test_continuing_opioids_is_judged_as_a_continuation_and_starting_them_as_initiation():
    continuing = result_of(load_case(EXAMPLES / "wc-opioids-appeal.yaml"), "I1")
    assert (continuing.request_type, continuing.criteria_set) == (
        RequestType.continuation, "opioids-long-term")

    def first_prescription(data: dict) -> None:
        item(data, "I1")["service"] = "Oxycodone 10 mg three times daily, 90 tablets"
        data["facts"] = [f for f in data["facts"] if "opioid" not in f.get("tags", [])]
        item(data, "I1")["facts"] = [i for i in item(data, "I1")["facts"]
                                     if i in {f["id"] for f in data["facts"]}]

    starting = result_of(mutated("wc-opioids-appeal", first_prescription), "I1")
    assert (starting.request_type, starting.criteria_set) == (
        RequestType.initial, "opioids-initiation")


def test_a_pump_revision_is_judged_on_the_device_problem_not_the_implant_criteria():
    def revision(data: dict) -> None:
        item(data, "I1").update(service="Revision of the intrathecal pump pocket")

    without_problem = result_of(mutated("wc-itp-letter", revision), "I1")
    assert (without_problem.request_type, without_problem.criteria_set) == (
        RequestType.revision, "itp-revision")
    assert without_problem.outcome is Outcome.not_necessary
    assert "itp_rev.device_problem" in without_problem.deciding

    def with_problem(data: dict) -> None:
        revision(data)
        data["facts"].append({
            "id": "F30", "category": "exam", "date": "2025-03-01", "procedure": "itp",
            "statement": "The reservoir is hypermobile and flips in its pocket, with pocket pain.",
            "source": {"document": fact(data, "F21")["source"]["document"], "page": 1}})
        item(data, "I1")["facts"].append("F30")

    fixed = result_of(mutated("wc-itp-letter", with_problem), "I1")
    assert status(fixed, "itp_rev.device_problem") is Status.met
    assert fixed.outcome is Outcome.necessary


# ---------------------------------------------------- weights and the setting's standard

def _without_functional_gain(data: dict) -> None:
    gains = {"functional_improvement", "adl_improved", "return_to_work"}
    data["facts"] = [f for f in data["facts"] if not gains & set(f.get("tags", []))
                     and f["category"] != "functional"
                     and not (f["category"] == "response" and f.get("procedure") == "opioids")]
    ids = {f["id"] for f in data["facts"]}
    item(data, "I1")["facts"] = [i for i in item(data, "I1")["facts"] if i in ids]


def test_functional_benefit_decides_an_opioid_continuation_under_the_mtus():
    result = result_of(mutated("wc-opioids-appeal", _without_functional_gain), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["opioids.functional_benefit"]
    assert "not established" in result.summary


def test_under_cdc_2022_undocumented_benefit_supports_but_does_not_decide_a_continuation():
    def commercial(data: dict) -> None:
        _without_functional_gain(data)
        data.update(setting="commercial", jurisdiction="New York (commercial plan)")

    result = result_of(mutated("wc-opioids-appeal", commercial), "I1")
    benefit = criterion(result, "opioids.functional_benefit")
    assert (benefit.status, benefit.required) == (Status.undocumented, False)
    assert result.outcome is Outcome.necessary


def test_every_setting_has_a_review_standard_with_its_basis():
    standards = review_standards()
    assert set(standards) == set(Setting)
    assert standards[Setting.ca_workers_comp].not_established is Outcome.not_necessary
    assert "4604.5" in standards[Setting.ca_workers_comp].basis
    assert standards[Setting.personal_injury].not_established is \
        Outcome.insufficient_documentation


# ---------------------------------------------------------------- unspecified requests

def test_a_stimulator_of_no_named_modality_is_not_judged_as_tens():
    case = mutated("medicare-tens-review", lambda d: item(d, "I1").update(
        service="Purchase of an electrical stimulator for home use"))
    result = result_of(case, "I1")
    modality = criterion(result, "tens.modality")
    assert modality.status is Status.not_met
    assert "the request does not specify the modality" in modality.reason
    assert "tens.modality" in result.deciding and result.outcome is Outcome.not_necessary


def test_an_nmes_unit_is_not_judged_on_the_tens_criteria():
    case = mutated("medicare-tens-review", lambda d: item(d, "I1").update(
        service="Neuromuscular electrical stimulator (NMES) for home use"))
    assert status(result_of(case, "I1"), "tens.modality") is Status.not_met


def test_facet_blocks_without_levels_cannot_be_judged():
    case = mutated("pi-mvc-multi-item", lambda d: item(d, "I2")["details"].pop("levels"))
    result = result_of(case, "I2")
    assert result.outcome is Outcome.not_necessary
    assert "mbb.levels_specified" in result.deciding
    assert "does not specify levels" in criterion(result, "mbb.levels_specified").reason


def test_a_compound_of_unknown_composition_is_judged_as_a_compound_never_a_single_agent():
    def unknown(data: dict) -> None:
        item(data, "I2").update(service="Compounded topical cream, 120 g (ingredients not given)",
                                facts=["F13", "F14"])
        item(data, "I2")["details"].pop("dose")

    result = result_of(mutated("wc-consult-topical-imr", unknown), "I2")
    assert result.criteria_set == "topical-compound"
    assert result.outcome is Outcome.not_necessary
    assert "topical_compound.ingredients_listed" in result.deciding


# ---------------------------------------------------------------------- course arithmetic

def _therapy(statement: str, **values) -> ItemResult:
    def change(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f["id"] not in {"F3", "F4"}]
        for entry in data["disputed_items"]:  # the medication courses go
            entry["facts"] = [i for i in entry.get("facts", []) if i not in {"F3", "F4"}]
        f6 = fact(data, "F6")
        f6.pop("end_date")
        f6.pop("duration")
        f6.update(date="2023-06-14", statement=statement, **values)

    return result_of(mutated("pi-mvc-multi-item", change), "I1")


def test_a_course_noted_at_its_end_counts_for_its_whole_duration():
    result = _therapy("Physical therapy, now finished.", duration={"value": 8, "unit": "weeks"})
    care = criterion(result, "esi.conservative_care")
    assert care.status is Status.met and "8 weeks documented" in care.notes
    assert result.outcome is Outcome.necessary


def test_a_duration_stated_in_words_counts():
    care = criterion(_therapy("Six weeks of physical therapy did not help."),
                     "esi.conservative_care")
    assert care.status is Status.met
    assert any("'Six weeks' in the statement" in note for note in care.notes)


def test_a_range_counts_as_its_lower_bound_and_can_fall_short():
    result = _therapy("2-3 weeks of physical therapy did not help.")
    care = criterion(result, "esi.conservative_care")
    assert care.status is Status.not_met
    assert any("read as its lower bound" in note for note in care.notes)
    assert result.deciding == ["esi.conservative_care"]


def test_a_course_without_a_length_is_qualitative_evidence_not_a_gap():
    care = criterion(_therapy("Has had a trial of physical therapy."), "esi.conservative_care")
    assert (care.status, care.gap) == (Status.met, None)
    assert any("qualitative evidence" in note for note in care.notes)


# ------------------------------------------------------------------------ what is a trial

def test_a_failed_anti_inflammatory_is_not_a_failed_first_line_neuropathic_agent():
    def nsaids_only(data: dict) -> None:
        for fact_id in ("F9", "F10"):
            fact(data, fact_id)["tags"] = ["nsaid", "first_line_failed", "adverse_effects"]

    result = result_of(mutated("wc-consult-topical-imr", nsaids_only), "I2")
    assert status(result, "topical.first_line_failed") is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["topical.first_line_failed"]


# --------------------------------------------------------------------- secondhand evidence

def test_a_notes_account_of_a_missing_report_is_met_on_secondhand_evidence():
    result = result_of(load_case(EXAMPLES / "medicare-lumbar-esi-appeal.yaml"), "I1")
    imaging = criterion(result, "esi.corroborated")
    assert (imaging.status, imaging.gap, imaging.missing_documents) == (
        Status.met, Gap.submission, ["D4"])
    assert any("secondhand" in note for note in imaging.notes)
    assert (result.outcome, result.confidence) == (Outcome.necessary, "medium")


def test_an_account_without_the_side_and_level_stays_a_submission_gap():
    def vague(data: dict) -> None:
        f4 = fact(data, "F4")
        f4.pop("laterality")
        f4.pop("levels")
        f4["statement"] = "The consultant mentions an outside MRI; the report is not attached."

    result = result_of(mutated("medicare-lumbar-esi-appeal", vague), "I1")
    imaging = criterion(result, "esi.corroborated")
    assert (imaging.status, imaging.gap) == (Status.undocumented, Gap.submission)
    assert result.outcome is Outcome.not_necessary  # Medicare: not established on the record
    assert "the packet lacks D4" in result.summary


# ---------------------------------------------------------------------------- partial dates

def test_partial_and_relative_dates_are_kept_as_recorded_and_judged():
    def partial(data: dict) -> None:
        fact(data, "F1")["date"] = "2023-03"
        fact(data, "F2")["date"] = 2023
        fact(data, "F24")["date"] = "3 months before review"
        data["diagnoses"].append({"code": "722.10", "text": "Lumbar disc displacement (ICD-9)"})

    case = mutated("pi-mvc-multi-item", partial)
    f1, f2, f24 = case.fact("F1"), case.fact("F2"), case.fact("F24")
    assert (f1.date, f1.date_precision, fact_data(case, f1)["date"]) == (
        dt.date(2023, 3, 1), "month", "March 2023")
    assert (f2.date_precision, f2.date_text) == ("year", "2023")
    assert f24.date_precision == "approximate" and f24.date_basis == "3 months before review"
    assert f24.date_text.startswith("about 2024-12-1")
    before = result_of(load_case(EXAMPLES / "pi-mvc-multi-item.yaml"), "I1")
    assert result_of(case, "I1").outcome is before.outcome


def test_a_date_relative_to_a_key_date_the_case_lacks_names_the_fact(tmp_path: Path):
    text = (EXAMPLES / "wc-itp-letter.yaml").read_text(encoding="utf-8")
    path = tmp_path / "case.yaml"
    changed = text.replace("  - id: F17\n    category: history\n    date: 2025-02-11\n",
                           "  - id: F17\n    category: history\n    date: 2 weeks before denial\n")
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"facts\[16\]: date '2 weeks before denial' is "
                                            r"relative to the denial date, which the case does "
                                            r"not give"):
        load_case(path)


def test_tag_suggestions_never_invert_meaning():
    assert "smoker" not in suggest("not_smoking").replace("non_smoker", "")
    assert "did you mean" not in suggest("no_radicular_pain")  # never "radicular_pain"
    assert suggest("non_smokr") == "did you mean non_smoker?"


# ------------------------------------------------------- every missing record is listed

def test_every_record_cited_but_missing_is_a_gap_of_the_item_and_of_the_draft():
    def results_not_attached(data: dict) -> None:
        data["documents"].append({"id": "D20", "type": "other", "date": "2025-04-15",
                                  "title": "Urine drug test results", "pages": 2,
                                  "included": False})
        fact(data, "F19")["references"] = ["D20"]

    case = mutated("wc-opioids-appeal", results_not_attached)
    result = result_of(case, "I1")
    assert result.outcome is Outcome.necessary  # the note's account still counts
    assert result.missing_documents == ["D20"]
    gaps = next(s for s in offline_draft(case).sections if s.kind == "gaps")
    # the missing report is named with the fact that cites it (wording is the outline's)
    assert "urine drug test results" in gaps.text.lower() and "cited in the record" \
        in gaps.text and "[F19]" in gaps.text
    assert "No required evidence is missing" not in gaps.text


# ------------------------------------------------------------- settings beyond the first four

def test_a_state_external_review_is_judged_on_the_plan_criteria_and_says_so():
    plan = result_of(load_case(EXAMPLES / "commercial-pns-appeal.yaml"), "I1")
    case = mutated("commercial-pns-appeal", lambda d: d.update(
        setting="state_external_review", jurisdiction="New York (DFS external appeal)"))
    review = result_of(case, "I1")
    assert (review.criteria_set, review.outcome, review.deciding) == (
        plan.criteria_set, plan.outcome, plan.deciding)
    assert review_standards()[Setting.state_external_review].reference is Setting.commercial
    assert review.summary.endswith("Judged on the commercial criteria, as a state external "
                                   "review applies them.")


# Workers' comp outside California is judged on the MTUS as a stand-in, and says so:
# tests/test_criteria_stand_in.py.


# ------------------------------------------------- follow-up visits, pump refills, regimens

def _follow_up_visit(data: dict) -> None:
    data["disputed_items"].append({
        "id": "I2", "service": "Follow-up office visit for medication management",
        "procedure": "consultation", "date_of_service": "2025-05-06", "status": "requested",
        "facts": ["F17"]})


def test_a_follow_up_visit_to_manage_ongoing_opioids_is_necessary():
    result = result_of(mutated("wc-opioids-appeal", _follow_up_visit), "I2")
    assert (result.request_type, result.criteria_set) == (RequestType.continuation,
                                                          "consultation-follow-up")
    assert result.outcome is Outcome.necessary
    assert "followup.ongoing_treatment" in result.deciding


def test_a_follow_up_visit_with_no_ongoing_treatment_is_not_established():
    def no_opioids(data: dict) -> None:
        _follow_up_visit(data)
        data["facts"] = [f for f in data["facts"] if "opioid" not in f.get("tags", [])]
        kept = {f["id"] for f in data["facts"]}
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i in kept]

    result = result_of(mutated("wc-opioids-appeal", no_opioids), "I2")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["followup.ongoing_treatment"]


def test_a_pump_refill_is_judged_as_continuing_therapy_not_as_a_new_implant():
    case = mutated("wc-itp-letter", lambda d: item(d, "I1").update(
        service="Intrathecal pump refill and reprogramming"))
    result = result_of(case, "I1")
    assert (result.request_type, result.criteria_set) == (RequestType.continuation,
                                                          "itp-maintenance")
    assert "itp.psych_clearance" not in {c.criterion_id for c in result.criteria}


def test_a_regimen_described_as_already_taken_on_the_day_of_service_is_a_continuation():
    def described(data: dict) -> None:
        item(data, "I1")["service"] = "Oxycodone 10 mg three times daily, 90 tablets"
        for entry in data["facts"]:
            if "opioid" in entry.get("tags", []):
                entry["date"] = "2025-05-06"
                entry.pop("end_date", None)
        fact(data, "F17")["statement"] = "He has been taking oxycodone 10 mg three times daily."

    result = result_of(mutated("wc-opioids-appeal", described), "I1")
    assert result.request_type is RequestType.continuation
    assert "F17" in result.request_type_basis


def test_a_request_known_to_omit_levels_decides_but_an_untranscribed_one_does_not():
    def untranscribed(data: dict) -> None:
        item(data, "I2")["details"] = {}

    unknown = result_of(mutated("pi-mvc-multi-item", untranscribed), "I2")
    levels = criterion(unknown, "mbb.levels_specified")
    assert (levels.status, levels.required) == (Status.undocumented, False)
    assert "the case file does not record the request's levels" in levels.reason
    assert unknown.outcome is Outcome.necessary

    def marked(data: dict) -> None:
        item(data, "I2").update(details={}, service="Cervical facet injections (levels not "
                                                      "specified)")

    omitted = result_of(mutated("pi-mvc-multi-item", marked), "I2")
    assert status(omitted, "mbb.levels_specified") is Status.not_met
    assert omitted.outcome is Outcome.not_necessary and "mbb.levels_specified" in omitted.deciding


def test_a_stimulator_battery_replacement_is_judged_on_the_device_not_a_new_trial():
    def replacement(data: dict) -> None:
        item(data, "I2").update(service="Replacement of the implanted pulse generator")
        source = {"document": fact(data, "F1")["source"]["document"], "page": 1}
        data["facts"] += [
            {"id": "F90", "category": "other", "date": "2024-09-20", "procedure": "scs_implant",
             "statement": "The generator battery is at end of life and no longer holds a charge.",
             "source": source},
            {"id": "F91", "category": "history", "date": "2024-09-20",
             "procedure": "scs_implant",
             "statement": "The stimulator has given good relief of leg pain for five years.",
             "source": source}]
        item(data, "I2")["facts"] += ["F90", "F91"]

    result = result_of(mutated("commercial-scs-dossier", replacement), "I2")
    assert (result.request_type, result.criteria_set) == (RequestType.replacement,
                                                          "scs-implant-revision")
    assert result.outcome is Outcome.necessary
    assert {"scs_rev.device_problem", "scs_rev.device_benefit"} <= set(result.deciding)


@pytest.mark.parametrize(("relief", "outcome"), [(20, Outcome.not_necessary),
                                                 (70, Outcome.necessary)])
def test_a_stimulator_re_trial_turns_on_the_earlier_trial(relief, outcome):
    def retrial(data: dict) -> None:
        item(data, "I1").update(service="Spinal cord stimulator re-trial, two leads")
        data["facts"].append({
            "id": "F90", "category": "response", "date": "2023-02-01", "procedure": "scs_trial",
            "statement": f"An earlier stimulator trial gave about {relief} percent relief.",
            "percent_relief": relief,
            "source": {"document": fact(data, "F1")["source"]["document"], "page": 1}})
        item(data, "I1")["facts"].append("F90")

    result = result_of(mutated("commercial-scs-dossier", retrial), "I1")
    assert (result.request_type, result.criteria_set) == (RequestType.retrial, "scs-trial")
    assert status(result, "scs_trial.earlier_trial_succeeded") is (
        Status.met if relief >= 50 else Status.not_met)
    assert result.outcome is outcome
    if outcome is Outcome.not_necessary:
        assert result.deciding == ["scs_trial.earlier_trial_succeeded"]
