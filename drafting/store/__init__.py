"""The draft store: every draft, section version, model call, override and review action in one
SQLite file, with versioned migrations and an append-only, hash-chained audit log whose actor is
the authenticated principal (``act_as``, ``acting_as``)."""

from drafting.store.connection import Database, now
from drafting.store.errors import (
    NotStoredError,
    StoreError,
    StoreVersionError,
    TamperedError,
    UnknownCriterionError,
    UnknownDraftError,
    UnknownSectionError,
)
from drafting.store.principal import act_as, acting_as, api_key_principal, os_principal
from drafting.store.records import (
    AuditAction,
    AuditEntry,
    DraftSummary,
    HistoryEntry,
    IntegrityProblem,
    IntegrityReport,
    ModelCallRecord,
    OverrideRecord,
    StoredCase,
)
from drafting.store.review import required
from drafting.store.runs import (
    NewRunItem,
    RunBusyError,
    RunItem,
    RunItemResult,
    RunRecord,
    UnknownRunError,
)
from drafting.store.store import DraftStore
from drafting.store.writing import append_audit, ensure_case

__all__ = [
    "AuditAction",
    "AuditEntry",
    "Database",
    "DraftStore",
    "DraftSummary",
    "HistoryEntry",
    "IntegrityProblem",
    "IntegrityReport",
    "ModelCallRecord",
    "NewRunItem",
    "NotStoredError",
    "OverrideRecord",
    "RunBusyError",
    "RunItem",
    "RunItemResult",
    "RunRecord",
    "StoreError",
    "StoreVersionError",
    "StoredCase",
    "TamperedError",
    "UnknownCriterionError",
    "UnknownDraftError",
    "UnknownRunError",
    "UnknownSectionError",
    "act_as",
    "acting_as",
    "api_key_principal",
    "append_audit",
    "ensure_case",
    "now",
    "os_principal",
    "required",
]
