"""Disputed items: the services whose necessity the opinion decides."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from drafting.case.base import CaseModel, DocumentId, FactId, ItemId, Positive, Text
from drafting.case.fact import Dose
from drafting.case.levels import SpinalLevels
from drafting.case.vocab import (
    Decision,
    ItemStatus,
    Laterality,
    Outcome,
    ProcedureFamily,
    RequestType,
)

# CPT (five digits, or four digits and a letter for category II/III) or HCPCS level II.
ServiceCode = Annotated[
    str, StringConstraints(pattern=r"^(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4})$")
]


class ItemDetails(CaseModel):
    levels: SpinalLevels = Field(default_factory=list)
    laterality: Laterality | None = None
    dose: Dose | None = None
    quantity: Positive | None = None
    frequency: str | None = None
    notes: str | None = None


class PriorDecision(CaseModel):
    """A utilization-review or payer decision on the item (or on the whole case)."""

    decision: Decision
    date: dt.date
    decided_by: Text = Field(description="Role, e.g. 'UR physician reviewer', never a name.")
    reason: Text
    criteria_cited: list[str] = Field(default_factory=list)
    document: DocumentId | None = None
    facts: list[FactId] = Field(default_factory=list)


    @property
    def adverse(self) -> bool:
        """A denial, or a modification (part of the request denied)."""
        return self.decision.value in ("denied", "modified")


class ExpectedOutcome(CaseModel):
    """The outcome a physician reached by applying the guideline by hand (for tests and docs)."""

    outcome: Outcome
    rationale: Text


class DisputedItem(CaseModel):
    id: ItemId
    service: Text
    procedure: ProcedureFamily
    code: ServiceCode | None = None
    details: ItemDetails = Field(default_factory=ItemDetails)
    date_of_service: dt.date = Field(
        description="Date rendered, or the date requested; selects guideline versions."
    )
    service_end: dt.date | None = Field(
        default=None, description="Last date of a course of treatment (e.g. months of opioids); "
        "evidence up to this date counts, while date_of_service still selects guideline versions.")
    status: ItemStatus = ItemStatus.rendered
    request_type: RequestType | None = Field(
        default=None, description="initial, repeat, continuation, replacement, revision or "
        "retrial; when omitted the criteria engine infers it from the service's wording and the "
        "record (an earlier procedure of the same kind, a current prescription).")
    facts: list[FactId] = Field(
        default_factory=list, description="Facts the requesting provider relies on."
    )
    prior_decision: PriorDecision | None = None
    expected: ExpectedOutcome | None = None
