"""#25 item 4 for continuations (class c): a pump already in use whose record says in words
what it did ("the pump replaced his oral medications") shows benefit of lower strength, so its
replacement at battery end of life and its refills are judged on that; a record silent on the
pump's effect still leaves the benefit undocumented, and words saying it did not let him cut
oral medication contradict it. New synthetic cases built on the opioid appeal example."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_jurisdictions import SOURCE, built


def _pump(history: str, service: str, request_type: str) -> Case:
    facts = [
        {"id": "F1", "category": "procedure", "date": "2021-03-01", "procedure": "itp",
         "statement": history, "source": SOURCE},
        {"id": "F2", "category": "procedure", "date": "2025-04-22", "procedure": "itp",
         "statement": "Interrogation shows the pump battery at end of life.",
         "tags": ["device_malfunction"], "source": SOURCE},
    ]
    item = {"id": "I1", "service": service, "procedure": "itp", "date_of_service": "2025-05-06",
            "status": "requested", "request_type": request_type, "facts": ["F1", "F2"]}
    return built("ca_workers_comp", "California (workers' compensation)", facts, item)


REPLACE = ("Replacement of the intrathecal pump", "replacement")
REFILLS = ("Intrathecal pump refills", "continuation")
HELPED = "An intrathecal pump was implanted in 2021 and replaced his oral medications."


def _benefit(result):
    return next(r for r in result.criteria if r.criterion_id.endswith(".device_benefit"))


def test_replacement_of_a_pump_that_replaced_oral_medication_is_necessary():
    result = result_of(_pump(HELPED, *REPLACE), "I1")
    assert result.criteria_set == "itp-revision"
    assert result.outcome is Outcome.necessary
    benefit = _benefit(result)
    assert benefit.status is Status.met
    assert any("qualitative" in n for n in benefit.notes)
    assert "itp_rev.device_problem" in result.deciding


def test_refills_of_that_pump_continue_on_the_same_benefit():
    result = result_of(_pump(HELPED, *REFILLS), "I1")
    assert result.criteria_set == "itp-maintenance"
    assert result.outcome is Outcome.necessary


def test_a_record_silent_on_the_pumps_effect_does_not_pass():
    result = result_of(_pump("An intrathecal pump was implanted in 2021.", *REPLACE), "I1")
    assert _benefit(result).status is Status.undocumented
    assert result.outcome is Outcome.not_necessary
    assert "itp_rev.device_benefit" in result.deciding


def test_words_saying_oral_medication_could_not_be_cut_decide_against():
    result = result_of(_pump("An intrathecal pump was implanted in 2021; he could not reduce "
                             "his oral medications afterwards.", *REFILLS), "I1")
    assert _benefit(result).status is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "itp_maint.device_benefit"
