"""Where each kind of evidence would be written: the documents a fact category comes from, to
tell a submission gap (the record exists but is not in the packet) from a clinical one."""

from __future__ import annotations

from collections.abc import Iterable

from drafting.case.vocab import FactCategory, RecordType

# Where each kind of evidence would be written, to tell a submission gap from a clinical one.
RECORDS_FOR: dict[FactCategory, set[RecordType]] = {
    FactCategory.imaging: {RecordType.imaging_report},
    FactCategory.electrodiagnostic: {RecordType.electrodiagnostic_report},
    FactCategory.psych: {RecordType.psych_evaluation},
    FactCategory.procedure: {RecordType.procedure_report, RecordType.operative_report,
                             RecordType.device_trial_record},
    FactCategory.response: {RecordType.procedure_report, RecordType.office_note,
                            RecordType.device_trial_record},
    FactCategory.conservative_care: {RecordType.pt_note, RecordType.pt_discharge_summary,
                                     RecordType.chiropractic_note},
    FactCategory.medication: {RecordType.pharmacy_record, RecordType.medication_history},
    FactCategory.exam: {RecordType.office_note, RecordType.consultation_note},
    FactCategory.functional: {RecordType.office_note, RecordType.pt_note,
                              RecordType.pt_discharge_summary, RecordType.score_sheet},
}


def records_for(categories: Iterable[FactCategory]) -> set[RecordType]:
    """The kinds of document that would hold evidence of these fact categories."""
    return set().union(*(RECORDS_FOR.get(c, set()) for c in categories))
