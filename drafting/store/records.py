"""The rows the draft store hands back, as plain frozen records, and the vocabularies it checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from drafting.case.vocab import Outcome
from drafting.criteria.results import Status

DraftStatus = Literal["in_progress", "complete", "incomplete"]
SectionStatus = Literal["ok", "repaired", "failed"]

CRITERION_VALUES = frozenset(s.value for s in Status)  # met, not_met, undocumented
OUTCOME_VALUES = frozenset(o.value for o in Outcome)  # necessary, not_necessary, insufficient_...


class AuditAction(StrEnum):
    draft_created = "draft_created"
    section_drafted = "section_drafted"
    section_regenerated = "section_regenerated"
    section_edited = "section_edited"
    draft_finished = "draft_finished"
    criterion_overridden = "criterion_overridden"
    outcome_overridden = "outcome_overridden"
    exported = "exported"
    signed_off = "signed_off"
    sign_off_voided = "sign_off_voided"
    draft_interrupted = "draft_interrupted"
    draft_resumed = "draft_resumed"
    run_started = "run_started"
    run_resumed = "run_resumed"
    run_stopped = "run_stopped"
    api_key_created = "api_key_created"
    api_key_revoked = "api_key_revoked"
    webhook_called = "webhook_called"
    api_draft_owned = "api_draft_owned"
    audit_chain_started = "audit_chain_started"
    user_added = "user_added"
    profile_changed = "profile_changed"
    signed_in = "signed_in"


@dataclass(frozen=True)
class DraftSummary:
    draft_id: str
    case_id: str
    case_hash: str
    title: str
    document_type: str
    perspective: str
    setting: str
    status: DraftStatus
    backend: str
    model: str
    external: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None
    sections: int
    failed_sections: int
    edited_sections: int
    signed_off_by: str | None = None
    signed_off_at: dt.datetime | None = None
    run_id: str | None = None
    signer_credentials: str | None = None
    worker: str | None = None


@dataclass(frozen=True)
class StoredCase:
    """The case file a draft was made from, as stored with it."""

    case_id: str
    case_hash: str
    path: str | None
    content: str | None  # None for a draft stored before the store kept case files
    validated: str | None = None  # the validated case as JSON, when stored with it


class HistoryEntry(NamedTuple):
    """One version of one section: (key, version, author, reason, created_at, status)."""

    key: str
    version: int
    author: str
    reason: str | None
    created_at: dt.datetime
    status: SectionStatus


@dataclass(frozen=True)
class OverrideRecord:
    id: int
    draft_id: str
    item_id: str
    criterion_id: str | None  # None: the override is of the item's outcome
    value: str
    reason: str
    author: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ModelCallRecord:
    id: int
    draft_id: str
    section_key: str
    backend: str
    model: str
    prompt_hash: str | None
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    seconds: float
    attempts: int
    status: SectionStatus
    error: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    """One audit row. ``actor`` is the authenticated principal (``api-key:<id>``, ``os:<user>``)
    where the front end set one, else the name it passed; ``stated_author`` is the name the
    caller stated when that is not the principal (``--author``, an API edit's author)."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    draft_id: str | None
    detail: dict[str, Any] = field(default_factory=dict)
    stated_author: str | None = None


ProblemKind = Literal["edited", "deleted", "inserted", "back-dated", "sign-off", "case text",
                      "section text", "criteria", "override", "ownership"]


@dataclass(frozen=True)
class IntegrityProblem:
    """One thing ``store verify`` found: what is wrong (``kind``), where (``where``: an audit
    row, a sign-off, a case, a draft), and how it knows (``message``)."""

    kind: ProblemKind
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class IntegrityReport:
    """What ``store verify`` checked and found: the audit rows walked, the chain's last row (id
    and hash, to record elsewhere and check later), how many rows were chained when the store
    was upgraded rather than as written, and every problem (none: the store is intact)."""

    rows: int
    head_id: int | None
    head_hash: str | None
    upgraded_rows: int
    checked: dict[str, int]
    problems: list[IntegrityProblem]

    @property
    def ok(self) -> bool:
        return not self.problems
