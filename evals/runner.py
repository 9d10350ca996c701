"""Run a suite (draft its cases, check every draft, score, gate) or check existing drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from drafting.case import Case, CaseFileError, as_document_type, case_file_hash, load_case, recast
from drafting.case.vocab import DocumentType, Perspective
from drafting.draft import Draft
from evals.checks import CHECKS
from evals.context import Judge
from evals.detection import DetectionReport, measure
from evals.harness import evaluate_draft
from evals.report import CheckScore, Report, pooled
from evals.suite import BackendSpec, Suite, field_problem
from guideline_index.corpus import excerpts_by_id

Progress = Callable[[str], None]
# Drafts a case (as a given document type) with a suite's backend: the drafting service's.
Drafter = Callable[[Case, str, BackendSpec], Draft]
# A stored draft as a reviewer sees it and its case, or why it cannot be checked.
StoredLoader = Callable[[str], "tuple[Draft, Case] | str"]


class Gate(BaseModel):
    check: str
    threshold: float
    score: float

    @property
    def passed(self) -> bool:
        return self.score >= self.threshold


class SuiteReport(BaseModel):
    name: str
    source: str
    created_at: dt.datetime
    runs: list[Report] = Field(default_factory=list)
    scores: list[CheckScore] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list, description="Cases or drafts that could "
                                "not be checked, and sections that failed to draft.")
    detection: DetectionReport | None = None

    @property
    def passed(self) -> bool:
        return not self.problems and all(g.passed for g in self.gates) and (
            self.detection is None or self.detection.passed)


def run_suite(suite: Suite, drafter: Drafter, progress: Progress | None = None,
              judge: Judge | None = None) -> SuiteReport:
    """Draft every case of the suite as each of its document types with each of its backends
    (``drafter``), check every draft, run its mutation study, and gate the scores."""
    note = progress or (lambda message: None)
    report = SuiteReport(name=suite.name, source=str(suite.path or "suite"),
                         created_at=dt.datetime.now(dt.UTC))
    excerpts = excerpts_by_id()
    drafted: list[tuple[Draft, Case]] = []
    for path in suite.case_files():
        try:
            case = load_case(path)
        except CaseFileError as exc:
            report.problems.append(str(exc))
            continue
        case_hash = case_file_hash(path.read_bytes())
        for kind in suite.types_for(case.document_type):
            variant = as_document_type(case, kind)
            for spec in suite.backends:
                note(f"{case.id} / {kind.value} / {spec.name}")
                draft = drafter(variant, case_hash, spec)
                report.problems += [f"{case.id} / {kind.value} / {spec.name}: section {s.key} "
                                    f"failed: {s.error}" for s in draft.sections
                                    if s.status == "failed"]
                report.runs.append(evaluate_draft(draft, variant, excerpts, suite.embeddings,
                                                  judge, case_file=str(path)))
                drafted.append((draft, variant))
    if suite.mutations and drafted:
        note(f"mutation study over {len(drafted)} drafts")
        spec = suite.mutations
        report.detection = measure(drafted, excerpts, spec.tries, spec.seed, suite.embeddings,
                                   spec.min_detection, spec.max_false_alarm_rate)
    return _gated(report, suite.thresholds)


def check_drafts(drafts: list[Path], cases: list[Path], embeddings: bool = True,
                 judge: Judge | None = None, thresholds: dict[str, float] | None = None
                 ) -> SuiteReport:
    """Check draft files (the JSON export) against their case files, matched by case id. A
    case file that changed since the draft was made is reported, since the facts moved."""
    report = SuiteReport(name="drafts", source=", ".join(str(d) for d in drafts),
                         created_at=dt.datetime.now(dt.UTC))
    by_id: dict[str, tuple[Case, Path]] = {}
    for path in cases:
        try:
            case = load_case(path)
        except CaseFileError as exc:
            report.problems.append(str(exc))
            continue
        by_id[case.id] = (case, path)
    excerpts = excerpts_by_id()
    for path in drafts:
        draft = read_draft(path)
        if draft.case_id not in by_id:
            report.problems.append(f"{path}: case_id '{draft.case_id}' has no case file; pass "
                                   f"it with --case FILE")
            continue
        case, case_path = by_id[draft.case_id]
        if case_file_hash(case_path.read_bytes()) != draft.case_hash:
            report.problems.append(f"{path}: case_hash: {case_path} changed since this draft "
                                   f"was made; re-draft it or check against the original file")
        variant = recast(case, DocumentType(draft.document_type),
                         Perspective(draft.perspective))
        report.runs.append(evaluate_draft(draft, variant, excerpts, embeddings, judge,
                                          case_file=str(case_path)))
    return _gated(report, thresholds or {})


def check_stored(load: StoredLoader, draft_ids: list[str], embeddings: bool = True,
                 judge: Judge | None = None, thresholds: dict[str, float] | None = None
                 ) -> SuiteReport:
    """Check stored drafts as a reviewer sees them (``load``: latest section versions, with the
    physician's overrides applied to the criteria results, and the stored case)."""
    report = SuiteReport(name="stored drafts", source=", ".join(draft_ids),
                         created_at=dt.datetime.now(dt.UTC))
    excerpts = excerpts_by_id()
    for draft_id in draft_ids:
        loaded = load(draft_id)
        if isinstance(loaded, str):
            report.problems.append(f"draft {draft_id}: {loaded}")
            continue
        draft, case = loaded
        if not draft.complete:
            report.problems.append(f"draft {draft_id}: incomplete (some sections failed or "
                                   f"were never drafted)")
        report.runs.append(evaluate_draft(draft, case, excerpts, embeddings, judge,
                                          case_file=f"stored draft {draft_id}"))
    return _gated(report, thresholds or {})


def write_json(report: SuiteReport, path: Path) -> None:
    """The report as JSON (with whether it passed), written atomically."""
    import json

    from drafting.atomic_files import write_text_atomic

    data = report.model_dump(mode="json")
    data["passed"] = report.passed
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


class DraftFileError(ValueError):
    """A draft file that cannot be read; the message names the file and the field."""


def read_draft(path: Path) -> Draft:
    from pydantic import ValidationError

    try:
        return Draft.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise DraftFileError(f"{path}: no such draft file") from None
    except ValidationError as exc:
        raise DraftFileError(f"{path}: {field_problem(exc)} (a draft is the JSON export of "
                             f"'necessity draft')") from None


def _gated(report: SuiteReport, thresholds: dict[str, float]) -> SuiteReport:
    """Scores pooled over the runs, held to the thresholds; with none given, every check must
    be clean (any error fails the gate)."""
    thresholds = thresholds or dict.fromkeys(CHECKS, 1.0)
    report.scores = pooled(report.runs)
    scores = {s.check: s.score for s in report.scores}
    report.gates = [Gate(check=name, threshold=floor, score=scores.get(name, 1.0))
                    for name, floor in thresholds.items()]
    return report
