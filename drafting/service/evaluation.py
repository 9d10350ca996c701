"""Evaluation use cases: the eval harness on a stored draft (as a reviewer sees it), on many
stored drafts, on draft files, and on a suite (whose cases are drafted here). The harness itself
(``evals``) only reads drafts and cases."""

from __future__ import annotations

from pathlib import Path

from drafting.backends.registry import create
from drafting.case import Case, CaseFileError
from drafting.draft import Draft
from drafting.service.drafting import Drafting
from drafting.service.review import Review, StoredCaseError
from drafting.settings import Settings
from drafting.store import NotStoredError
from evals.context import Judge
from evals.harness import evaluate_draft
from evals.judge import LLMJudge
from evals.report import Report
from evals.runner import Progress, SuiteReport, check_drafts, check_stored, run_suite
from evals.suite import BackendSpec, Suite
from guideline_index.corpus import excerpts_by_id


class Evaluation:
    def __init__(self, drafting: Drafting, review: Review):
        self.drafting = drafting
        self.review = review

    def draft(self, draft: Draft, case: Case, embeddings: bool = False) -> Report:
        """The eval checks on one draft (no embeddings by default: fast, deterministic)."""
        return evaluate_draft(draft, case, excerpts_by_id(), use_embeddings=embeddings)

    def _stored(self, draft_id: str) -> tuple[Draft, Case] | str:
        try:
            return self.review.reviewed(draft_id), self.review.case(draft_id)
        except (NotStoredError, StoredCaseError, CaseFileError) as exc:
            return str(exc)

    def stored(self, draft_ids: list[str], embeddings: bool = True, judge: Judge | None = None,
               thresholds: dict[str, float] | None = None) -> SuiteReport:
        """Stored drafts checked as a reviewer sees them, and gated."""
        return check_stored(self._stored, draft_ids, embeddings, judge, thresholds)

    def files(self, drafts: list[Path], cases: list[Path], embeddings: bool = True,
              judge: Judge | None = None, thresholds: dict[str, float] | None = None
              ) -> SuiteReport:
        """Draft files (JSON exports) checked against their case files, and gated."""
        return check_drafts(drafts, cases, embeddings, judge, thresholds)

    def suite(self, suite: Suite, progress: Progress | None = None,
              judge: Judge | None = None) -> SuiteReport:
        """Draft the suite's cases (in memory, never stored) and check every draft."""
        return run_suite(suite, self._draft_with, progress, judge)

    def _draft_with(self, case: Case, case_hash: str, spec: BackendSpec) -> Draft:
        base = self.drafting.settings
        settings = base.model_copy(update={
            "backend": spec.name, "model": spec.model or base.model,
            "base_url": spec.base_url or base.base_url,
            "allow_external": spec.allow_external or base.allow_external})
        return self.drafting.in_memory(case, case_hash, create(spec.name, settings))

    def judge(self, model: str | None, base_url: str, allow_external: bool) -> LLMJudge:
        """An LLM judge for citation support, through the openai backend at ``base_url``."""
        settings = Settings.load(backend="openai", model=model, base_url=base_url,
                                 allow_external=allow_external or None)
        return LLMJudge(create("openai", settings), settings.concurrency)
