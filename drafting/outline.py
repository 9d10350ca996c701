"""Outlines as data: the ordered sections of each document type, expanded per disputed item, and
how the type argues (its stance, addressee and outcome words per setting)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from drafting.case import Case, DisputedItem
from drafting.case.vocab import DocumentType

OUTLINE_DIR = Path(__file__).with_name("outlines")
SectionKind = Literal["letter", "opening", "qualifications", "records", "chronology",
                      "item_analysis", "scope", "gaps", "objections", "checklist", "conclusion",
                      "signature"]
# advocacy: presents the requester's strongest record-based case and never concludes against
# it (a weak request gets a note of what to add); neutral: decides each item in the setting's
# words; opinion: an expert's opinion for the side that retained it (or neutral), on the record.
Stance = Literal["advocacy", "neutral", "opinion"]


class SectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    kind: SectionKind
    title: str
    purpose: str
    per_item: bool = False
    facts: Literal["none", "all", "item", "gaps", "objections", "deciding", "decisions",
                   "references"]
    criteria: Literal["none", "all", "item"]
    queries: list[str] = Field(default_factory=list)
    budget: int = Field(gt=0, description="Token budget for the data in the section prompt.")


class OutcomeWords(BaseModel):
    """How a determination states each outcome in one setting. ``{service}`` is the item;
    the ``*_denied`` forms are used when the item (or the case) was denied before."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    necessary: str
    not_necessary: str
    insufficient_documentation: str
    necessary_denied: str | None = None
    not_necessary_denied: str | None = None
    insufficient_documentation_denied: str | None = None
    short: dict[str, str] = Field(default_factory=dict, description="One or two words per "
                                  "outcome for the list of determinations (e.g. overturned).")


class Outline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document_type: DocumentType
    title: str
    stance: Stance = "opinion"
    requires_denial: bool = Field(default=False, description="An appeal needs a denial.")
    addressee: dict[str, str] = Field(default_factory=dict, description="By setting, or "
                                      "'default': who the document is addressed to.")
    salutation: dict[str, str] = Field(default_factory=dict)
    closing: dict[str, str] = Field(default_factory=dict, description="By setting: a closing "
                                    "paragraph of the conclusion (an appeal's time limits).")
    outcome_words: dict[str, OutcomeWords] = Field(default_factory=dict)
    sections: list[SectionSpec] = Field(min_length=1)

    def for_setting(self, table: dict[str, str], setting: str) -> str | None:
        return table.get(setting, table.get("default"))

    def words(self, setting: str) -> OutcomeWords | None:
        return self.outcome_words.get(setting, self.outcome_words.get("default"))


@dataclass(frozen=True)
class PlannedSection:
    """A section of one draft: the spec, and the disputed item it covers (if per item)."""

    spec: SectionSpec
    item: DisputedItem | None
    key: str
    title: str


@cache
def load_outline(document_type: DocumentType) -> Outline:
    path = OUTLINE_DIR / f"{document_type.value}.yaml"
    return Outline.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def plan_sections(case: Case, document_type: DocumentType) -> list[PlannedSection]:
    planned = []
    for spec in load_outline(document_type).sections:
        if not spec.per_item:
            planned.append(PlannedSection(spec, None, spec.key, spec.title))
            continue
        for item in case.disputed_items:
            planned.append(PlannedSection(spec, item, f"{spec.key}-{item.id}",
                                          spec.title.format(service=item.service)))
    return planned


def denial_of(case: Case) -> bool:
    """Whether the case records a denial (or a modification) to appeal: a denial date, or a
    prior decision on the case or on an item that denied or modified it."""
    decisions = [case.prior_decision] + [i.prior_decision for i in case.disputed_items]
    return case.dates.denial is not None or any(
        d is not None and d.adverse for d in decisions)


def supports(case: Case, document_type: DocumentType) -> bool:
    """Whether the case can be drafted as ``document_type``: an appeal letter needs a denial."""
    return not load_outline(document_type).requires_denial or denial_of(case)
