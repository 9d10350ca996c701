"""A draft opinion: sections with their citations, the criteria results they rest on, and the
provenance of every model call. Exporters and evals read this and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from drafting.criteria.results import ItemResult

OFFLINE_LABEL = ("Drafted without a language model: composed deterministically by the offline "
                 "backend from the case facts, criteria results and guideline excerpts.")


class Citation(BaseModel):
    marker: str = Field(description="As written in the text: 'F12' or 'G:mtus-cp-esi-purpose'.")
    kind: Literal["fact", "excerpt"]
    target: str
    sentence: int = Field(description="Index of the sentence within the section.")
    valid: bool = True
    problem: str | None = None


class Source(BaseModel):
    """What a footnote shows for a citation marker."""

    marker: str
    kind: Literal["fact", "excerpt"]
    label: str = Field(description="One-line citation: document, date and page, or guideline.")
    text: str = Field(description="The fact statement or excerpt text.")


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


class SectionDraft(BaseModel):
    key: str = Field(description="Stable key, e.g. 'chronology' or 'item-I1-analysis'.")
    kind: str
    title: str
    item_id: str | None = None
    text: str = ""
    status: Literal["ok", "repaired", "failed"] = "ok"
    error: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    fact_ids: list[str] = Field(default_factory=list, description="Facts supplied to the prompt.")
    excerpt_ids: list[str] = Field(default_factory=list, description="Excerpts supplied.")
    prompt_hash: str = ""
    template_hash: str = ""
    attempts: int = 0
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0

    @property
    def invalid_citations(self) -> list[Citation]:
        return [c for c in self.citations if not c.valid]


class StageTiming(BaseModel):
    """One pipeline stage of one draft (see ``drafting.stages.PIPELINE``)."""

    stage: str
    seconds: float = Field(description="Wall time; per-section stages: summed over sections.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    errors: list[str] = Field(default_factory=list, description="Errors the stage raised or "
                              "recorded (a failed backend call, a store write).")


class Provenance(BaseModel):
    backend: str
    model: str
    base_url_host: str | None = None
    external: bool = False
    language_model: bool = Field(description="False for the deterministic offline composer.")
    prompt_hashes: dict[str, str] = Field(default_factory=dict)
    template_hashes: dict[str, str] = Field(default_factory=dict)
    excerpt_ids: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    stages: list[StageTiming] = Field(default_factory=list)


class ReviewerOverride(BaseModel):
    """A physician's override of a criterion's status or of a disputed item's outcome, as shown
    in an export of a stored draft (the criteria results there already carry it)."""

    item_id: str
    criterion_id: str | None = Field(default=None, description="None: the item's outcome.")
    engine_value: str | None = Field(description="What the criteria engine decided.")
    value: str
    reason: str
    author: str
    at: dt.datetime


class Draft(BaseModel):
    case_id: str
    case_hash: str
    title: str
    document_type: str
    perspective: str
    setting: str
    created_at: dt.datetime
    label: str | None = Field(default=None, description="Shown at the top of every output.")
    sections: list[SectionDraft]
    criteria: list[ItemResult]
    sources: dict[str, Source] = Field(default_factory=dict)
    provenance: Provenance
    overrides: list[ReviewerOverride] = Field(default_factory=list)
    signed_off_by: str | None = None
    signed_off_at: dt.datetime | None = None
    signer_credentials: str | None = Field(
        default=None, description="The signer's credentials from their profile (e.g. 'MD, "
        "board certified in pain medicine'), filled in the signature block of a signed draft.")

    @property
    def complete(self) -> bool:
        return all(s.status != "failed" for s in self.sections)

    @property
    def invalid_citations(self) -> list[tuple[str, Citation]]:
        return [(s.key, c) for s in self.sections for c in s.invalid_citations]
