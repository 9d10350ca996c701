"""The review queue's rows: every stored draft with where it stands for review (in progress,
incomplete, with findings, awaiting review, signed) and what a reviewer searches by (case,
patient age and sex, procedures and services, dates). Eval findings are computed once per
version of a draft (its store fingerprint) and kept for the process."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from drafting.service import StoredCaseError
from drafting.settings import Settings
from drafting.store import NotStoredError
from ui.service import opened

QUEUE_STATUSES = ("awaiting review", "with findings", "signed", "incomplete", "in progress")


@dataclass(frozen=True)
class QueueRow:
    draft_id: str
    case_id: str
    title: str
    document_type: str
    status: str
    findings: int
    patient: str  # "54 F"
    age: int | None
    sex: str
    procedures: str
    created: dt.date
    service_dates: tuple[dt.date, ...]
    signed_off_by: str

    def matches(self, text: str, age: tuple[int, int] | None, sex: str | None,
                since: dt.date | None, until: dt.date | None) -> bool:
        """The row fits the search: ``text`` in its case id, title or procedures (any case);
        age in the range; sex; drafted or a service date within the dates."""
        words = text.lower().split()
        haystack = f"{self.case_id} {self.title} {self.procedures} {self.draft_id}".lower()
        if any(w not in haystack for w in words):
            return False
        if age is not None and (self.age is None or not age[0] <= self.age <= age[1]):
            return False
        if sex and self.sex != sex:
            return False
        dates = (self.created, *self.service_dates)
        return not ((since and not any(d >= since for d in dates)) or
                    (until and not any(d <= until for d in dates)))


_FINDINGS: dict[tuple[str, str, tuple[object, ...]], int] = {}


def rows(settings: Settings) -> list[QueueRow]:
    found = []
    with opened(settings) as service:
        store = service.store
        for summary in store.list_drafts():
            try:
                case = service.review.case(summary.draft_id)
            except (StoredCaseError, NotStoredError, ValueError):
                case = None
            findings = 0
            if case is not None and summary.status == "complete":
                key = (str(settings.store_location), summary.draft_id,
                       store.fingerprint(summary.draft_id))
                if key not in _FINDINGS:
                    report = service.evaluation.draft(service.review.reviewed(summary.draft_id),
                                                      case)
                    _FINDINGS[key] = len(report.findings)
                findings = _FINDINGS[key]
            if summary.signed_off_by:
                status = "signed"
            elif summary.status != "complete":
                status = summary.status.replace("_", " ")
            else:
                status = "with findings" if findings else "awaiting review"
            items = case.disputed_items if case else []
            found.append(QueueRow(
                summary.draft_id, summary.case_id, summary.title or (case.title if case else ""),
                summary.document_type.replace("_", " "), status, findings,
                f"{case.patient.age} {str(case.patient.sex.value)[:1].upper()}" if case else "",
                case.patient.age if case else None, str(case.patient.sex.value) if case else "",
                "; ".join(f"{i.service} ({i.procedure.value.replace('_', ' ')})" for i in items),
                summary.created_at.date(), tuple(i.date_of_service for i in items),
                summary.signed_off_by or ""))
    return found
