"""What an evaluation reports: per-check scores over counted units, findings at their sentences,
and the draft's sentences so a reader (or the HTML report) can jump from a finding to its text."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from evals.findings import Finding


class CheckScore(BaseModel):
    check: str
    unit: str
    units: int
    failed: int

    @property
    def score(self) -> float:
        return 1.0 - min(self.failed, self.units) / self.units if self.units else 1.0


class ReportSection(BaseModel):
    key: str
    heading: str
    sentences: list[str]


class Report(BaseModel):
    case_id: str
    case_file: str | None = None
    document_type: str
    perspective: str
    backend: str
    model: str
    label: str | None = None
    sentences: int
    citations: int
    scores: list[CheckScore]
    findings: list[Finding]
    sections: list[ReportSection] = Field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.case_id} / {self.document_type} / {self.backend}"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.check for f in self.errors))

    def score(self, check: str) -> float:
        return next(s.score for s in self.scores if s.check == check)


def pooled(reports: list[Report]) -> list[CheckScore]:
    """Scores over all reports at once (units and failures summed, not averages of averages)."""
    totals: dict[str, CheckScore] = {}
    for report in reports:
        for s in report.scores:
            total = totals.setdefault(s.check, CheckScore(check=s.check, unit=s.unit, units=0,
                                                          failed=0))
            total.units += s.units
            total.failed += s.failed
    return list(totals.values())
