"""Evaluate a case: choose the criteria set for each disputed item, decide every criterion
(met / not met / undocumented) and roll the results up to an outcome."""

from __future__ import annotations

from drafting.case import Case, DisputedItem
from drafting.case.vocab import ItemStatus, Outcome
from drafting.criteria.facts import (
    Finding,
    Thresholds,
    evaluate_absent,
    evaluate_diagnosis,
    evaluate_fact,
)
from drafting.criteria.loader import load_criteria
from drafting.criteria.objections import objections_for
from drafting.criteria.reasons import reason, summary
from drafting.criteria.results import CriterionResult, ItemResult, Status
from drafting.criteria.spec import (
    AbsentNode,
    AllNode,
    AnyNode,
    CriteriaSet,
    Criterion,
    DiagnosisNode,
    FactNode,
    NotNode,
    Test,
)
from guideline_index.corpus import excerpts_by_id


def run_test(case: Case, item: DisputedItem, test: Test, t: Thresholds) -> Finding:
    if isinstance(test, FactNode):
        return evaluate_fact(case, item, test.fact, t)
    if isinstance(test, AbsentNode):
        return evaluate_absent(case, item, test.absent, t)
    if isinstance(test, DiagnosisNode):
        return evaluate_diagnosis(case, test.diagnosis.code_prefixes)
    if isinstance(test, NotNode):
        inner = run_test(case, item, test.not_, t)
        flipped = {Status.met: Status.not_met, Status.not_met: Status.met}
        if inner.status is Status.undocumented:
            return inner
        return Finding(flipped[inner.status], inner.contradicting, inner.supporting, inner.notes)
    children = [run_test(case, item, child, t)
                for child in (test.all if isinstance(test, AllNode) else test.any)]
    order = ([Status.not_met, Status.undocumented, Status.met] if isinstance(test, AllNode)
             else [Status.met, Status.not_met, Status.undocumented])
    status = next(s for s in order if any(c.status is s for c in children))
    chosen = [c for c in children if c.status is status] if isinstance(test, AnyNode) \
        else children
    merged = Finding(status)
    for child in chosen:
        merged.supporting += [f for f in child.supporting if f not in merged.supporting]
        merged.contradicting += [f for f in child.contradicting if f not in merged.contradicting]
        merged.notes += child.notes
        merged.missing_documents += child.missing_documents
        if child.status is status and child.gap and merged.gap is None:
            merged.gap = child.gap
    if status is not Status.undocumented:
        merged.gap = None
    return merged


def thresholds_for(spec: CriteriaSet, case: Case) -> Thresholds:
    values = {}
    for name, options in spec.thresholds.items():
        chosen = next((o for o in options if case.setting in o.settings), None) or next(
            (o for o in options if not o.settings), None)
        if chosen is not None:
            values[name] = chosen.value
    return Thresholds(values)


def _applies(spec: CriteriaSet, case: Case, item: DisputedItem) -> bool:
    if spec.procedure != item.procedure:
        return False
    day = item.date_of_service
    if day < spec.effective_from or (spec.effective_to and day > spec.effective_to):
        return False
    t = thresholds_for(spec, case)
    if spec.applies_if and run_test(case, item, spec.applies_if, t).status is not Status.met:
        return False
    return not (spec.applies_unless and
                run_test(case, item, spec.applies_unless, t).status is Status.met)


def choose_set(case: Case, item: DisputedItem,
               sets: tuple[CriteriaSet, ...] | None = None) -> CriteriaSet | None:
    candidates = [s for s in (sets or load_criteria()) if _applies(s, case, item)]
    keyword_sets = [s for s in candidates if s.service_keywords and any(
        k.lower() in item.service.lower() for k in s.service_keywords)]
    if keyword_sets:
        return keyword_sets[0]
    general = [s for s in candidates if not s.service_keywords]
    return general[0] if general else None


def _basis(criterion: Criterion, case: Case, item: DisputedItem) -> list[str]:
    excerpts = excerpts_by_id()
    return [i for i in criterion.basis
            if case.setting in excerpts[i].settings
            and excerpts[i].in_force_on(item.date_of_service)]


def evaluate_criterion(criterion: Criterion, case: Case, item: DisputedItem,
                       t: Thresholds) -> CriterionResult:
    finding = run_test(case, item, criterion.test, t)
    return CriterionResult(
        criterion_id=criterion.id, statement=criterion.statement, required=criterion.required,
        status=finding.status, reason=reason(criterion, finding, case),
        supporting_facts=finding.supporting, contradicting_facts=finding.contradicting,
        basis=_basis(criterion, case, item), gap=finding.gap,
        missing_documents=sorted(set(finding.missing_documents)), notes=finding.notes,
    )


def roll_up(results: list[CriterionResult]) -> tuple[Outcome, str, list[str]]:
    required = [r for r in results if r.required]
    failed = [r.criterion_id for r in required if r.status is Status.not_met]
    missing = [r.criterion_id for r in required if r.status is Status.undocumented]
    supporting_disagree = any(r.status is not Status.met for r in results if not r.required)
    if failed:
        return Outcome.not_necessary, "medium" if missing else "high", failed
    if missing:
        confidence = "low" if len(missing) * 2 > len(required) else "medium"
        return Outcome.insufficient_documentation, confidence, missing
    return (Outcome.necessary, "medium" if supporting_disagree else "high",
            [r.criterion_id for r in required])


def evaluate_item(case: Case, item: DisputedItem,
                  sets: tuple[CriteriaSet, ...] | None = None) -> ItemResult:
    spec = choose_set(case, item, sets)
    if spec is None:
        return ItemResult(
            item_id=item.id, service=item.service, criteria_set=None, criteria_title=None,
            outcome=None, confidence="none",
            summary=f"No criteria set covers {item.procedure} on {item.date_of_service} in the "
                    f"{case.setting} setting; the item needs a physician's manual review.")
    t = thresholds_for(spec, case)
    results = [evaluate_criterion(c, case, item, t) for c in spec.criteria
               if (not c.settings or case.setting in c.settings)
               and not (c.rendered_only and item.status is not ItemStatus.rendered)]
    outcome, confidence, deciding = roll_up(results)
    result = ItemResult(
        item_id=item.id, service=item.service, criteria_set=spec.id, criteria_title=spec.title,
        outcome=outcome, confidence=confidence, deciding=deciding,
        summary=summary(outcome, deciding, results), criteria=results)
    result.objections = objections_for(case, spec, result)
    return result


def evaluate_case(case: Case) -> list[ItemResult]:
    return [evaluate_item(case, item) for item in case.disputed_items]
