"""Each setting's review standard (``guideline_index/review_standards.yaml``): which guideline
governs and what outcome its reviewers give an item the record does not establish."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from drafting.case.vocab import Outcome, Setting

STANDARDS_FILE = Path(__file__).resolve().parents[2] / "guideline_index" / "review_standards.yaml"


class ReviewStandard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    governing: str
    not_established: Outcome
    basis: str
    reference: Setting | None = None  # judged on this setting's criteria sets and thresholds
    guideline_in_index: bool = True
    # With the governing guideline not in the index: why the reference setting's criteria may
    # stand in for it (said in every result judged that way). Without it, nothing is decided.
    stand_in: str | None = None

    def judged_on(self, setting: Setting) -> str:
        """What an item of ``setting`` is judged on, when not on its own criteria ('' if so)."""
        if self.reference is None:
            return ""
        own, ref = (s.value.replace("_", " ") for s in (setting, self.reference))
        if self.stand_in:
            return (f"Judged on {self.stand_in}, standing in for {self.governing}, which is not "
                    "in the index; where that guideline differs, it governs.")
        return f"Judged on the {ref} criteria, as a {own} applies them."


@cache
def review_standards() -> dict[Setting, ReviewStandard]:
    raw = yaml.safe_load(STANDARDS_FILE.read_text(encoding="utf-8"))
    standards = {Setting(k): ReviewStandard.model_validate(v) for k, v in raw.items()}
    missing = set(Setting) - set(standards)
    if missing:
        raise ValueError(f"{STANDARDS_FILE}: no review standard for {sorted(missing)}")
    return standards
