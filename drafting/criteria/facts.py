"""One ``fact`` test against a case: which facts are evidence on the question (the domain) and
which of them satisfy every condition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import overload

from drafting.case import Case, DisputedItem, Fact
from drafting.case.vocab import FactCategory, ItemStatus, Laterality
from drafting.criteria import prose, visits
from drafting.criteria.mentions import mentions, names
from drafting.criteria.record_kinds import records_for
from drafting.criteria.results import Gap, Status
from drafting.criteria.service_words import names_service, same_care
from drafting.criteria.spec import FactTest

# Findings that affect both sides by their nature, so a record need not name a side for them.
BOTH_SIDES_BY_NATURE = {"central_stenosis", "neurogenic_claudication"}


# Tags that state a response was poor or brief: a contrary answer wherever a test's domain
# names them beside the gain it asks.
POOR_RESPONSE_TAGS = {"no_relief", "temporary_relief"}

# Readings in words that no tag records: the statement alone answers them.
WORDS_ALONE = {"effects", "ended", "relief"}

# How a reading in words is named in a result's notes, where "the <kind> is" reads badly.
_WORDS_READ = {"effects": "the injury's continuing effects are",
               "relief": "relief from the treatment is",
               "ended": "the injury's end is"}


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


def evidence_cutoff(item: DisputedItem, case: Case | None = None) -> dt.date:
    """Evidence dated up to this day counts: for a service already rendered, the end of its
    course, else its date of service; for a requested one, the case's review date when later
    (the reviewer decides on the record before them, including what was sent on appeal)."""
    cutoff = item.service_end or item.date_of_service
    if (case is not None and item.status is ItemStatus.requested and case.dates.review
            and case.dates.review > cutoff):
        return case.dates.review
    return cutoff


def _on_time(fact: Fact, test: FactTest, item: DisputedItem, case: Case) -> bool:
    if test.timing == "any":
        return True
    if test.timing == "before":
        # "before request", dated on the request's day, came before a service given that day.
        return fact.date < item.date_of_service or (fact.date == item.date_of_service and (
            fact.date_basis or "").lower().startswith("before "))
    return fact.date <= evidence_cutoff(item, case)




def domain(case: Case, item: DisputedItem, test: FactTest) -> list[Fact]:
    procedure = item.procedure if test.procedure == "same" else test.procedure
    evidence = [
        f for f in case.facts
        if f.category in test.category
        and not f.proposed  # unreviewed intake proposals are not evidence
        and _on_time(f, test, item, case)
        and (procedure is None or f.procedure == procedure
             or same_care(f, item, test.procedure))
        and (not test.item_facts or f.id in item.facts)
        and (not test.about_any or mentions(f, test.about_any))
        and (not test.also_about_any or mentions(f, test.also_about_any))
        and (not test.names_item or names_service(f, item.service))
        and (not test.domain_tags_any or set(f.tags) & set(test.domain_tags_any)
             or (test.in_words and prose.in_words(test.in_words, f) is not None)
             # a relief percentage recorded or stated answers a relief question
             or (test.percent_relief_min is not None and prose.stated_percent(f) is not None))
    ]
    if test.latest and evidence:
        newest = max(f.date for f in evidence)
        evidence = [f for f in evidence if f.date == newest]
    return evidence


def _relief(fact: Fact, minimum: float, notes: list[str]) -> bool | None:
    """The relief-percentage condition: the recorded or stated percentage, else the words."""
    stated = prose.stated_percent(fact)
    if stated is not None:
        if stated.how != "recorded":
            notes.append(f"{fact.id}: relief {stated.value:g}% from {stated.how}")
        return stated.value >= minimum
    described = False if "no_relief" in fact.tags else prose.qualitative_response(fact)
    if described is not None:
        notes.append(f"{fact.id}: no percentage recorded; the response is described in words as "
                     f"{'good' if described else 'poor or brief'} (qualitative evidence)")
    return described


def _lasted(fact: Fact, minimum_weeks: float, notes: list[str]) -> bool | None:
    """The duration condition: the recorded or stated duration, else a response described as
    brief (which fails it)."""
    stated = prose.stated_weeks(fact)
    if stated is not None:
        if stated.how != "recorded":
            notes.append(f"{fact.id}: {stated.value:.1f} weeks from {stated.how}")
        return stated.value >= minimum_weeks
    if "temporary_relief" in fact.tags or prose.qualitative_response(fact) is False:
        notes.append(f"{fact.id}: no duration recorded; the response is described as brief or "
                     "poor (qualitative evidence)")
        return False
    return None


def _satisfies(fact: Fact, item: DisputedItem, test: FactTest, t: Thresholds,
               notes: list[str] | None = None, summary: bool = False) -> bool | None:
    """True when the fact meets every condition, False when a value it records contradicts one,
    None when it is silent on a condition (the value the condition reads is not recorded).
    How a value was read from the statement's words is added to ``notes``.

    A ``summary`` (a fact reporting a document the packet lacks) says only what its writer
    chose to repeat: a finding it does not name (a missing tag) is silence, not absence; a
    value it records, an excluding tag or words saying the contrary still contradict."""
    read: list[str] = []
    tags = set(fact.tags)
    unsaid = False
    if (test.tags_any and not tags & set(test.tags_any)) or (
            not test.tags_any and test.in_words in WORDS_ALONE):
        words = prose.in_words(test.in_words, fact) if test.in_words else None
        # A tag stating a poor response ('no_relief') where a gain or relief is asked is the
        # summary's answer, not its silence.
        answered = bool(tags & POOR_RESPONSE_TAGS & (set(test.domain_tags_any)
                                                     - set(test.tags_any)))
        if not words and (words is False or not summary or answered):
            return False
        unsaid = not words
        if words:
            what = _WORDS_READ.get(test.in_words or "", f"the {test.in_words} is")
            read.append(f"{fact.id}: qualitative evidence: {what} described in words, without "
                        "a measure")
    if tags & set(test.tags_none) or (not set(test.tags_all) <= tags and not summary):
        return False
    unsaid = unsaid or not set(test.tags_all) <= tags
    if test.mentions_any and not mentions(fact, test.mentions_any):
        return False
    if test.within_days is not None and (
            (item.date_of_service - fact.date).days > t(test.within_days)):
        return False
    checks: list[bool | None] = []
    if test.side and item.details.laterality is not None:
        side = fact.laterality or (Laterality.bilateral if tags & BOTH_SIDES_BY_NATURE else None)
        checks.append(None if side is None else _side_matches(item.details.laterality, side))
    if test.level and item.details.levels:
        levels = prose.stated_levels(fact)
        checks.append(_levels_match(item.details.levels, levels) if levels else None)
        if levels and not fact.levels:
            read.append(f"{fact.id}: levels {', '.join(levels)} named in the statement")
    if test.percent_relief_min is not None:
        checks.append(_relief(fact, t(test.percent_relief_min), read))
    if test.duration_weeks_min is not None:
        checks.append(_lasted(fact, t(test.duration_weeks_min), read))
    if test.mme_max is not None and fact.mme is not None:
        checks.append(fact.mme <= t(test.mme_max))
    if test.dose:
        checks.append(True if fact.dose is not None else None)
    if test.ended_by_service:
        checks.append(_ended(fact, item, read))
    if test.sessions_max is not None:
        given = visits.stated_sessions(fact)
        checks.append(None if given is None else given <= t(test.sessions_max))
        if given is not None:
            read.append(f"{fact.id}: {given:g} sessions given, of at most "
                        f"{t(test.sessions_max):g}")
    if test.measure:
        values = [m.value for m in fact.measures if m.name.lower() == test.measure.name.lower()]
        low, high = t(test.measure.min), t(test.measure.max)
        checks.append(any((low is None or v >= low) and (high is None or v <= high)
                          for v in values) if values else None)
    verdict = False if False in checks else None if None in checks or unsaid else True
    if notes is not None and verdict is not None:
        notes.extend(read)
    return verdict


def _ended(fact: Fact, item: DisputedItem, notes: list[str]) -> bool:
    """Whether the plan or course the fact records ran out before the service; one whose
    length is neither recorded nor stated is taken as still running (open-ended)."""
    if fact.end_date:
        return fact.end_date < item.date_of_service
    stated = prose.stated_weeks(fact)
    if stated is None:
        return False
    end = fact.date + dt.timedelta(weeks=stated.value)
    notes.append(f"{fact.id}: {stated.value:g} weeks from {fact.date} ({stated.how}) end "
                 f"{end}, {'before' if end < item.date_of_service else 'after'} the service")
    return end < item.date_of_service


def _course_weeks(facts: list[Fact], cutoff: dt.date) -> tuple[float, list[str], list[str]]:
    """Weeks covered by the union of the courses up to the cutoff, the facts whose extent is
    unknown (no end date and no duration, recorded or stated), and how durations were read.

    A course with a duration but no end date counts for its whole duration: a note written at
    the end of "six weeks of PT" documents six weeks, not none from the note's date. It is
    placed to end by the cutoff (or at its date plus the duration, if earlier)."""
    spans, unknown, read = [], [], []
    for fact in facts:
        if fact.end_date:
            spans.append((fact.date, min(fact.end_date, cutoff)))
            continue
        stated = prose.stated_weeks(fact)
        if stated is None:
            unknown.append(fact.id)
            continue
        if stated.at_least:  # a lower bound: the course may have run longer
            unknown.append(fact.id)
        if stated.how != "recorded":
            read.append(f"{fact.id}: {stated.value:.1f} weeks from {stated.how}")
        length = dt.timedelta(days=stated.value * 7)
        end = min(fact.date + length, cutoff)
        spans.append((end - length, end))
    days, last_end = 0, None
    for start, end in sorted(spans):
        if last_end is not None and start < last_end:
            start = last_end
        if end > start:
            days += (end - start).days
            last_end = end if last_end is None else max(last_end, end)
    return days / 7, unknown, read


def evaluate_fact(case: Case, item: DisputedItem, test: FactTest, t: Thresholds) -> Finding:
    evidence = domain(case, item, test)
    read: list[str] = []
    absent = {d.id for d in case.documents if not d.included}
    behind = {f.id: sorted(set(f.references) & absent) for f in evidence}
    verdicts = {f.id: _satisfies(f, item, test, t, read, summary=bool(behind[f.id]))
                for f in evidence}
    matching = [f for f in evidence if verdicts[f.id]]
    ids = [f.id for f in matching]
    others = [i for i, verdict in verdicts.items() if verdict is False]
    silent = [i for i, verdict in verdicts.items() if verdict is None]
    if test.course_weeks_min is not None and matching:
        weeks, unknown, stated = _course_weeks(matching, evidence_cutoff(item, case))
        needed = t(test.course_weeks_min)
        if weeks >= needed:
            return Finding(Status.met, ids, notes=[f"{weeks:.0f} weeks documented", *stated])
        if unknown:
            # A course documented as tried ("failed PT") without its length is evidence of
            # lower strength, not absence: met, with the strength recorded.
            courses = "documents a course" if len(unknown) == 1 else "document courses"
            return Finding(Status.met, ids, notes=[
                f"qualitative evidence: {_listed(unknown)} {courses} without a length or with "
                f"only a lower bound; {weeks:.0f} of {needed:.0f} weeks are dated or stated",
                *stated])
        return Finding(Status.not_met, [], ids, notes=[f"{weeks:.0f} of {needed:.0f} weeks",
                                                         *stated])
    needed_count = int(t(test.count_min) or 1)
    # Counted events (blocks, trials) are told apart by their dates: two notes of one day's
    # block are one block.
    events = len({f.date for f in matching})
    counted = [f"{events} of {needed_count} required"] if needed_count > 1 else []
    if events >= needed_count:
        return Finding(Status.met, ids, notes=read)
    if others:
        return Finding(Status.not_met, [], ids + others, notes=counted + read)
    if silent:
        # Summaries of documents the packet lacks that do not name the finding: the documents
        # would decide it (a submission gap), not the clinical record.
        documents = sorted({d for i in silent for d in behind[i]})
        summaries = all(behind[i] for i in silent)
        return Finding(Status.undocumented, ids + (silent if summaries else []), notes=[
            *counted, f"{_listed(silent)} {'does' if len(silent) == 1 else 'do'} not record "
            "the value the criterion needs"
            + (" (a summary of a document the packet lacks)" if summaries else "")],
            gap=Gap.submission if summaries else Gap.clinical, missing_documents=documents)
    return _undocumented(case, item, test, t)


def _listed(ids: list[str]) -> str:
    return ", ".join(ids[:-1]) + f" and {ids[-1]}" if len(ids) > 1 else ids[0]


def _reads_as_finding(fact: Fact, item: DisputedItem, test: FactTest, t: Thresholds,
                      notes: list[str]) -> bool:
    """A note's paraphrase of a missing report ("the outside MRI shows a left foraminal problem
    at L4-5") rarely carries the finding's tag; it counts when it records the values the test
    checks (side, level, relief, duration) and they all match."""
    if _satisfies(fact, item, test, t, notes):
        return True
    valued = test.side or test.level or test.percent_relief_min is not None \
        or test.duration_weeks_min is not None
    untagged = test.model_copy(update={"tags_any": [], "tags_all": []})
    return bool(valued) and bool(_satisfies(fact, item, untagged, t, notes))


def _undocumented(case: Case, item: DisputedItem, test: FactTest, t: Thresholds) -> Finding:
    """No fact of the test's categories answers it. A fact that reports a document of the right
    kind which the packet lacks is secondhand evidence: met when it reads as the finding (the
    caller marks it secondhand and names the document), else a submission gap."""
    record_types = records_for(test.category)
    missing = {d.id for d in case.documents if not d.included and d.type in record_types}
    procedure = item.procedure if test.procedure == "same" else test.procedure
    citing = [f for f in case.facts if set(f.references) & missing and not f.proposed
              and f.date <= evidence_cutoff(item, case)
              and (procedure is None or f.procedure in (None, procedure))
              and (not test.also_about_any or mentions(f, test.also_about_any))]
    if citing:
        notes: list[str] = []
        # Only a fact that reports the document's content (of the test's kind, or history and
        # other accounts) can stand in for it; an exam that mentions the MRI does not.
        reporting = set(test.category) | {FactCategory.history, FactCategory.other}
        reading = [f.id for f in citing if f.category in reporting
                   and _reads_as_finding(f, item, test, t, notes)]
        documents = sorted({d for f in citing for d in f.references if d in missing})
        if reading:
            return Finding(Status.met, reading, notes=notes, missing_documents=documents)
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
                            if mentions(f, [w])})
            notes.append(f"contains {', '.join(found)}")
        return Finding(Status.not_met, [], present, notes=notes)
    # With ``latest`` the facts read are few and are the evidence for the absence: cite them.
    return Finding(Status.met, [f.id for f in evidence] if test.latest else [])


def evaluate_diagnosis(case: Case, prefixes: list[str], silent: bool = False,
                       words: list[str] | None = None) -> Finding:
    """Met by a coded diagnosis starting with a prefix, or one whose text names one of the
    ``words``; with none, not met (``silent``: undocumented, where other evidence may document
    the condition too)."""
    found = [d for d in case.diagnoses
             if (d.code and prefixes and d.code.startswith(tuple(prefixes)))
             or (words and names(d.text, words))]
    if found:
        return Finding(Status.met, notes=[
            "diagnosis " + "; ".join(f"{d.code} {d.text}" if d.code else d.text for d in found)])
    if silent:
        return Finding(Status.undocumented)
    uncoded = [d.text for d in case.diagnoses if not d.code]
    if uncoded:  # the record names a diagnosis without its code: no code to judge it by
        return Finding(Status.undocumented, notes=[
            f"no diagnosis coded {' or '.join(prefixes)}; not coded in the record: "
            + "; ".join(uncoded)])
    return Finding(Status.not_met, notes=[f"no diagnosis coded {' or '.join(prefixes)}"])
