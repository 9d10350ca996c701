"""Secondhand evidence: a finding that rests on what a note says about a document the packet
does not include (films described in an office note, a procedure report a letter mentions).

Reviewers credit such evidence, so the criterion comes out as the evidence says; but it is
reported as resting on secondhand evidence and as a submission gap naming each missing
document, whichever way the criterion comes out."""

from __future__ import annotations

from drafting.case import Case, DisputedItem, Fact
from drafting.case.vocab import RecordType
from drafting.criteria.facts import Finding, evidence_cutoff
from drafting.criteria.loader import fact_tests
from drafting.criteria.record_kinds import records_for
from drafting.criteria.results import Gap, ItemResult, Status
from drafting.criteria.spec import Test


def relevant_records(test: Test) -> set[RecordType]:
    """The kinds of document that would hold the evidence a criterion's test reads."""
    return records_for({c for fact in fact_tests(test) for c in fact.category})


def missing_behind(fact: Fact, missing: set[str]) -> list[str]:
    """The documents not in the packet that this fact's content comes from."""
    return [d for d in [fact.source.document, *fact.references] if d in missing]


def mark_secondhand(finding: Finding, case: Case, records: set[RecordType]) -> Finding:
    """Add the missing documents (of the kinds in ``records``, or a fact's own source) behind
    the finding's evidence; a met or not-met finding whose every piece of evidence is
    secondhand becomes a submission gap as well."""
    if finding.status is Status.undocumented:
        return finding
    sources = {f.source.document for f in case.facts}
    missing = {d.id for d in case.documents
               if not d.included and (d.type in records or d.id in sources)}
    if not missing:
        return finding
    facts = {f.id: f for f in case.facts}
    evidence = finding.supporting if finding.status is Status.met else finding.contradicting
    behind = {f: missing_behind(facts[f], missing) for f in evidence if f in facts}
    documents = sorted({d for ds in behind.values() for d in ds})
    if not documents:
        return finding
    finding.missing_documents = sorted({*finding.missing_documents, *documents})
    if behind and all(behind.values()):
        finding.gap = Gap.submission
        titles = "; ".join(f"{d.title} ({d.id})" for d in case.documents if d.id in documents)
        finding.notes.append(
            f"{'met' if finding.status is Status.met else 'not met'} on secondhand evidence: "
            f"the record describes {titles}, which the packet does not include")
    return finding


def listed_but_missing(finding: Finding, case: Case, item: DisputedItem,
                       records: set[RecordType]) -> Finding:
    """A criterion no record documents, while the inventory lists, as not supplied and dated by
    the evidence cutoff, a document of the kind that would show it: the evidence may exist
    outside the packet, so the gap is a submission gap naming that document, not a clinical
    one (the criterion stays undocumented)."""
    if finding.status is not Status.undocumented or finding.gap is not Gap.clinical:
        return finding
    cutoff = evidence_cutoff(item, case)
    listed = [d for d in case.documents
              if not d.included and d.type in records and d.date <= cutoff]
    if listed:
        finding.gap = Gap.submission
        finding.missing_documents = sorted({*finding.missing_documents, *(d.id for d in listed)})
    return finding


def cited_but_missing(case: Case, item: DisputedItem, result: ItemResult,
                      undecided: set[RecordType] | None = None) -> list[str]:
    """Every document the item's facts cite, or come from, that the packet lacks: the item's
    own facts, its prior decision's, and every fact a criterion read; and every document the
    inventory lists as not supplied, dated by the evidence cutoff, of a kind (``undecided``)
    that would hold the evidence a required criterion the record does not meet reads (a
    treating physician's notes where the examination is in doubt): the inventory cites it."""
    ids = set(item.facts) | set(item.prior_decision.facts if item.prior_decision else [])
    for c in result.criteria:
        ids |= {*c.supporting_facts, *c.contradicting_facts}
    missing = {d.id for d in case.documents if not d.included}
    found = {d for c in result.criteria for d in c.missing_documents}
    for fact in case.facts:
        if fact.id in ids:
            found |= set(missing_behind(fact, missing))
    cutoff = evidence_cutoff(item, case)
    found |= {d.id for d in case.documents if not d.included and d.type in (undecided or set())
              and d.date <= cutoff}
    return sorted(found)
