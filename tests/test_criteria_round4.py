"""Criteria round 4 (#18/#25, set 7 as the development set), on new synthetic records:

- a drug labelled only for one indication: transmucosal fentanyl (lozenge, buccal tablet) is
  approved only for breakthrough cancer pain, so a request for it for non-cancer pain fails on
  that criterion; the same request with cancer pain coded, or another opioid, does not;
- trigger point injections have a criteria set (MTUS 2009 entry; the common commercial
  criteria): trigger points on examination decide in both directions, and the MTUS's
  no-radiculopathy condition decides in California workers' comp but only supports elsewhere;
- a therapy's benefit described in words as minimal or brief answers a functional-improvement
  question (not met), where before it was silence.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Gap, Status
from tests.test_criteria import mutated, result_of

SOURCE = {"document": "D6", "page": 1}


def _status(result, criterion_id: str) -> Status:
    return next(r for r in result.criteria if r.criterion_id == criterion_id).status


# --- transmucosal fentanyl -------------------------------------------------------------------

def _fentanyl(service: str, cancer: bool = False) -> Case:
    def change(data: dict) -> None:
        data["disputed_items"][0]["service"] = service
        if cancer:
            data["diagnoses"].append({"code": "C79.51",
                                      "text": "Secondary malignant neoplasm of bone"})
    return mutated("wc-opioids-appeal", change)


def test_fentanyl_lozenges_for_non_cancer_back_pain_fail_on_their_labelled_indication():
    result = result_of(_fentanyl("Continued fentanyl citrate lozenges (Actiq) 400 mcg"), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "opioids.not_cancer_only_fentanyl"
    deciding = next(r for r in result.criteria
                    if r.criterion_id == "opioids.not_cancer_only_fentanyl")
    assert deciding.status is Status.not_met
    assert "breakthrough cancer pain" in deciding.statement
    assert any("the request names" in n and "Actiq" in n for n in deciding.notes)
    assert "fda-tirf-fentanyl-indication" in deciding.basis


def test_the_same_fentanyl_request_with_cancer_pain_coded_is_not_stopped_by_it():
    result = result_of(_fentanyl("Continued fentanyl citrate lozenges (Actiq) 400 mcg",
                                 cancer=True), "I1")
    assert _status(result, "opioids.not_cancer_only_fentanyl") is Status.met
    assert "opioids.not_cancer_only_fentanyl" not in [
        r.criterion_id for r in result.criteria if r.status is not Status.met]
    assert result.outcome is Outcome.necessary


def test_another_opioid_meets_the_fentanyl_criterion():
    result = result_of(_fentanyl("Continued oxycodone ER 20 mg twice a day"), "I1")
    assert _status(result, "opioids.not_cancer_only_fentanyl") is Status.met
    assert result.outcome is Outcome.necessary
    fentanyl = next(r for r in result.criteria
                    if r.criterion_id == "opioids.not_cancer_only_fentanyl")
    # met without a word about what the request 'does not specify' (the inverted test's
    # reason), and never the first required criterion, which names the governing standard
    assert "does not specify" not in fentanyl.reason and not fentanyl.required
    assert fentanyl.decides_if_contradicted


def test_a_fentanyl_lozenge_named_only_in_the_items_drug_record_also_fails():
    def change(data: dict) -> None:
        item = data["disputed_items"][0]
        item["service"] = "Continued breakthrough pain medication"
        data["facts"].append({
            "id": "F99", "category": "medication", "date": "2025-04-22",
            "statement": "For breakthrough back pain she uses an Actiq lozenge two or three "
                         "times a day.", "tags": ["opioid"], "source": SOURCE})
        item["facts"] = [*item.get("facts", []), "F99"]
    result = result_of(mutated("wc-opioids-appeal", change), "I1")
    assert _status(result, "opioids.not_cancer_only_fentanyl") is Status.not_met
    assert result.outcome is Outcome.not_necessary


# --- trigger point injections ----------------------------------------------------------------

EXAM = {"id": "F1", "category": "exam", "date": "2016-12-06",
        "statement": "Taut bands in the right upper trapezius with a local twitch response and "
                     "pain referred to the neck on palpation, present for five months.",
        "tags": ["myofascial_pain"], "source": {"document": "D6", "page": 2}}
CARE = {"id": "F2", "category": "conservative_care", "date": "2016-12-06",
        "statement": "Eight weeks of physical therapy with stretching and a course of "
                     "cyclobenzaprine did not control the neck pain.",
        "tags": ["physical_therapy", "muscle_relaxant"], "source": {"document": "D6", "page": 2}}
ROOT = {"id": "F3", "category": "exam", "date": "2016-12-06",
        "statement": "Decreased sensation in the right C6 dermatome with a positive Spurling "
                     "test.", "tags": ["clinical_radiculopathy", "positive_spurling"],
        "source": {"document": "D6", "page": 3}}


def _tpi(setting: str, facts: list[dict], documents: list[dict] | None = None) -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        data["documents"] += documents or []
        data["facts"] = facts
        data["disputed_items"] = [{
            "id": "I1", "service": "Trigger point injections, right upper trapezius",
            "procedure": "other", "code": "20552", "date_of_service": "2017-01-10",
            "status": "requested", "facts": [f["id"] for f in facts]}]
    return mutated("wc-consult-topical-imr", change)


def test_trigger_points_on_examination_after_failed_care_make_the_injections_necessary():
    result = result_of(_tpi("commercial", [EXAM, CARE]), "I1")
    assert result.criteria_set == "other-trigger-point-injections"
    assert result.outcome is Outcome.necessary
    assert "tpi.trigger_points" in result.deciding


def test_without_trigger_points_on_examination_the_injections_are_not_established():
    result = result_of(_tpi("commercial", [CARE]), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["tpi.trigger_points"]
    deciding = next(r for r in result.criteria if r.criterion_id == "tpi.trigger_points")
    assert deciding.status is Status.undocumented
    assert "twitch response" in deciding.statement


def test_radiculopathy_decides_against_trigger_points_under_the_mtus_only():
    ca = result_of(_tpi("ca_workers_comp", [EXAM, CARE, ROOT]), "I1")
    assert ca.outcome is Outcome.not_necessary
    assert ca.deciding == ["tpi.no_radiculopathy"]
    assert "mtus-cp-trigger-point-injections" in next(
        r for r in ca.criteria if r.criterion_id == "tpi.no_radiculopathy").basis
    commercial = result_of(_tpi("commercial", [EXAM, CARE, ROOT]), "I1")
    assert commercial.outcome is Outcome.necessary
    assert _status(commercial, "tpi.no_radiculopathy") is Status.not_met


def test_under_the_mtus_trigger_points_without_radiculopathy_are_necessary():
    result = result_of(_tpi("ca_workers_comp", [EXAM, CARE]), "I1")
    assert result.outcome is Outcome.necessary
    assert _status(result, "tpi.symptom_duration") is Status.met


# --- a therapy's benefit in words ------------------------------------------------------------

def _more_pt(response: str, procedure: str = "other") -> Case:
    facts = [
        {"id": "F1", "category": "conservative_care", "date": "2016-10-03",
         "statement": "She has had physical therapy for the right knee since the spring.",
         "tags": ["physical_therapy"], "source": {"document": "D4", "page": 3}},
        {"id": "F2", "category": "response", "date": "2016-10-03", "statement": response,
         "procedure": procedure, "source": {"document": "D4", "page": 4}},
    ]

    def change(data: dict) -> None:
        data["facts"] = facts
        data["disputed_items"] = [{
            "id": "I1", "service": "Additional physical therapy, right knee",
            "procedure": "other", "date_of_service": "2016-10-20", "status": "requested",
            "request_type": "continuation", "facts": ["F1", "F2"]}]
    return mutated("wc-consult-topical-imr", change)


def test_minimal_and_brief_relief_from_therapy_is_no_functional_improvement():
    result = result_of(_more_pt("She says the relief from each session was very minimal and "
                                "wore off the same evening."), "I1")
    improvement = next(r for r in result.criteria
                       if r.criterion_id == "pt.functional_improvement")
    assert improvement.status is Status.not_met
    assert improvement.contradicting_facts == ["F2"]
    assert result.outcome is Outcome.not_necessary
    assert "pt.functional_improvement" in result.deciding


def test_an_injections_brief_relief_says_nothing_about_the_therapy():
    result = result_of(_more_pt("The knee injection gave only temporary relief.", "esi"), "I1")
    improvement = next(r for r in result.criteria
                       if r.criterion_id == "pt.functional_improvement")
    assert improvement.status is Status.undocumented


def test_improved_function_from_therapy_still_meets_it():
    result = result_of(_more_pt("Her walking tolerance and stair climbing improved with the "
                                "therapy; improved function is recorded at each visit."), "I1")
    improvement = next(r for r in result.criteria
                       if r.criterion_id == "pt.functional_improvement")
    assert improvement.status is Status.met


# --- Washington: proper and necessary until maximum medical improvement ------------------------

def _wa_pt(jurisdiction: str, response: str) -> Case:
    facts = [
        {"id": "F1", "category": "conservative_care", "date": "2016-01-11",
         "statement": "He has attended eight physical therapy visits for his low back.",
         "tags": ["physical_therapy"], "source": SOURCE},
        {"id": "F2", "category": "response", "date": "2016-03-14", "statement": response,
         "source": SOURCE},
    ]

    def change(data: dict) -> None:
        data["setting"], data["jurisdiction"] = "other_workers_comp", jurisdiction
        data["facts"] = facts
        data["dates"].update(injury="2014-06-02")
        data["disputed_items"] = [{
            "id": "I1", "service": "Further physical therapy, low back", "procedure": "other",
            "date_of_service": "2016-04-04", "status": "requested",
            "request_type": "continuation", "facts": ["F1", "F2"]}]
    return mutated("wc-opioids-appeal", change)


AT_MMI = ("The attending physician reports improved function with therapy but finds the "
          "condition fixed and stable: no fundamental or marked change is expected.")
IMPROVING = "Improved function after each visit: he now lifts 20 lb and walks a mile."


def test_washington_denies_further_therapy_once_the_record_finds_the_condition_fixed():
    result = result_of(_wa_pt("Washington (industrial insurance; RCW 51.36.010)", AT_MMI), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pt.not_at_mmi"]
    mmi = next(r for r in result.criteria if r.criterion_id == "pt.not_at_mmi")
    assert mmi.required and mmi.status is Status.not_met
    assert "wa-wac-296-20-01002-proper-necessary" in mmi.basis
    assert "Washington industrial insurance" in result.summary


def test_washington_approves_further_therapy_that_still_improves_function():
    result = result_of(_wa_pt("Washington (industrial insurance; RCW 51.36.010)", IMPROVING),
                       "I1")
    assert result.outcome is Outcome.necessary
    assert "pt.not_at_mmi" in result.deciding
    assert "pt.functional_improvement" in result.deciding


def test_outside_washington_a_fixed_condition_only_weakens_the_rationale():
    result = result_of(_wa_pt("Minnesota (workers' compensation)", AT_MMI), "I1")
    mmi = next(r for r in result.criteria if r.criterion_id == "pt.not_at_mmi")
    assert not mmi.required and mmi.status is Status.not_met
    assert "pt.not_at_mmi" not in result.deciding
    assert result.outcome is Outcome.necessary
    assert result.confidence == "medium"


# --- the response written on an earlier injection's own record; "before request" ----------------

def _repeat_esi(f8_statement: str) -> Case:
    def change(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f["id"] != "F9"]
        f8 = next(f for f in data["facts"] if f["id"] == "F8")
        f8["statement"], f8["date"] = f8_statement, "before request"
        item = data["disputed_items"][0]
        item["facts"] = [i for i in item["facts"] if i != "F9"]
        item["date_of_service"], item["status"] = "2016-09-15", "requested"
    return mutated("wc-lumbar-esi-plaintiff", change)


def test_a_prior_injection_recorded_as_giving_temporary_relief_fails_the_repeat():
    result = result_of(_repeat_esi("Right L5-S1 transforaminal injection under fluoroscopy, "
                                   "which brought only temporary relief."), "I1")
    relief = next(r for r in result.criteria if r.criterion_id == "esi_repeat.prior_relief")
    assert relief.status is Status.not_met
    assert relief.contradicting_facts == ["F8"]
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "esi_repeat.prior_relief"


def test_a_prior_injection_recorded_as_giving_lasting_relief_meets_it():
    result = result_of(_repeat_esi("Right L5-S1 transforaminal injection under fluoroscopy; it "
                                   "gave 70% relief of the leg pain for about three months."),
                       "I1")
    relief = next(r for r in result.criteria if r.criterion_id == "esi_repeat.prior_relief")
    assert relief.status is Status.met
    assert relief.supporting_facts == ["F8"]
    assert result.outcome is Outcome.necessary


# --- non-surgical "decompression" is not a laminectomy -----------------------------------------

def _service(service: str) -> Case:
    def change(data: dict) -> None:
        data["disputed_items"][0]["service"] = service
        data["disputed_items"][0]["procedure"] = "other"
    return mutated("commercial-lumbar-fusion-dossier", change)


def test_a_traction_decompression_table_is_not_judged_as_decompression_surgery():
    result = result_of(_service("VAX-D vertebral axial decompression, 20 sessions"), "I1")
    # judged on the general standard of medical necessity since round 5, never on surgery's
    assert result.criteria_set == "general-medical-necessity"
    surgery = result_of(_service("Right L4-L5 decompressive laminectomy"), "I1")
    assert surgery.criteria_set == "lumbar-decompression"


# --- relief of a pain described as disabling is a functional gain in words ----------------------

def _more_acupuncture(response: str) -> Case:
    facts = [
        {"id": "F1", "category": "conservative_care", "date": "2016-09-01",
         "statement": "She has had acupuncture for the neck since the summer.",
         "tags": ["acupuncture"], "source": {"document": "D4", "page": 3}},
        {"id": "F2", "category": "response", "date": "2016-10-03", "statement": response,
         "source": {"document": "D4", "page": 4}},
    ]

    def change(data: dict) -> None:
        data["facts"] = facts
        data["disputed_items"] = [{
            "id": "I1", "service": "Further acupuncture, neck", "procedure": "other",
            "date_of_service": "2016-10-20", "status": "requested",
            "request_type": "continuation", "facts": ["F1", "F2"]}]
    return mutated("wc-consult-topical-imr", change)


def test_disabling_pain_relieved_by_acupuncture_reads_as_functional_improvement():
    result = result_of(_more_acupuncture("Her disabling neck pain was largely relieved by the "
                                         "acupuncture sessions."), "I1")
    gain = next(r for r in result.criteria
                if r.criterion_id == "acupuncture.functional_improvement")
    assert gain.status is Status.met
    assert any("qualitative evidence" in n for n in gain.notes)
    assert result.outcome is Outcome.necessary
    assert result.deciding == ["acupuncture.functional_improvement"]


def test_disabling_pain_not_relieved_by_acupuncture_contradicts_it():
    result = result_of(_more_acupuncture("Her debilitating neck pain was not relieved by the "
                                         "acupuncture sessions."), "I1")
    gain = next(r for r in result.criteria
                if r.criterion_id == "acupuncture.functional_improvement")
    assert gain.status is Status.not_met
    assert result.outcome is Outcome.not_necessary


# --- submission gaps: a document the inventory lists; an item no set decides ---------------------

PAIN_NOTE = {"id": "D21", "type": "office_note", "date": "2016-12-20",
             "title": "Pain clinic consultation", "author": "pain physician", "pages": 3,
             "included": False}


def test_an_unsupplied_note_of_the_right_kind_makes_a_silent_criterion_a_submission_gap():
    without = result_of(_tpi("commercial", [CARE]), "I1")
    points = next(r for r in without.criteria if r.criterion_id == "tpi.trigger_points")
    assert points.gap is Gap.clinical

    result = result_of(_tpi("commercial", [CARE], documents=[PAIN_NOTE]), "I1")
    points = next(r for r in result.criteria if r.criterion_id == "tpi.trigger_points")
    assert points.status is Status.undocumented
    assert points.gap is Gap.submission
    assert points.missing_documents == ["D21"]
    assert "is listed in the record inventory but was not supplied" in points.reason
    assert result.outcome is Outcome.not_necessary  # the outcome does not move


def test_an_item_no_set_decides_still_lists_the_documents_its_facts_cite():
    def change(data: dict) -> None:
        data["documents"].append(PAIN_NOTE)
        data["facts"] = [{
            "id": "F1", "category": "procedure", "date": "2016-12-20",
            "statement": "A left knee viscosupplementation injection gave relief for a few "
                         "days.",
            "references": ["D21"], "source": {"document": "D7", "page": 1}}]
        # (a sacroiliac joint injection has a workers' comp set since the families round)
        data["disputed_items"] = [{
            "id": "I1", "service": "Repeat left knee viscosupplementation injection",
            "procedure": "other", "date_of_service": "2017-01-10", "status": "requested",
            "facts": ["F1"]}]
    result = result_of(mutated("wc-consult-topical-imr", change), "I1")
    assert result.criteria_set is None and result.outcome is None
    assert result.missing_documents == ["D21"]
    assert "ca_workers_comp setting" in result.summary


# --- thermal intradiscal procedures: investigational under the plan criteria ---------------------

def _idet(setting: str, service: str) -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        data["disputed_items"][0]["service"] = service
        data["disputed_items"][0]["procedure"] = "other"
    return mutated("commercial-lumbar-fusion-dossier", change)


def test_idet_is_not_necessary_under_plan_criteria_that_call_it_investigational():
    result = result_of(_idet("commercial", "Intradiscal electrothermal therapy (IDET), L4-L5"),
                       "I1")
    assert result.criteria_set == "other-thermal-intradiscal"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["idet.accepted_treatment"]
    assert any("IDET" in n for n in result.criteria[0].notes)


def test_idet_is_left_undecided_where_no_provision_in_the_index_judges_it():
    result = result_of(_idet("ca_workers_comp", "Intradiscal electrothermal therapy (IDET), L4-L5"),
                       "I1")
    assert result.criteria_set is None and result.outcome is None


# --- sacroiliac joint injections: the Medicare LCD and the common plan criteria ------------------

SI_EXAM = {"id": "F1", "category": "exam", "date": "2025-05-27",
           "statement": "Left buttock pain below L5; Fortin finger test, FABER and thigh thrust "
                        "reproduce it.", "source": {"document": "D2", "page": 2}}
SI_CARE = {"id": "F2", "category": "conservative_care", "date": "2025-05-27",
           "statement": "Six weeks of physical therapy and naproxen have not relieved it.",
           "tags": ["physical_therapy", "nsaid"], "duration": {"value": 6, "unit": "weeks"},
           "source": {"document": "D2", "page": 2}}


def _si(setting: str, facts: list[dict], service: str = "Left sacroiliac joint injection",
        request_type: str = "initial") -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        data["facts"] = facts
        data["disputed_items"] = [{
            "id": "I1", "service": service, "procedure": "other",
            "date_of_service": "2025-06-10", "status": "requested",
            "request_type": request_type, "facts": [f["id"] for f in facts]}]
    return mutated("medicare-lumbar-esi-appeal", change)


def test_a_joint_localised_on_exam_after_failed_care_is_necessary_under_plan_criteria():
    result = result_of(_si("commercial", [SI_EXAM, SI_CARE]), "I1")
    assert result.criteria_set == "other-sacroiliac-joint-injection"
    assert result.outcome is Outcome.necessary
    assert "si.joint_pain_on_exam" in result.deciding


def test_without_an_exam_localising_the_joint_it_is_not_established():
    result = result_of(_si("commercial", [SI_CARE]), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["si.joint_pain_on_exam"]


def _earlier_si(response: str) -> dict:
    return {"id": "F3", "category": "procedure", "date": "2025-01-14",
            "statement": f"Left sacroiliac joint injection under fluoroscopy; {response}",
            "source": {"document": "D2", "page": 3}}


def test_a_repeat_after_lasting_relief_is_covered_under_the_lcd():
    result = result_of(_si("medicare", [SI_EXAM, SI_CARE, _earlier_si(
        "it relieved 80% of the pain for about four months.")],
        "Repeat left sacroiliac joint injection", "repeat"), "I1")
    assert next(r for r in result.criteria
                if r.criterion_id == "si.repeat_response").status is Status.met
    assert result.outcome is Outcome.necessary


def test_a_repeat_after_brief_relief_is_not():
    result = result_of(_si("medicare", [SI_EXAM, SI_CARE, _earlier_si(
        "it gave only temporary relief.")], "Repeat left sacroiliac joint injection",
        "repeat"), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["si.repeat_response"]
