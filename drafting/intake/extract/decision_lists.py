"""Items a notice decides in a list under its verdict, as Medicare Advantage and other plans'
notices of denial write them: "We have DENIED the following services that you or your doctor
requested:" then "1. Lumbar RFA, right L3-L4 (CPT 64635), requested 05/15/2025.", and a verdict
given as a label ("We APPROVED: one office visit (CPT 99214)"). Each listed service is an item
with the verdict above it, its request date, and the reason a later "Item 1 (RFA): ..." paragraph
gives it. The list's lines are the items, never facts (``listed_lines``)."""

from __future__ import annotations

import re

from drafting.case.vocab import ProcedureFamily
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.decisions import (
    ServiceRequest,
    codes_in,
    decision_of,
    item_reasons,
    quantity,
)
from drafting.intake.extract.text import Line
from drafting.intake.extract.vocabulary import procedure_in

_VERDICT = r"(?:not\s+approved|partially\s+approved|approved|denied|non-?certified|certified)"
# "We have DENIED the following medical services or items ...:", "The plan approved these:"
_LEAD_IN = re.compile(rf"^(?:we|the plan|your plan)\s+(?:have\s+|has\s+)?(?P<verdict>{_VERDICT})"
                      r"\b[^.]{0,120}\b(?:following|these|below)\b[^.]*:$", re.IGNORECASE)
# "We APPROVED: one follow-up office visit (CPT 99214)": the verdict is the label.
_VERDICT_LABEL = re.compile(rf"^(?:we|the plan|your plan)\s+(?:have\s+|has\s+)?(?P<verdict>"
                            rf"{_VERDICT})$", re.IGNORECASE)
_REQUESTED = re.compile(r",?\s*requested\s+(?:on\s+)?(?P<date>\d{1,2}/\d{1,2}/\d{2,4})\b.*$",
                        re.IGNORECASE)
_DECIDED_ON = re.compile(rf",?\s*{_VERDICT}\s+(?:on\s+)?\d{{1,2}}/\d{{1,2}}/\d{{2,4}}.*$",
                         re.IGNORECASE)
_CODES = re.compile(r"\s*\((?:CPT|HCPCS)[^)]*\)", re.IGNORECASE)
# An office visit or consultation (E/M codes 99202-99215, 99241-99245) has no procedure family.
_VISIT = re.compile(r"\b(?:office visit|follow-?up visit|consultation|consult)\b|"
                    r"\b992(?:0[2-5]|1[1-5]|4[1-5])\b", re.IGNORECASE)


def _request(text: str, document: int) -> ServiceRequest:
    codes = codes_in(text)
    requested = _REQUESTED.search(text)
    value = text[:requested.start()] if requested else _DECIDED_ON.sub("", text)
    service = _CODES.sub("", value).strip(" .;,")
    family = procedure_in(service, codes) or (
        ProcedureFamily.consultation if _VISIT.search(text) else ProcedureFamily.other)
    return ServiceRequest(service, family, codes, laterality(service), levels(service),
                          quantity(value), document,
                          request_date=requested.group("date") if requested else None)


def listed_decisions(document: int, doc_lines: list[Line]) -> list[ServiceRequest]:
    """The services a notice lists under a verdict (or gives after a verdict label), each with
    that decision and the reason its "Item N" paragraph gives."""
    found: list[ServiceRequest] = []
    verdict = None
    for line in doc_lines:
        if line.kind == "blank":
            continue
        if (lead := _LEAD_IN.match(line.text)) is not None:
            verdict = decision_of(lead.group("verdict"))
            continue
        if line.kind == "label" and line.label and line.value and (
                named := _VERDICT_LABEL.match(line.label)):
            request = _request(line.value, document)
            request.decision = decision_of(named.group("verdict"))
            request.reason = line.text  # (the notice's own words; a denial's reasons are not its)
            found.append(request)
            verdict = None
            continue
        if verdict is not None and line.kind == "item":
            request = _request(line.text, document)
            request.decision = verdict
            found.append(request)
            continue
        verdict = None  # the list has ended
    reasons = item_reasons(doc_lines)
    for index, request in enumerate(found, start=1):
        request.reason = request.reason or reasons.get(index)
    return found


def listed_lines(doc_lines: list[Line]) -> list[str]:
    """The text of the lines a notice lists under a verdict: the items, not facts."""
    out: list[str] = []
    verdict = False
    for line in doc_lines:
        if line.kind == "blank":
            continue
        if _LEAD_IN.match(line.text):
            verdict = True
        elif verdict and line.kind == "item":
            out.append(line.text)
        else:
            verdict = False
    return out
