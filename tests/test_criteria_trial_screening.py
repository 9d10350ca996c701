"""A device trial's psychological screening outside California (#25 class 2): in workers'
compensation judged on the MTUS sets as a stand-in, the screening before a stimulator or
intrathecal trial is a step scheduled once the trial is authorized, so its absence from the
record does not decide the trial; a record showing a psychiatric contraindication still does,
and in California (the MTUS itself) the screening is required before the trial."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status
from tests.test_criteria_real_records import criterion

ARKANSAS = "Arkansas (workers' compensation; Commission)"


def _trial(setting: str, jurisdiction: str, psych: dict | None):
    """The stimulator trial of the commercial dossier, its psychological evaluation replaced."""

    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        data["facts"] = [f for f in data["facts"] if f["id"] != "F15"]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i != "F15"]
        item = data["disputed_items"][0]
        item["status"] = "requested"
        item.pop("prior_decision", None)
        if psych is not None:
            data["facts"].append({"id": "F15", "category": "psych", "date": "2024-06-11",
                                  "source": {"document": "D1", "page": 1}, **psych})
            item["facts"].append("F15")

    return result_of(mutated("commercial-scs-dossier", change), "I1")


def test_outside_california_a_trial_without_screening_on_record_is_not_denied_for_it():
    result = _trial("other_workers_comp", ARKANSAS, None)
    assert result.outcome is Outcome.necessary
    screening = criterion(result, "scs_trial.psych_clearance")
    assert screening.status is Status.undocumented and not screening.required


def test_outside_california_a_recorded_contraindication_still_decides():
    result = _trial("other_workers_comp", ARKANSAS, {
        "statement": "Active opioid use disorder, untreated.",
        "tags": ["substance_use_disorder"]})
    assert result.outcome is Outcome.not_necessary
    assert status(result, "scs_trial.no_psych_contraindication") is Status.not_met
    assert "scs_trial.no_psych_contraindication" in result.deciding


def test_in_california_the_screening_is_required_before_the_trial():
    result = _trial("ca_workers_comp", "California", None)
    assert result.outcome is Outcome.not_necessary
    assert "scs_trial.psych_clearance" in result.deciding
