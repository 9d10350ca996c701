"""#25 item 5 (overlapping requests): Medicare's ESI and facet LCDs do not cover different spinal
blocks bundled into one session, so an epidural asked for on the same day as medial branch
blocks fails on that overlap (and the blocks fail on the epidural), while the same two
requests on different days are each judged on their own criteria. A new synthetic case: the
Medicare ESI appeal example with a second disputed item added."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of


def _with_blocks(day: str) -> Case:
    def change(data: dict) -> None:
        data["disputed_items"].append({
            "id": "I2", "service": "Bilateral L4-L5 and L5-S1 medial branch blocks",
            "procedure": "mbb", "details": {"levels": ["L4-L5", "L5-S1"]},
            "date_of_service": day, "status": "requested", "facts": ["F1"]})
    return mutated("medicare-lumbar-esi-appeal", change)


def _session(result):
    return next(r for r in result.criteria if r.criterion_id.endswith("single_block_session"))


def test_an_epidural_bundled_with_medial_branch_blocks_the_same_day_is_not_covered():
    case = _with_blocks("2025-06-10")
    esi = result_of(case, "I1")
    assert esi.outcome is Outcome.not_necessary
    assert esi.deciding == ["esi.single_block_session"]
    assert any("I2" in note for note in _session(esi).notes)
    assert "lcd-esi-noncovered" in _session(esi).basis
    assert _session(result_of(case, "I2")).status is Status.not_met


def test_the_same_blocks_on_another_day_do_not_overlap():
    esi = result_of(_with_blocks("2025-07-15"), "I1")
    assert _session(esi).status is Status.met
    assert esi.outcome is Outcome.necessary
