"""Outlines as data: the ordered sections of each document type, expanded per disputed item."""

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
SectionKind = Literal["opening", "qualifications", "records", "chronology", "item_analysis",
                      "scope", "gaps", "objections", "checklist", "conclusion", "signature"]


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


class Outline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document_type: DocumentType
    title: str
    sections: list[SectionSpec] = Field(min_length=1)


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
