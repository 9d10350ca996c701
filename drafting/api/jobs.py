"""Background drafting for the API: a bounded pool of worker processes (``api_concurrency``), each
drafting one stored draft at a time section by section into the store (every section saved as
drafted), then handing the draft's webhook to the server's webhook queue (``webhook_queue``: sent
there, never by a drafting worker). Drafting is CPU work; in worker processes it never
holds the server's interpreter lock, so polling and other requests stay fast under load.

The queue itself is the store: a draft is ``queued`` there before its 202 is sent, so a server
that stops (or is killed) picks up its unfinished drafts when it starts again, keeping the
sections already stored."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from drafting.api.logs import logger
from drafting.api.tenancy import ApiDraft, tenancy
from drafting.api.views import finished_body
from drafting.api.webhook_queue import WebhookQueue
from drafting.api.webhook_targets import without_userinfo
from drafting.api.webhooks import Outcome, WebhookCall
from drafting.draft import SectionDraft
from drafting.heap import freeze_long_lived
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import acting_as, api_key_principal
from drafting.store.group_commit import GroupCommitWriter
from drafting.store.workers import is_alive


class DraftJobs:
    """The server's side: submits drafts to the worker processes and recovers unfinished ones."""

    def __init__(self, settings: Settings, service: DraftingService):
        self.settings = settings
        self.service = service  # the server's (recovery runs on it)
        # spawn: a forked child would inherit the server's threads' locks mid-flight.
        self._pool = ProcessPoolExecutor(
            max_workers=settings.api_concurrency, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(settings, os.getpid()))
        self._pending: set[Future[WebhookCall | None]] = set()
        self._lock = threading.Lock()
        self.webhooks = WebhookQueue(settings, self._record_webhook)

    def submit(self, draft_id: str, reuse: dict[str, SectionDraft] | None = None) -> None:
        future = self._pool.submit(_draft, draft_id, reuse)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future[WebhookCall | None]) -> None:
        with self._lock:
            self._pending.discard(future)
        if future.cancelled():
            return
        if future.exception() is not None:
            logger().error("drafting worker failed", extra={
                "event": "worker_failed", "error_type": type(future.exception()).__name__})
            return
        call = future.result()
        if call is not None:
            self.webhooks.submit(call)

    def _record_webhook(self, call: WebhookCall, outcome: Outcome) -> None:
        """Only delivered or failed (never the receiver's answer or an error's text), on the
        draft and in its audit log; called on a webhook queue thread (its own store)."""
        tenancy(self.service.store).record_webhook(
            call.draft_id, without_userinfo(call.url), outcome.result, outcome.delivered)

    @property
    def in_flight(self) -> int:
        with self._lock:
            return len(self._pending)

    def start(self) -> None:
        """Start every worker process now (they import the drafting engine, a few seconds of
        CPU each) rather than when the first drafts arrive."""
        for future in [self._pool.submit(_ready) for _ in range(self.settings.api_concurrency)]:
            future.result()

    def recover(self) -> int:
        """Queue the API drafts a stopped server left unfinished (the process drafting them is
        gone), keeping their stored sections; returns how many were queued again."""
        service = self.service
        store = service.store
        resumed = 0
        finisher: _Worker | None = None
        for api in tenancy(store).unfinished_api_drafts():
            summary = store.summary(api.draft_id)
            if summary.status != "in_progress":  # drafted, but stopped before its state was set
                finisher = finisher or _Worker(self.settings, service)
                call = finisher.finished(api, summary.status, 0.0)
                if call is not None:
                    self.webhooks.submit(call)
                continue
            if is_alive(summary.worker) is not False:
                continue  # drafted by another live process (or on another host)
            self.submit(api.draft_id, service.drafting.resume(api.draft_id, "api"))
            resumed += 1
        return resumed

    def shutdown(self) -> None:
        """Finish the drafts being drafted (queued ones stay queued in the store), then give
        their webhooks ``api_webhook_drain_s`` to be sent (the rest are recorded failed)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.webhooks.close()


# -- in a worker process -------------------------------------------------------------------------

_WORKER: _Worker | None = None
WATCH_PARENT_S = 0.2
WORKER_NICENESS = 5  # lower CPU priority than the server process (nice 0)


def _start_worker(settings: Settings, server_pid: int) -> None:
    global _WORKER
    # Watch first: a worker still starting when the server died must not draft anything.
    threading.Thread(target=_exit_with_server, args=(server_pid,), daemon=True).start()
    # Drafting is background work: the server answering requests comes first for the CPU.
    os.nice(WORKER_NICENESS)
    # One drafting service for the worker's life (its store opened now, not on the first
    # draft): the guideline index, once a draft retrieves, is opened once and kept.
    _WORKER = _Worker(settings, DraftingService(settings))
    freeze_long_lived()  # modules, the service and its excerpts stay for the worker's life


def _ready() -> int:
    return os.getpid()


def _exit_with_server(server_pid: int) -> None:
    """A worker whose server died (SIGKILL, OOM) stops at once instead of drafting the jobs
    already handed to it: the restarted server resumes those from the store, exactly once."""
    while os.getppid() == server_pid:
        time.sleep(WATCH_PARENT_S)
    os._exit(1)


def _draft(draft_id: str, reuse: dict[str, SectionDraft] | None) -> WebhookCall | None:
    """Draft it; returns its webhook for the server to send."""
    assert _WORKER is not None, "not in a drafting worker process"
    return _WORKER.draft(draft_id, reuse)


class _Worker:
    """Drafts API drafts in a worker process; in the server, finishes the bookkeeping of drafts
    a stopped server left drafted but not marked finished (on the calling thread's store)."""

    def __init__(self, settings: Settings, service: DraftingService):
        self.settings = settings
        self.service = service
        self.store = service.store
        self.log = logger()
        self._writer: GroupCommitWriter | None = None

    @property
    def writer(self) -> GroupCommitWriter:
        """Sections finishing together are committed together: fewer turns on the store's
        writer lock, which the server's own writes (new drafts, edits) queue for too. Started
        with the first draft (a worker only finishing a draft never needs it)."""
        if self._writer is None:
            self._writer = GroupCommitWriter(self.store.db)
        return self._writer

    def draft(self, draft_id: str, reuse: dict[str, SectionDraft] | None
              ) -> WebhookCall | None:
        store, service = self.store, self.service
        api = tenancy(store).api_draft_by_id(draft_id)
        started = time.perf_counter()
        with acting_as(api_key_principal(api.created_by)):  # the audit log's actor: the key
            try:
                store.claim_draft(draft_id)  # this process is drafting it now (see recover)
                tenancy(store).set_api_draft_state(draft_id, "running")
                case = service.review.case(draft_id)
                summary = store.summary(draft_id)
                backend = service.drafting.backend(summary.backend)
                draft = asyncio.run(service.drafting.into_store(
                    draft_id, case, summary.case_hash, backend, actor=api.created_by,
                    retrieval=api.retrieval, reuse=reuse, writer=self.writer))
            except Exception as exc:
                store.interrupt_draft(draft_id, "api", f"drafting failed: {type(exc).__name__}")
                tenancy(store).set_api_draft_state(draft_id, "failed",
                                                   f"{type(exc).__name__}: {exc}")
                self.log.error("draft failed", extra={
                    "event": "draft_failed", "draft_id": draft_id,
                    "organisation": api.organisation, "error_type": type(exc).__name__})
                return self.webhook_call(api, "failed")
            return self.finished(api, "complete" if draft.complete else "incomplete",
                                 time.perf_counter() - started)

    def finished(self, api: ApiDraft, status: str, seconds: float) -> WebhookCall | None:
        tenancy(self.store).set_api_draft_state(api.draft_id, "finished")
        self.log.info("draft finished", extra={
            "event": "draft_finished", "draft_id": api.draft_id, "organisation": api.organisation,
            "state": status, "ms": round(seconds * 1000, 1)})
        # Build the response body here, at low priority, so that polling clients get it from
        # the store instead of the server building it for each draft.
        finished_body(self.service, tenancy(self.store).api_draft_by_id(api.draft_id))
        return self.webhook_call(api, status)

    def webhook_call(self, api: ApiDraft, status: str) -> WebhookCall | None:
        """The draft's webhook, for the server's webhook queue to send (None: it has none)."""
        if api.webhook_url is None:
            return None
        key = tenancy(self.store).api_key_by_id(api.created_by)
        payload = {"event": "draft.finished", "draft_id": api.draft_id, "status": status,
                   "case": api.api_case_id, "links": {"self": f"/v1/drafts/{api.draft_id}"}}
        return WebhookCall(api.draft_id, api.organisation, api.webhook_url,
                           key.webhook_secret, payload)
