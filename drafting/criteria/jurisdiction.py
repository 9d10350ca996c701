"""Jurisdiction-specific treatment rules (``guideline_index/jurisdictions.yaml``): where a case
is judged on a stand-in for its own guideline (workers' compensation outside California on the
MTUS sets), the result names the state's governing standard and the rule it rests on; a state
rule that is in the corpus and makes a criterion a condition of the treatment makes that
criterion required, with the rule as its basis; and a state rule that allows departing from a
limit (a visit count) while another criterion is met makes the limit not decisive there."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from drafting.case import Case
from drafting.case.vocab import Outcome, Setting
from drafting.criteria.standards import DecidesUnder
from guideline_index.corpus import excerpts_by_id

RULES_FILE = Path(__file__).resolve().parents[2] / "guideline_index" / "jurisdictions.yaml"


class _Required(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    criterion: str
    basis: str


class _Departure(BaseModel):
    """The state's rule lets treatment go past ``criterion`` (a limit) while ``unless`` is met."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    criterion: str
    unless: str
    basis: str
    why: str = Field(min_length=10, description="What the rule allows, said in the result.")


class BurdenRule(BaseModel):
    """Who bears the burden where a hearing reviews an earlier decision by ``body`` (Texas: the
    party appealing an IRO's or the Medical Review Division's decision): on a record silent on
    the criteria, that decision stands (drafting/criteria/burden.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    basis: str = Field(description="Excerpt id of the rule that places the burden.")
    body: str = Field(description="Pattern naming the body whose decision is under review.")
    decision: str = Field(min_length=5, description="How the result names that decision.")
    standard: str = Field(min_length=5, description="What the appealing party must show.")


class Era(BaseModel):
    """A period before the state's current standard (``ends_with``: the excerpt whose first day
    in force ends it) when another standard governed, judged on its own criteria set."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ends_with: str
    governing: str = Field(min_length=10)
    standard: str = Field(description="Excerpt id of the rule the era's standard rests on.")
    criteria: str = Field(description="Id of the criteria set that judges every item then.")
    not_established: Outcome


class _Jurisdiction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    setting: Setting
    pattern: str
    name: str
    governing: str = Field(min_length=10, description="The state's governing standard.")
    standard: str = Field(description="Excerpt id of the rule that sets the standard.")
    before: str | None = Field(
        default=None, min_length=10, description="The standard that governed before "
        "``standard`` was in force (a date of service earlier than its first day).")
    required: list[_Required] = Field(default_factory=list)
    departures: list[_Departure] = Field(default_factory=list)
    eras: list[Era] = Field(default_factory=list)
    decides_under: list[DecidesUnder] = Field(default_factory=list)
    burden: list[BurdenRule] = Field(default_factory=list)
    adopted_guideline: bool = Field(
        default=False, description="The state has adopted a treatment guideline by rule (its "
        "standard), which the requester must show the care meets: the stand-in's criteria "
        "keep their own weights there, not the weights written for the setting at large.")


@dataclass(frozen=True)
class LocalRule:
    """A criterion the case's jurisdiction requires, and the rule that says so."""

    jurisdiction: str
    basis: str
    citation: str


@dataclass(frozen=True)
class LocalDeparture:
    """A limit the case's jurisdiction lets treatment exceed while another criterion is met."""

    jurisdiction: str
    unless: str
    basis: str
    citation: str
    why: str


@cache
def jurisdictions() -> dict[str, _Jurisdiction]:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    parsed = {k: _Jurisdiction.model_validate(v) for k, v in raw.items()}
    excerpts = excerpts_by_id()
    unknown = [i for j in parsed.values()
               for i in [j.standard, *(r.basis for r in j.required),
                         *(d.basis for d in j.departures),
                         *(d.basis for d in j.decides_under),
                         *(b.basis for b in j.burden),
                         *(x for e in j.eras for x in (e.ends_with, e.standard))]
               if i not in excerpts]
    if unknown:
        raise ValueError(f"{RULES_FILE}: unknown excerpt ids {unknown}")
    return parsed


def jurisdiction_of(case: Case) -> _Jurisdiction | None:
    """The state system the case was filed under (read from the case as filed, before any
    stand-in replaces its setting), or None."""
    return next((j for j in jurisdictions().values() if case.setting is j.setting
                 and re.search(j.pattern, case.jurisdiction or "", re.I)), None)


def _citation(excerpt_id: str) -> str:
    excerpt = excerpts_by_id()[excerpt_id]
    return excerpt.recommendation or excerpt.citation


def governing_on(j: _Jurisdiction, day: dt.date) -> str:
    """The state's governing standard on ``day``: the one it governs by before its adopted
    standard was in force (``before``), where the index knows it."""
    if j.before and not excerpts_by_id()[j.standard].in_force_on(day):
        return j.before
    return j.governing


def governing_note(case: Case, stand_in: str, day: dt.date) -> str:
    """What a result judged on a stand-in says about the state's own standard ('' if the case
    names no state the index knows)."""
    j = jurisdiction_of(case)
    if j is None:
        return ""
    governing = governing_on(j, day)
    held = sorted({_citation(i) for i in [j.standard, *(r.basis for r in j.required),
                                           *(d.basis for d in j.departures)]
                   if excerpts_by_id()[i].in_force_on(day)})
    rules = f"; the index holds only {', '.join(held)} of it" if held else ""
    return (f"Judged on {stand_in}, standing in for {governing} ({j.name}){rules}; where "
            "that standard differs, it governs.")


def local_rules(case: Case, day: dt.date) -> dict[str, LocalRule]:
    """The criteria the case's own jurisdiction requires by rules in force on ``day``."""
    j = jurisdiction_of(case)
    if j is None:
        return {}
    excerpts = excerpts_by_id()
    return {r.criterion: LocalRule(j.name, r.basis, _citation(r.basis))
            for r in j.required if excerpts[r.basis].in_force_on(day)}


def local_departures(case: Case, day: dt.date) -> dict[str, LocalDeparture]:
    """The limits the case's own jurisdiction lets treatment exceed, by rules in force."""
    j = jurisdiction_of(case)
    if j is None:
        return {}
    excerpts = excerpts_by_id()
    return {d.criterion: LocalDeparture(j.name, d.unless, d.basis, _citation(d.basis), d.why)
            for d in j.departures if excerpts[d.basis].in_force_on(day)}


def era_of(case: Case, day: dt.date) -> tuple[str, Era] | None:
    """The earlier era of the case's jurisdiction that ``day`` falls in (its current standard
    not yet in force), with the jurisdiction's name, or None."""
    j = jurisdiction_of(case)
    if j is None:
        return None
    excerpts = excerpts_by_id()
    return next(((j.name, e) for e in j.eras if day < excerpts[e.ends_with].effective_from
                 and excerpts[e.standard].in_force_on(day)), None)


def era_note(name: str, era: Era, day: dt.date, later: str | None) -> str:
    """What a result judged on an era's standard says about it."""
    # the later set is named by the result's own criteria, each cited where it is given; named
    # here, in a sentence citing the era's standard, it read as a claim that standard makes
    shown = ("; the later guideline's criteria are shown as supporting only, since no such "
             "guideline was in force then") if later else ""
    # the day is the item's date of service, stated (and cited) where the item is; a bare
    # date here was an uncited patient-specific claim in every draft that quoted the note
    return (f"Judged on {era.governing} ({name}), the standard in force on the date of "
            f"service: {_citation(era.standard)}{shown}.")


def own_setting_weights(case: Case, day: dt.date) -> bool:
    """Whether weights written for the case's own setting apply where the stand-in judges it:
    not in a state whose adopted treatment guideline (in force on ``day``) governs instead."""
    j = jurisdiction_of(case)
    return j is None or not (j.adopted_guideline and excerpts_by_id()[j.standard].in_force_on(day))
