"""A store writer that commits the writes queued up together as one transaction (a group commit).

A batch sends every store write to one writer thread. With each write its own transaction, every
one waits for its own commit (an fsync, ``synchronous=FULL``), and at full speed the writes queue
up behind the disk. ``GroupCommitWriter`` is an ``Executor`` for ``loop.run_in_executor``: it
takes every write waiting in its queue (up to ``max_group``), runs them in one transaction, each
in its own savepoint (``Database.group``), commits once, and only then completes their futures.

So a write is reported done only once it is durable, as before: a process killed at any moment
loses no write it has reported; a write that fails is undone alone and fails alone; if the
commit itself fails, every write of the group fails with that error."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from drafting.store.connection import Database

MAX_GROUP = 64  # writes per transaction at most: keeps the write lock short for other processes

_Task = tuple[Future, Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class GroupCommitWriter(Executor):
    def __init__(self, db: Database, *, max_group: int = MAX_GROUP,
                 name: str = "store-writer") -> None:
        self._db = db
        self._max_group = max_group
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._shutdown = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot submit a write after shutdown")
            future: Future = Future()
            self._queue.put((future, fn, args, kwargs))
            return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking writes; the ones already queued are still written (unless
        ``cancel_futures``), as ``ThreadPoolExecutor.shutdown`` does."""
        with self._lock:
            if not self._shutdown:
                self._shutdown = True
                if cancel_futures:
                    self._cancel_queued()
                self._queue.put(None)
        if wait:
            self._thread.join()

    def _cancel_queued(self) -> None:
        while True:
            try:
                task = self._queue.get_nowait()
            except queue.Empty:
                break
            if task is not None:
                task[0].cancel()

    def _work(self) -> None:
        stopping = False
        while not stopping:
            task = self._queue.get()
            if task is None:
                break
            group = [task]
            while len(group) < self._max_group:
                try:
                    task = self._queue.get_nowait()
                except queue.Empty:
                    break
                if task is None:
                    stopping = True
                    break
                group.append(task)
            self._commit(group)

    def _commit(self, group: list[_Task]) -> None:
        running = [t for t in group if t[0].set_running_or_notify_cancel()]
        if not running:
            return
        outcomes: list[tuple[bool, Any]] = []
        try:
            with self._db.group():
                for _, fn, args, kwargs in running:
                    try:
                        outcomes.append((True, fn(*args, **kwargs)))
                    except BaseException as exc:  # this write's savepoint is already undone
                        outcomes.append((False, exc))
        except BaseException as exc:  # BEGIN or COMMIT failed: no write of the group stands
            for future, *_ in running:
                future.set_exception(exc)
            return
        for (future, *_), (ok, value) in zip(running, outcomes, strict=True):
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
