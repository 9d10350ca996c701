"""Evaluate a case: choose the criteria set for each disputed item, decide every criterion
(met / not met / undocumented) and roll the results up to an outcome."""

from __future__ import annotations

from drafting.case import Case, DisputedItem
from drafting.case.vocab import ItemStatus, Outcome, ProcedureFamily, RecordType, Setting
from drafting.criteria.burden import apply_burden
from drafting.criteria.decisive import contradicted_support
from drafting.criteria.decisive import mark as mark_decisive
from drafting.criteria.dispute import causation_dispute, denied_before
from drafting.criteria.facts import (
    Finding,
    Thresholds,
    evaluate_absent,
    evaluate_diagnosis,
    evaluate_fact,
)
from drafting.criteria.governing import cite_provision
from drafting.criteria.jurisdiction import (
    Era,
    LocalDeparture,
    LocalRule,
    era_note,
    era_of,
    governing_note,
    governing_on,
    jurisdiction_of,
    local_departures,
    local_rules,
    own_setting_weights,
)
from drafting.criteria.loader import load_criteria
from drafting.criteria.objections import objections_for
from drafting.criteria.overlap import evaluate_session
from drafting.criteria.reasons import reason, summary
from drafting.criteria.request_type import RequestKind, request_kind
from drafting.criteria.request_type import rules as request_type_rules
from drafting.criteria.results import CriterionResult, Gap, ItemResult, Status
from drafting.criteria.secondhand import (
    cited_but_missing,
    listed_but_missing,
    mark_secondhand,
    relevant_records,
)
from drafting.criteria.service_words import with_named_family
from drafting.criteria.spec import (
    AbsentNode,
    AllNode,
    AnyNode,
    CriteriaSet,
    Criterion,
    DiagnosisNode,
    FactNode,
    NotNode,
    RequestNode,
    SessionNode,
    Test,
)
from drafting.criteria.specificity import evaluate_request, named
from drafting.criteria.standards import review_standards
from drafting.criteria.stimulator_stage import staged
from guideline_index.corpus import excerpts_by_id


def run_test(case: Case, item: DisputedItem, test: Test, t: Thresholds) -> Finding:
    if isinstance(test, FactNode):
        return evaluate_fact(case, item, test.fact, t)
    if isinstance(test, AbsentNode):
        return evaluate_absent(case, item, test.absent, t)
    if isinstance(test, RequestNode):
        return evaluate_request(item, test.request, t)
    if isinstance(test, SessionNode):
        return evaluate_session(case, item, test.alone_in_session)
    if isinstance(test, DiagnosisNode):
        d = test.diagnosis
        return evaluate_diagnosis(case, d.code_prefixes, silent=d.no_match == "silent",
                                  words=d.text_any)
    if isinstance(test, NotNode):
        inner = run_test(case, item, test.not_, t)
        flipped = {Status.met: Status.not_met, Status.not_met: Status.met}
        if inner.status is Status.undocumented:
            return inner
        # what the inner test found stays as notes; why it failed (e.g. 'the request does not
        # specify X; the guideline cannot be applied') would misstate a result now met
        notes = inner.notes if inner.status is Status.met else []
        return Finding(flipped[inner.status], inner.contradicting, inner.supporting, notes)
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


def _applies(spec: CriteriaSet, case: Case, item: DisputedItem, kind: RequestKind,
             fallback: bool = False) -> bool:
    if not spec.fallback if fallback else spec.procedure != item.procedure:
        return False
    if spec.request_types and kind.type not in spec.request_types:
        return False
    day = item.date_of_service
    if day < spec.effective_from or (spec.effective_to and day > spec.effective_to):
        return False
    if not any(not c.settings or case.setting in c.settings for c in spec.criteria):
        return False  # a set with no criterion for this setting does not judge it
    t = thresholds_for(spec, case)
    if spec.applies_if and run_test(case, item, spec.applies_if, t).status is not Status.met:
        return False
    return not (spec.applies_unless and
                run_test(case, item, spec.applies_unless, t).status is Status.met)


def choose_set(case: Case, item: DisputedItem, sets: tuple[CriteriaSet, ...] | None = None,
               kind: RequestKind | None = None) -> CriteriaSet | None:
    kind = kind or request_kind(case, item)
    candidates = [s for s in (sets or load_criteria()) if _applies(s, case, item, kind)]
    keyword_sets = [s for s in candidates if s.service_keywords and any(
        k.lower() in item.service.lower() for k in s.service_keywords)]
    if keyword_sets:
        return keyword_sets[0]
    general = [s for s in candidates if not s.service_keywords]
    return general[0] if general else None


# Settings whose governing standard judges a treatment on named evidence-based sources before
# any general standard: California workers' comp (Labor Code §4610.5(c)(2): the MTUS, then
# peer-reviewed evidence, then nationally recognised standards, before generally accepted
# practice; excerpt ca-lc-4610-5-medically-necessary). An item no set in the index judges there
# stays undecided, for those sources to decide, instead of falling back to the general standard.
# (Workers' comp elsewhere is judged on the MTUS only as a stand-in; the state's own standard,
# usually reasonable and necessary, is the general one.)
GUIDELINE_FIRST = {Setting.ca_workers_comp}


def choose_fallback(case: Case, item: DisputedItem, sets: tuple[CriteriaSet, ...] | None,
                    kind: RequestKind, own_setting: Setting) -> CriteriaSet | None:
    """The setting's general standard of medical necessity (a ``fallback`` set), for an item
    no family set judges: a reviewer still decides it, on that standard. A family the index
    models with its own sets (an injection, a stimulator, opioids) is never judged on it: where
    none of them applies (another date, setting or request type) the item stays undecided, for
    the family's own guideline to decide; only services outside the modelled families
    (``other``) or a family with no set in this setting fall back."""
    if own_setting in GUIDELINE_FIRST:
        return None
    sets = sets or load_criteria()
    modelled = item.procedure is not ProcedureFamily.other and any(
        s.procedure == item.procedure and any(not c.settings or case.setting in c.settings
                                              for c in s.criteria) for s in sets)
    if modelled:
        return None
    return next((s for s in sets if _applies(s, case, item, kind, True)), None)


# Said in every result judged on the general standard (the family has no criteria set here).
GENERAL_NOTE = ("No criteria set in the index is specific to '{service}' ({family}); judged on "
                "the setting's general standard of medical necessity: a documented condition "
                "it treats or diagnoses, a treating physician's reason for it, and nothing in "
                "the record against it.")


def _basis(criterion: Criterion, case: Case, item: DisputedItem) -> list[str]:
    excerpts = excerpts_by_id()
    return [i for i in criterion.basis
            if case.setting in excerpts[i].settings
            and excerpts[i].in_force_on(item.date_of_service)]


def _in(settings: list[Setting], case: Case, own: Setting | None) -> bool:
    """A criterion's settings name the one judged in, or ``own`` where another stands in."""
    return case.setting in settings or (own is not None and own in settings)


def evaluate_criterion(criterion: Criterion, case: Case, item: DisputedItem,
                       t: Thresholds, kind: RequestKind | None = None,
                       local: LocalRule | None = None,
                       own: Setting | None = None) -> CriterionResult:
    records = relevant_records(criterion.test)
    finding = listed_but_missing(mark_secondhand(run_test(case, item, criterion.test, t), case,
                                                 records), case, item, records)
    if_contradicted = criterion.required and (
        criterion.only_if_contradicted or _in(criterion.only_if_contradicted_in, case, own)
        or (kind is not None and kind.type in criterion.only_if_contradicted_for))
    for_kind = kind is not None and kind.type in criterion.supporting_for
    required = criterion.required and not _in(criterion.supporting_in, case, own) and not (
        if_contradicted and finding.status is not Status.not_met) and not for_kind
    basis = _basis(criterion, case, item)
    if local is not None:  # the jurisdiction's own rule makes it a condition of the treatment
        required = True
        basis.append(local.basis)
        finding.notes.append(f"required in {local.jurisdiction} by {local.citation}")
    if for_kind and criterion.required and kind is not None:
        finding.notes.append(f"supporting for a {kind.type.value} request: the guideline "
                             "asks it of a first request")
    if not required and finding.gap is Gap.clinical:
        # Not a gap in the case: it cannot decide the item; recording it would only strengthen it.
        finding.gap = None
        finding.notes.append("supporting: not documented; recording it would strengthen the "
                             "rationale but does not decide the item")
    return CriterionResult(
        criterion_id=criterion.id, statement=criterion.statement, required=required,
        decides_if_contradicted=if_contradicted and not required,
        status=finding.status, reason=reason(criterion, finding, case),
        supporting_facts=finding.supporting, contradicting_facts=finding.contradicting,
        basis=basis, gap=finding.gap,
        missing_documents=sorted(set(finding.missing_documents)), notes=finding.notes,
    )


def apply_departures(results: list[CriterionResult],
                     departures: dict[str, LocalDeparture]) -> None:
    """A limit the jurisdiction lets treatment exceed while another criterion is met (e.g.
    Minnesota's visit limits while the employee keeps improving) does not decide the item."""
    met = {r.criterion_id for r in results if r.status is Status.met}
    for r in results:
        d = departures.get(r.criterion_id)
        if d is None or not r.required or r.status is Status.met or d.unless not in met:
            continue
        r.required = False
        r.gap = None if r.gap is Gap.clinical else r.gap
        r.basis.append(d.basis)
        r.notes.append(f"not decisive in {d.jurisdiction}: {d.citation}: {d.why} ({d.unless} "
                       "is met)")


def roll_up(results: list[CriterionResult],
            not_established: Outcome = Outcome.insufficient_documentation,
            ) -> tuple[Outcome, str, list[str]]:
    """Any required criterion not met: not necessary. Else any undocumented: the outcome the
    setting's reviewers give a request the record does not establish. Else necessary.
    Supporting criteria and secondhand or qualitative evidence lower the confidence only."""
    required = [r for r in results if r.required]
    failed = [r.criterion_id for r in required if r.status is Status.not_met]
    missing = [r.criterion_id for r in required if r.status is Status.undocumented]
    supporting_disagree = any(r.status is not Status.met for r in results if not r.required)
    weaker = any(r.gap is Gap.submission or any("qualitative" in n for n in r.notes)
                 for r in required)
    if failed:  # every unmet or undocumented required criterion is a reason against
        return Outcome.not_necessary, "medium" if missing else "high", failed + missing
    if missing:
        confidence = "low" if len(missing) * 2 > len(required) else "medium"
        return not_established, confidence, missing
    if not required and not any(r.decides_if_contradicted for r in results):
        # every criterion is supporting here: nothing the set asks decides the item, so it is
        # not established on these criteria (never 'necessary: all 0 required criteria met')
        return not_established, "low", []
    # For a necessary item, the met criteria that would have decided against it are reasons too.
    for_it = [r.criterion_id for r in results
              if r.required or (r.decides_if_contradicted and r.status is Status.met)]
    return Outcome.necessary, "medium" if weaker or supporting_disagree else "high", for_it


def evaluate_item(case: Case, item: DisputedItem,
                  sets: tuple[CriteriaSet, ...] | None = None) -> ItemResult:
    item, stage = staged(case, with_named_family(item))  # service_words.py, stimulator_stage.py
    standard = review_standards()[case.setting]
    if not standard.guideline_in_index and not standard.stand_in:
        return ItemResult(
            item_id=item.id, service=item.service, criteria_set=None, criteria_title=None,
            outcome=None, confidence="none",
            summary=f"Not decided: the governing guideline ({standard.governing}) is not in the "
                    "index, and no other setting's criteria stand in for it; the item needs a "
                    "physician's review under that guideline.")
    judged_as = standard.judged_on(case.setting)
    if standard.stand_in:  # a state the index knows: name its own standard
        judged_as = governing_note(case, standard.stand_in, item.date_of_service) or judged_as
    local = local_rules(case, item.date_of_service)
    departures = local_departures(case, item.date_of_service)
    if local:
        cited = sorted({f"{r.citation} ({r.jurisdiction})" for r in local.values()})
        judged_as += f" The jurisdiction's own rule applies where the index holds it: " \
                     f"{'; '.join(cited)}."
    era, own = era_of(case, item.date_of_service), case
    if standard.reference is not None:  # e.g. an external review judged on the plan criteria
        case = case.model_copy(update={"setting": standard.reference})
    kind = asked = request_kind(case, item)
    spec = choose_set(case, item, sets, kind)
    for stand_in in request_type_rules().stand_in_types.get(kind.type, []) if spec is None else []:
        spec = choose_set(case, item, sets, RequestKind(stand_in, kind.basis))
        if spec is not None:
            judged_as = (f"No criteria set judges a {kind.type.value} request for "
                         f"{item.procedure.value}; judged as a {stand_in.value} request. "
                         f"{judged_as}").rstrip()
            kind = RequestKind(stand_in, kind.basis)
            break
    if spec is None and sets is None and era is None:
        spec = choose_fallback(case, item, sets, kind, own.setting)
        if spec is not None:
            judged_as = GENERAL_NOTE.format(service=item.service, family=item.procedure.value)
            if standard.stand_in:  # the MTUS sets stand in for nothing here: name the state's
                j = jurisdiction_of(own)
                governing = (f"{governing_on(j, item.date_of_service)} ({j.name})" if j
                             else standard.governing)
                judged_as += (" It is read through the workers' compensation standard in the "
                              "index (California's treatment reasonably required to cure or "
                              f"relieve), standing in for {governing}; where that standard "
                              "differs, it governs.")
    if era is not None:
        return judge_in_era(own, case, item, era, spec, kind, asked)
    if spec is None:  # undecided, but the documents its facts cite are still gaps to list
        undecided = ItemResult(
            item_id=item.id, service=item.service, criteria_set=None, criteria_title=None,
            request_type=asked.type, request_type_basis=asked.basis,
            outcome=None, confidence="none",
            summary=f"Not decided: no criteria set in the index covers '{item.service}' ("
                    f"{'an' if kind.type.value[0] in 'aeiou' else 'a'} {kind.type.value} "
                    f"request, family {item.procedure.value}) on "
                    f"{item.date_of_service} in the {own.setting.value} setting, so no "
                    "guideline provision here says whether it is indicated; the item needs a "
                    "physician's review under the governing guideline. "
                    f"{judged_as}".rstrip(), judged_on=judged_as or None)
        undecided.missing_documents = cited_but_missing(own, item, undecided)
        return undecided
    results = judge_criteria(spec, case, item, kind, local, own.setting if own_setting_weights(
        own, item.date_of_service) else None)
    apply_departures(results, departures)
    outcome, confidence, deciding = roll_up(results, standard.not_established)
    if outcome is not Outcome.necessary:  # what the record says against it, beside the silence
        deciding = contradicted_support(results) + deciding
    result = ItemResult(
        item_id=item.id, service=item.service, criteria_set=spec.id, criteria_title=spec.title,
        request_type=asked.type, request_type_basis=asked.basis,
        outcome=outcome, confidence=confidence, deciding=deciding,
        summary=" ".join(filter(None, (summary(outcome, deciding, results), stage, judged_as))),
        judged_on=judged_as or None, criteria=results)
    mark_decisive(result, spec, case)
    result.missing_documents = cited_but_missing(case, item, result, undecided_records(
        spec, result.criteria))
    result.objections = objections_for(case, spec, result)
    return result


def undecided_records(spec: CriteriaSet, results: list[CriterionResult]) -> set[RecordType]:
    """The kinds of record that would hold the evidence of the required criteria not met."""
    open_ids = {r.criterion_id for r in results if r.required and r.status is not Status.met}
    return set().union(*(relevant_records(c.test) for c in spec.criteria if c.id in open_ids))


def judge_criteria(spec: CriteriaSet, case: Case, item: DisputedItem, kind: RequestKind,
                   local: dict[str, LocalRule] | None = None,
                   own: Setting | None = None) -> list[CriterionResult]:
    """Every criterion of the set that applies to the item's setting (or its own setting,
    ``own``, where another stands in), status and request type."""
    t, local = thresholds_for(spec, case), local or {}
    return [evaluate_criterion(c, case, item, t, kind, local.get(c.id), own)
            for c in spec.criteria
            if (not c.settings or _in(c.settings, case, own))
            and not (c.rendered_only and item.status is not ItemStatus.rendered)
            and (not c.request_types or kind.type in c.request_types)
            and (not c.services_any or named(item.service, c.services_any))
            and not named(item.service, c.services_none)]


def judge_in_era(own: Case, case: Case, item: DisputedItem, era: tuple[str, Era],
                 spec: CriteriaSet | None, kind: RequestKind, asked: RequestKind) -> ItemResult:
    """An item of an earlier era of its jurisdiction (Texas before ODG): decided on the era's
    own standard (``own``: the case in its own setting), with the stand-in set's criteria
    (``case``: in the reference setting) shown as supporting only, since no guideline that
    asks them was in force on the date of service."""
    name, e = era
    standard_set = next(s for s in load_criteria() if s.id == e.criteria)
    results = judge_criteria(standard_set, own, item, kind)
    for r in judge_criteria(spec, case, item, kind) if spec is not None else []:
        r.required = r.decides_if_contradicted = False
        r.gap = None if r.gap is Gap.clinical else r.gap
        r.notes.append(f"supporting only: asked by later guidelines ({spec.id if spec else ''}), "
                       f"none in force in {name} on {item.date_of_service}")
        results.append(r)
    outcome, confidence, deciding = roll_up(results, e.not_established)
    judged_as = era_note(name, e, item.date_of_service, spec.title if spec else None)
    result = ItemResult(
        item_id=item.id, service=item.service, criteria_set=standard_set.id,
        criteria_title=standard_set.title, request_type=asked.type,
        request_type_basis=asked.basis, outcome=outcome, confidence=confidence,
        deciding=deciding, summary=f"{summary(outcome, deciding, results)} {judged_as}",
        judged_on=judged_as, criteria=results)
    mark_decisive(result, standard_set, own)
    result.missing_documents = cited_but_missing(own, item, result, undecided_records(
        standard_set, result.criteria))
    result.objections = objections_for(own, standard_set, result)
    return result


def evaluate_case(case: Case) -> list[ItemResult]:
    results = []
    for item in case.disputed_items:
        result = evaluate_item(case, item)
        cite_provision(case, item, result)  # the provision it is applied under, in its state
        apply_burden(case, item, result)  # a silent record on appeal: the burden decides
        result.denied_before = denied_before(case, item)
        result.causation = causation_dispute(case, item)
        result.summary = f"{result.summary} {result.causation or ''}".rstrip()
        results.append(result)
    return results
