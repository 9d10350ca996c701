"""#25 classes 1-3 (request type, weights, prior response): a commercial plan judges a repeat
epidural injection on how the earlier injection of the same procedure worked. The relief itself
decides; the first injection's indication (exam, imaging), the relief's duration and the
functional gain decide only when the record contradicts them. California workers' comp (the
MTUS) still asks all of them of every repeat. A new synthetic case: the plaintiff example moved
to a commercial plan seven years later, with the exam, the imaging and the functional response
left out of the packet, as in a sparse external-appeal file."""

from __future__ import annotations

import datetime as dt

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import fact, mutated, result_of, status


def _shift(value: object, years: int) -> object:
    if isinstance(value, dt.date):
        return value.replace(year=value.year + years)
    if isinstance(value, dict):
        return {k: _shift(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    return value


def _sparse_repeat(setting: str, response: str, percent: float | None = None,
                   keep_imaging: dict | None = None):
    """The repeat TFESI with only the earlier injection and its reported relief on file."""

    def change(data: dict) -> None:
        shifted = _shift(data, 7)  # into the years the commercial excerpts are in force
        data.clear()
        data.update(shifted)
        data["setting"] = setting
        dropped = {"F2", "F10", "F12"} | (set() if keep_imaging else {"F5"})
        data["facts"] = [f for f in data["facts"] if f["id"] not in dropped]
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i not in dropped]
        if keep_imaging:
            fact(data, "F5").update(keep_imaging)
        f9 = fact(data, "F9")
        f9.pop("duration")
        f9.pop("percent_relief")
        f9["statement"] = response
        if percent is not None:
            f9["percent_relief"] = percent

    return result_of(mutated("wc-lumbar-esi-plaintiff", change), "I1")


def test_commercial_repeat_after_complete_relief_of_unrecorded_length_is_necessary():
    result = _sparse_repeat("commercial", "The patient reported 100% relief after the previous "
                            "injection; how long it lasted is not recorded.", percent=100)
    assert result.criteria_set == "esi-repeat"
    assert result.outcome is Outcome.necessary, result.summary
    assert "esi_repeat.prior_relief_reported" in result.deciding
    assert status(result, "esi_repeat.prior_relief_reported") is Status.met
    weights = {r.criterion_id: r.required for r in result.criteria}
    # Silent on the indication, the duration and function: they support, never decide.
    for supporting in ("esi_repeat.corroborated", "esi_repeat.relief_duration",
                       "esi_repeat.prior_gain"):
        assert status(result, supporting) is Status.undocumented
        assert weights[supporting] is False


def test_commercial_repeat_after_good_relief_in_words_is_necessary():
    result = _sparse_repeat("commercial", "The earlier injection helped, relieving his right leg "
                            "pain.")
    assert result.outcome is Outcome.necessary, result.summary
    relief = next(r for r in result.criteria
                  if r.criterion_id == "esi_repeat.prior_relief_reported")
    assert any("qualitative" in note for note in relief.notes)


def test_commercial_repeat_after_very_temporary_relief_is_not_necessary():
    result = _sparse_repeat("commercial", "The injection gave relief for a very temporary "
                            "period.")
    assert result.outcome is Outcome.not_necessary
    assert status(result, "esi_repeat.prior_relief_reported") is Status.not_met
    assert "esi_repeat.prior_relief_reported" in result.deciding
    # a stated brief response contradicts the duration too, so it decides as well
    assert "esi_repeat.relief_duration" in result.deciding


def test_commercial_repeat_with_imaging_at_another_level_is_not_necessary():
    result = _sparse_repeat("commercial", "The patient reported 100% relief after the previous "
                            "injection.", percent=100, keep_imaging={"levels": ["L3-L4"]})
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["esi_repeat.corroborated"]


def test_the_same_sparse_record_in_california_workers_comp_is_not_established():
    result = _sparse_repeat("ca_workers_comp", "The patient reported 100% relief after the "
                            "previous injection; how long it lasted is not recorded.",
                            percent=100)
    assert result.outcome is Outcome.not_necessary
    assert status(result, "esi_repeat.prior_relief") is Status.undocumented
    assert {"esi_repeat.prior_relief", "esi_repeat.corroborated",
            "esi_repeat.prior_gain"} <= set(result.deciding)
