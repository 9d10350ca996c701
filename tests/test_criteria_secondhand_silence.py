"""#18 class 5 / #25 class 4: a summary is not a full record. A fact that reports a document the
packet lacks ("per the consultation, the outside MRI was reviewed") says only what its writer
chose to repeat, so a finding it does not name is silence (undocumented, a submission gap naming
the missing document), never evidence that the finding is absent; a value it does record (the
other side) still contradicts, and a first-hand record that lacks the finding still counts
against it. A new synthetic case: the plaintiff ESI example with its MRI report left out of the
packet and only a note's account of it on file."""

from __future__ import annotations

from drafting.criteria.results import Gap, Status
from tests.test_criteria import fact, mutated, result_of


def _mri_told_by_a_note(included: bool = False, **values):
    def change(data: dict) -> None:
        next(d for d in data["documents"] if d["id"] == "D3")["included"] = included
        f5 = fact(data, "F5")
        f5.pop("tags")
        f5.update(statement="Per the pain consultation, the outside lumbar MRI was reviewed.",
                  source={"document": "D4", "page": 2}, references=["D3"], **values)

    result = result_of(mutated("wc-lumbar-esi-plaintiff", change), "I1")
    return next(r for r in result.criteria if r.criterion_id == "esi_repeat.corroborated")


def test_a_note_that_does_not_name_the_finding_of_a_missing_report_is_silent():
    corroborated = _mri_told_by_a_note()
    assert corroborated.status is Status.undocumented
    assert corroborated.gap is Gap.submission
    assert corroborated.missing_documents == ["D3"]
    assert "F5" in corroborated.supporting_facts
    assert "D3" in corroborated.reason


def test_a_value_the_summary_records_still_contradicts():
    corroborated = _mri_told_by_a_note(laterality="left")
    assert corroborated.status is Status.not_met


def test_a_first_hand_record_without_the_finding_still_counts_against_it():
    corroborated = _mri_told_by_a_note(included=True)
    assert corroborated.status is Status.not_met
