"""#25 item 5 (reviewer reasons as criteria) and families set 5 had no criteria for: a
butalbital compound (Fioricet) is not recommended for chronic pain (MTUS 2009, McLean 2000),
and outpatient physical therapy under plan criteria, for any body region (a hand after carpal
tunnel release as well as the neck), needs a functional impairment therapy can improve and, to
continue, measurable progress from the visits given. New synthetic cases built on examples."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_jurisdictions import SOURCE, built


def _fioricet(diagnoses: list[dict]) -> Case:
    facts = [{"id": "F1", "category": "medication", "date": "2025-04-22",
              "statement": "Fioricet one capsule as needed for headaches, 30 capsules a month.",
              "source": SOURCE}]
    item = {"id": "I1", "service": "Fioricet (butalbital/acetaminophen/caffeine) #30",
            "procedure": "other", "date_of_service": "2025-05-06", "status": "requested",
            "facts": ["F1"]}
    return built("ca_workers_comp", "California (workers' compensation)", facts, item,
                 extra=lambda data: data.update(diagnoses=diagnoses))


def test_butalbital_for_chronic_pain_is_not_recommended():
    result = result_of(_fioricet([{"code": "M54.2", "text": "Cervicalgia"}]), "I1")
    assert result.criteria_set == "other-butalbital"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["bca.not_for_chronic_pain"]
    assert "mclean-2000-bca-guideline" in result.criteria[0].basis


def test_butalbital_for_a_coded_episodic_tension_type_headache_is_outside_that_position():
    result = result_of(_fioricet([{"code": "G44.219",
                                   "text": "Episodic tension-type headache"}]), "I1")
    assert result.outcome is Outcome.necessary
    assert result.criteria[0].status is Status.met


def _hand_pt(latest: str) -> Case:
    facts = [
        {"id": "F1", "category": "procedure", "date": "2024-01-15",
         "statement": "Right open carpal tunnel release.", "laterality": "right",
         "tags": ["surgery"], "source": SOURCE},
        {"id": "F2", "category": "conservative_care", "date": "2024-04-01",
         "statement": "She has completed 24 physical therapy visits for the right hand and wrist.",
         "tags": ["physical_therapy"], "source": SOURCE},
        {"id": "F3", "category": "functional", "date": "2024-04-22", "statement": latest,
         "source": SOURCE},
    ]
    item = {"id": "I1", "service": "Six additional physical therapy visits, right hand and wrist",
            "procedure": "other", "date_of_service": "2024-05-06", "status": "requested",
            "request_type": "continuation", "details": {"quantity": 6, "laterality": "right"},
            "facts": ["F1", "F2", "F3"]}
    return built("commercial", "United States (commercial health plan)", facts, item,
                 extra=lambda data: data["dates"].update(injury="2023-10-02"))


def test_hand_therapy_with_no_measurable_progress_is_not_continued():
    result = result_of(_hand_pt("The latest note shows no significant improvement: grip and "
                                "motion unchanged, and she still has difficulty with daily "
                                "activities."), "I1")
    assert result.criteria_set == "other-physical-therapy-plan"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pt_plan.measurable_progress"]


def test_hand_therapy_that_keeps_restoring_function_is_continued():
    result = result_of(_hand_pt("Grip has improved and she reports improved function at work, "
                                "though she still has difficulty with daily activities such as "
                                "dressing."), "I1")
    assert result.outcome is Outcome.necessary
    assert {"pt_plan.functional_impairment", "pt_plan.measurable_progress"} <= set(
        result.deciding)


def test_therapy_without_a_functional_impairment_is_maintenance():
    result = result_of(_hand_pt("Function has improved; she is able to do all daily tasks "
                                "without significant impairment."), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pt_plan.functional_impairment"]
