"""The backend protocol: one method that turns a rendered prompt into text plus usage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from drafting.prompting import Prompt


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    model: str
    attempts: int = 1


class BackendError(Exception):
    """A call that failed after the backend's own retries (timeout, HTTP error, bad output)."""

    def __init__(self, message: str, attempts: int = 1):
        super().__init__(message)
        self.attempts = attempts


class Backend(Protocol):
    name: str
    model: str
    language_model: bool
    base_url_host: str | None
    external: bool

    async def complete(self, prompt: Prompt) -> Completion: ...


@runtime_checkable
class LearnsCase(Protocol):
    """A backend that protects what it sends (e.g. de-identifies text bound for a non-local
    host) and must know the whole case before its first call: a name the first prompt carries
    bare ("Bramblewick recommended...") is replaced only if the case taught it first (from an
    author field, "Dr. ...", a signature line in another fact)."""

    def learn_case(self, case_id: str, texts: Iterable[str]) -> None: ...
