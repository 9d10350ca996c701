"""Requests the engine had no criteria set for (#18 class 2, family mapping): a lumbar
decompression without fusion is judged on the decompression criteria, never declined and never
as a fusion. Each test asserts the outcome and the deciding criterion, in both directions."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion


def _decompression(*changes):
    def change(data: dict) -> None:
        data["disputed_items"].append({
            "id": "I2", "service": "L4-L5 laminectomy (decompression alone)", "procedure": "other",
            "details": {"levels": ["L4-L5"]}, "date_of_service": "2025-04-02",
            "status": "requested", "facts": ["F5", "F11", "F13"]})
        for extra in changes:
            extra(data)
    return result_of(mutated("commercial-lumbar-fusion-dossier", change), "I2")


def test_decompression_for_claudication_matching_the_imaging_is_necessary():
    result = _decompression()
    assert result.criteria_set == "lumbar-decompression"
    assert result.outcome is Outcome.necessary
    assert {"decomp.neural_compression", "decomp.imaging_at_level",
            "decomp.conservative_care"} <= set(result.deciding)
    assert "fusion.instability" not in {c.criterion_id for c in result.criteria}


def test_decompression_for_axial_pain_without_neural_signs_is_not_necessary():
    def axial_only(data: dict) -> None:
        for f in data["facts"]:
            tags = f.get("tags", [])
            if "neurogenic_claudication" in tags:
                f["tags"] = [t for t in tags if t != "neurogenic_claudication"] + ["axial_pain"]

    result = _decompression(axial_only)
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["decomp.neural_compression"]
    assert criterion(result, "decomp.neural_compression").status is Status.not_met


def test_decompression_at_a_level_the_imaging_does_not_show_is_not_necessary():
    def other_level(data: dict) -> None:
        next(i for i in data["disputed_items"] if i["id"] == "I2")["details"]["levels"] = ["L2-L3"]

    result = _decompression(other_level)
    assert result.outcome is Outcome.not_necessary
    assert "decomp.imaging_at_level" in result.deciding


def _itp_trial(day: str):
    def trial(data: dict) -> None:
        data["disputed_items"].append({
            "id": "I9", "service": "Intrathecal morphine trial (screening infusion)",
            "procedure": "itp", "date_of_service": day, "status": "requested",
            "request_type": "initial", "facts": []})
    return mutated("wc-itp-letter", trial)


def test_an_intrathecal_trial_after_selection_is_necessary_without_results_of_its_own():
    case = _itp_trial("2025-01-20")  # after the psychological clearance of 2025-01-14
    result = result_of(case, "I9")
    assert result.criteria_set == "itp-trial" and result.outcome is Outcome.necessary
    ids = {c.criterion_id for c in result.criteria}
    assert "itp.trial_relief" not in ids and "itp_trial.psych_evaluation" in result.deciding
    assert result_of(case, "I1").criteria_set != "itp-trial"  # the implant keeps its own set


def test_an_intrathecal_trial_before_any_psychological_evaluation_is_not_necessary():
    result = result_of(_itp_trial("2025-01-10"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["itp_trial.psych_evaluation"]


def _fusion(axial: bool, instability: bool):
    def change(data: dict) -> None:
        for f in data["facts"]:
            tags = f.get("tags", [])
            if not instability and f["category"] == "imaging":
                f["tags"] = [t for t in tags
                             if t not in ("dynamic_instability", "spondylolisthesis")]
            if axial and "neurogenic_claudication" in tags:
                f["tags"] = [t for t in tags if t != "neurogenic_claudication"] + ["axial_pain"]
    return result_of(mutated("commercial-lumbar-fusion-dossier", change), "I1")


def test_fusion_for_axial_back_pain_without_instability_fails_on_that_indication():
    result = _fusion(axial=True, instability=False)
    assert result.outcome is Outcome.not_necessary
    assert "fusion.not_axial_pain_alone" in result.deciding
    assert criterion(result, "fusion.not_axial_pain_alone").status is Status.not_met


def test_axial_pain_with_a_slip_and_instability_at_the_level_meets_the_indication():
    result = _fusion(axial=True, instability=True)
    assert criterion(result, "fusion.not_axial_pain_alone").status is Status.met
    assert "fusion.not_axial_pain_alone" not in result.deciding  # smoking still decides it
