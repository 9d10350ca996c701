"""The one criterion an item's outcome turns on, and why.

``deciding`` lists every required criterion that stands against an item (or, for a necessary
item, every criterion that would have decided against it); a reviewer's rationale names one of
them as the reason. It is chosen by rules that hold for any criteria set:

1. What the record says beats what it leaves out: a criterion facts in the record contradict
   decides before any other.
2. Then the request type's central criterion: a repeat, a continuation or a re-trial turns on
   the response to the same care so far (a criterion that reads that response, or one asked
   only of that request type); a revision or replacement on the criterion asked only of it. A
   request that leaves out a detail (its levels, its dose) is not met on no fact of the record,
   so it comes after the central criterion, and before criteria the record is silent on.
3. Evidence beats none: a criterion with facts behind it (contradicting ones for a denial,
   supporting ones for an approval) comes before one without, and evidence about the care
   itself (a fact naming the service) before evidence about the condition only.
4. Required beats supporting; then the set's own order.

The decisive criterion's reason then says why it decides, quoting the evidence it rests on
(at most two facts: those on the record by the service or review first, then those of the
kind the criterion asks about (a response for a relief criterion, an examination for a
findings criterion) before those giving only context, then those naming the service, then
the item's own, newest first; an adjudicator's later finding only when nothing earlier bears
on it)."""

from __future__ import annotations

from drafting.case import Case, DisputedItem
from drafting.case.vocab import Outcome, RequestType
from drafting.criteria.facts import POOR_RESPONSE_TAGS, evidence_cutoff
from drafting.criteria.loader import fact_tests
from drafting.criteria.results import CriterionResult, ItemResult, Status
from drafting.criteria.service_words import names_service
from drafting.criteria.spec import AllNode, AnyNode, CriteriaSet, FactNode, NotNode, Test

# Request types judged on the response to the same care given before.
ON_RESPONSE = {RequestType.repeat, RequestType.continuation, RequestType.retrial}
# A test reading one of these in words, or these tags, reads the response to care.
RESPONSE_WORDS = {"response", "relief", "benefit", "function"}
RESPONSE_TAGS = POOR_RESPONSE_TAGS | {"functional_improvement", "adl_improved",
                                      "medication_reduction", "return_to_work"}
QUOTED = 2  # facts quoted in the decisive criterion's reason
QUOTE_CHARS = 240


def _reads_response(test: Test) -> bool:
    if isinstance(test, FactNode):
        fact = test.fact
        tags = set(fact.tags_any) | set(fact.domain_tags_any)
        # relief of the same procedure, by percentage or duration, is its response too
        relief = fact.procedure == "same" and (fact.percent_relief_min is not None
                                               or fact.duration_weeks_min is not None)
        return fact.in_words in RESPONSE_WORDS or bool(tags & RESPONSE_TAGS) or relief
    if isinstance(test, NotNode):
        return _reads_response(test.not_)
    if isinstance(test, AllNode | AnyNode):
        children = test.all if isinstance(test, AllNode) else test.any
        return any(_reads_response(c) for c in children)
    return False


def central(spec: CriteriaSet, kind: RequestType | None) -> set[str]:
    """The criteria of the set a request of this type turns on."""
    if kind is None:
        return set()
    asked_of_it = {c.id for c in spec.criteria if kind in c.request_types}
    if kind in ON_RESPONSE:
        return asked_of_it | {c.id for c in spec.criteria if _reads_response(c.test)}
    return asked_of_it


def choose(result: ItemResult, spec: CriteriaSet, case: Case) -> CriterionResult | None:
    """The criterion the item's outcome turns on, among its deciding criteria."""
    candidates = [c for c in result.criteria if c.criterion_id in result.deciding]
    if not candidates or result.outcome is None:
        return None
    key_ids = central(spec, result.request_type)
    against = result.outcome is not Outcome.necessary
    order = {c.criterion_id: n for n, c in enumerate(result.criteria)}

    facts = {f.id: f for f in case.facts}

    def rank(c: CriterionResult) -> tuple[int, int, int, int, int, int, int]:
        evidence = [facts[i] for i in (c.contradicting_facts if against else c.supporting_facts)
                    if i in facts]
        return (0 if not against or (c.status is Status.not_met and evidence) else 1,
                0 if c.criterion_id in key_ids else 1,
                0 if not against or c.status is Status.not_met else 1,
                0 if evidence else 1,
                # evidence about this care (it names the service) over evidence about the
                # condition only
                0 if any(names_service(f, result.service) for f in evidence) else 1,
                0 if c.required else 1,
                order[c.criterion_id])

    return min(candidates, key=rank)


def asked_about(test: Test) -> set[str]:
    """The categories of fact a criterion's test reads (what it asks about)."""
    return {c.value for fact in fact_tests(test) for c in fact.category}


def _quote(case: Case, ids: list[str], item: DisputedItem | None, service: str,
           about: set[str] | None = None) -> str:
    facts = {f.id: f for f in case.facts}
    item_facts = item.facts if item else []
    cutoff = evidence_cutoff(item, case) if item else None
    about = about or set()
    chosen = sorted((i for i in ids if i in facts),
                    key=lambda i: (cutoff is not None and facts[i].date > cutoff,
                                   bool(about) and facts[i].category.value not in about,
                                   not names_service(facts[i], service), i not in item_facts,
                                   -facts[i].date.toordinal()))[:QUOTED]
    quoted = []
    for i in chosen:
        text = facts[i].statement.strip().rstrip(".")
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " ..."
        quoted.append(f"{i} ({facts[i].date.isoformat()}): '{text}'")
    return "; ".join(quoted)


def why(c: CriterionResult, result: ItemResult, case: Case, key: bool,
        about: set[str] | None = None) -> str:
    """One sentence: why this criterion decides the item, on what evidence (``about``: the
    categories of fact the criterion asks about, quoted first)."""
    kind = result.request_type.value if result.request_type else "this"
    turn = f", which a {kind} request turns on" if key else ""
    item = next((i for i in case.disputed_items if i.id == result.item_id), None)
    if result.outcome is Outcome.necessary:
        quoted = _quote(case, c.supporting_facts, item, result.service, about)
        on = f": {quoted}" if quoted else " (nothing in the record against it)"
        return f"Decisive for the item: it is met{turn}{on}."
    if c.status is Status.not_met and c.contradicting_facts:
        quoted = _quote(case, c.contradicting_facts, item, result.service, about)
        return f"Decisive against the item: the record contradicts it{turn}: {quoted}."
    if c.status is Status.not_met:  # the request itself (its levels, its dose) fails it
        return f"Decisive against the item: the request itself does not meet it{turn}."
    others = [r for r in result.criteria if r.required and r.status is Status.not_met]
    besides = "" if others else ", and no other required criterion is contradicted"
    # the facts read on the question that do not answer it (no value recorded, or a summary of
    # a document the packet lacks): what the record does say of it
    quoted = _quote(case, c.supporting_facts, item, result.service, about)
    said = f"; what the record says of it, without establishing it: {quoted}" if quoted else ""
    return f"Decisive against the item: nothing in the record establishes it{turn}{besides}{said}."


def contradicted_support(results: list[CriterionResult]) -> list[str]:
    """Supporting criteria the record contradicts, where no required criterion is: what the
    record says against an item its required criteria leave only undocumented (rule 1: an
    extruded disc and no facet arthropathy on the imaging, against a facet block; a daily dose
    above the threshold, against continuing it). They join ``deciding`` without changing the
    outcome, which the silence already decides."""
    if any(r.required and r.status is Status.not_met for r in results):
        return []
    return [r.criterion_id for r in results
            if not r.required and r.status is Status.not_met and r.contradicting_facts]


def mark(result: ItemResult, spec: CriteriaSet, case: Case) -> None:
    """Name the decisive criterion: first in ``deciding``, in ``decisive``, and its reason
    saying why."""
    chosen = choose(result, spec, case)
    if chosen is None:
        return
    result.decisive = chosen.criterion_id
    result.deciding = [chosen.criterion_id] + [d for d in result.deciding
                                               if d != chosen.criterion_id]
    key = chosen.criterion_id in central(spec, result.request_type)
    criterion = next((k for k in spec.criteria if k.id == chosen.criterion_id), None)
    about = asked_about(criterion.test) if criterion is not None else set()
    chosen.reason = f"{chosen.reason} {why(chosen, result, case, key, about)}"
    # the summary names it, before the standard the item was judged on
    tail = result.judged_on or ""
    lead = result.summary[:len(result.summary) - len(tail)] if tail and \
        result.summary.endswith(tail) else result.summary
    statement = chosen.statement.rstrip(".")
    statement = statement[:1].lower() + statement[1:] if statement[1:2].islower() else statement
    status = {Status.met: "met", Status.not_met: "not met",
              Status.undocumented: "not documented"}[chosen.status]
    turns = f"It turns on {chosen.criterion_id}, {status}: {statement}."
    result.summary = " ".join(p for p in (lead.rstrip(), turns, tail) if p)
