"""A mattress for back pain under ODG (#25 round 13, class d: a general standard approved what
a named rule denies).

The DME set judged a mattress on Medicare's medical-equipment test alone, so a treating
physician's prescription "for chronic back pain" made any mattress medical equipment. ODG's
low back entry, which California reviewers reach through the MTUS search sequence and Texas
has adopted by rule, finds no basis to prescribe a particular mattress for back pain: its
choice is a personal preference. Where workers' compensation has no adopted guideline the
entry is supporting only; a pressure-relief mattress treats another condition.

The cases are synthetic: a bundled example with its setting, items and facts replaced.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import CriterionResult, ItemResult, Status
from tests.test_criteria import mutated, result_of

FOR_BACK = {"category": "other", "statement": "The treating physician prescribed an orthopedic "
            "mattress to help with the chronic low back pain at night."}
FOR_SKIN = {"category": "other", "statement": "The treating physician prescribed a pressure-"
            "relief mattress to prevent pressure sores over the sacrum after the spinal cord "
            "injury."}
INJURY = {"category": "history", "statement": "Industrial injury with chronic pain since."}


def _mattress(service: str, facts: list[dict], setting: str = "ca_workers_comp",
              jurisdiction: str = "California (workers' compensation)") -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        data["jurisdiction"] = jurisdiction
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": "2023-09-14", **extra} for i, extra in enumerate(facts)]
        data["disputed_items"] = [{
            "id": "I9", "service": service, "procedure": "other", "request_type": "initial",
            "date_of_service": "2023-10-01", "status": "requested",
            "facts": [f["id"] for f in data["facts"]]}]
    return mutated("commercial-pns-appeal", change)


def _criterion(result: ItemResult, criterion_id: str) -> CriterionResult:
    return next(r for r in result.criteria if r.criterion_id == criterion_id)


def test_a_mattress_for_back_pain_is_not_a_treatment_in_california():
    result = result_of(_mattress("Orthopedic mattress", [INJURY, FOR_BACK]), "I9")
    assert result.criteria_set == "other-durable-medical-equipment"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["dme.mattress_not_for_back_pain"]


def test_texas_adopted_odg_so_the_entry_decides_there_too():
    result = result_of(_mattress("Tempur-Pedic mattress", [INJURY, FOR_BACK],
                                 setting="other_workers_comp",
                                 jurisdiction="Texas (workers' compensation)"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert "dme.mattress_not_for_back_pain" in result.deciding


def test_without_an_adopted_guideline_the_entry_only_supports():
    result = result_of(_mattress("Mattress with hot and cold controls", [INJURY, FOR_BACK],
                                 setting="other_workers_comp",
                                 jurisdiction="New South Wales (workers' compensation)"), "I9")
    rule = _criterion(result, "dme.mattress_not_for_back_pain")
    assert (rule.status, rule.required) == (Status.not_met, False)
    assert result.outcome is Outcome.necessary


def test_a_pressure_relief_mattress_is_not_judged_by_the_back_pain_entry():
    result = result_of(_mattress("Pressure-relief mattress", [INJURY, FOR_SKIN]), "I9")
    assert "dme.mattress_not_for_back_pain" not in {r.criterion_id for r in result.criteria}
    assert result.outcome is Outcome.necessary
