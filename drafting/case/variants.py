"""A case drafted as another document type or from another perspective than its file says, within
what each document type allows (``PERSPECTIVES_BY_TYPE``)."""

from __future__ import annotations

from drafting.case.case import Case
from drafting.case.vocab import PERSPECTIVES_BY_TYPE, DocumentType, Perspective


class DraftRequestError(ValueError):
    """The request cannot be drafted as asked (e.g. a perspective the document type forbids)."""


def recast(case: Case, document_type: DocumentType | None,
           perspective: Perspective | None) -> Case:
    """The case as ``document_type`` from ``perspective`` (each defaulting to the case's own)."""
    document_type = document_type or case.document_type
    perspective = perspective or case.perspective
    if perspective not in PERSPECTIVES_BY_TYPE[document_type]:
        allowed = ", ".join(sorted(p.value for p in PERSPECTIVES_BY_TYPE[document_type]))
        raise DraftRequestError(f"document type {document_type.value} is not written from the "
                                f"{perspective.value} perspective; use one of: {allowed}")
    return case.model_copy(update={"document_type": document_type, "perspective": perspective})


def as_document_type(case: Case, document_type: DocumentType) -> Case:
    """The case as another document type, keeping its perspective where that type allows it,
    else taking the type's first allowed perspective (how suites and tests draft every type)."""
    allowed = PERSPECTIVES_BY_TYPE[document_type]
    chosen = case.perspective if case.perspective in allowed else sorted(allowed)[0]
    return recast(case, document_type, chosen)
