"""The case: who, what setting, which records, which facts, which disputed services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from drafting.case.base import CaseModel, Text
from drafting.case.fact import Fact
from drafting.case.item import DisputedItem, PriorDecision
from drafting.case.levels import SpinalLevels
from drafting.case.records import Document
from drafting.case.vocab import DocumentType, Laterality, Perspective, Setting, Sex

CaseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{2,79}$")]
# ICD-10-CM, or ICD-9-CM (three digits with up to two decimals, or an E code) for older records.
Icd10 = Annotated[str, StringConstraints(
    pattern=r"^(?:[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?|[0-9]{3}(?:\.[0-9]{1,2})?|E[0-9]{3}(?:\.[0-9])?)$")]


class Patient(CaseModel):
    """De-identified patient descriptors only: no names, no dates of birth."""

    age: Annotated[int, Field(ge=0, le=120)]
    sex: Sex
    occupation: str | None = None


class Diagnosis(CaseModel):
    # A record may state a diagnosis without its code ("Assessment: lumbar strain"): kept as
    # written, uncoded, rather than given a code the record does not hold.
    code: Icd10 | None = Field(default=None, description=(
        "ICD-10-CM (or ICD-9-CM for older records) code; absent when the record gives none."))
    text: Text
    laterality: Laterality | None = None
    levels: SpinalLevels = Field(default_factory=list)


class KeyDates(CaseModel):
    injury: dt.date | None = None
    request: dt.date | None = None
    denial: dt.date | None = None
    review: dt.date | None = None


class Case(CaseModel):
    id: CaseId
    title: Text
    synthetic: bool = Field(default=False, description="True for invented teaching/test cases.")
    document_type: DocumentType
    perspective: Perspective
    setting: Setting
    jurisdiction: Text = Field(description="e.g. 'California', 'US (Medicare, J-E contractor)'.")
    question: str | None = Field(default=None, description="The question presented, if given.")
    dates: KeyDates = Field(default_factory=KeyDates)
    patient: Patient
    diagnoses: Annotated[list[Diagnosis], Field(min_length=1)]
    documents: Annotated[list[Document], Field(min_length=1)]
    facts: Annotated[list[Fact], Field(min_length=1)]
    disputed_items: Annotated[list[DisputedItem], Field(min_length=1)]
    prior_decision: PriorDecision | None = None

    @model_validator(mode="before")
    @classmethod
    def _relative_dates(cls, data: Any) -> Any:
        """Resolve fact dates written relative to a key date ("3 months before request")."""
        if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
            return data
        from drafting.case.partial_dates import relative

        dates = data.get("dates")
        key_dates: dict[str, Any] = dates if isinstance(dates, dict) else {}
        facts = []
        for raw in data["facts"]:
            if isinstance(raw, dict) and isinstance(raw.get("date"), str):
                found = relative(raw["date"], key_dates)  # None: the fact's check names why
                if found is not None:
                    raw = {**raw, "date": found[0], "date_precision": "approximate",
                           "date_basis": raw.get("date_basis") or found[1]}
            facts.append(raw)
        return {**data, "facts": facts}

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def document(self, document_id: str) -> Document:
        return next(d for d in self.documents if d.id == document_id)
