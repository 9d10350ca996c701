"""Which stage of stimulation a request asks for when it does not say.

The guidelines allow a permanent spinal cord stimulator only after a trial with a temporary
electrode has shown relief (MTUS chronic pain 2009, spinal cord stimulators; Medicare NCD
160.7). A request for "a spinal cord stimulator" that names neither stage, or names both as
unknown ("trial or permanent implant not stated"), in a record that shows no stimulator trial or
implant, can only begin with that trial: judged as a permanent implant, it would fail for lacking
the trial it has not reached yet. It is judged on the trial criteria, and the result says so
(the words are data: ``guideline_index/request_types.yaml``, ``unstaged_stimulator``)."""

from __future__ import annotations

import re

from drafting.case import Case, DisputedItem
from drafting.case.vocab import FactCategory, ProcedureFamily, RequestType
from drafting.criteria.request_type import PROCEDURE_EVIDENCE, request_kind, rules

STIMULATORS = (ProcedureFamily.scs_trial, ProcedureFamily.scs_implant)


def _stimulated_before(case: Case, item: DisputedItem) -> list[str]:
    """Facts that record a stimulator trial or implant given before the date of service."""
    return [f.id for f in case.facts if f.procedure in STIMULATORS and not f.proposed
            and f.category in PROCEDURE_EVIDENCE | {FactCategory.response}
            and f.date < item.date_of_service]


def staged(case: Case, item: DisputedItem) -> tuple[DisputedItem, str | None]:
    """The item judged at the stage it can be (a trial where it names none and none is on
    record), with the sentence that says so; else the item as it is, and None."""
    words = rules().unstaged_stimulator
    if (words is None or item.procedure is not ProcedureFamily.scs_implant
            or request_kind(case, item).type is not RequestType.initial):  # not a replacement
        return item, None
    trial = bool(re.search(words.trial, item.service, re.I))
    implant = bool(re.search(words.implant, item.service, re.I))
    if (implant and not trial) or _stimulated_before(case, item):
        return item, None
    said = "names both stages as unknown" if trial and implant else "names no stage"
    return item.model_copy(update={"procedure": ProcedureFamily.scs_trial}), (
        f"The request {said} (trial or permanent implant) and no stimulator trial is on record: "
        "judged as the trial the guidelines require before any permanent implant "
        f"({', '.join(words.sources)}).")
