"""States that adopted a treatment guideline by rule (round 16, guideline_index/jurisdictions.yaml):
a case is judged under the state's own standard from the day its rule took effect, and under
the standard that governed before it on an earlier date of service. Louisiana's Medical
Treatment Guidelines took effect on July 13, 2011 (La. R.S. 23:1203.1): a stimulator trial the
treating physician recommends on a record silent on its indication is decided by that silence
after the date (the requester shows the care meets the guidelines) and not before it (the Act's
necessary treatment, where silence alone does not decide a treating physician's trial)."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from tests.test_criteria import mutated, result_of
from tests.test_criteria_trial_recommended import _INDICATION_AND_CARE

LOUISIANA = "Louisiana (workers' compensation; Medical Director decision, OWC review)"


def _louisiana_trial(day: str):
    """The dossier's stimulator trial in Louisiana workers' compensation, requested on ``day``
    on a recommendation whose grounds the record does not itemize."""

    def change(data: dict) -> None:
        data.update(setting="other_workers_comp", jurisdiction=LOUISIANA)
        data["facts"] = [f for f in data["facts"] if f["id"] not in _INDICATION_AND_CARE]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in _INDICATION_AND_CARE]
        trial = data["disputed_items"][0]
        trial.update(status="requested", date_of_service=day)
        trial.pop("prior_decision", None)

    return result_of(mutated("commercial-scs-dossier", change), "I1")


def test_after_the_rule_the_louisiana_guidelines_govern_and_silence_decides():
    result = _louisiana_trial("2014-03-03")
    assert "Louisiana Medical Treatment Guidelines" in (result.judged_on or "")
    assert result.outcome is Outcome.not_necessary
    assert "scs_trial.indication" in result.deciding


def test_before_the_rule_the_acts_standard_governs_and_silence_does_not_decide():
    result = _louisiana_trial("2010-06-01")
    judged_on = result.judged_on or ""
    assert "La. R.S. 23:1203" in judged_on
    assert "Medical Treatment Guidelines took effect" in judged_on
    assert "standing in for the Louisiana Medical Treatment Guidelines" not in judged_on
    assert result.outcome is Outcome.necessary
    assert "scs_trial.indication" not in result.deciding
