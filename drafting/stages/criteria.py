"""Stage ``criteria``: the criteria engine's results for every disputed item (or results given,
e.g. the engine's with a reviewer's overrides applied, when sections are regenerated)."""

from __future__ import annotations

from typing import ClassVar

from drafting.case import Case
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult


class EvaluateCriteria:
    name: ClassVar[str] = "criteria"

    def __init__(self, given: list[ItemResult] | None = None):
        self.given = given

    def run(self, case: Case) -> list[ItemResult]:
        return evaluate_case(case) if self.given is None else self.given
