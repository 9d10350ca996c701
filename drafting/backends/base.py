"""The backend protocol: one method that turns a rendered prompt into text plus usage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Prompt:
    """A rendered section prompt. ``context`` is the data the prompt was rendered from; a
    language model reads ``system`` and ``user``, the offline composer reads ``context``."""

    kind: str
    system: str
    user: str
    hash: str
    context: Mapping[str, Any] = field(default_factory=dict)


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
