"""A stimulator trial recommended by the treating physician outside California (round 15): in
workers' compensation judged on the MTUS sets only as a stand-in for the state's
reasonable-and-necessary standard, a record silent on the indication and on failed less
invasive care (a summary of the physician's recommendation, the notes not supplied) does not
decide the trial; tribunals there authorize the trial, which itself tests whether stimulation
helps. A record that contradicts the indication still decides, and where the state's adopted
guideline governs (Texas: ODG) or the MTUS itself (California), silence still decides."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

ARKANSAS = "Arkansas (workers' compensation; Full Commission de novo review)"
TEXAS = "Texas (workers' compensation; DWC medical contested case hearing on an IRO decision, ODG)"

# The dossier's facts that document the indication (radicular exam and history, EMG) and the
# failed less invasive care (therapy, neuropathic drugs, injections); dropped for silence.
_INDICATION_AND_CARE = {"F1", "F3", "F6", "F7", "F9", "F10", "F11", "F12", "F13"}


def _recommended_trial(setting: str, jurisdiction: str, exam: dict | None = None):
    """The dossier's stimulator trial, requested on a recommendation whose grounds the record
    does not itemize; ``exam`` adds an examination dated before the request."""

    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        data["facts"] = [f for f in data["facts"] if f["id"] not in _INDICATION_AND_CARE]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in _INDICATION_AND_CARE]
        trial = data["disputed_items"][0]
        trial["status"] = "requested"
        trial.pop("prior_decision", None)
        if exam is not None:
            data["facts"].append({"id": "F30", "category": "exam", "date": "2024-06-01",
                                  "source": {"document": "D1", "page": 1}, **exam})
            trial["facts"].append("F30")

    return result_of(mutated("commercial-scs-dossier", change), "I1")


def test_outside_california_a_recommended_trial_is_not_denied_on_silence():
    result = _recommended_trial("other_workers_comp", ARKANSAS)
    assert result.outcome is Outcome.necessary
    for criterion_id in ("scs_trial.indication", "scs_trial.failed_alternatives"):
        found = criterion(result, criterion_id)
        assert found.status is Status.undocumented and not found.required
        assert criterion_id not in result.deciding


def test_outside_california_an_examination_without_radicular_findings_still_decides():
    result = _recommended_trial("other_workers_comp", ARKANSAS, {
        "statement": "Low back tenderness; straight-leg raise negative; strength, sensation"
                     " and reflexes normal.",
        "tags": []})
    assert result.outcome is Outcome.not_necessary
    assert criterion(result, "scs_trial.indication").status is Status.not_met
    assert result.deciding == ["scs_trial.indication"]


def test_where_the_adopted_guideline_governs_silence_still_decides():
    result = _recommended_trial("other_workers_comp", TEXAS)
    assert result.outcome is Outcome.not_necessary
    assert "scs_trial.indication" in result.deciding
    assert "scs_trial.failed_alternatives" in result.deciding


def test_in_california_silence_on_the_indication_decides():
    result = _recommended_trial("ca_workers_comp", "California")
    assert result.outcome is Outcome.not_necessary
    assert "scs_trial.indication" in result.deciding
