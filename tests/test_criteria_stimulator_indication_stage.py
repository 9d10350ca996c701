"""Stimulator requests as real records state them (#25, round 12: approved items decided
against on silence, and a request judged at a stage it had not reached).

1. A coded diagnosis of a condition the guidelines list as an indication for spinal cord
   stimulation that is itself chronic neuropathic limb pain (complex regional pain syndrome,
   phantom limb pain, post-herpetic neuralgia; MTUS chronic pain 2009, spinal cord stimulators;
   NCD 160.7) documents the indication, though no examination or history note is tagged with
   it. A record without such a code is silent on the indication, never evidence against it.
   (A coded failed back surgery syndrome is not enough: its criteria still ask for mainly
   radicular leg pain; tests/test_criteria_conservative_care.py.)
2. A stimulator request that names neither a trial nor a permanent implant (or both, as
   unknown), with no stimulator trial on record, is judged on the trial criteria: a permanent
   implant comes only after a successful trial. A request that names the implant, or follows a
   trial on record, stays an implant request.

The cases are synthetic and small, written here.
"""

from __future__ import annotations

import copy

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult, Status

CRPS = {"code": "G90.522", "text": "Complex regional pain syndrome I of the left lower limb"}
LOW_BACK = {"code": "M54.50", "text": "Low back pain, unspecified"}
UNSTAGED = "Spinal cord stimulator (trial or permanent implant not stated)"
TEXAS = "Texas (workers' compensation; DWC medical contested case hearing, ODG)"

BASE: dict = {
    "id": "synthetic-stimulator-request", "title": "Stimulator after a foot crush injury",
    "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
    "setting": "other_workers_comp",
    "jurisdiction": "Illinois (workers' compensation; commission decision)",
    "question": "Is the stimulator reasonable and necessary?",
    "dates": {"request": "2023-05-02"},
    "patient": {"age": 41, "sex": "female"},
    "diagnoses": [],
    "documents": [{"id": "D1", "type": "review_decision", "date": "2023-09-01",
                   "title": "Commission decision", "author": "Commission", "pages": 4}],
    "facts": [
        {"id": "F1", "category": "history", "date": "2022-01-10",
         "source": {"document": "D1", "page": 1},
         "statement": "A steel plate fell on her left foot at work; the foot has hurt since."},
        {"id": "F2", "category": "conservative_care", "date": "2023-03-01",
         "source": {"document": "D1", "page": 1}, "tags": ["conservative_care_failed"],
         "statement": "Medications, physical therapy and nerve blocks over a year did not help."},
        {"id": "F3", "category": "other", "date": "2023-05-02",
         "source": {"document": "D1", "page": 1},
         "statement": "Her pain physician recommended a spinal cord stimulator."},
    ],
    "disputed_items": [{"id": "I1", "service": UNSTAGED, "procedure": "scs_implant",
                        "date_of_service": "2023-05-02", "status": "requested",
                        "request_type": "initial", "facts": ["F1", "F2", "F3"]}],
}


def _result(diagnoses: list[dict], service: str = UNSTAGED,
            extra_facts: list[dict] | None = None,
            jurisdiction: str | None = None) -> ItemResult:
    data = copy.deepcopy(BASE)
    if jurisdiction is not None:
        data["jurisdiction"] = jurisdiction
    data["diagnoses"] = diagnoses
    data["disputed_items"][0]["service"] = service
    for extra in extra_facts or []:
        data["facts"].append(extra)
        data["disputed_items"][0]["facts"].append(extra["id"])
    return evaluate_case(Case.model_validate(data))[0]


def _criterion(result: ItemResult, criterion_id: str):
    return next(c for c in result.criteria if c.criterion_id == criterion_id)


TRIAL_DONE = {"id": "F4", "category": "procedure", "date": "2023-02-01",
              "source": {"document": "D1", "page": 1}, "procedure": "scs_trial", "tags": ["trial"],
              "statement": "A seven-day percutaneous stimulator trial was done."}


def test_a_coded_crps_diagnosis_documents_the_indication_and_the_trial_is_necessary():
    result = _result([CRPS])
    indication = _criterion(result, "scs_trial.indication")
    assert indication.status is Status.met
    assert any("complex regional pain syndrome" in n.lower() for n in indication.notes)
    assert result.outcome is Outcome.necessary
    assert "scs_trial.indication" in result.deciding


def test_without_a_listed_diagnosis_the_indication_is_silence_and_decides_against():
    # where the state's adopted guideline governs (Texas: ODG); in a state judging on its
    # reasonable-and-necessary standard the silence does not decide a recommended trial
    # (round 15, tests/test_criteria_trial_recommended.py)
    result = _result([LOW_BACK], jurisdiction=TEXAS)
    indication = _criterion(result, "scs_trial.indication")
    assert indication.status is Status.undocumented  # silence, not a contradiction
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "scs_trial.indication"


def test_a_request_naming_no_stage_with_no_trial_on_record_is_judged_as_the_trial():
    for service in (UNSTAGED, "Spinal cord stimulator"):
        result = _result([CRPS], service=service)
        assert result.criteria_set == "scs-trial"
        assert "judged as the trial" in result.summary
        assert result.outcome is Outcome.necessary


def test_a_request_naming_the_permanent_implant_is_judged_as_an_implant():
    result = _result([CRPS], service="Implantation of a permanent spinal cord stimulator")
    assert result.criteria_set == "scs-implant"
    assert "judged as the trial" not in result.summary
    # the implant needs the trial's relief, which this record does not show
    assert result.outcome is Outcome.not_necessary
    assert "scs_implant.trial_relief" in result.deciding


def test_after_a_trial_on_record_an_unstaged_request_stays_an_implant_request():
    result = _result([CRPS], extra_facts=[TRIAL_DONE])
    assert result.criteria_set == "scs-implant"
    assert _criterion(result, "scs_implant.indication").status is Status.met
    assert result.outcome is Outcome.not_necessary
    assert "scs_implant.trial_relief" in result.deciding


def test_the_stage_rule_cites_excerpts_in_the_corpus():
    from drafting.criteria.request_type import rules
    from guideline_index.corpus import excerpts_by_id

    words = rules().unstaged_stimulator
    assert words is not None and words.sources
    assert all(source in excerpts_by_id() for source in words.sources)


def test_a_replacement_named_as_such_is_never_judged_as_a_trial():
    data = copy.deepcopy(BASE)
    data["diagnoses"] = [CRPS]
    data["disputed_items"][0].pop("request_type")
    data["disputed_items"][0]["service"] = "Replacement spinal cord stimulator generator"
    result = evaluate_case(Case.model_validate(data))[0]
    assert result.request_type is not None and result.request_type.value == "replacement"
    assert result.criteria_set != "scs-trial"
    assert "judged as the trial" not in result.summary
