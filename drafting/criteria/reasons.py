"""One-sentence reasons for criterion results and a one-line summary of an item's outcome."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.facts import Finding
from drafting.criteria.results import CriterionResult, Gap, Status
from drafting.criteria.spec import Criterion


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _ids(ids: list[str]) -> str:
    return ", ".join(ids)


def reason(criterion: Criterion, finding: Finding, case: Case) -> str:
    statement = _lower_first(criterion.statement.rstrip("."))
    notes = f" ({'; '.join(finding.notes)})" if finding.notes else ""
    if finding.status is Status.met:
        cited = f": {_ids(finding.supporting)}" if finding.supporting else \
            " (no contrary finding in the record)"
        return f"Met{notes}: {statement}{cited}."
    if finding.status is Status.not_met:
        see = f"; see {_ids(finding.contradicting)}" if finding.contradicting else ""
        return f"Not met{notes}: the record does not show that {statement}{see}."
    if finding.gap is Gap.submission:
        documents = "; ".join(f"{d.id} ({d.title}, {d.date.isoformat()})" for d in case.documents
                              if d.id in finding.missing_documents)
        cited = f"is cited by {_ids(finding.supporting)}" if finding.supporting else \
            "is listed in the record inventory"
        return (f"Not documented in the packet: {documents} {cited} but was not supplied, so it "
                f"cannot be confirmed that {statement}.")
    return f"Not documented{notes}: no record dated on or before the service shows that " \
           f"{statement}."


def summary(outcome: Outcome, deciding: list[str], results: list[CriterionResult]) -> str:
    required = [r for r in results if r.required]
    if outcome is Outcome.necessary and not required:
        guarded = [r.criterion_id for r in results if r.decides_if_contradicted]
        return (f"Necessary: no record contradicts the criteria that would decide against it "
                f"({_ids(guarded)}).")
    if outcome is Outcome.necessary:
        return f"Necessary: all {len(required)} required criteria are met."
    if not deciding:
        met = sum(r.status is Status.met for r in results)
        return (f"{outcome.value.replace('_', ' ').capitalize()}: no criterion of this set is "
                f"required in this setting, so none decides the item ({met} of {len(results)} "
                f"supporting criteria met); a physician decides it on the record.")
    # supporting criteria the record contradicts, beside required ones left undocumented
    # (drafting/criteria/decisive.py, contradicted_support)
    against = [r.criterion_id for r in results if r.criterion_id in deciding and not r.required]
    if against:
        rest = summary(outcome, [d for d in deciding if d not in against], results)
        return (f"{rest} The record contradicts {len(against)} supporting criterion(s) "
                f"({_ids(against)}).")
    deciding_results = [r for r in results if r.criterion_id in deciding]
    if outcome is Outcome.not_necessary and all(
            r.status is Status.undocumented for r in deciding_results):
        gaps = sorted({d for r in deciding_results for d in r.missing_documents})
        where = f"; the packet lacks {_ids(gaps)}" if gaps else ""
        return (f"Not necessary (not established on this record): {len(deciding)} required "
                f"criterion(s) not documented ({_ids(deciding)}){where}.")
    if outcome is Outcome.not_necessary:
        failed = [r.criterion_id for r in deciding_results if r.status is Status.not_met]
        silent = [r.criterion_id for r in deciding_results if r.status is Status.undocumented]
        also = f"; {len(silent)} not documented ({_ids(silent)})" if silent else ""
        return (f"Not necessary: {len(failed)} required criterion(s) not met ({_ids(failed)})"
                f"{also}.")
    gaps = sorted({d for r in results if r.criterion_id in deciding for d in r.missing_documents})
    where = f"; the packet lacks {_ids(gaps)}" if gaps else ""
    return (f"Insufficient documentation: {len(deciding)} required criterion(s) not documented "
            f"({_ids(deciding)}){where}.")
