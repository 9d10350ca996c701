"""Required elements per document type (``drafting/outlines/elements.yaml``), checked on a draft
before it is exported: what is there, and what is missing with what to add. A missing element
is listed for the physician (on the draft's information page, and in the sign-off checklist
through ``missing_elements``), never filled in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from drafting.draft import Draft
from guideline_index.corpus import excerpts_by_id
from guideline_index.excerpt import Excerpt

ELEMENTS_FILE = Path(__file__).with_name("outlines") / "elements.yaml"
_PAGE = re.compile(r"\bp{1,2}\. ?\d")
_EXCERPT = re.compile(r"\[G:([a-z0-9][a-z0-9-]+)\]")


class Element(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    missing: str = Field(description="What to add when the element is missing.")
    settings: list[str] = Field(default_factory=list, description="Only in these settings.")
    section: str | None = None
    each_item: str | None = None
    pattern: str | None = None
    in_: list[str] = Field(default_factory=list, alias="in")
    guideline_page: bool = False
    signer: bool = False
    before_denial: bool = False

    @model_validator(mode="after")
    def _one_test(self) -> Element:
        tests = [self.section, self.each_item, self.pattern, self.guideline_page or None,
                 self.signer or None, self.before_denial or None]
        if sum(t is not None for t in tests) != 1:
            raise ValueError(f"element {self.id}: give exactly one of section, each_item, "
                             "pattern, guideline_page, signer, before_denial")
        if self.pattern is not None:
            re.compile(self.pattern)
        return self


@dataclass(frozen=True)
class ElementCheck:
    element: Element
    present: bool
    detail: str = ""  # for a missing element: what is missing, and what to add

    @property
    def line(self) -> str:
        if self.present:
            return f"{self.element.label}: present"
        return f"{self.element.label}: missing. {self.detail}".rstrip()


@cache
def load_elements() -> dict[str, list[Element]]:
    data: dict[str, Any] = yaml.safe_load(ELEMENTS_FILE.read_text(encoding="utf-8"))
    return {kind: [Element.model_validate(e) for e in elements]
            for kind, elements in data.items()}


def elements_for(document_type: str, setting: str) -> list[Element]:
    return [e for e in load_elements().get(document_type, [])
            if not e.settings or setting in e.settings]


def _drafted(draft: Draft, kind: str) -> list[Any]:
    return [s for s in draft.sections if s.kind == kind and s.status != "failed"
            and s.text.strip()]


@cache
def _corpus() -> dict[str, Excerpt]:
    return excerpts_by_id()


def _located(excerpt_id: str, draft: Draft) -> bool:
    """Whether a cited excerpt gives a page, or, in a document published without pages (an LCD,
    an NCD), its numbered part; an excerpt no longer in the corpus (ingested, or since removed)
    by the page its footnote shows."""
    excerpt = _corpus().get(excerpt_id)
    if excerpt is not None:
        return excerpt.located
    source = draft.sources.get(f"G:{excerpt_id}")
    return source is not None and bool(_PAGE.search(source.label))


def _check(element: Element, draft: Draft) -> ElementCheck:
    if element.section is not None:
        return ElementCheck(element, bool(_drafted(draft, element.section)), element.missing)
    if element.each_item is not None:
        covered = {s.item_id for s in _drafted(draft, element.each_item)}
        lacking = [r.item_id for r in draft.criteria if r.item_id not in covered]
        return ElementCheck(element, not lacking, f"{element.missing} ({', '.join(lacking)})"
                            if lacking else "")
    if element.pattern is not None:
        sections = [s for s in draft.sections if s.status != "failed" and
                    (not element.in_ or s.kind in element.in_)]
        found = any(re.search(element.pattern, s.text) for s in sections)
        return ElementCheck(element, found, element.missing)
    if element.guideline_page:
        unpaged = []
        for section in _drafted(draft, "item_analysis"):
            if not any(_located(e, draft) for e in _EXCERPT.findall(section.text)):
                unpaged.append(section.item_id or section.key)
        return ElementCheck(element, not unpaged, f"{element.missing} ({', '.join(unpaged)})"
                            if unpaged else "")
    if element.before_denial:
        denied = [f"{r.item_id} was {r.denied_before}" for r in draft.criteria
                  if r.denied_before]
        return ElementCheck(element, not denied, f"{'; '.join(denied)}. {element.missing}"
                            if denied else "")
    signed = bool(draft.signed_off_by and draft.signer_credentials)
    detail = element.missing if not draft.signed_off_by else (
        "Signed off without credentials: add them to the signer's profile and sign off again.")
    return ElementCheck(element, signed, detail)


def check_elements(draft: Draft) -> list[ElementCheck]:
    """Every required element of the draft's document type (in its setting), present or not."""
    return [_check(e, draft) for e in elements_for(draft.document_type, draft.setting)]


def missing_elements(draft: Draft, case: object | None = None) -> list[str]:
    """One line per required element the draft lacks (the sign-off checklist's hook:
    ``drafting.service.signoff.use_required_elements(missing_elements)``)."""
    return [c.line for c in check_elements(draft) if not c.present]


