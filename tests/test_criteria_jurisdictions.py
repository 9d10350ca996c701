"""#25 item 6 (jurisdictions): a workers' compensation case from another state is judged on the
MTUS stand-in, but its result names the state's own governing standard (West Virginia 85 CSR
20, the Minnesota parameters, ODG as Texas adopts it, Pennsylvania's reasonable-and-necessary
review, New York's MTG), the state's rules in the index make their criteria required, and a
Minnesota departure (5221.6050 subp. 8) keeps a visit limit from deciding while the therapy
keeps improving the employee. New synthetic cases built on the opioid appeal example."""

from __future__ import annotations

from collections.abc import Callable

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of

SOURCE = {"document": "D6", "page": 1}


def built(setting: str, jurisdiction: str, facts: list[dict], item: dict,
          base: str = "wc-opioids-appeal",
          extra: Callable[[dict], None] | None = None) -> Case:
    """The example with its facts and items replaced (dates kept before its documents')."""
    def change(data: dict) -> None:
        data["setting"], data["jurisdiction"] = setting, jurisdiction
        data["facts"] = facts
        data["disputed_items"] = [item]
        if extra:
            extra(data)
    return mutated(base, change)


def pt_facts(response: str) -> list[dict]:
    """A course of physical therapy since 2015 and the response the record gives to it."""
    return [
        {"id": "F1", "category": "conservative_care", "date": "2016-01-11",
         "statement": "He has attended physical therapy for low back flare-ups since 2015.",
         "tags": ["physical_therapy"], "source": SOURCE},
        {"id": "F2", "category": "response", "date": "2016-03-14", "statement": response,
         "source": SOURCE},
    ]


def pt_item(day: str = "2016-04-04") -> dict:
    """More of that physical therapy, requested for ``day``."""
    return {"id": "I1", "service": "Additional physical therapy for low back flare-ups",
            "procedure": "other", "date_of_service": day, "status": "requested",
            "request_type": "continuation", "facts": ["F1", "F2"]}


def _pt_case(setting: str, jurisdiction: str, response: str) -> Case:
    facts, item = pt_facts(response), pt_item()
    return built(setting, jurisdiction, facts, item,
                 extra=lambda data: data["dates"].update(injury="2014-06-02"))


IMPROVING = "The therapy notes record improved function after each flare-up."


def test_minnesota_departure_keeps_the_visit_limit_from_deciding_while_function_improves():
    result = result_of(_pt_case("other_workers_comp", "Minnesota (workers' compensation)",
                                IMPROVING), "I1")
    assert result.outcome is Outcome.necessary
    assert "pt.visits_within_course" not in result.deciding
    limit = next(r for r in result.criteria if r.criterion_id == "pt.visits_within_course")
    assert not limit.required
    assert "mn-5221-6050-subp8-departures" in limit.basis
    assert any("5221.6050, subp. 8" in n for n in limit.notes)
    assert "Minnesota treatment parameters" in result.summary


def test_the_same_record_in_california_is_decided_by_the_visit_limit():
    result = result_of(_pt_case("ca_workers_comp", "California (workers' compensation)",
                                IMPROVING), "I1")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pt.visits_within_course"]


def test_no_departure_without_improvement_in_minnesota():
    result = result_of(_pt_case("other_workers_comp", "Minnesota (workers' compensation)",
                                "No functional improvement was documented with therapy."), "I1")
    assert result.outcome is Outcome.not_necessary
    assert "pt.functional_improvement" in result.deciding
    assert "pt.visits_within_course" in result.deciding


def _opioid_case(jurisdiction: str, setting: str = "other_workers_comp") -> Case:
    def keep(data: dict) -> None:
        pass
    base = mutated("wc-opioids-appeal", keep)
    data = base.model_dump(mode="json", exclude_none=True)
    item = data["disputed_items"][0]
    return built(setting, jurisdiction, data["facts"], item)


def test_west_virginia_rule_makes_the_treatment_plan_a_condition_of_long_term_opioids():
    wv = result_of(_opioid_case("West Virginia (workers' compensation)"), "I1")
    goals = next(r for r in wv.criteria if r.criterion_id == "opioids.goals")
    assert goals.required
    assert "wv-85csr20-58-opioid-authorization" in goals.basis
    assert "85 CSR 20" in wv.summary
    ca = result_of(_opioid_case("California (workers' compensation)", "ca_workers_comp"), "I1")
    assert not next(r for r in ca.criteria if r.criterion_id == "opioids.goals").required


def test_texas_and_pennsylvania_results_name_their_own_standard():
    texas = result_of(_opioid_case("Texas (workers' compensation)"), "I1")
    assert "28 TAC §137.100" in texas.summary
    assert "Official Disability Guidelines" in texas.summary
    penn = result_of(_opioid_case("Pennsylvania (workers' compensation)"), "I1")
    assert "reasonable-and-necessary" in penn.summary
    assert penn.outcome is texas.outcome  # the stand-in decides; the named standard informs


def test_an_unknown_state_keeps_the_generic_stand_in_sentence():
    other = result_of(_opioid_case("Oregon (workers' compensation)"), "I1")
    assert "state's own workers' compensation guideline" in other.summary
    assert next(r.status for r in other.criteria
                if r.criterion_id == "opioids.functional_benefit") is Status.met
