"""What kind of request an item is (initial, repeat, continuation, replacement, revision,
re-trial): as the case file states it, else as the service's wording and the record show it
(the rules are data: ``guideline_index/request_types.yaml``).

Reviewers judge a repeat injection on the response to the earlier one, continuing a long-term
prescription on its benefit and risks, and a device revision on the device's problem; judging
any of them as a first request is the most common way to reach the wrong outcome."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from drafting.case import Case, DisputedItem, Fact
from drafting.case.vocab import FactCategory, ItemStatus, ProcedureFamily, RequestType

RULES_FILE = Path(__file__).resolve().parents[2] / "guideline_index" / "request_types.yaml"
# Families whose earlier procedure makes a new one a repeat (a trial: a re-trial).
REPEATABLE = {ProcedureFamily.esi, ProcedureFamily.mbb, ProcedureFamily.rfa}
# Facts that show an earlier procedure (a decision about it or a plan for it does not).
PROCEDURE_EVIDENCE = {FactCategory.procedure, FactCategory.response, FactCategory.history}


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: RequestType
    pattern: str
    families: list[ProcedureFamily] = Field(default_factory=list)


class _Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float
    unit: str
    source: str
    note: str | None = None


class _StageWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    trial: str
    implant: str
    sources: list[str]


class RequestTypeRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    wording: list[_Rule]
    current_use: str
    device_in_place: str
    long_term_opioid_weeks: _Threshold
    stand_in_types: dict[RequestType, list[RequestType]] = Field(default_factory=dict)
    # A course of conservative care named by the service (tag: pattern) that the record shows
    # already given makes the request more of that course.
    courses: dict[str, str] = Field(default_factory=dict)
    # A drug of this kind (tag: pattern in the service) already prescribed before the date of
    # service makes the request a continuation of it.
    prescribed: dict[str, str] = Field(default_factory=dict)
    # An earlier operation of the family (family: pattern in a history or procedure statement)
    # makes a surgical request a revision.
    operated: dict[ProcedureFamily, str] = Field(default_factory=dict)
    # Words by which a stimulator request names its stage (drafting/criteria/stimulator_stage.py).
    unstaged_stimulator: _StageWords | None = None


@cache
def rules() -> RequestTypeRules:
    return RequestTypeRules.model_validate(
        yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class RequestKind:
    type: RequestType
    basis: str  # why: "stated in the case file", "the service says 'repeat'", "F4 ..."


def _ids(facts: list[Fact]) -> str:
    return ", ".join(f.id for f in facts)


def _within(fact: Fact, day: dt.date) -> bool:
    """Whether a fact dated only by its month or year may fall on ``day`` (its period holds
    it): such a date is not known to come before the day."""
    if fact.date_precision == "year":
        return fact.date.year == day.year
    if fact.date_precision == "month":
        return (fact.date.year, fact.date.month) == (day.year, day.month)
    return False


def _earlier(case: Case, item: DisputedItem) -> list[Fact]:
    """Procedures of the item's kind on record before it. A rendered item's own record (one of
    its facts, dated only by a month or year that holds the date of service, e.g. 'three
    injections in 2019' for injections given in 2019) documents the item itself, not an
    earlier procedure."""
    return [f for f in case.facts if f.procedure is item.procedure and not f.proposed
            and f.category in PROCEDURE_EVIDENCE and f.date < item.date_of_service
            and not (item.status is ItemStatus.rendered and f.id in item.facts
                     and _within(f, item.date_of_service))]


def _opioid_facts(case: Case) -> list[Fact]:
    return [f for f in case.facts if f.category is FactCategory.medication and not f.proposed
            and ("opioid" in f.tags or f.procedure is ProcedureFamily.opioids)]


def _opioid_kind(case: Case, item: DisputedItem) -> RequestKind | None:
    opioids = _opioid_facts(case)
    current = [f for f in opioids if f.date < item.date_of_service or (
        f.date == item.date_of_service and re.search(rules().current_use, f.statement, re.I))]
    if current:
        return RequestKind(RequestType.continuation,
                           f"an opioid is already prescribed ({_ids(current)})")
    weeks = rules().long_term_opioid_weeks.value
    if item.service_end and (item.service_end - item.date_of_service).days >= weeks * 7:
        return RequestKind(RequestType.continuation,
                           f"the course runs {item.date_of_service} to {item.service_end}, "
                           f"at least {weeks:g} weeks (long-term therapy)")
    long = [f for f in opioids if f.id in item.facts and f.duration
            and f.duration.in_weeks() >= weeks]
    if long:
        return RequestKind(RequestType.continuation, f"the course lasts at least {weeks:g} "
                           f"weeks (long-term therapy): {_ids(long)}")
    return None


def request_kind(case: Case, item: DisputedItem) -> RequestKind:
    """The item's request type and the basis for it."""
    if item.request_type is not None:
        return RequestKind(item.request_type, "stated in the case file")
    for rule in rules().wording:
        match = re.search(rule.pattern, item.service, re.I)
        if match and (not rule.families or item.procedure in rule.families):
            said = match.groupdict().get("said") or match.group(0)
            return RequestKind(rule.type, f"the service says '{said}'")
    earlier = _earlier(case, item)
    if earlier and item.procedure in REPEATABLE:
        return RequestKind(RequestType.repeat, f"an earlier {item.procedure.value} is on "
                           f"record ({_ids(earlier)})")
    if earlier and item.procedure is ProcedureFamily.scs_trial:
        return RequestKind(RequestType.retrial,
                           f"an earlier stimulator trial is on record ({_ids(earlier)})")
    if item.procedure is ProcedureFamily.itp:
        # An earlier intrathecal procedure may be the trial; only a pump described as in
        # place counts.
        in_place = [
            f for f in case.facts if f.procedure is item.procedure and not f.proposed
            and f.category in PROCEDURE_EVIDENCE | {FactCategory.other}
            and f.date <= item.date_of_service and "trial" not in f.tags
            and re.search(rules().device_in_place, f.statement, re.I)]
        if in_place:
            return RequestKind(RequestType.continuation,
                               f"a pump is already in place ({_ids(in_place)})")
    for tag, pattern in rules().courses.items() if item.procedure is ProcedureFamily.other else ():
        given = [f for f in case.facts if f.category is FactCategory.conservative_care
                 and tag in f.tags and not f.proposed and f.date < item.date_of_service]
        if given and re.search(pattern, item.service, re.I):
            return RequestKind(RequestType.continuation,
                               f"the same care is already on record ({_ids(given)})")
    surgery = rules().operated.get(item.procedure)
    operated = [f for f in case.facts if surgery and not f.proposed
                and f.category in (FactCategory.history, FactCategory.procedure)
                and f.date < item.date_of_service and re.search(surgery, f.statement, re.I)
                and ("surgery" in f.tags or f.procedure is item.procedure)]
    if operated:
        return RequestKind(RequestType.revision, f"an earlier {item.procedure.value} is on "
                           f"record ({_ids(operated)})")
    for tag, pattern in rules().prescribed.items():
        given = [f for f in case.facts if f.category is FactCategory.medication
                 and tag in f.tags and not f.proposed and f.date < item.date_of_service]
        if given and re.search(pattern, item.service, re.I):
            return RequestKind(RequestType.continuation,
                               f"the same drug is already prescribed ({_ids(given)})")
    if item.procedure is ProcedureFamily.opioids:
        kind = _opioid_kind(case, item)
        if kind is not None:
            return kind
    return RequestKind(RequestType.initial, "no earlier treatment of this kind is on record")
