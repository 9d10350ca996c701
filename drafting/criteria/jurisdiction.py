"""Jurisdiction-specific treatment parameters (``guideline_index/jurisdictions.yaml``): where a
case is judged on a stand-in for its own guideline (workers' compensation outside California on
the MTUS sets), a state rule that is in the corpus and makes a criterion a condition of the
treatment makes that criterion required, with the rule as its basis."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from drafting.case import Case
from drafting.case.vocab import Setting
from guideline_index.corpus import excerpts_by_id

RULES_FILE = Path(__file__).resolve().parents[2] / "guideline_index" / "jurisdictions.yaml"


class _Required(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    criterion: str
    basis: str


class _Jurisdiction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    setting: Setting
    pattern: str
    name: str
    required: list[_Required]


@dataclass(frozen=True)
class LocalRule:
    """A criterion the case's jurisdiction requires, and the rule that says so."""

    jurisdiction: str
    basis: str
    citation: str


@cache
def jurisdictions() -> dict[str, _Jurisdiction]:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    parsed = {k: _Jurisdiction.model_validate(v) for k, v in raw.items()}
    excerpts = excerpts_by_id()
    unknown = [r.basis for j in parsed.values() for r in j.required if r.basis not in excerpts]
    if unknown:
        raise ValueError(f"{RULES_FILE}: unknown excerpt ids {unknown}")
    return parsed


def local_rules(case: Case, day: dt.date) -> dict[str, LocalRule]:
    """The criteria the case's own jurisdiction requires by rules in force on ``day`` (read
    from the case as filed, before any stand-in replaces its setting)."""
    rules: dict[str, LocalRule] = {}
    excerpts = excerpts_by_id()
    for j in jurisdictions().values():
        if case.setting is j.setting and re.search(j.pattern, case.jurisdiction or "", re.I):
            for r in j.required:
                if excerpts[r.basis].in_force_on(day):
                    excerpt = excerpts[r.basis]
                    rules[r.criterion] = LocalRule(j.name, r.basis,
                                                   excerpt.recommendation or excerpt.citation)
    return rules
