"""The draft store: every draft, section version, model call, override and review action in one
SQLite file, with versioned migrations and an append-only audit log."""

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
from drafting.store.runs import (
    ItemResult,
    NewRunItem,
    RunBusyError,
    RunItem,
    RunRecord,
    UnknownRunError,
)
from drafting.store.store import DraftStore

__all__ = [
    "AuditAction", "AuditEntry", "DraftStore", "DraftSummary", "HistoryEntry", "ItemResult",
    "ModelCallRecord", "NewRunItem", "NotStoredError", "OverrideRecord", "RunBusyError",
    "RunItem", "RunRecord", "StoreError", "StoreVersionError", "StoredCase",
    "UnknownCriterionError", "UnknownDraftError", "UnknownRunError", "UnknownSectionError",
]
