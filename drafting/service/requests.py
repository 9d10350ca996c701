"""What front ends hand the service: a case as loaded (with the exact text it was read from) and
a request to draft it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.case import Case, case_file_hash
from drafting.case.vocab import DocumentType, Perspective


@dataclass(frozen=True)
class LoadedCase:
    """A validated case with the text it was read from (stored with every draft of it, so that a
    draft can be regenerated and checked later) and that text's hash."""

    case: Case
    text: str | None
    name: str  # the file name or path it came from, shown in errors and stored with drafts
    case_hash: str

    @classmethod
    def of(cls, case: Case, text: str, name: str | Path) -> LoadedCase:
        return cls(case, text, str(name), case_file_hash(text.encode("utf-8")))


@dataclass(frozen=True)
class DraftRequest:
    """Draft ``loaded`` as ``document_type`` from ``perspective`` (default: the case's own),
    with ``backend`` (default: the settings'), searching the guideline index or not (default:
    ``DraftingService.defaults``). ``options`` are stored with the draft (e.g. the formats a
    command will export, where the request came from)."""

    loaded: LoadedCase
    actor: str
    document_type: DocumentType | None = None
    perspective: Perspective | None = None
    backend: str | None = None
    retrieval: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)
    run_id: str | None = None
