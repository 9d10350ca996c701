"""What the HTTP API keeps in the draft store's database, as its own repository over the
store's connection (the draft store itself keeps no HTTP responses): API keys (each of one
organisation, the secret stored only as its SHA-256), the case files each organisation
submitted, the drafts it requested with the state of their background jobs, idempotency records
with their responses, and finished drafts' response bodies.

Every read takes the caller's organisation: a case or draft of another organisation is simply
not found, exactly like one that does not exist."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from drafting.store import (
    AuditAction,
    Database,
    DraftStore,
    append_audit,
    ensure_case,
    now,
    required,
)

ApiDraftState = Literal["queued", "running", "finished", "failed"]
SECRET_PREFIX = "nec_"


class IdempotencyConflict(ValueError):
    """An Idempotency-Key reused with a different request."""

    def __init__(self, key: str):
        super().__init__(f"Idempotency-Key {key!r} was already used for a different request; "
                         "use a new key for a new request")


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    organisation: str
    webhook_secret: str
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class ApiCase:
    id: str
    organisation: str
    case_id: str
    case_hash: str
    created_at: str


@dataclass(frozen=True)
class ApiDraft:
    draft_id: str
    organisation: str
    api_case_id: str
    created_by: str
    state: ApiDraftState
    error: str | None
    retrieval: bool
    webhook_url: str | None
    webhook_result: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Response:
    """A response as the API sent it (or sends it again for a retried request)."""

    status_code: int
    body: dict[str, Any]
    replayed: bool = False


Action = Callable[[sqlite3.Connection], tuple[int, dict[str, Any]]]


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _key(row: sqlite3.Row) -> ApiKey:
    return ApiKey(row["id"], row["name"], row["organisation"], row["webhook_secret"],
                  row["created_at"], row["revoked_at"])


def _case(row: sqlite3.Row) -> ApiCase:
    return ApiCase(row["id"], row["organisation"], row["case_id"], row["case_hash"],
                   row["created_at"])


def _draft(row: sqlite3.Row) -> ApiDraft:
    return ApiDraft(row["draft_id"], row["organisation"], row["api_case_id"], row["created_by"],
                    row["state"], row["error"], bool(row["retrieval"]), row["webhook_url"],
                    row["webhook_result"], row["created_at"], row["updated_at"])


class Tenancy:
    """The HTTP API's keys, organisations, cases, drafts, idempotent responses and webhook
    results (``store.tenancy``)."""

    def __init__(self, db: Database):
        self.db = db

    # -- keys ------------------------------------------------------------------------------------

    def create_api_key(self, name: str, organisation: str, actor: str) -> tuple[ApiKey, str]:
        """A new key of ``organisation``; returns it and its secret (shown once, never stored)."""
        name, organisation = required("name", name), required("organisation", organisation)
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        key_id = "key_" + secrets.token_hex(6)
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO api_keys (id, name, organisation, key_hash, webhook_secret, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (key_id, name, organisation, secret_hash(secret),
                          "whsec_" + secrets.token_urlsafe(24), now()))
            append_audit(conn, actor, AuditAction.api_key_created, None, key_id=key_id,
                                 name=name, organisation=organisation)
            row = conn.execute("SELECT * FROM api_keys WHERE id = ?", (key_id,)).fetchone()
        return _key(row), secret

    def api_key_for(self, secret: str) -> ApiKey | None:
        """The live (not revoked) key whose secret this is, or None."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                               (secret_hash(secret),)).fetchone()
        return None if row is None else _key(row)

    def api_key_by_id(self, key_id: str) -> ApiKey:
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM api_keys WHERE id = ?", (key_id,)).fetchone()
        if row is None:
            raise ValueError(f"no API key {key_id!r}; see 'necessity keys list'")
        return _key(row)

    def api_keys(self) -> list[ApiKey]:
        with self.db.snapshot() as conn:
            return [_key(r) for r in conn.execute("SELECT * FROM api_keys ORDER BY created_at")]

    def revoke_api_key(self, key_id: str, actor: str) -> ApiKey:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM api_keys WHERE id = ?", (key_id,)).fetchone()
            if row is None:
                raise ValueError(f"no API key {key_id!r}; see 'necessity keys list'")
            if row["revoked_at"] is None:
                conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", (now(), key_id))
                append_audit(conn, actor, AuditAction.api_key_revoked, None,
                                     key_id=key_id, organisation=row["organisation"])
            row = conn.execute("SELECT * FROM api_keys WHERE id = ?", (key_id,)).fetchone()
        return _key(row)

    # -- idempotent writes -----------------------------------------------------------------------

    def idempotent(self, organisation: str, key: str | None, fingerprint: str,
                   action: Action) -> Response:
        """Run ``action`` (a write inside this transaction, returning the response) once per
        (organisation, Idempotency-Key): a retry with the same request gets the stored
        response and changes nothing; the same key with another request is refused."""
        with self.db.transaction() as conn:
            if key is not None:
                row = conn.execute("SELECT * FROM api_idempotency WHERE organisation = ? "
                                   "AND key = ?", (organisation, key)).fetchone()
                if row is not None:
                    if row["fingerprint"] != fingerprint:
                        raise IdempotencyConflict(key)
                    return Response(row["status_code"], json.loads(row["response"]), True)
            status, body = action(conn)
            if key is not None:
                conn.execute("INSERT INTO api_idempotency (organisation, key, fingerprint, "
                             "status_code, response, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (organisation, key, fingerprint, status, json.dumps(body), now()))
            return Response(status, body)

    # -- cases -----------------------------------------------------------------------------------

    @staticmethod
    def add_api_case(conn: sqlite3.Connection, organisation: str, key_id: str, case_id: str,
                     case_hash: str, name: str, text: str, validated: str | None = None
                     ) -> tuple[ApiCase, bool]:
        """Record the organisation's case file (inside the caller's transaction), with its
        validated form as JSON; the same file submitted again is the same case. Returns it
        and whether it is new."""
        ensure_case(conn, case_id, case_hash, name, text, validated)
        row = conn.execute("SELECT * FROM api_cases WHERE organisation = ? AND case_id = ? "
                           "AND case_hash = ?", (organisation, case_id, case_hash)).fetchone()
        if row is not None:
            return _case(row), False
        api_case_id = "case_" + secrets.token_hex(8)
        conn.execute("INSERT INTO api_cases (id, organisation, case_id, case_hash, created_at, "
                     "created_by) VALUES (?, ?, ?, ?, ?, ?)",
                     (api_case_id, organisation, case_id, case_hash, now(), key_id))
        row = conn.execute("SELECT * FROM api_cases WHERE id = ?", (api_case_id,)).fetchone()
        return _case(row), True

    def api_case(self, organisation: str, api_case_id: str) -> ApiCase | None:
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM api_cases WHERE id = ? AND organisation = ?",
                               (api_case_id, organisation)).fetchone()
        return None if row is None else _case(row)

    def case_file(self, case_id: str, case_hash: str) -> tuple[str, str, str | None]:
        """The stored case file: (its name, its text, its validated form as JSON or None)."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT path, content, validated FROM cases WHERE case_id = ? "
                               "AND case_hash = ?", (case_id, case_hash)).fetchone()
        if row is None or row["content"] is None:
            raise ValueError(f"case {case_id} ({case_hash[:12]}) is not stored")
        return str(row["path"] or f"{case_id}.yaml"), str(row["content"]), row["validated"]

    # -- drafts ----------------------------------------------------------------------------------

    @staticmethod
    def add_api_draft(conn: sqlite3.Connection, draft_id: str, organisation: str,
                      api_case_id: str, key_id: str, retrieval: bool,
                      webhook_url: str | None) -> None:
        at = now()
        conn.execute("INSERT INTO api_drafts (draft_id, organisation, api_case_id, created_by, "
                     "retrieval, webhook_url, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (draft_id, organisation, api_case_id, key_id, int(retrieval), webhook_url,
                      at, at))
        # The owner is vouched for by the audit chain: an edited organisation would move the
        # draft to another tenant (``store verify`` compares the two).
        append_audit(conn, "api", AuditAction.api_draft_owned, draft_id,
                     organisation=organisation, api_case_id=api_case_id, key_id=key_id)

    def api_draft(self, organisation: str, draft_id: str) -> ApiDraft | None:
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM api_drafts WHERE draft_id = ? AND organisation = ?",
                               (draft_id, organisation)).fetchone()
        return None if row is None else _draft(row)

    def api_draft_by_id(self, draft_id: str) -> ApiDraft:
        """An API draft whoever's it is (for the server's own jobs, never for a request)."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT * FROM api_drafts WHERE draft_id = ?",
                               (draft_id,)).fetchone()
        if row is None:
            raise ValueError(f"draft {draft_id!r} was not requested over the API")
        return _draft(row)

    def unfinished_api_drafts(self) -> list[ApiDraft]:
        """API drafts whose job has not finished (queued, or running when a server stopped)."""
        with self.db.snapshot() as conn:
            rows = conn.execute("SELECT * FROM api_drafts WHERE state IN ('queued', 'running') "
                                "ORDER BY created_at, draft_id")
            return [_draft(r) for r in rows]

    def set_api_draft_state(self, draft_id: str, state: ApiDraftState,
                            error: str | None = None) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE api_drafts SET state = ?, error = ?, updated_at = ? "
                         "WHERE draft_id = ?", (state, error, now(), draft_id))

    def api_view(self, draft_id: str) -> tuple[str | None, str | None]:
        """The draft's stored response body and the fingerprint it was built at."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT view_key, view FROM api_drafts WHERE draft_id = ?",
                               (draft_id,)).fetchone()
        return (None, None) if row is None else (row["view_key"], row["view"])

    def store_api_view(self, draft_id: str, key: str, body: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE api_drafts SET view_key = ?, view = ? WHERE draft_id = ?",
                         (key, body, draft_id))

    def record_webhook(self, draft_id: str, url: str, result: str, delivered: bool) -> None:
        """How the draft's webhook call went, on the draft and in the audit log."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE api_drafts SET webhook_result = ?, updated_at = ? "
                         "WHERE draft_id = ?", (result, now(), draft_id))
            append_audit(conn, "api", AuditAction.webhook_called, draft_id, url=url,
                                 delivered=delivered, result=result)


def tenancy(store: DraftStore) -> Tenancy:
    """The API's records in ``store``'s database, over its connection."""
    return Tenancy(store.db)
