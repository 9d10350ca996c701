"""Mutation testing: the detection rate per error class, and the false-alarm rate on clean
drafts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from drafting.case import Case
from drafting.draft import Draft
from evals.context import EvalContext
from evals.harness import evaluate_draft
from evals.mutations import MUTATIONS
from guideline_index.excerpt import Excerpt


@dataclass
class DetectionResult:
    clean_drafts: int = 0
    clean_with_errors: int = 0
    clean_sentences: int = 0
    clean_errors: int = 0
    tried: dict[str, int] = field(default_factory=dict)
    caught: dict[str, int] = field(default_factory=dict)

    def rate(self, name: str) -> float:
        return self.caught.get(name, 0) / self.tried[name] if self.tried.get(name) else 0.0

    @property
    def false_alarm_rate(self) -> float:
        """Error findings per sentence on clean drafts."""
        return self.clean_errors / self.clean_sentences if self.clean_sentences else 0.0


def measure(drafts: list[tuple[Draft, Case]], excerpts: dict[str, Excerpt], tries: int = 3,
            seed: int = 2026, use_embeddings: bool = False) -> DetectionResult:
    result = DetectionResult()
    rng = random.Random(seed)
    for draft, case in drafts:
        clean = evaluate_draft(draft, case, excerpts, use_embeddings)
        result.clean_drafts += 1
        result.clean_sentences += clean.sentences
        result.clean_errors += len(clean.errors)
        result.clean_with_errors += bool(clean.errors)
        baseline = {(f.check, f.section, f.message) for f in clean.errors}
        ctx = EvalContext(draft, case, excerpts)
        for mutation in MUTATIONS:
            for _ in range(tries):
                mutated = mutation.apply(ctx, rng)
                if mutated is None:
                    continue
                changed, section = mutated
                report = evaluate_draft(changed, case, excerpts, use_embeddings)
                new = [f for f in report.errors if f.section == section and
                       (f.check, f.section, f.message) not in baseline]
                result.tried[mutation.name] = result.tried.get(mutation.name, 0) + 1
                result.caught[mutation.name] = result.caught.get(mutation.name, 0) + bool(new)
    return result
