"""A fact: one dated, sourced statement from the record, with optional structured values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from drafting.case.base import CaseModel, DocumentId, FactId, Percent, Positive, Text
from drafting.case.levels import SpinalLevels
from drafting.case.records import SourceRef
from drafting.case.vocab import DurationUnit, FactCategory, Laterality, ProcedureFamily

_TAG = re.compile(r"^[a-z][a-z0-9_]*$")

DAYS_PER_UNIT = {
    DurationUnit.hours: 1 / 24,
    DurationUnit.days: 1.0,
    DurationUnit.weeks: 7.0,
    DurationUnit.months: 365.25 / 12,
    DurationUnit.years: 365.25,
}


class Measure(CaseModel):
    """A measured value such as an Oswestry score (46 %), pain NRS (7 /10) or BMI (31 kg/m2)."""

    name: Text = Field(description="What was measured, e.g. ODI, NRS, BMI.")
    value: float
    unit: Text


class Duration(CaseModel):
    value: Positive
    unit: DurationUnit

    def in_weeks(self) -> float:
        return self.value * DAYS_PER_UNIT[self.unit] / 7.0


class Dose(CaseModel):
    drug: Text
    amount: Positive
    unit: Text = Field(description="e.g. mg, mcg/h, mcg/day")
    frequency: Text = Field(description="e.g. every 6 hours as needed, twice daily")


class Fact(CaseModel):
    id: FactId
    category: FactCategory
    date: Annotated[dt.date, WithJsonSchema({"anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"},
        {"type": "integer", "minimum": 1900, "maximum": 2100},
        {"type": "string", "pattern": r"(?i)^(?:(?:about\s+)?\d+\s+(day|week|month|year)s?\s+)?"
                                      r"(before|after)\s+(?:the\s+)?(injury|request|denial|review)$"},
    ]})] = Field(description="YYYY-MM-DD; a month (YYYY-MM) or a year (YYYY) when the "
                          "record gives no day; or relative to a key date of the case, e.g. "
                          "'3 months before request', 'before denial'.")
    date_precision: Literal["day", "month", "year", "approximate"] = Field(
        default="day", description="Set from how the date was written; drafts print no finer.")
    date_basis: str | None = Field(
        default=None, description="How an approximate date was set (the relative phrase, or "
        "a stated basis such as 'undated; before the UR decision').")
    end_date: dt.date | None = Field(
        default=None, description="Last date of a course (therapy, medication trial)."
    )
    statement: Text
    procedure: ProcedureFamily | None = Field(
        default=None, description="Procedure the fact is about (a procedure or its response)."
    )
    laterality: Laterality | None = None
    levels: SpinalLevels = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    percent_relief: Percent | None = None
    duration: Duration | None = None
    dose: Dose | None = None
    mme: Annotated[float, Field(ge=0)] | None = Field(
        default=None, description="Morphine milligram equivalents per day."
    )
    tags: list[str] = Field(
        default_factory=list,
        description="Findings in snake_case, e.g. radicular_pain, positive_slr, physical_therapy.",
    )
    references: list[DocumentId] = Field(
        default_factory=list,
        description="Other documents this fact's source mentions (an MRI report a note cites).",
    )
    source: SourceRef
    proposed: bool = Field(
        default=False, description="Proposed by a language model at intake and not yet accepted "
        "by a reviewer; the criteria engine ignores it until the flag is removed.")

    @model_validator(mode="before")
    @classmethod
    def _partial_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and "date" in data:
            from drafting.case.partial_dates import partial, unresolved

            unresolved(data["date"])  # a relative date the case could not resolve
            found = partial(data["date"])
            if found is not None:
                data = {**data, "date": found[0], "date_precision": found[1]}
        return data

    @property
    def date_text(self) -> str:
        """The date as precise as the record gives it."""
        from drafting.case.partial_dates import shown

        return shown(self.date, self.date_precision, self.date_basis)

    @field_validator("tags")
    @classmethod
    def _tags_are_snake_case(cls, tags: list[str]) -> list[str]:
        for tag in tags:
            if not _TAG.match(tag):
                raise ValueError(
                    f"tag '{tag}' is not snake_case; write it in lower case with underscores"
                )
        return tags
