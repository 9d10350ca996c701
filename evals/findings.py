"""What a check reports: a finding at a place in a draft, with a severity and an explanation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning"]


class Finding(BaseModel):
    check: str
    severity: Severity
    section: str
    sentence: int | None
    text: str
    message: str
