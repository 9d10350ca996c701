"""Stage ``retrieve``: the guideline excerpts a draft may cite, and for each planned section the
excerpts found by searching the guideline index with the section's queries (none without
retrieval)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from drafting.case import Case
from drafting.context import Retriever
from drafting.outline import plan_sections
from guideline_index.excerpt import Excerpt


@dataclass(frozen=True)
class Grounding:
    """Every excerpt a section may be given or cite, and the ids retrieval found per section
    key (empty without retrieval)."""

    excerpts: Mapping[str, Excerpt]
    found: Mapping[str, list[str]] = field(default_factory=dict)
    retrieval: bool = False


class GuidelineSource(Protocol):
    def searcher(self, case: Case, retrieval: bool
                 ) -> tuple[Mapping[str, Excerpt], Retriever | None]: ...


class Retrieve:
    name: ClassVar[str] = "retrieve"

    def __init__(self, source: GuidelineSource, retrieval: bool):
        self.source = source
        self.retrieval = retrieval

    def run(self, case: Case) -> Grounding:
        excerpts, search = self.source.searcher(case, self.retrieval)
        if search is None:
            return Grounding(excerpts)
        found: dict[str, list[str]] = {}
        for planned in plan_sections(case, case.document_type):
            item = planned.item
            ids: list[str] = []
            for query in planned.spec.queries:
                text = query.format(service=item.service if item else "",
                                    procedure=item.procedure.value if item else "",
                                    setting=case.setting.value.replace("_", " "))
                ids += [e.id for e in search(text, item)]
            found[planned.key] = ids
        return Grounding(excerpts, found, retrieval=True)


def fixed(excerpts: Mapping[str, Excerpt]) -> Grounding:
    """Grounding without retrieval: sections are given only the excerpts their criteria rest on."""
    return Grounding(excerpts)
