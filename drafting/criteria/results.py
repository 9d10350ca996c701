"""What the criteria engine decides, as data the drafting stage and the CLI both read."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from drafting.case.vocab import Outcome, RequestType


class Status(StrEnum):
    met = "met"
    not_met = "not_met"
    undocumented = "undocumented"


class Gap(StrEnum):
    clinical = "clinical"  # the evidence does not exist in the record
    submission = "submission"  # the record cites it, but the packet does not include it


class CriterionResult(BaseModel):
    criterion_id: str
    statement: str
    required: bool
    decides_if_contradicted: bool = Field(
        default=False, description="Supporting here, but would decide the item if the record "
        "contradicted it (a setting-specific weight).")
    status: Status
    reason: str
    supporting_facts: list[str] = Field(default_factory=list)
    contradicting_facts: list[str] = Field(default_factory=list)
    basis: list[str] = Field(default_factory=list, description="Excerpts in force that apply.")
    gap: Gap | None = None
    missing_documents: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="e.g. '13 weeks documented'.")


class Objection(BaseModel):
    raised_by: str = Field(description="Which side raises it: for or against necessity.")
    criterion_id: str | None
    argument: str
    answer: str
    answer_facts: list[str] = Field(default_factory=list)


class ItemResult(BaseModel):
    item_id: str
    service: str
    criteria_set: str | None
    criteria_title: str | None
    request_type: RequestType | None = Field(
        default=None, description="As stated in the case file or inferred (see the basis).")
    request_type_basis: str | None = None
    outcome: Outcome | None
    confidence: str
    deciding: list[str] = Field(default_factory=list)
    decisive: str | None = Field(
        default=None, description="The one deciding criterion the outcome turns on (first in "
        "``deciding``; drafting/criteria/decisive.py); its reason says why.")
    summary: str
    judged_on: str | None = Field(
        default=None, description="When the item is judged on another setting's criteria "
        "(a stand-in for a guideline not in the index, or the plan criteria an external "
        "review applies): which, and why. Also the end of the summary.")
    criteria: list[CriterionResult] = Field(default_factory=list)
    missing_documents: list[str] = Field(
        default_factory=list, description="Every document the item's evidence cites (or comes "
        "from) that the packet does not include: the submission gaps to list.")
    objections: list[Objection] = Field(default_factory=list)
    causation: str | None = Field(
        default=None, description="When the record disputes whether the condition is related "
        "to the injury: a sentence saying that question is compensability, not necessity, and "
        "that the criteria do not decide it (drafting/criteria/dispute.py). Also the end of "
        "the summary; the outcome is not changed by it.")
    denied_before: str | None = Field(
        default=None, description="How a payer already denied or modified the item before this "
        "draft, from the case (e.g. 'denied on 24 May 2017 by the UR physician reviewer'); a "
        "pre-denial dossier for it lists this as a missing element.")
