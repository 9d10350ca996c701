"""One ``fact`` test against a case: which facts are evidence on the question (the domain) and
which of them satisfy every condition."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import overload

from drafting.case import Case, DisputedItem, Fact
from drafting.case.vocab import FactCategory, Laterality, RecordType
from drafting.criteria.results import Gap, Status
from drafting.criteria.spec import FactTest

# Where each kind of evidence would be written, to tell a submission gap from a clinical one.
RECORDS_FOR: dict[FactCategory, set[RecordType]] = {
    FactCategory.imaging: {RecordType.imaging_report},
    FactCategory.electrodiagnostic: {RecordType.electrodiagnostic_report},
    FactCategory.psych: {RecordType.psych_evaluation},
    FactCategory.procedure: {RecordType.procedure_report, RecordType.operative_report,
                             RecordType.device_trial_record},
    FactCategory.response: {RecordType.procedure_report, RecordType.office_note,
                            RecordType.device_trial_record},
    FactCategory.conservative_care: {RecordType.pt_note, RecordType.chiropractic_note},
    FactCategory.medication: {RecordType.pharmacy_record},
    FactCategory.exam: {RecordType.office_note, RecordType.consultation_note},
    FactCategory.functional: {RecordType.office_note, RecordType.pt_note},
}


@dataclass
class Finding:
    status: Status
    supporting: list[str] = field(default_factory=list)
    contradicting: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    gap: Gap | None = None
    missing_documents: list[str] = field(default_factory=list)


class Thresholds:
    """Resolves ``$name`` against the set's thresholds for the case's setting."""

    def __init__(self, values: dict[str, float]):
        self.values = values

    @overload
    def __call__(self, number: float | str) -> float: ...

    @overload
    def __call__(self, number: None) -> None: ...

    def __call__(self, number: float | str | None) -> float | None:
        if isinstance(number, str):
            return self.values[number[1:]]
        return number


def _levels_match(item_levels: list[str], fact_levels: list[str]) -> bool:
    for wanted in item_levels:
        for have in fact_levels:
            if wanted == have or wanted in have.split("-") or have in wanted.split("-"):
                return True
    return False


def _side_matches(item_side: Laterality | None, fact_side: Laterality | None) -> bool:
    if item_side is None:
        return True
    if fact_side is None:
        return False
    return fact_side in (item_side, Laterality.bilateral) or item_side is Laterality.bilateral


def evidence_cutoff(item: DisputedItem) -> dt.date:
    """Evidence dated up to this day counts: the end of a course, else the date of service."""
    return item.service_end or item.date_of_service


def _on_time(fact: Fact, test: FactTest, item: DisputedItem) -> bool:
    if test.timing == "any":
        return True
    if test.timing == "before":
        return fact.date < item.date_of_service
    return fact.date <= evidence_cutoff(item)


def _mentions(fact: Fact, words: list[str]) -> bool:
    text = f"{fact.statement} {fact.dose.drug if fact.dose else ''}".lower()
    return any(re.search(rf"\b{re.escape(word.lower())}\b", text) for word in words)


def domain(case: Case, item: DisputedItem, test: FactTest) -> list[Fact]:
    procedure = item.procedure if test.procedure == "same" else test.procedure
    evidence = [
        f for f in case.facts
        if f.category in test.category
        and not f.proposed  # unreviewed intake proposals are not evidence
        and _on_time(f, test, item)
        and (procedure is None or f.procedure == procedure)
        and (not test.item_facts or f.id in item.facts)
        and (not test.domain_tags_any or set(f.tags) & set(test.domain_tags_any))
    ]
    if test.latest and evidence:
        newest = max(f.date for f in evidence)
        evidence = [f for f in evidence if f.date == newest]
    return evidence


def _satisfies(fact: Fact, item: DisputedItem, test: FactTest, t: Thresholds) -> bool | None:
    """True when the fact meets every condition, False when a value it records contradicts one,
    None when it is silent on a condition (the value the condition reads is not recorded)."""
    tags = set(fact.tags)
    if test.tags_any and not tags & set(test.tags_any):
        return False
    if not set(test.tags_all) <= tags or tags & set(test.tags_none):
        return False
    if test.mentions_any and not _mentions(fact, test.mentions_any):
        return False
    if test.within_days is not None and (
            (item.date_of_service - fact.date).days > t(test.within_days)):
        return False
    checks: list[bool | None] = []
    if test.side and item.details.laterality is not None:
        checks.append(None if fact.laterality is None
                      else _side_matches(item.details.laterality, fact.laterality))
    if test.level and item.details.levels:
        checks.append(_levels_match(item.details.levels, fact.levels) if fact.levels else None)
    if test.percent_relief_min is not None:
        checks.append(None if fact.percent_relief is None
                      else fact.percent_relief >= t(test.percent_relief_min))
    if test.duration_weeks_min is not None:
        checks.append(None if fact.duration is None
                      else fact.duration.in_weeks() >= t(test.duration_weeks_min))
    if test.mme_max is not None and fact.mme is not None:
        checks.append(fact.mme <= t(test.mme_max))
    if test.dose:
        checks.append(True if fact.dose is not None else None)
    if test.measure:
        values = [m.value for m in fact.measures if m.name.lower() == test.measure.name.lower()]
        low, high = t(test.measure.min), t(test.measure.max)
        checks.append(any((low is None or v >= low) and (high is None or v <= high)
                          for v in values) if values else None)
    if False in checks:
        return False
    return None if None in checks else True


def _course_weeks(facts: list[Fact], service: dt.date) -> tuple[float, list[str]]:
    """Weeks covered by the union of the courses before the service, and the facts whose extent
    is unknown (no end date and no duration)."""
    spans, unknown = [], []
    for fact in facts:
        if fact.end_date:
            end = fact.end_date
        elif fact.duration:
            end = fact.date + dt.timedelta(days=fact.duration.in_weeks() * 7)
        else:
            unknown.append(fact.id)
            continue
        spans.append((fact.date, min(end, service)))
    days, last_end = 0, None
    for start, end in sorted(spans):
        if last_end is not None and start < last_end:
            start = last_end
        if end > start:
            days += (end - start).days
            last_end = end if last_end is None else max(last_end, end)
    return days / 7, unknown


def evaluate_fact(case: Case, item: DisputedItem, test: FactTest, t: Thresholds) -> Finding:
    evidence = domain(case, item, test)
    verdicts = {f.id: _satisfies(f, item, test, t) for f in evidence}
    matching = [f for f in evidence if verdicts[f.id]]
    ids = [f.id for f in matching]
    others = [i for i, verdict in verdicts.items() if verdict is False]
    silent = [i for i, verdict in verdicts.items() if verdict is None]
    if test.course_weeks_min is not None and matching:
        weeks, unknown = _course_weeks(matching, evidence_cutoff(item))
        needed = t(test.course_weeks_min)
        if weeks >= needed:
            return Finding(Status.met, ids, notes=[f"{weeks:.0f} weeks documented"])
        if unknown:
            return Finding(Status.undocumented, ids, notes=[
                f"only {weeks:.0f} of {needed:.0f} weeks have dates; the length of "
                f"{', '.join(unknown)} is not documented"], gap=Gap.clinical)
        return Finding(Status.not_met, [], ids, notes=[f"{weeks:.0f} of {needed:.0f} weeks"])
    needed_count = int(t(test.count_min) or 1)
    counted = [f"{len(matching)} of {needed_count} required"] if needed_count > 1 else []
    if len(matching) >= needed_count:
        return Finding(Status.met, ids)
    if others:
        return Finding(Status.not_met, [], ids + others, notes=counted)
    if silent:
        return Finding(Status.undocumented, ids, notes=[
            *counted, f"{', '.join(silent)} do(es) not record the value the criterion needs"],
            gap=Gap.clinical)
    return _undocumented(case, item, test)


def _undocumented(case: Case, item: DisputedItem, test: FactTest) -> Finding:
    record_types = set().union(*(RECORDS_FOR.get(c, set()) for c in test.category))
    missing = {d.id for d in case.documents if not d.included and d.type in record_types}
    citing = [f for f in case.facts if set(f.references) & missing
              and f.date <= evidence_cutoff(item)]
    if citing:
        documents = sorted({d for f in citing for d in f.references if d in missing})
        return Finding(Status.undocumented, [f.id for f in citing], gap=Gap.submission,
                       missing_documents=documents)
    return Finding(Status.undocumented, gap=Gap.clinical)


def evaluate_absent(case: Case, item: DisputedItem, test: FactTest, t: Thresholds) -> Finding:
    evidence = domain(case, item, test)
    present = [f.id for f in evidence if _satisfies(f, item, test, t) is not False]
    if present:
        notes = []
        if test.mentions_any:
            found = sorted({w for f in evidence if f.id in present for w in test.mentions_any
                            if _mentions(f, [w])})
            notes.append(f"contains {', '.join(found)}")
        return Finding(Status.not_met, [], present, notes=notes)
    # With ``latest`` the facts read are few and are the evidence for the absence: cite them.
    return Finding(Status.met, [f.id for f in evidence] if test.latest else [])


def evaluate_diagnosis(case: Case, prefixes: list[str]) -> Finding:
    codes = [d.code for d in case.diagnoses if d.code.startswith(tuple(prefixes))]
    return Finding(Status.met, notes=[f"diagnosis {', '.join(codes)}"]) if codes else Finding(
        Status.not_met, notes=[f"no diagnosis coded {' or '.join(prefixes)}"])
