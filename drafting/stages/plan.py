"""Stage ``plan``: the sections of the document type's outline, one per disputed item where the
outline says so."""

from __future__ import annotations

from typing import ClassVar

from drafting.case import Case
from drafting.outline import PlannedSection, plan_sections


class Plan:
    name: ClassVar[str] = "plan"

    def run(self, case: Case) -> list[PlannedSection]:
        return plan_sections(case, case.document_type)
