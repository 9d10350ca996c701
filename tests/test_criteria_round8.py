"""Criteria round 8 (#18, #25): classes of error that recur across many development sets.

A request the case file only does not describe is the record's silence, never the request's own
omission. Reviewers decide many items on what a request leaves out (an opioid with no strength,
facet blocks with no levels), so a request known to leave a detail out is not met and can decide
the item. But a case file summarising a decision in other words often gives no dose or levels
('dose not stated', 'drugs and doses not stated in the summary', 'not in the visible text'):
what the request said is then unknown, and the criterion is undocumented, not contradicted
(over sets 1-11 the engine read such a summary's silence as a contradicted criterion on seven
items of five sets, among them five approvals). A mark that the request itself left the detail
out ('levels not specified', 'the request did not state the dose') still decides.

The cases are synthetic: an example case with its item's details removed and its name changed.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of


def _blocks_named(service: str) -> Case:
    def change(data: dict) -> None:
        entry = next(i for i in data["disputed_items"] if i["id"] == "I2")
        entry["details"] = {}
        entry["service"] = service
    return mutated("pi-mvc-multi-item", change)


def _levels(service: str):
    result = result_of(_blocks_named(service), "I2")
    return result, next(r for r in result.criteria if r.criterion_id == "mbb.levels_specified")


def test_levels_a_summary_does_not_give_are_silence_not_an_unspecified_request():
    for service in ("Diagnostic cervical medial branch blocks (levels not stated)",
                    "Cervical medial branch blocks; levels not given in the summary",
                    "Cervical medial branch blocks (levels unknown)"):
        result, levels = _levels(service)
        assert levels.status is Status.undocumented, service
        assert "mbb.levels_specified" not in result.deciding, service
        assert not any("unspecified request" in note for note in levels.notes), service


def test_a_request_known_to_leave_its_levels_out_is_not_met_and_decides():
    for service in ("Diagnostic cervical medial branch blocks (levels not specified)",
                    "Cervical medial branch blocks; the request did not state the levels",
                    "Unspecified-level cervical medial branch blocks"):
        result, levels = _levels(service)
        assert levels.status is Status.not_met, service
        assert "does not specify levels" in levels.reason, service
        assert result.outcome is Outcome.not_necessary, service
