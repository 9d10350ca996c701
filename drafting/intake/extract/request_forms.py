"""Items a state workers' compensation or payer request form lists by number, and the answer its
response section gives each by the same number, as a Georgia WC-205-style form writes them:

    Requested treatment or testing:
     (1) Left L4-5 and L5-S1 transforaminal ESI under fluoroscopy - CPT 64483, 64484
     (2) Physical therapy 2x/wk x 6 wks (12 visits) - CPT 97110, 97140
    SECTION 3. RESPONSE BY INSURER
    (1) [X] Authorized    [ ] Not authorized
    (2) [X] Authorized as modified: 8 visits

Each numbered line under the request's heading is one item (a drug or a visit as much as a
procedure), decided by the answer of its number; an answer's reason ("Not authorized - Reason:
...") is the item's reason. A line under no such heading is no item."""

from __future__ import annotations

import re

from drafting.case.vocab import ProcedureFamily
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.decisions import ServiceRequest, codes_in, decision_of, quantity
from drafting.intake.extract.text import Line
from drafting.intake.extract.vocabulary import procedure_in

# "Requested treatment or testing:", "Requested services", "Treatment requested"
_REQUEST_HEADING = re.compile(r"^(?:requested (?:treatment|services?|procedures?|care)"
                              r"(?: or testing)?|(?:treatment|services?) requested)\s*:?$",
                              re.IGNORECASE)
# "SECTION 3. RESPONSE BY INSURER/SELF-INSURER", "Carrier's determination", "Insurer response"
_ANSWER_HEADING = re.compile(r"\b(?:response|determination|decision|answer)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\(?(\d{1,2})[).]\s*")
# An answer opens with its verdict: "Authorized as modified: 8 visits", "Not authorized - ..."
_ANSWER = re.compile(r"^(?:not\s+|non-?)?(?:authori[sz]ed|approved|certified|denied|modified|"
                     r"granted|pended|pending)\b", re.IGNORECASE)
_REASON = re.compile(r"\breason\s*:\s*(?P<reason>.+)$", re.IGNORECASE)
_CODE_TAIL = re.compile(r"\s*(?:[-\u2013,(]\s*)?(?:CPT|HCPCS)\b.*$", re.IGNORECASE)


def numbered_requests(document: int, doc_lines: list[Line]) -> list[ServiceRequest]:
    """The items a request form numbers under its request heading, each decided by the answer
    of its number in the response section that follows (none when it has no answer)."""
    listed: dict[int, ServiceRequest] = {}
    answers: dict[int, tuple[str, str | None]] = {}
    for index, line in enumerate(doc_lines):
        number = _NUMBER.match(line.text)
        if number is None or line.kind not in ("prose", "item"):
            continue
        text = line.text[number.end():].strip()
        if _REQUEST_HEADING.match(line.section.strip()) and not _ANSWER.match(text):
            service = _CODE_TAIL.sub("", text).strip(" .;,-")
            if len(service) < 4:
                continue
            codes = codes_in(text)
            listed.setdefault(int(number.group(1)), ServiceRequest(
                service, procedure_in(service, codes) or ProcedureFamily.other, codes,
                laterality(service), levels(service), quantity(text), document))
        elif listed and _ANSWER_HEADING.search(line.section) and _ANSWER.match(text):
            # the reason may run on to the answer's next line
            more = doc_lines[index + 1] if index + 1 < len(doc_lines) else None
            if more is not None and more.kind == "prose" and not _NUMBER.match(more.text):
                text = f"{text} {more.text}"
            reason = _REASON.search(text)
            answers[int(number.group(1))] = (text, reason.group("reason") if reason else None)
    for number, request in listed.items():
        if number in answers:
            text, reason = answers[number]
            request.decision = decision_of(text)
            request.reason = reason or (text if request.decision else None)
    return list(listed.values())
