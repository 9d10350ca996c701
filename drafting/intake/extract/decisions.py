"""Requests and decisions: the services asked for (with CPT/HCPCS codes), the payer's decision
and the reasons a denial gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.case.vocab import Decision, Laterality, ProcedureFamily
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.text import Line, joined_labels
from drafting.intake.extract.values import WORD_NUMBERS
from drafting.intake.extract.vocabulary import procedure_in

SERVICE_LABELS = re.compile(r"^(?:service(?:s)? requested|requested (?:service|treatment|"
                            r"procedure)s?|service|request|treatment requested|procedure "
                            r"requested|re|regarding|subject|requested|treatment|"
                            # a pharmacy benefit's request ("Medication requested:")
                            r"(?:medications?|drugs?) requested|"
                            r"requested (?:medications?|drugs?)|"
                            # a request form's "Procedure(s):" field
                            r"procedures?\s*\(s\)|proposed procedures?|"
                            # a variance request's "Approval requested for:" (NY MG-2 style)
                            r"approval requested for)$",
                            re.IGNORECASE)
_REQUESTED_ON = re.compile(r",?\s*requested (?:on )?(\S+)\s*$", re.IGNORECASE)
DECISION_LABELS = re.compile(r"^(?:determination|decision|outcome|review outcome|"
                             r"(?:variance |the )?request is)$", re.IGNORECASE)
# A request form's section for the one service it asks for ("SECTION 3 - SERVICE REQUESTED"),
# where a "Procedure:" field names that service (elsewhere it names a procedure done).
_REQUEST_SECTION = re.compile(r"\bservices? requested\b", re.IGNORECASE)
SERVICE_DATE_LABELS = re.compile(r"^(?:anticipated |planned |proposed )?date of service$",
                                 re.IGNORECASE)
REQUEST_DATE_LABELS = re.compile(r"^(?:date of request(?: received)?|request received|"
                                 r"date (?:request )?received|request date)$", re.IGNORECASE)
REASON_LABELS = re.compile(r"^(?:reason(?: for (?:denial|decision|determination))?|rationale|"
                           r"basis for (?:decision|determination))$", re.IGNORECASE)
_CODE = re.compile(r"\b(?:CPT|HCPCS)?\s*(?:codes?\s*)?#?\s*(\d{4}[0-9FTU]|[A-V]\d{4})\b")
_CODE_CONTEXT = re.compile(r"\b(?:CPT|HCPCS)\b", re.IGNORECASE)
_QUANTITY = re.compile(r"(?:quantity|qty\.?|units?)\s*:?\s*(\d+)|\bx\s*(\d+)\b", re.IGNORECASE)
_SERVICE_TAIL = re.compile(r"\s*(?:[,(]\s*(?:CPT|HCPCS|codes?)\b.*|,\s*quantity\b.*)$",
                           re.IGNORECASE)
DENIAL_REASON = re.compile(
    # (a payer's ground for any denial: the service is unproven, "experimental/investigational")
    r"\b(?:experimental|investigational|unproven)\b|"
    r"not medically necessary|not (?:be )?(?:certified|approved|supported|recommended|authorized|"
    r"covered)|do(?:es)? not (?:document|show|meet|establish|support|demonstrate|indicate|"
    r"corroborate|confirm)|"
    r"(?:is|was) not documented|no documentation|insufficient (?:documentation|information)|"
    r"lack(?:s|ing)? (?:of )?(?:documentation|evidence)|has been denied|is denied|"
    r"do(?:es)? not (?:describe|include|contain|provide|record)|did not (?:supply|provide|"
    r"submit|document|include)|\b(?:no|only) (?:\w+ ){0,3}(?:is|was|are|were) documented|"
    r"records? (?:show|shows|showed) (?:only|about)",
    re.IGNORECASE,
)
_DENIED = re.compile(r"non-?certif|denied|deny|non-?affirm|"
                     r"not (?:approved|certified|authori[sz]ed)|adverse",
                     re.IGNORECASE)
_MODIFIED = re.compile(r"modif", re.IGNORECASE)
_APPROVED = re.compile(r"\b(?:certified|approved|affirmed|authorized)\b", re.IGNORECASE)


@dataclass
class ServiceRequest:
    service: str
    procedure: ProcedureFamily
    codes: list[str]
    laterality: Laterality | None
    levels: list[str]
    quantity: float | None
    document: int  # index of the document it was read from
    date_of_service: str | None = None  # text of a stated date of service
    request_date: str | None = None
    decision: Decision | None = None
    reason: str | None = None
    also: list[str] = field(default_factory=list)


def codes_in(text: str) -> list[str]:
    if not _CODE_CONTEXT.search(text):
        return []
    return list(dict.fromkeys(m.group(1) for m in _CODE.finditer(text[
        _CODE_CONTEXT.search(text).start():])))


def quantity(text: str) -> float | None:
    match = _QUANTITY.search(text)
    if match:
        return float(match.group(1) or match.group(2))
    words = re.search(r"\b(" + "|".join(k for k in WORD_NUMBERS if len(k) > 2) + r") leads?\b",
                      text, re.IGNORECASE)
    return float(WORD_NUMBERS[words.group(1).lower()]) if words else None


def decision_of(value: str) -> Decision | None:
    """The decision a field states; an appeal's "overturned" approves what was denied and its
    "upheld" keeps the denial."""
    if _MODIFIED.search(value) or re.search(r"\bin part\b|\bpartial", value, re.IGNORECASE):
        return Decision.modified
    if re.search(r"\b(?:overturned|reversed)\b", value, re.IGNORECASE):
        return Decision.approved
    if re.search(r"\bupheld\b", value, re.IGNORECASE):
        return Decision.denied
    if _DENIED.search(value):
        return Decision.denied
    if _APPROVED.search(value):
        return Decision.approved
    return None


# "1) Repeat right L4-5 TFESI (CPT 64483): MEDICALLY NECESSARY. The ... decision is overturned."
def _decision_line(shortest: int) -> re.Pattern[str]:
    """An item's decision line whose service has at least ``shortest`` characters."""
    return re.compile(
        rf"^(?P<service>[^:]{{{shortest},200}}?)\s*[:\u2013\u2014-]\s+(?P<verdict>(?:not\s+)?"
        r"medically\s+necessary|(?:not\s+)?reasonable\s+(?:and|or)\s+necessary|non-?certified|"
        r"certified|approved|denied|upheld|overturned|modified|"
        r"partially\s+approved|(?:un)?favorable)\b(?!\s+" + r"(?:duty|duties|work|activit\w*|hours|"
        r"schedule|position|job|diet|restrictions?)\b)"  # "Work status: modified duty": no verdict
        r"(?P<rest>.*)$", re.IGNORECASE)


_DECISION_LINE = _decision_line(6)
# A numbered item may name its service in a word ("1. RFA: REASONABLE AND NECESSARY. ...").
_NUMBERED_DECISION_LINE = _decision_line(2)


# "C. Lumbar-sacral orthosis, prefabricated (L0637)      NOT APPROVED": a verdict in capitals
# closing a service's line, after the columns' spaces.
_TRAILING_VERDICT = re.compile(
    r"^(?P<service>.{6,200}?)\s+(?P<verdict>(?:NOT\s+)?(?:APPROVED|CERTIFIED|MEDICALLY\s+"
    r"NECESSARY)|DENIED|NON-?CERTIFIED|UPHELD|OVERTURNED|MODIFIED|PARTIALLY\s+APPROVED|"
    r"CERTIFIED\s+IN\s+PART)\.?(?P<rest>(?:\s+[-\u2013\u2014]\s+.{1,80}|"
    # or its terms in parentheses ("CERTIFIED (6 sessions, 06/18/2026 - 08/17/2026)")
    r"\s*\([^()]{1,80}\)|"
    # or its terms after a colon ("MODIFIED: 6 visits certified, 6 not certified")
    r":\s+.{1,80})?)$")
# A table row's codes in their own column, with no "CPT" before them ("64483 x2, 64484 x2").
_COLUMN_CODES = re.compile(r"(?:\s+(?:\d{4}[0-9FTU]|[A-V]\d{4})(?:\s*x\s*\d+)?,?)+$")


def _verdict(verdict: str, rest: str) -> Decision:
    text = f"{verdict} {rest}".lower()
    if "modif" in text or "partially" in text or "in part" in text:
        return Decision.modified
    if re.match(r"not\s+|non-?certified|denied|upheld|unfavorable", verdict.lower()):
        return Decision.denied
    return Decision.approved


_NUMBERED = re.compile(r"^(?:(?:service|item|issue|request|treatment)\s*)?(?:\(\d{1,2}\)\s*|"
                       r"(?:\d{1,2}|[A-H](?=\.))\s*[:.)\u2013-]\s*)", re.IGNORECASE)
_DATE_OF_SERVICE = re.compile(r",?\s*(?:date of service|DOS)\s*:?\s*(?P<date>[\d/.-]{6,10})"
                              r"\s*$", re.IGNORECASE)


_QUALIFIER = re.compile(r"(?:partially|partly|fully|in\s+part)", re.IGNORECASE)


def decision_line(text: str) -> bool:
    """Is ``text`` one item's decision ("Lidocaine 5% patch #30: NOT MEDICALLY NECESSARY")?"""
    numbered = _NUMBERED.match(text)
    rest = text[numbered.end():] if numbered else text
    return bool(_DECISION_LINE.match(rest) or (numbered and (
        _NUMBERED_DECISION_LINE.match(rest) or _TRAILING_VERDICT.match(rest))))


# "Item 2 (third block, left side): Your notes describe ...", "Item 1 - Acupuncture: MTUS
# allows ...": the reason a letter gives its item of that number.
ITEM_REASON = re.compile(r"^(?:item|service|request)\s*#?\s*(\d{1,2})\s*(?:\([^)]{0,60}\)|"
                         r"[-\u2013\u2014]\s*[^:]{1,60})?\s*:\s*(?P<reason>\S.*)$", re.IGNORECASE)


def item_reasons(doc_lines: list[Line]) -> dict[int, str]:
    """The reason given each numbered item, by its number."""
    return {int(number.group(1)): number.group("reason") for line in joined_labels(doc_lines)
            if (number := ITEM_REASON.match(line.text))}


def decision_lines(document: int, doc_lines: list[Line]) -> list[ServiceRequest]:
    """Items a determination letter decides one per line ("1) Service: NOT MEDICALLY
    NECESSARY", "Service 2 - Office visit (CPT 99214): FAVORABLE"), each with its own decision.
    A numbered line is an item even when its service names no known procedure family."""
    found = []
    reasons = item_reasons(doc_lines)
    for line in doc_lines:
        if line.kind not in ("item", "prose", "label"):
            continue
        numbered = _NUMBERED.match(line.text)
        text = line.text[numbered.end():] if numbered else line.text
        listed = bool(numbered) or line.kind == "item"  # (a list line's number is stripped)
        match = _DECISION_LINE.match(text) or (
            (_NUMBERED_DECISION_LINE.match(text) or _TRAILING_VERDICT.match(text)) if listed
            else None)
        if not match:
            continue
        value = match.group("service").strip()
        if _QUALIFIER.fullmatch(value):
            continue  # "Item 2: PARTIALLY OVERTURNED - ...": a decision by number, no service
        stated = _DATE_OF_SERVICE.search(value)
        if stated:
            value = value[:stated.start()]
        codes = codes_in(value)
        if not codes and listed and (column := _COLUMN_CODES.search(value)):
            codes = list(dict.fromkeys(_CODE.findall(column.group(0))))
            value = value[:column.start()]  # "1. TFESI, L4-5   64483 x2   DENIED"
        family = procedure_in(value, codes)
        if family is None and not listed:
            continue
        service = _SERVICE_TAIL.sub("", re.sub(r"\s*\((?:CPT|HCPCS)[^)]*\)", "", value))
        service = service.strip(" .;,")
        digits = re.search(r"\d{1,2}", numbered.group(0)) if numbered else None
        # (a list line's number was stripped: its place in the list is its number)
        number = int(digits.group(0)) if digits else len(found) + 1 if listed else None
        reason = match.group("rest").strip(" .")
        if number and (not reason or reason.startswith("(")):  # its terms are no reason
            reason = reasons.get(number, reason)
        found.append(ServiceRequest(service, family or ProcedureFamily.other, codes,
                                    laterality(service), levels(service), quantity(value),
                                    document,
                                    date_of_service=stated.group("date") if stated else None,
                                    decision=_verdict(match.group("verdict"), match.group("rest")),
                                    reason=reason or None))
    return found


def requests_in(document: int, doc_lines: list[Line]) -> list[ServiceRequest]:
    """Services requested or decided in one document, with its decision and stated dates."""
    found: list[ServiceRequest] = []
    service_date = request_date = None
    decision = reason = None
    for line in joined_labels(doc_lines):
        if line.kind != "label" or not line.label or not line.value:
            continue
        if SERVICE_LABELS.match(line.label) or (
                line.label.lower() == "procedure" and _REQUEST_SECTION.search(line.section)):
            value = _own_line(line, doc_lines)
            codes = codes_in(value)
            family = procedure_in(value, codes)
            if family is None:
                continue
            requested_on = _REQUESTED_ON.search(value)
            if requested_on:
                request_date = request_date or requested_on.group(1)
                value = value[:requested_on.start()]
            service = _SERVICE_TAIL.sub("", value).rstrip(" .;,")
            found.append(ServiceRequest(service, family, codes, laterality(service),
                                        levels(service), quantity(value), document))
        elif SERVICE_DATE_LABELS.match(line.label):
            service_date = line.value
        elif REQUEST_DATE_LABELS.match(line.label):
            request_date = line.value
        elif DECISION_LABELS.match(line.label):
            decision = decision_of(line.value)
        elif REASON_LABELS.match(line.label):
            reason = line.value
    if decision is None:  # an OUTCOME heading over prose: "the denial is OVERTURNED."
        told = [m for line in doc_lines if line.kind in ("prose", "item")
                and DECISION_LABELS.match(line.section.rstrip(":"))
                for m in [_TOLD_VERDICT.search(line.text)] if m]
        decision = decision_of(told[0].group(0)) if told else None
    for request in found:
        request.date_of_service, request.request_date = service_date, request_date
        request.decision, request.reason = decision, reason
    from drafting.intake.extract.decision_lists import listed_decisions  # (it reads these)

    listed = listed_services(document, doc_lines)
    if len(listed) == 1 and listed[0].decision is None and not found:
        # the one service a notice names under its heading has the notice's decision
        listed[0].decision, listed[0].reason = decision, reason
        listed[0].date_of_service, listed[0].request_date = service_date, request_date
    found += listed
    from drafting.intake.extract.request_forms import numbered_requests

    for more in (decision_lines(document, doc_lines), listed_decisions(document, doc_lines),
                 numbered_requests(document, doc_lines)):
        seen = {(r.procedure, tuple(r.codes)): r for r in found}
        for request in more:
            same = seen.get((request.procedure, tuple(request.codes)))
            if same is None:
                found.append(request)
            elif same.decision is None:  # listed under its heading, decided on its own line
                same.decision, same.reason = request.decision, same.reason or request.reason
    return found


def _own_line(joined: Line, doc_lines: list[Line]) -> str:
    """A service field's value without the next line joined on when that line opens a sentence
    of its own ("Approval requested for: Third lumbar TFESI, left L5-S1" then "I contacted the
    insurer ..."); a value wrapped mid-phrase keeps its continuation."""
    value = joined.value or ""
    own = next((line.value for line in doc_lines if line.kind == "label" and line.value
                and line.page == joined.page and joined.text.startswith(line.text)), value)
    rest = value[len(own):].strip()
    if rest[:1].isupper() and not _CONTINUED.search(own) and \
            procedure_in(own, codes_in(own)) is not None:
        return own
    return value


# A line that stops mid-phrase: what follows it continues the field ("... under fluoroscopic
# guidance," then "CPT 64483, quantity 1.", a wrap in a scanned form)
_CONTINUED = re.compile(r"(?:[,;:(/&+-]|\b(?:and|or|with|of|at|to|for|under|via|per|x))\s*$",
                        re.IGNORECASE)


_TOLD_VERDICT = re.compile(r"\b(?:is|are|was|were)\s+(?:hereby\s+)?(?:overturned|upheld|"
                           r"reversed|approved|denied|certified|non-?certified|modified)\b",
                           re.IGNORECASE)
# A heading over the list of services a letter decides ("DESCRIPTION OF THE SERVICES IN
# DISPUTE", "Disputed services", "Services under review", "SERVICES AT ISSUE").
SERVICES_HEADING = re.compile(r"\b(?:services?|treatments?) (?:in dispute|under review|at issue)\b|"
                              r"\bdisputed (?:services?|items?|treatment)\b|"
                              r"\btreatment in dispute\b", re.IGNORECASE)
ITEM_DECISION = re.compile(r"^(?:item|service|request)\s*#?\s*(\d{1,2})$", re.IGNORECASE)


def listed_services(document: int, doc_lines: list[Line]) -> list[ServiceRequest]:
    """Services listed under a "SERVICE(S) REQUESTED" heading, one per list line, decided by
    number further on ("Item 2: CERTIFIED IN PART - 6 visits certified")."""
    listed: list[ServiceRequest] = []
    decided: dict[int, tuple[Decision, str]] = {}
    for line in doc_lines:
        if (line.kind == "item" or (line.kind == "prose" and not listed)) and (
                SERVICE_LABELS.match(line.section.rstrip(":"))
                or SERVICES_HEADING.search(line.section)):  # (or the one line of prose under it)
            value = _SERVICE_TAIL.sub("", line.text)
            codes = codes_in(line.text)
            service = re.sub(r"\s*\((?:CPT|HCPCS)[^)]*\)", "", value).strip(" .;,")
            listed.append(ServiceRequest(service, procedure_in(line.text, codes) or
                                         ProcedureFamily.other, codes, laterality(service),
                                         levels(service), quantity(line.text), document))
        elif line.kind == "label" and line.label and line.value and (
                number := ITEM_DECISION.match(line.label)) and (
                decision := decision_of(line.value)) is not None:
            decided[int(number.group(1))] = (decision, line.value)
    for index, request in enumerate(listed, start=1):
        if index in decided:
            request.decision, request.reason = decided[index]
    return listed
