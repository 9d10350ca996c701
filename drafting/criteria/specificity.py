"""Request specificity: whether the request itself states what the guideline needs to judge it
(a drug's dose and quantity, the levels of a facet procedure, a stimulator's modality).

Reviewers decide many items on what the request leaves out: an unspecified compound, a
"stimulator" of no named modality, an opioid with no strength. Such an item gets its own
criterion result naming what is unspecified; it is never judged as the common variant."""

from __future__ import annotations

import re

from drafting.case import DisputedItem
from drafting.criteria import visits
from drafting.criteria.facts import Finding, Thresholds
from drafting.criteria.results import Status
from drafting.criteria.spec import RequestTest

_NOT_STATED = re.compile(r"^\s*(?:not stated|unknown|unspecified|not specified)\b", re.I)


def _stated(text: str | None) -> bool:
    return bool(text) and not _NOT_STATED.match(text or "")


def _has(item: DisputedItem, detail: str) -> bool:
    details = item.details
    if detail == "dose":
        return details.dose is not None
    if detail == "quantity_or_frequency":
        return (details.quantity is not None or _stated(details.frequency)
                or (details.dose is not None and _stated(details.dose.frequency)))
    if detail == "levels":
        return bool(details.levels)
    return details.laterality is not None  # side


def named(service: str, words: list[str]) -> list[str]:
    """The words (whole words, any case) the service's name contains."""
    return [w for w in words if re.search(rf"\b{re.escape(w)}\b", service, re.I)]


_named = named


# The case file marks the request itself as leaving a detail out ('levels not specified', 'an
# unspecified compound', 'the request did not state the dose'). A detail the case file only
# does not give ('dose not stated', 'not given in the summary', 'not in the visible text',
# 'unknown') is the record's silence: a decision summarised in other words seldom copies the
# prescription, and what it leaves out is unknown, not known to be missing from the request.
_MARKED = re.compile(r"\b(?:not specified|unspecified|did not (?:specify|state|say|give|name)"
                     r"|without (?:specifying|stating|a stated)"
                     r"|(?:request|order|prescription)\w*\b[^.;()]{0,40}\bnot (?:stated|given"
                     r"|listed|named))\b", re.I)


def _details_recorded(item: DisputedItem) -> bool:
    """Whether the case file records the request's details at all, or marks them as left out
    of the request (never a detail it merely does not give)."""
    d = item.details
    return (d.dose is not None or d.quantity is not None or bool(d.frequency) or bool(d.levels)
            or d.laterality is not None
            or bool(_MARKED.search(f"{item.service} {d.notes or ''}")))


def _amount(item: DisputedItem, test: RequestTest, t: Thresholds) -> Finding:
    """Whether the requested amount is within the guideline's number: visits, or the days a
    drug quantity lasts. Undocumented when the case file records no quantity."""
    quantity = item.details.quantity
    if quantity is None:
        return Finding(Status.undocumented, notes=["the case file records no requested quantity"])
    notes, ok = [], True
    if test.quantity_max is not None:
        limit = t(test.quantity_max)
        ok = quantity <= limit
        notes.append(f"the request is for {quantity:g}, {'within' if ok else 'beyond'} the "
                     f"guideline's {limit:g}")
    if test.supply_days_max is not None:
        days, how = visits.supply_days(item, t(test.doses_per_day_max) or 1) or (0.0, "")
        limit = t(test.supply_days_max)
        ok = ok and days <= limit
        notes.append(f"{how} lasts at least {days:.0f} days, "
                     f"{'within' if days <= limit else 'beyond'} the {limit:g}-day short course")
    return Finding(Status.met if ok else Status.not_met, notes=notes)


def evaluate_request(item: DisputedItem, test: RequestTest,
                     t: Thresholds | None = None) -> Finding:
    if test.quantity_max is not None or test.supply_days_max is not None:
        return _amount(item, test, t or Thresholds({}))
    missing = [d.replace("_", " ") for d in test.specifies if not _has(item, d)]
    if missing and not _details_recorded(item):
        # The case file does not transcribe the request: what it left out is unknown, not
        # known to be missing from the request.
        return Finding(Status.undocumented, notes=[
            f"the case file does not record the request's {', '.join(missing)}"])
    named = _named(item.service, test.names_any)
    if test.names_any and not named:
        missing.append(test.what)
    if missing:
        return Finding(Status.not_met, notes=[
            f"the request does not specify {', '.join(missing)}; the guideline cannot be applied "
            "to an unspecified request"])
    notes = [f"the request names {', '.join(named)}"] if named else []
    return Finding(Status.met, notes=notes)
