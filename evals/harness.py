"""Run every check on a draft and score it per check."""

from __future__ import annotations

from pathlib import Path

from drafting.case import Case
from drafting.draft import Draft
from evals.checks import CHECKS
from evals.collector import fewer_collections, settle
from evals.context import EvalContext, Judge
from evals.findings import Finding
from evals.report import CheckScore, Report, ReportSection
from guideline_index.excerpt import Excerpt


def _failed(findings: list[Finding]) -> int:
    """Distinct places with an error: a sentence counts once however many problems it has."""
    return len({(f.section, f.sentence if f.sentence is not None else f.message)
                for f in findings if f.severity == "error"})


def evaluate_draft(draft: Draft, case: Case, excerpts: dict[str, Excerpt],
                   use_embeddings: bool = False, judge: Judge | None = None,
                   case_file: str | None = None, index_dir: Path | None = None) -> Report:
    """Every check on one draft; ``index_dir`` is the guideline index whose stored excerpt
    vectors the support check reads (default: the user's)."""
    with fewer_collections():
        report = _evaluate(draft, case, excerpts, use_embeddings, judge, case_file, index_dir)
    settle("checks")  # after the first draft, the lexicons are read; so is the model if used
    if use_embeddings:
        settle("model")
    return report


def _evaluate(draft: Draft, case: Case, excerpts: dict[str, Excerpt], use_embeddings: bool,
              judge: Judge | None, case_file: str | None, index_dir: Path | None) -> Report:
    ctx = EvalContext(draft, case, excerpts, use_embeddings=use_embeddings, judge=judge,
                      index_dir=index_dir)
    findings: list[Finding] = []
    scores = []
    for check in CHECKS.values():
        found = check.run(ctx)
        findings += found
        scores.append(CheckScore(check=check.name, unit=check.unit, units=check.units(ctx),
                                 failed=_failed(found)))
    said: dict[int, list[str]] = {}  # each section's sentences
    for sentence in ctx.sentences:
        said.setdefault(id(sentence.section), []).append(sentence.text)
    sections = [ReportSection(key=s.key, heading=s.title, sentences=said.get(id(s), []))
                for s in draft.sections]
    return Report(case_id=draft.case_id, case_file=case_file,
                  document_type=draft.document_type, perspective=draft.perspective,
                  backend=draft.provenance.backend, model=draft.provenance.model,
                  label=draft.label, sentences=len(ctx.sentences),
                  citations=ctx.citation_count, scores=scores,
                  findings=findings, sections=sections)
