"""An excerpt: one guideline provision, paraphrased in our words, with a precise citation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from drafting.case.vocab import ProcedureFamily, Setting

ExcerptId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]+$")]
# "general" marks provisions that apply to every procedure (e.g. conservative care, imaging).
ProcedureTag = ProcedureFamily | Literal["general"]


class Excerpt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: ExcerptId
    guideline: str = Field(min_length=1)
    short: str = Field(min_length=1, description="How a citation names the guideline.")
    edition: str = Field(min_length=1)
    publisher: str | None = None
    source: str = Field(min_length=1, description="URL or document name.")
    section: str = Field(min_length=1)
    page: int | str | None = None
    paginated: bool = Field(default=True, description="False for a document published without "
                            "page numbers (an LCD, an NCD): its `recommendation` (the numbered "
                            "part) locates a provision there, as a page does elsewhere.")
    recommendation: str | None = None
    procedures: list[ProcedureTag] = Field(min_length=1)
    settings: list[Setting] = Field(min_length=1)
    effective_from: dt.date
    effective_to: dt.date | None = Field(default=None, description="Last day in force.")
    evidence: str | None = None
    topics: list[str] = Field(default_factory=list)
    text: str = Field(min_length=20, description="What the guideline says, in our words.")
    note: str | None = Field(default=None, description="Our reviewer's gloss on how the "
                             "provision is applied; never cited as the guideline.")
    verify: str | None = Field(default=None, description="Why a citation detail is unverified.")
    origin: Literal["corpus", "ingested"] = "corpus"

    @model_validator(mode="after")
    def _dates_in_order(self) -> Excerpt:
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValueError(
                f"effective_to {self.effective_to} is before effective_from "
                f"{self.effective_from}; effective_to is the last day the text was in force"
            )
        return self

    @property
    def located(self) -> bool:
        """Whether a reader can find the provision: a page, or in a document without pages its
        numbered part."""
        return self.page is not None or (not self.paginated and bool(self.recommendation))

    def in_force_on(self, day: dt.date) -> bool:
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)

    @property
    def citation(self) -> str:
        """e.g. ``MTUS Chronic Pain (2009), Epidural steroid injections (ESIs), p. 46``."""
        parts = [f"{self.short} ({self.edition})", self.section]
        if self.recommendation:
            parts.append(self.recommendation)
        if self.page is not None:
            parts.append(f"p. {self.page}")
        return ", ".join(parts)
