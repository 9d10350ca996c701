"""Overlapping requests: a block asked for in the same session as a different kind of spinal
block (an epidural with medial branch blocks on one day). Medicare's ESI and facet LCDs treat
different blocks bundled into one session as not reasonable and necessary, since one blurs the
diagnostic answer of the other. The session is the date of service: other disputed items of the
named families on that day, and procedure records of those families dated that day."""

from __future__ import annotations

from drafting.case import Case, DisputedItem
from drafting.criteria.facts import Finding
from drafting.criteria.results import Status
from drafting.criteria.spec import SessionTest


def evaluate_session(case: Case, item: DisputedItem, test: SessionTest) -> Finding:
    day, families = item.date_of_service, set(test.without)
    items = [i for i in case.disputed_items if i.id != item.id and i.procedure in families
             and i.date_of_service == day]
    facts = [f for f in case.facts if f.procedure in families and not f.proposed
             and f.category.value == "procedure" and f.date == day]
    if not items and not facts:
        return Finding(Status.met, notes=[f"no {' or '.join(sorted(families))} block in the "
                                          f"same session ({day})"])
    said = [f"{i.id} ({i.service}) is asked for the same day" for i in items]
    said += [f"{f.id} records a {f.procedure.value if f.procedure else ''} block that day"
             for f in facts]
    return Finding(Status.not_met, [], [f.id for f in facts], notes=said)
