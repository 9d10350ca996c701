"""Case files sent to the API are validated in their own worker process, never in the server's.

Validating a large case is pure-Python CPU work; in a request thread it holds the interpreter
lock that the event loop needs to answer every other organisation's requests. Here it runs in
``api_validation_workers`` spawned processes at lower CPU priority, within a time budget
(``api_validation_timeout_s``): a file still being validated when the budget runs out is
refused, and its worker replaced; one still waiting is told the server is busy. The budget
starts once the workers are up: new workers (at start, or replacing one stopped for overrunning)
import the case model first, about a second, and a file sent meanwhile must not be refused for
the time another file's overrun cost."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from drafting.case import Case, CaseFileError, read_case_bytes
from drafting.case.problems import Problem

WORKER_NICENESS = 5  # as the drafting workers: answering requests comes first
# How long new workers may take to start (import the case model: ~1 s idle, several seconds on
# a loaded machine) before a file waiting for them is told the server is busy.
STARTUP_TIMEOUT_S = 60.0


class ValidationBusy(RuntimeError):
    """Every validation worker was busy for the whole budget."""


@dataclass(frozen=True)
class _Valid:
    case_json: str
    text: str


@dataclass(frozen=True)
class _Invalid:
    name: str
    problems: list[Problem]


def _start() -> None:
    os.nice(WORKER_NICENESS)


def _validate(body: bytes, name: str) -> _Valid | _Invalid:
    """In the worker: the validated case as JSON, or its problems (an exception with a custom
    constructor does not cross a process boundary intact)."""
    try:
        case, text = read_case_bytes(body, name)
    except CaseFileError as exc:
        return _Invalid(name, exc.problems)
    return _Valid(case.model_dump_json(), text)


class CaseValidator:
    def __init__(self, workers: int, timeout_s: float):
        self.workers, self.timeout_s = workers, timeout_s
        self._pool, self._ready = self._new_pool()

    def _new_pool(self) -> tuple[ProcessPoolExecutor, list[Future[int]]]:
        """A pool whose workers start now, and what says they are up (each answers once)."""
        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start,
                                   mp_context=multiprocessing.get_context("spawn"))
        return pool, [pool.submit(os.getpid) for _ in range(self.workers)]

    def warm(self) -> None:
        """Wait until the workers are up (a spawned process imports the case model, ~1 s)."""
        for future in self._ready:
            future.result()

    async def _started(self, ready: list[Future[int]]) -> None:
        try:
            await asyncio.wait_for(asyncio.gather(*map(asyncio.wrap_future, ready)),
                                   STARTUP_TIMEOUT_S)
        except (TimeoutError, BrokenProcessPool):
            raise ValidationBusy("the case validators are starting; retry shortly") from None

    async def validate(self, body: bytes, name: str) -> tuple[Case, str]:
        """The case and its text, or CaseFileError naming ``name``, field and line."""
        for _ in range(2):  # once more if another file's overrun replaced the workers
            pool = self._pool
            await self._started(self._ready)  # the budget is for this file, not for start-up
            if self._pool is not pool:
                continue
            future: Future[_Valid | _Invalid] = pool.submit(_validate, body, name)
            try:
                result = await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
            except TimeoutError:
                if future.cancel():  # still queued: nothing ran, the client may retry
                    raise ValidationBusy("every case validator stayed busy for "
                                         f"{self.timeout_s:g} s; retry shortly") from None
                self._replace(pool)  # running past its budget: stop that worker
                raise CaseFileError(name, [Problem(
                    (), f"validating the file took longer than {self.timeout_s:g} s "
                    "(api_validation_timeout_s)", "send a smaller case file")]) from None
            except BrokenProcessPool:
                if self._pool is not pool:
                    continue
                self._replace(pool)
                raise CaseFileError(name, [Problem(
                    (), "the case validator stopped while reading this file",
                    "send a smaller or simpler case file")]) from None
            if isinstance(result, _Invalid):
                raise CaseFileError(result.name, result.problems)
            return Case.model_validate_json(result.case_json), result.text
        raise ValidationBusy("the case validators were restarted twice; retry shortly")

    def _replace(self, pool: ProcessPoolExecutor) -> None:
        """New workers in place of ``pool``'s (unless already replaced); its processes are
        stopped, so what was queued there fails and is sent again."""
        if self._pool is not pool:
            return
        self._pool, self._ready = self._new_pool()
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        pool.shutdown(wait=False)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
