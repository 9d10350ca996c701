"""The backend protocol: one method that turns a rendered prompt into text plus usage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
