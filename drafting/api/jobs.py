"""Background drafting for the API: a bounded pool of worker threads (``api_concurrency``), each
drafting one stored draft section by section into the store (every section saved as drafted),
then calling the draft's webhook. The queue itself is the store: a draft is ``queued`` there
before its 202 is sent, so a server that stops (or is killed) picks up its unfinished drafts
when it starts again, keeping the sections already stored."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from drafting.api.logs import logger
from drafting.api.stores import StorePool
from drafting.api.webhooks import deliver
from drafting.backends.registry import create
from drafting.context import Retriever
from drafting.draft import SectionDraft
from drafting.recording import draft_into_store, reusable
from drafting.reviewing import stored_case
from drafting.settings import Settings
from drafting.store import DraftStore
from drafting.store.tenancy import ApiDraft
from drafting.store.workers import is_alive
from guideline_index.excerpt import Excerpt


class DraftJobs:
    def __init__(self, settings: Settings, stores: StorePool, excerpts: dict[str, Excerpt]):
        self.settings = settings
        self.stores = stores
        self.excerpts = excerpts
        self.log = logger()
        self._pool = ThreadPoolExecutor(max_workers=settings.api_concurrency,
                                        thread_name_prefix="necessity-draft")
        self._index: Any = None
        self._index_lock = threading.Lock()
        self._search_lock = threading.Lock()
        self._pending: set[Future[None]] = set()
        self._pending_lock = threading.Lock()

    def submit(self, draft_id: str, reuse: dict[str, SectionDraft] | None = None) -> None:
        future = self._pool.submit(self._run, draft_id, reuse)
        with self._pending_lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future[None]) -> None:
        with self._pending_lock:
            self._pending.discard(future)

    @property
    def in_flight(self) -> int:
        with self._pending_lock:
            return len(self._pending)

    def recover(self) -> int:
        """Queue the API drafts a stopped server left unfinished (their process is gone), keeping
        their stored sections; returns how many were queued again."""
        store = self.stores.get()
        resumed = 0
        for api in store.unfinished_api_drafts():
            summary = store.summary(api.draft_id)
            if summary.status != "in_progress":  # drafted, but stopped before its state was set
                self._finished(store, api, summary.status, 0.0)
                continue
            if is_alive(summary.worker) is not False:
                continue  # drafted by another live process (or on another host)
            stored = store.resume_draft(api.draft_id, "api")
            self.submit(api.draft_id, reusable(stored))
            resumed += 1
        return resumed

    def shutdown(self) -> None:
        """Finish the drafts being drafted; queued ones stay queued in the store."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- one job ---------------------------------------------------------------------------------

    def _sources(self, case: Any, retrieval: bool) -> tuple[Retriever | None, dict[str, Excerpt]]:
        if not retrieval:
            return None, self.excerpts
        from drafting.sources import open_index, retriever_for

        with self._index_lock:
            if self._index is None:
                self._index = open_index(self.settings)
        index, excerpts = self._index
        search = retriever_for(index, case)

        def retrieve(query, item):  # type: ignore[no-untyped-def]
            with self._search_lock:  # one search at a time: the index is shared by the threads
                return search(query, item)

        return retrieve, excerpts

    def _run(self, draft_id: str, reuse: dict[str, SectionDraft] | None) -> None:
        store = self.stores.get()
        api = store.api_draft_by_id(draft_id)
        started = time.perf_counter()
        try:
            store.set_api_draft_state(draft_id, "running")
            case = stored_case(store, draft_id)
            summary = store.summary(draft_id)
            backend = create(summary.backend, self.settings)
            retrieve, excerpts = self._sources(case, api.retrieval)
            draft = asyncio.run(draft_into_store(
                store, draft_id, case, summary.case_hash, backend, self.settings, excerpts,
                retrieve, actor=api.created_by, reuse=reuse))
        except Exception as exc:
            store.interrupt_draft(draft_id, "api", f"drafting failed: {type(exc).__name__}")
            store.set_api_draft_state(draft_id, "failed", f"{type(exc).__name__}: {exc}")
            self.log.error("draft failed", extra={
                "event": "draft_failed", "draft_id": draft_id, "organisation": api.organisation,
                "error_type": type(exc).__name__})
            self._call_webhook(store, api, "failed")
            return
        status = "incomplete" if not draft.complete else "complete"
        self._finished(store, api, status, time.perf_counter() - started)

    def _finished(self, store: DraftStore, api: ApiDraft, status: str, seconds: float) -> None:
        store.set_api_draft_state(api.draft_id, "finished")
        self.log.info("draft finished", extra={
            "event": "draft_finished", "draft_id": api.draft_id, "organisation": api.organisation,
            "state": status, "ms": round(seconds * 1000, 1)})
        self._call_webhook(store, api, status)

    def _call_webhook(self, store: DraftStore, api: ApiDraft, status: str) -> None:
        if api.webhook_url is None:
            return
        key = store.api_key_by_id(api.created_by)
        payload = {"event": "draft.finished", "draft_id": api.draft_id, "status": status,
                   "case": api.api_case_id, "links": {"self": f"/v1/drafts/{api.draft_id}"}}
        delivered, result = deliver(api.webhook_url, key.webhook_secret, payload,
                                    timeout_s=self.settings.api_webhook_timeout_s,
                                    attempts=self.settings.api_webhook_attempts)
        store.record_webhook(api.draft_id, api.webhook_url, result, delivered)
        self.log.info("webhook", extra={"event": "webhook", "draft_id": api.draft_id,
                                        "organisation": api.organisation,
                                        "delivered": delivered})
