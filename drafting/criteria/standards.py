"""Each setting's review standard (``guideline_index/review_standards.yaml``): which guideline
governs and what outcome its reviewers give an item the record does not establish."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from drafting.case.vocab import Outcome, Setting
from guideline_index.corpus import excerpts_by_id

STANDARDS_FILE = Path(__file__).resolve().parents[2] / "guideline_index" / "review_standards.yaml"


class DecidesUnder(BaseModel):
    """The provision the decisive criterion is applied under in a setting or a jurisdiction
    (said on it: drafting/criteria/governing.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    basis: str = Field(description="Excerpt id of the rule; said only while it is in force.")
    after: str | None = Field(default=None, description="Regex: said only where an adverse "
                              "decision on file was made by this body.")
    against: str = Field(min_length=10)
    for_: str = Field(alias="for", min_length=10)


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
    decides_under: list[DecidesUnder] = Field(default_factory=list)

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
    unknown = [d.basis for s in standards.values() for d in s.decides_under
               if d.basis not in excerpts_by_id()]
    if unknown:
        raise ValueError(f"{STANDARDS_FILE}: unknown excerpt ids {unknown}")
    missing = set(Setting) - set(standards)
    if missing:
        raise ValueError(f"{STANDARDS_FILE}: no review standard for {sorted(missing)}")
    return standards
