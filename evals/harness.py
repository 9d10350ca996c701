"""Run every check on a draft and summarise the findings per check."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from drafting.case import Case
from drafting.draft import Draft
from evals.checks import ALL_CHECKS
from evals.checks.support import check_support
from evals.context import EvalContext
from evals.findings import Finding
from guideline_index.excerpt import Excerpt


class Report(BaseModel):
    case_id: str
    document_type: str
    backend: str
    sentences: int
    citations: int
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.check for f in self.errors))


def evaluate_draft(draft: Draft, case: Case, excerpts: dict[str, Excerpt],
                   use_embeddings: bool = False) -> Report:
    ctx = EvalContext(draft, case, excerpts)
    findings: list[Finding] = []
    for name, check in ALL_CHECKS.items():
        if name == "citation_support":
            findings += check_support(ctx, use_embeddings)
        else:
            findings += check(ctx)
    return Report(case_id=draft.case_id, document_type=draft.document_type,
                  backend=draft.provenance.backend, sentences=len(ctx.sentences),
                  citations=sum(len(s.markers) for s in ctx.sentences), findings=findings)
