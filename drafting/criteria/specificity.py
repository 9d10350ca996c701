"""Request specificity: whether the request itself states what the guideline needs to judge it
(a drug's dose and quantity, the levels of a facet procedure, a stimulator's modality).

Reviewers decide many items on what the request leaves out: an unspecified compound, a
"stimulator" of no named modality, an opioid with no strength. Such an item gets its own
criterion result naming what is unspecified; it is never judged as the common variant."""

from __future__ import annotations

import re

from drafting.case import DisputedItem
from drafting.criteria.facts import Finding
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


def _named(service: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"\b{re.escape(w)}\b", service, re.I)]


_MARKED = re.compile(r"\b(?:not (?:specified|stated|given|listed)|unspecified|unknown)\b", re.I)


def _details_recorded(item: DisputedItem) -> bool:
    """Whether the case file records the request's details at all, or marks them unspecified."""
    d = item.details
    return (d.dose is not None or d.quantity is not None or bool(d.frequency) or bool(d.levels)
            or d.laterality is not None
            or bool(_MARKED.search(f"{item.service} {d.notes or ''}")))


def evaluate_request(item: DisputedItem, test: RequestTest) -> Finding:
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
