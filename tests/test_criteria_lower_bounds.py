"""#18 class 3 (course arithmetic): a duration stated as an open lower bound ('well over two
weeks', 'several weeks') may have run longer, so it cannot show a course fell short of a
minimum, while a range whose upper end is below it ('2-3 weeks') does. New synthetic text."""

from __future__ import annotations

from drafting.criteria.results import Status
from tests.test_criteria import result_of
from tests.test_criteria_eras import SOURCE, _texas
from tests.test_criteria_real_records import criterion


def _conservative(statement: str) -> Status:
    """A California first ESI whose only course of care is stated in words."""
    facts = [
        {"id": "F1", "category": "exam", "date": "2021-03-01", "laterality": "left",
         "levels": ["L5-S1"], "statement": "Positive straight-leg raise on the left with "
         "reduced sensation over the left lateral foot.",
         "tags": ["positive_slr", "dermatomal_sensory_deficit"], "source": SOURCE},
        {"id": "F2", "category": "conservative_care", "date": "2021-03-01", "statement": statement,
         "tags": ["physical_therapy", "nsaid"], "source": SOURCE}]
    item = {"id": "I1", "service": "Left L5-S1 transforaminal epidural steroid injection",
            "procedure": "esi", "details": {"laterality": "left", "levels": ["L5-S1"]},
            "date_of_service": "2021-03-15", "status": "requested", "facts": ["F1", "F2"]}
    case = _texas("2021-03-15", facts, item, setting="ca_workers_comp")  # a 2021 CA item
    return criterion(result_of(case, "I1"), "esi.conservative_care").status


def test_an_open_lower_bound_cannot_fall_short_where_a_range_below_the_minimum_does():
    """'Well over two weeks' of therapy may have run four; '2-3 weeks' cannot have."""
    assert _conservative("Physical therapy and naproxen for well over two weeks without "
                         "relief.") is Status.met
    assert _conservative("Physical therapy and naproxen for 2-3 weeks without relief.") \
        is Status.not_met
