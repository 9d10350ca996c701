"""Request families that had no criteria set of their own (#25): each is judged on its
guideline's provisions instead of the general standard, in both directions.

1. Advanced imaging (MRI, CT): an indication the MTUS/ACOEM imaging criteria accept (a red flag,
   objective neurological findings, symptoms through conservative care, a planned procedure);
   a repeat study only on a significant change since the last (ODG, ACR).
2. Durable medical equipment: a household or comfort item (a chair, a mattress, a toilet) is
   medical equipment only where the treating physician says what problem of the injury it
   addresses (Medicare's DME definition, AMA H-320.953(c)); a lumbar support only in the
   acute phase or for a condition it treats (MTUS/ACOEM Low Back p. 301, ODG).
3. Massage therapy: an adjunct to active care, not maintenance and not a course that gave only
   temporary relief (MTUS Chronic Pain, massage therapy).
4. The general standard, for services still without a set: elective surgery that the record
   says came before less invasive care was tried is not shown necessary; and where Medicare
   or a plan decides (42 CFR 424.5(a)(6), AMA H-320.953), an order with no clinical support
   in the record (an examination, a test, a course of care) does not establish the service,
   while workers' compensation and personal-injury adjudicators credit the treating
   physician's uncontradicted recommendation.

The cases are synthetic: an example case with an invented item and facts added.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from drafting.criteria.service_words import named_family
from tests.test_criteria import mutated, result_of

INJURY = {"category": "history", "date": "2023-03-02",
          "statement": "Low back pain has continued since the lifting injury at work."}


def _item(service: str, facts: list[dict], example: str = "wc-lumbar-esi-defense",
          request_type: str | None = None, quantity: int | None = None,
          setting: str | None = None) -> Case:
    def change(data: dict) -> None:
        if setting:
            data["setting"] = setting
        ids = []
        doc = data["documents"][0]["id"]
        for i, extra in enumerate(facts):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": doc, "page": 1},
                                  "date": "2023-09-14", **extra})
        item: dict[str, object] = {"id": "I9", "service": service, "procedure": "other",
                                   "date_of_service": "2023-10-01", "status": "requested",
                                   "facts": ids}
        if request_type:
            item["request_type"] = request_type
        if quantity:
            item["details"] = {"quantity": quantity}
        data["disputed_items"].append(item)
    return mutated(example, change)


def _status(result, criterion_id: str) -> Status:
    return next(r.status for r in result.criteria if r.criterion_id == criterion_id)


# --- 1. advanced imaging --------------------------------------------------------------------------

ORDER_MRI = {"category": "other", "statement": "The treating physician requested a lumbar MRI."}


def test_an_mri_with_an_objective_neurological_deficit_is_necessary():
    weakness = {"category": "exam", "statement": "Left ankle dorsiflexion is weak (4/5) with "
                "a diminished left Achilles reflex.", "tags": ["motor_weakness", "reflex_change"]}
    result = result_of(_item("Lumbar MRI", [INJURY, weakness, ORDER_MRI]), "I9")
    assert result.criteria_set == "other-diagnostic-imaging"
    assert result.outcome is Outcome.necessary
    assert _status(result, "imaging.indication") is Status.met


def test_an_mri_with_no_indication_the_guideline_accepts_is_not_necessary():
    result = result_of(_item("Lumbar MRI", [INJURY, ORDER_MRI]), "I9")
    assert result.criteria_set == "other-diagnostic-imaging"
    assert result.outcome is Outcome.not_necessary
    assert "imaging.indication" in result.deciding


def test_a_repeat_mri_needs_a_significant_change_since_the_last():
    earlier = {"category": "imaging", "date": "2023-05-01",
               "statement": "A lumbar MRI showed an L4-5 disc protrusion."}
    weakness = {"category": "exam", "statement": "New left foot drop with weak dorsiflexion "
                "since the last scan.", "tags": ["motor_weakness"]}
    same = {"category": "exam", "statement": "Back pain is as before; neurological examination "
            "is unremarkable.", "tags": ["normal_neuro_exam"]}
    changed = result_of(_item("Repeat lumbar MRI", [INJURY, earlier, weakness, ORDER_MRI],
                              request_type="repeat"), "I9")
    assert changed.outcome is Outcome.necessary
    assert _status(changed, "imaging.repeat_change") is Status.met
    unchanged = result_of(_item("Repeat lumbar MRI", [INJURY, earlier, same, ORDER_MRI],
                                request_type="repeat"), "I9")
    assert unchanged.outcome is Outcome.not_necessary
    assert "imaging.repeat_change" in unchanged.deciding


# --- 2. durable medical equipment -----------------------------------------------------------------

def test_a_comfort_item_needs_the_physicians_stated_medical_purpose():
    bare = {"category": "other", "statement": "The treating physician recommended a massage "
            "chair."}
    reasoned = {"category": "other", "statement": "The treating physician recommended a "
                "massage chair to help with the paraspinal spasm that wakes him at night."}
    without = result_of(_item("Massage chair", [INJURY, bare]), "I9")
    assert without.criteria_set == "other-durable-medical-equipment"
    assert without.outcome is Outcome.not_necessary
    assert "dme.medical_purpose_stated" in without.deciding
    with_reason = result_of(_item("Massage chair", [INJURY, reasoned]), "I9")
    assert with_reason.outcome is Outcome.necessary
    assert _status(with_reason, "dme.medical_purpose_stated") is Status.met


def test_a_recommendation_that_names_the_problem_states_the_purpose():
    pillow = {"category": "other", "statement": "Her treating physician recommended a "
              "cervical support pillow for the neck pain at night."}
    result = result_of(_item("Cervical support pillow", [INJURY, pillow],
                             example="pi-mvc-multi-item"), "I9")
    assert result.criteria_set == "other-durable-medical-equipment"
    assert result.outcome is Outcome.necessary
    assert _status(result, "dme.medical_purpose_stated") is Status.met


def test_a_lumbar_brace_for_chronic_pain_is_not_necessary_but_one_for_spondylolisthesis_is():
    ordered = {"category": "other", "statement": "The treating physician prescribed a lumbar "
               "back brace."}
    chronic = result_of(_item("Lumbar back brace", [INJURY, ordered]), "I9")
    assert chronic.outcome is Outcome.not_necessary
    assert "dme.lumbar_support_indication" in chronic.deciding
    slip = {"category": "imaging", "statement": "Flexion-extension films show a grade 1 L4-5 "
            "spondylolisthesis.", "tags": ["spondylolisthesis"]}
    indicated = result_of(_item("Lumbar back brace", [INJURY, slip, ordered]), "I9")
    assert indicated.outcome is Outcome.necessary
    assert _status(indicated, "dme.lumbar_support_indication") is Status.met


# --- 3. massage therapy ---------------------------------------------------------------------------

EXERCISE = {"category": "conservative_care", "statement": "He follows a daily home exercise "
            "program of stretching and core strengthening.", "tags": ["home_exercise"]}


def test_massage_as_an_adjunct_to_exercise_is_necessary_and_after_only_temporary_relief_is_not():
    adjunct = result_of(_item("Massage therapy", [INJURY, EXERCISE], quantity=6), "I9")
    assert adjunct.criteria_set == "other-massage-therapy"
    assert adjunct.outcome is Outcome.necessary
    assert _status(adjunct, "massage.adjunct_to_active_care") is Status.met
    brief = {"category": "response", "statement": "Earlier massage sessions gave only "
             "temporary relief.", "tags": ["temporary_relief"]}
    temporary = result_of(_item("Massage therapy", [INJURY, EXERCISE, brief], quantity=6),
                          "I9")
    assert temporary.outcome is Outcome.not_necessary
    assert "massage.no_lasting_benefit_or_maintenance" in temporary.deciding


# --- 4. the general standard: surgery before less invasive care -----------------------------------

def test_elective_surgery_the_record_says_preceded_conservative_care_is_not_shown_necessary():
    knee = {"category": "history", "date": "2023-03-02",
            "statement": "Right knee pain has continued since the collision."}
    ordered = {"category": "other", "statement": "The treating surgeon recommended the "
               "operation."}
    early = {"category": "utilization_review", "statement": "The reviewer found she may have "
             "responded to more conservative treatment, which was not tried."}
    plain = result_of(_item("Right knee arthroscopy", [knee, ordered],
                            example="pi-mvc-multi-item"), "I9")
    assert plain.criteria_set == "general-medical-necessity"
    assert plain.outcome is Outcome.necessary
    contradicted = result_of(_item("Right knee arthroscopy", [knee, ordered, early],
                                   example="pi-mvc-multi-item"), "I9")
    assert contradicted.outcome is Outcome.not_necessary
    assert "general.conservative_care_before_surgery" in contradicted.deciding


def test_a_plan_needs_clinical_support_beyond_the_order_where_an_adjudicator_does_not():
    ordered = {"category": "other", "statement": "Her treating physician recommended a "
               "paraffin wax bath for the hands."}
    tried = {"category": "conservative_care", "statement": "Six weeks of hand therapy and "
             "splinting left morning stiffness of both hands.", "tags": ["physical_therapy"]}
    bare = result_of(_item("Paraffin wax bath", [INJURY, ordered], example="pi-mvc-multi-item",
                           setting="commercial"), "I9")
    assert bare.criteria_set == "general-medical-necessity"
    assert bare.outcome is Outcome.not_necessary
    assert "general.clinical_basis" in bare.deciding
    supported = result_of(_item("Paraffin wax bath", [INJURY, ordered, tried],
                                example="pi-mvc-multi-item", setting="commercial"), "I9")
    assert supported.outcome is Outcome.necessary
    assert _status(supported, "general.clinical_basis") is Status.met
    adjudicated = result_of(_item("Paraffin wax bath", [INJURY, ordered],
                                  example="pi-mvc-multi-item"), "I9")
    assert adjudicated.outcome is Outcome.necessary
    assert all(r.criterion_id != "general.clinical_basis" or not r.required
               for r in adjudicated.criteria)


def test_a_cold_therapy_unit_after_surgery_is_equipment_judged_on_the_equipment_set():
    operated = {"category": "procedure", "statement": "Underwent right shoulder arthroscopy "
                "and received a cold therapy unit for post-operative care.",
                "tags": ["surgery"]}
    result = result_of(_item("Cold therapy unit, post-operative rental", [operated]), "I9")
    assert result.criteria_set == "other-durable-medical-equipment"
    assert result.outcome is Outcome.necessary


# --- 5. family mapping: a service that names a modelled family's device ---------------------------

def test_a_request_left_under_other_that_names_a_stimulator_is_judged_on_the_stimulator_sets():
    assert named_family("Explant of the existing (working) spinal cord stimulator") == "scs_implant"
    assert named_family("Bilateral cluneal nerve pulsed radiofrequency") is None  # no facet RFA
    working = {"category": "response", "statement": "The spinal cord stimulator works well for "
               "the leg pain; no malfunction is reported."}
    result = result_of(_item("Explant of the existing spinal cord stimulator", [INJURY, working],
                             request_type="revision"), "I9")
    assert result.criteria_set == "scs-implant-revision"
    assert result.outcome is Outcome.not_necessary


def test_family_words_do_not_catch_other_services():
    ordered = {"category": "other", "statement": "The treating physician recommended it."}
    effect = result_of(_item("Treatment for the effect of the injury", [INJURY, ordered],
                             example="pi-mvc-multi-item"), "I9")
    assert effect.criteria_set == "general-medical-necessity"  # 'effect of' is no CT study
    commode = result_of(_item("Bedside commode", [INJURY, ordered],
                              example="pi-mvc-multi-item"), "I9")
    # a commode is presumptively medical equipment (Medicare): no stated purpose is asked
    assert commode.criteria_set == "other-durable-medical-equipment"
    assert commode.outcome is Outcome.necessary
    assert all(r.criterion_id != "dme.medical_purpose_stated" for r in commode.criteria)


# --- 6. sacroiliac joint injections in workers' compensation --------------------------------------

def test_a_workers_comp_si_injection_needs_provocative_findings_and_failed_conservative_care():
    therapy = {"category": "conservative_care", "date": "2023-06-01",
               "statement": "Eight weeks of physical therapy and a home exercise program from "
                            "June to August did not relieve the buttock pain.",
               "tags": ["physical_therapy", "home_exercise", "conservative_care_failed"]}
    exam = {"category": "exam", "statement": "Right sacroiliac joint tenderness with positive "
            "FABER, Gaenslen and thigh thrust tests."}
    ordered = {"category": "other", "statement": "The treating physician requested a right "
               "sacroiliac joint injection."}
    found = result_of(_item("Right sacroiliac joint injection", [INJURY, therapy, exam, ordered]),
                      "I9")
    assert found.criteria_set == "other-sacroiliac-joint-injection-wc"
    assert found.outcome is Outcome.necessary
    assert _status(found, "si_wc.joint_findings") is Status.met
    unexamined = result_of(_item("Right sacroiliac joint injection", [INJURY, therapy, ordered]),
                           "I9")
    assert unexamined.outcome is Outcome.not_necessary
    assert "si_wc.joint_findings" in unexamined.deciding
    prp = result_of(_item("Sacroiliac joint PRP injections", [INJURY, therapy, ordered]), "I9")
    assert prp.criteria_set != "other-sacroiliac-joint-injection-wc"  # another treatment



# --- 7. electrodiagnostic studies -----------------------------------------------------------------

def test_an_emg_in_california_workers_comp_is_decided_on_its_nerve_question():
    ordered = {"category": "other", "statement": "The treating physician requested EMG and "
               "nerve conduction studies of both legs."}
    sciatica = {"category": "exam", "statement": "Pain radiates down the left leg with "
                "numbness over the dorsum of the foot.", "tags": ["radicular_pain"]}
    axial = {"category": "exam", "statement": "Low back pain without leg symptoms; "
             "neurological examination normal.", "tags": ["axial_pain", "normal_neuro_exam"]}
    asked = result_of(_item("EMG/NCV of the lower extremities", [INJURY, sciatica, ordered]),
                      "I9")
    assert asked.criteria_set == "other-electrodiagnostic"  # no longer left undecided
    assert asked.outcome is Outcome.necessary
    assert _status(asked, "emg.nerve_question") is Status.met
    unasked = result_of(_item("EMG/NCV of the lower extremities", [INJURY, axial, ordered]),
                        "I9")
    assert unasked.outcome is Outcome.not_necessary
    assert "emg.nerve_question" in unasked.deciding
