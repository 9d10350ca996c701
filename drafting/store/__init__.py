"""The draft store: every draft, section version, model call, override and review action in one
SQLite file, with versioned migrations and an append-only audit log."""

from drafting.store.connection import Database, now
from drafting.store.errors import (
    NotStoredError,
    StoreError,
    StoreVersionError,
    UnknownCriterionError,
    UnknownDraftError,
    UnknownSectionError,
)
from drafting.store.records import (
    AuditAction,
    AuditEntry,
    DraftSummary,
    HistoryEntry,
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
    "UnknownCriterionError",
    "UnknownDraftError",
    "UnknownRunError",
    "UnknownSectionError",
    "append_audit",
    "ensure_case",
    "now",
    "required",
]
