"""Mutation testing: the detection rate per error class, and the false-alarm rate on clean
drafts."""

from __future__ import annotations

import random

from pydantic import BaseModel, Field

from drafting.case import Case
from drafting.draft import Draft
from evals.context import EvalContext
from evals.harness import evaluate_draft
from evals.mutations import MUTATIONS
from guideline_index.excerpt import Excerpt


class ClassDetection(BaseModel):
    mutation: str
    tried: int = 0
    caught: int = 0
    target: float | None = None
    missed: list[str] = Field(default_factory=list, description="A few missed examples.")

    @property
    def rate(self) -> float:
        return self.caught / self.tried if self.tried else 0.0

    @property
    def passed(self) -> bool:
        return self.target is None or (self.tried > 0 and self.rate >= self.target)


class DetectionReport(BaseModel):
    drafts: int = 0
    clean_sentences: int = 0
    clean_errors: int = 0
    clean_drafts_with_errors: int = 0
    max_false_alarm_rate: float | None = None
    classes: list[ClassDetection] = Field(default_factory=list)

    @property
    def false_alarm_rate(self) -> float:
        """Error findings per sentence on clean drafts."""
        return self.clean_errors / self.clean_sentences if self.clean_sentences else 0.0

    @property
    def passed(self) -> bool:
        alarms_ok = self.max_false_alarm_rate is None or \
            self.false_alarm_rate <= self.max_false_alarm_rate
        return alarms_ok and all(c.passed for c in self.classes)


def measure(drafts: list[tuple[Draft, Case]], excerpts: dict[str, Excerpt], tries: int = 3,
            seed: int = 2026, use_embeddings: bool = False,
            targets: dict[str, float] | None = None,
            max_false_alarm_rate: float | None = None) -> DetectionReport:
    """Mutate each clean draft ``tries`` times per class (one error at a time); a mutation is
    caught when a new error finding lands in the section it touched."""
    targets = targets or {}
    result = DetectionReport(max_false_alarm_rate=max_false_alarm_rate, classes=[
        ClassDetection(mutation=m.name, target=targets.get(m.name)) for m in MUTATIONS])
    rng = random.Random(seed)
    for draft, case in drafts:
        clean = evaluate_draft(draft, case, excerpts, use_embeddings)
        result.drafts += 1
        result.clean_sentences += clean.sentences
        result.clean_errors += len(clean.errors)
        result.clean_drafts_with_errors += bool(clean.errors)
        baseline = {(f.check, f.section, f.message) for f in clean.errors}
        ctx = EvalContext(draft, case, excerpts)
        for mutation, tally in zip(MUTATIONS, result.classes, strict=True):
            for _ in range(tries):
                mutated = mutation.apply(ctx, rng)
                if mutated is None:
                    continue
                changed, section = mutated
                report = evaluate_draft(changed, case, excerpts, use_embeddings)
                new = [f for f in report.errors if f.section == section and
                       (f.check, f.section, f.message) not in baseline]
                tally.tried += 1
                tally.caught += bool(new)
                if not new and len(tally.missed) < 5:
                    tally.missed.append(f"{draft.case_id} / {draft.document_type} / {section}")
    return result
