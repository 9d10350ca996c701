"""#18 class 5: a document the record inventory lists as not supplied is a submission gap for
an item whose required criterion it would answer (a treating physician's notes where the
response to the earlier injection is not documented), even when no fact cites it; not one the
item does not need, nor one dated after the evidence cutoff. New synthetic inventory entries
on a bundled example."""

from __future__ import annotations

from drafting.case import Case
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

NOTES = {"id": "D20", "type": "office_note", "title": "Spine clinic follow-up notes",
         "author": "treating physician", "pages": 3, "included": False}


def _esi(day: str, response_kept: bool) -> Case:
    def change(data: dict) -> None:
        if not response_kept:
            data["facts"] = [f for f in data["facts"] if f["category"] != "response"]
            kept = {f["id"] for f in data["facts"]}
            for entry in data["disputed_items"]:
                entry["facts"] = [i for i in entry["facts"] if i in kept]
        data["documents"].append({**NOTES, "date": day})
    return mutated("wc-lumbar-esi-plaintiff", change)


def test_an_uncited_missing_note_is_a_gap_where_the_response_it_would_hold_is_undocumented():
    result = result_of(_esi("2016-09-14", response_kept=False), "I1")
    assert criterion(result, "esi_repeat.prior_relief").status is Status.undocumented
    assert "D20" in result.missing_documents


def test_the_same_note_is_no_gap_where_the_record_answers_or_it_postdates_the_service():
    answered = result_of(_esi("2016-09-14", response_kept=True), "I1")
    assert all(c.status is Status.met for c in answered.criteria if c.required)
    assert "D20" not in answered.missing_documents
    later = result_of(_esi("2017-03-01", response_kept=False), "I1")
    assert "D20" not in later.missing_documents
