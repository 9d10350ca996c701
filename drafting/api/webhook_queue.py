"""The server's webhook queue: finished drafts' webhooks are sent here, off the drafting workers,
by a few senders on one event loop in a thread of its own, so a receiver that never answers
holds one sender (for at most the delivery deadline), never a drafting worker.

The queue is bounded (``api_webhook_queue``: waiting and under way); a webhook arriving when it
is full is recorded failed at once. At shutdown the deliveries under way and waiting get
``api_webhook_drain_s`` to finish; those left are abandoned and recorded failed (they are not
sent again after a restart)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from drafting.api.logs import logger
from drafting.api.webhook_targets import allowance
from drafting.api.webhooks import Limits, Outcome, WebhookCall, deliver
from drafting.settings import Settings

Recorder = Callable[[WebhookCall, Outcome], None]


class WebhookQueue:
    def __init__(self, settings: Settings, record: Recorder):
        self.allow = allowance(settings.api_webhook_allow)
        self.limits = Limits(settings.api_webhook_timeout_s, settings.api_webhook_deadline_s,
                             settings.api_webhook_attempts)
        self.size = settings.api_webhook_queue
        self.drain_s = settings.api_webhook_drain_s
        self._record = record
        self._log = logger()
        self._lock = threading.Lock()
        self._count = 0  # waiting and under way
        self._closed = False
        self._sending: dict[asyncio.Task[None], WebhookCall] = {}
        self._loop = asyncio.new_event_loop()
        self._queue: asyncio.Queue[WebhookCall] = asyncio.Queue()
        self._senders: list[asyncio.Task[None]] = []
        started = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(
            settings.api_webhook_senders, started), name="webhooks", daemon=True)
        self._thread.start()
        started.wait()

    def _run(self, senders: int, started: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._senders = [self._loop.create_task(self._send()) for _ in range(senders)]
        self._loop.call_soon(started.set)
        self._loop.run_forever()

    @property
    def pending(self) -> int:
        """Webhooks waiting or being sent."""
        with self._lock:
            return self._count

    def submit(self, call: WebhookCall) -> bool:
        """Queue ``call`` (from any thread, never waiting); False if the queue was full or
        closed, and then it is recorded failed here."""
        with self._lock:
            accepted = not self._closed and self._count < self.size
            if accepted:
                self._count += 1
        if accepted:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, call)
            return True
        why = "the server is stopping" if self._closed else f"the queue is full ({self.size})"
        self._finish(call, Outcome(False, 0, f"not sent: {why}"), 0.0)
        return False

    async def _send(self) -> None:
        task = asyncio.current_task()
        assert task is not None
        while True:
            call = await self._queue.get()
            self._sending[task] = call
            started = time.monotonic()
            try:
                outcome = await deliver(call, self.allow, self.limits)
            except Exception as exc:  # a bug; the sender carries on with the next webhook
                outcome = Outcome(False, 0, f"delivery failed: {type(exc).__name__}: {exc}")
            del self._sending[task]
            await asyncio.to_thread(self._finish, call, outcome, time.monotonic() - started)
            with self._lock:
                self._count -= 1
            self._queue.task_done()

    def _finish(self, call: WebhookCall, outcome: Outcome, seconds: float) -> None:
        try:
            self._record(call, outcome)
        except Exception as exc:
            self._log.error("webhook result not recorded", extra={
                "event": "webhook", "draft_id": call.draft_id,
                "error_type": type(exc).__name__})
        level = self._log.info if outcome.delivered else self._log.warning
        level("webhook " + ("delivered" if outcome.delivered else "failed"), extra={
            "event": "webhook", "draft_id": call.draft_id, "organisation": call.organisation,
            "delivered": outcome.delivered, "attempts": outcome.attempts,
            "reason": outcome.detail, "ms": round(seconds * 1000, 1)})

    def close(self) -> None:
        """Stop taking webhooks, give those queued ``drain_s`` seconds, abandon the rest."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        asyncio.run_coroutine_threadsafe(self._drain(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    async def _drain(self) -> None:
        try:
            async with asyncio.timeout(self.drain_s):
                await self._queue.join()
        except TimeoutError:
            pass
        for task in self._senders:
            task.cancel()
        await asyncio.gather(*self._senders, return_exceptions=True)
        left = list(self._sending.values())
        while not self._queue.empty():
            left.append(self._queue.get_nowait())
        for call in left:
            await asyncio.to_thread(self._finish, call, Outcome(
                False, 0, "abandoned: the server stopped before it was delivered"), 0.0)
        await self._loop.shutdown_default_executor()
