"""Chiropractic care under plan criteria (#25 round 13, class d: a general standard approved
what a named rule denies).

The index had plan criteria for physical therapy but none for chiropractic care, so a
commercial or external-review request for it fell to the general standard, which approves
whatever a treating provider asks for a documented condition. Published plan policies
(summarised in ``guideline_index/corpus/commercial-chiropractic.yaml``) cover continued care
only while the records show objective, measured improvement, and never maintenance care.

The cases are synthetic: the bundled PNS example with its setting, items and facts replaced.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status

BACK = {"category": "history", "statement": "Mid and low back pain with segmental dysfunction "
        "after a lifting strain."}
VISITS = {"category": "conservative_care", "tags": ["chiropractic"],
          "statement": "About forty chiropractic visits over the past year."}
PAIN_ONLY = {"category": "response", "statement": "Back pain 8/10 at the first visit under "
             "review, 6/10 at a later visit."}
GAINED = {"category": "functional", "tags": ["adl_improved"],
          "statement": "Since the adjustments she sits through a full work day and has "
                       "returned to gardening."}
CONTINUE = "Continued chiropractic manipulation, twice a week"


def _chiro(facts: list[dict], setting: str = "commercial", request_type: str = "continuation",
           service: str = CONTINUE, year: int = 2023) -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        data["dates"] = {"request": f"{year}-09-20"}
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": f"{year}-09-14", **extra} for i, extra in enumerate(facts)]
        data["disputed_items"] = [{
            "id": "I9", "service": service, "procedure": "other", "request_type": request_type,
            "date_of_service": f"{year}-10-01", "status": "requested",
            "facts": [f["id"] for f in data["facts"]]}]
    return mutated("commercial-pns-appeal", change)


def test_continued_care_without_measured_improvement_is_maintenance_under_plan_criteria():
    result = result_of(_chiro([BACK, VISITS, PAIN_ONLY]), "I9")
    assert result.criteria_set == "other-chiropractic-plan"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["chiro_plan.continued_improvement"]


def test_continued_care_with_functional_gains_is_necessary_under_plan_criteria():
    result = result_of(_chiro([BACK, VISITS, PAIN_ONLY, GAINED]), "I9")
    assert result.outcome is Outcome.necessary
    assert status(result, "chiro_plan.continued_improvement") is Status.met
    assert "chiro_plan.continued_improvement" in result.deciding


def test_a_first_course_is_judged_on_the_condition_alone():
    result = result_of(_chiro([BACK], request_type="initial",
                              service="Chiropractic manipulation, six visits"), "I9")
    assert result.criteria_set == "other-chiropractic-plan"
    assert "chiro_plan.continued_improvement" not in {r.criterion_id for r in result.criteria}
    assert result.outcome is Outcome.necessary


def test_a_state_external_review_is_judged_on_the_plan_criteria_too():
    result = result_of(_chiro([BACK, VISITS, PAIN_ONLY], setting="state_external_review"), "I9")
    assert result.criteria_set == "other-chiropractic-plan"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["chiro_plan.continued_improvement"]


def test_workers_comp_keeps_its_own_chiropractic_criteria():
    # the MTUS chiropractic set (the stand-in outside California) is in force until 2017-11-30
    result = result_of(_chiro([BACK, VISITS, PAIN_ONLY], setting="other_workers_comp",
                              year=2016), "I9")
    assert result.criteria_set == "other-chiropractic"
    assert not any(r.criterion_id.startswith("chiro_plan.") for r in result.criteria)
