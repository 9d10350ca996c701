"""Response bodies: a stored draft as an API client sees it (latest section versions, the
physician's overrides applied, eval findings once finished), its history, a submitted case."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import asdict
from typing import Any

from drafting.api.tenancy import ApiCase, ApiDraft, tenancy
from drafting.case import Case
from drafting.service import DraftingService
from drafting.store import DraftStore, HistoryEntry


def case_view(api_case: ApiCase, case: Case) -> dict[str, Any]:
    return {
        "id": api_case.id, "case_id": case.id, "case_hash": api_case.case_hash,
        "document_type": case.document_type.value, "perspective": case.perspective.value,
        "setting": case.setting.value, "facts": len(case.facts),
        "disputed_items": [item.id for item in case.disputed_items],
        "created_at": api_case.created_at,
        "links": {"self": f"/v1/cases/{api_case.id}"}}


def links(draft_id: str) -> dict[str, Any]:
    base = f"/v1/drafts/{draft_id}"
    return {"self": base, "history": f"{base}/history",
            "export": {fmt: f"{base}/export?format={fmt}" for fmt in ("docx", "pdf", "md")}}


def status_of(api: ApiDraft, stored_status: str) -> str:
    """queued / running while the job has not finished; then the stored draft's status
    (complete, or incomplete if a section failed); failed if the job itself failed."""
    if api.state in ("queued", "running", "failed"):
        return api.state
    return stored_status


def accepted(draft_id: str, api_case_id: str) -> dict[str, Any]:
    return {"id": draft_id, "status": "queued", "case": api_case_id, "links": links(draft_id)}


class ViewCache:
    """Bodies of finished drafts, by draft and fingerprint (status, latest section version,
    latest override, sign-off, webhook result): polling a finished draft sends the body built
    once instead of loading the draft and running the checks again."""

    def __init__(self, size: int = 512):
        self._bodies: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple[Any, ...], body: bytes) -> None:
        with self._lock:
            self._bodies[key] = body
            while len(self._bodies) > self._size:
                self._bodies.popitem(last=False)


def view_key(store: DraftStore, api: ApiDraft) -> str:
    """What a finished draft's body depends on: its fingerprint and its webhook's result."""
    return json.dumps([*store.fingerprint(api.draft_id), api.webhook_result])


def finished_body(service: DraftingService, api: ApiDraft,
                  cache: ViewCache | None = None) -> bytes:
    """A finished draft's body: from this process's cache, else as stored by the worker that
    drafted it (if nothing changed since), else built here (and stored for the next one)."""
    store = service.store
    key = view_key(store, api)
    if cache is not None and (body := cache.get((api.draft_id, key))) is not None:
        return body
    stored_key, stored = tenancy(store).api_view(api.draft_id)
    if stored is not None and stored_key == key:
        body = stored.encode()
    else:
        text = json.dumps(draft_view(service, api))
        tenancy(store).store_api_view(api.draft_id, key, text)
        body = text.encode()
    if cache is not None:
        cache.put((api.draft_id, key), body)
    return body


def _latest(history: list[HistoryEntry]) -> dict[str, HistoryEntry]:
    """Each section's latest version, in section order (history is in version order)."""
    return {entry.key: entry for entry in history}


def progress_view(store: DraftStore, api: ApiDraft) -> dict[str, Any]:
    """A draft whose job has not finished (or failed): its status and the sections stored so
    far (key, version, status), without loading their text."""
    summary = store.summary(api.draft_id)
    latest = _latest(store.history(api.draft_id))
    return {
        "id": api.draft_id, "status": status_of(api, summary.status), "error": api.error,
        "case": api.api_case_id, "case_id": summary.case_id,
        "document_type": summary.document_type, "perspective": summary.perspective,
        "backend": summary.backend, "model": summary.model,
        "sections": [{"key": e.key, "version": e.version, "status": e.status}
                     for e in latest.values()],
        "links": links(api.draft_id)}


def draft_view(service: DraftingService, api: ApiDraft) -> dict[str, Any]:
    """A finished draft as a reviewer sees it, with the eval checks' scores and findings."""
    store = service.store
    summary = store.summary(api.draft_id)
    latest = _latest(store.history(api.draft_id))
    draft = service.review.reviewed(api.draft_id)
    body = draft.model_dump(mode="json")
    for section in body["sections"]:
        section["version"] = latest[section["key"]].version if section["key"] in latest else None
    report = service.evaluation.draft(draft, service.review.case(api.draft_id))
    return {
        "id": api.draft_id, "status": status_of(api, summary.status), "error": api.error,
        "case": api.api_case_id, "backend": summary.backend, "model": summary.model,
        "language_model": draft.provenance.language_model,
        "finished_at": None if summary.finished_at is None else summary.finished_at.isoformat(),
        **body,
        "eval": {"passed": not report.errors,
                 "scores": {s.check: s.score for s in report.scores},
                 "findings": [f.model_dump(mode="json") for f in report.findings]},
        "webhook": None if api.webhook_url is None else {
            "url": api.webhook_url, "result": api.webhook_result},
        "links": links(api.draft_id)}


def history_view(store: DraftStore, draft_id: str) -> dict[str, Any]:
    return {
        "id": draft_id,
        "versions": [{**entry._asdict(), "created_at": entry.created_at.isoformat()}
                     for entry in store.history(draft_id)],
        "audit": [{**asdict(entry), "at": entry.at.isoformat()}
                  for entry in store.audit(draft_id)],
        "links": links(draft_id)}
