"""Stage ``context``: for each planned section, only the facts, criteria results and excerpts it
needs, within its token budget (``drafting.context.build_context``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from drafting.case import Case
from drafting.context import build_context
from drafting.criteria.results import ItemResult
from drafting.outline import PlannedSection
from drafting.stages.retrieve import Grounding


@dataclass(frozen=True)
class SectionContext:
    planned: PlannedSection
    data: dict[str, Any]


class BuildContexts:
    name: ClassVar[str] = "context"

    def __init__(self, case: Case, results: list[ItemResult], grounding: Grounding):
        self.case = case
        self.results = results
        self.grounding = grounding

    def run(self, sections: list[PlannedSection]) -> list[SectionContext]:
        return [SectionContext(planned, build_context(
            planned, self.case, self.results, self.grounding.excerpts,
            self.grounding.found.get(planned.key, []))) for planned in sections]
