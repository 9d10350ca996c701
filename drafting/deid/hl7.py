"""Identifiers in HL7 version 2 messages, by what the standard says each field holds.

A message is a run of segment lines (``PID|1||BRL4471920^^^BRL^MR||DOE^JOHN...``): a segment's
three-character name, then fields apart by the field separator (MSH-1, ``|``), a field's
repetitions apart by ``~`` and components by ``^`` (MSH-2 gives both). Prose recognisers read
``DOE^JOHN^Q`` as one unknown word; here a field is redacted because of its place: PID-5 is the
patient's name wherever the name is written, however it is spelt.

The field numbers below are those of the HL7 v2.5.1 standard (chapters 2, 3, 4, 6 and 7), taken as
data: a field's number, what it holds, and how much of it is an identifier. A person's name
(XPN, XCN), an address (XAD) or a telecom number (XTN) is redacted whole, repetition by
repetition (an XCN's ID number, its NPI, goes with it); an identifier (CX, EI) by its first
component, the number itself, not the authority that issued it. An identifier typed ``SS`` (its
fifth component) is a social security number. A date-time (TS, DTM) is replaced. Free text
(NTE-3, OBX-5) is left to the prose recognisers, which read the whole text anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

N, A, T, ID, D, B = "name", "address", "phone", "id", "date", "dob"  # how a field is read

# segment -> {field number: how it is read} (HL7 v2.5.1)
FIELDS: dict[str, dict[int, str]] = {
    # message header: date/time of message (7), message control ID (10)
    "MSH": {7: D, 10: ID},
    # event type: recorded date/time (2), planned event (3), operator ID (5), event occurred (6)
    "EVN": {2: D, 3: D, 5: N, 6: D},
    # patient identification: patient ID (2), identifier list (3), alternate ID (4), name (5),
    # mother's maiden name (6), date/time of birth (7), alias (9), address (11), county (12),
    # home phone (13), business phone (14), account number (18), SSN (19), driver's licence
    # (20), mother's identifier (21), birth place (23), death date/time (29)
    "PID": {2: ID, 3: ID, 4: ID, 5: N, 6: N, 7: B, 9: N, 11: A, 12: A, 13: T, 14: T, 18: ID,
            19: ID, 20: ID, 21: ID, 23: A, 29: D},
    # patient additional demographic: living will / organ donor none; skip
    # next of kin: name (2), address (4), phone (5), business phone (6), start/end dates (8, 9),
    # employee number (12), organisation name (13), date of birth (16), contact person's name
    # (30), telephone (31), address (32), identifiers (33), SSN (37)
    "NK1": {2: N, 4: A, 5: T, 6: T, 8: D, 9: D, 12: ID, 16: B, 30: N, 31: T, 32: A, 33: ID,
            37: ID},
    # patient visit: attending (7), referring (8), consulting (9), admitting (17) doctors,
    # visit number (19), alternate visit ID (50), admit and discharge date/time (44, 45),
    # other healthcare provider (52)
    "PV1": {7: N, 8: N, 9: N, 17: N, 19: ID, 44: D, 45: D, 50: ID, 52: N},
    # insurance: effective and expiration dates (12, 13), name of insured (16), insured's date
    # of birth (18) and address (19), policy number (36), insured's ID number (49)
    "IN1": {12: D, 13: D, 16: N, 18: B, 19: A, 36: ID, 49: ID},
    # guarantor: number (2), name (3), spouse name (4), address (5), home and business phone
    # (6, 7), date of birth (8), SSN (12), employer name, address, phone (16, 17, 18)
    "GT1": {2: ID, 3: N, 4: N, 5: A, 6: T, 7: T, 8: B, 12: ID, 16: N, 17: A, 18: T},
    # common order: placer and filler order numbers (2, 3), placer group (4), date/time of
    # transaction (9), entered by (10), verified by (11), ordering provider (12), call-back
    # phone (14), action by (19)
    "ORC": {2: ID, 3: ID, 4: ID, 9: D, 10: N, 11: N, 12: N, 14: T, 19: N},
    # observation request: order numbers (2, 3), observation date/time and end (7, 8), specimen
    # received (14), ordering provider (16), call-back phone (17), results reported (22), copies
    # to (28), principal and assistant interpreters, technician, transcriptionist (32-35),
    # scheduled date/time (36)
    "OBR": {2: ID, 3: ID, 7: D, 8: D, 14: D, 16: N, 17: T, 22: D, 28: N, 32: N, 33: N, 34: N,
            35: N, 36: D},
    # observation: date/time of observation (14), responsible observer (16), date/time of
    # analysis (19)
    "OBX": {14: D, 16: N, 19: D},
    # specimen: specimen ID (2), parent ID (3), collection and received date/time (17, 18)
    "SPM": {2: ID, 3: ID, 17: D, 18: D},
    # merge: prior identifier list (1), prior account (3), prior visit (5), prior name (7)
    "MRG": {1: ID, 3: ID, 5: ID, 7: N},
    # transcription document header: activity, origination, transcription dates (4, 6, 7),
    # primary activity provider (5), originator (9), authenticator (10), transcriptionist
    # (11), unique document number (12), authentication person (22)
    "TXA": {4: D, 5: N, 6: D, 7: D, 9: N, 10: N, 11: N, 12: ID, 22: N},
    # diagnosis and procedure: diagnosis date/time (5), clinician (16); procedure date/time
    # (5), surgeon and practitioner (11, 12)
    "DG1": {5: D, 16: N},
    "PR1": {5: D, 11: N, 12: N},
    # allergy: identification date (6); appointment and scheduling: placer and filler
    # appointment IDs (SCH-1, 2), filler contact person and phone (SCH-16, 17), entered by (20)
    "AL1": {6: D},
    # patient additional demographic: primary care provider (PD1-4); role: role person (ROL-4),
    # office address and phone (11, 12); insurance additional: insured's employee ID (IN2-2),
    # Medicare and Medicaid numbers (6, 8); accident date/time (ACC-1); financial transaction:
    # transaction date (FT1-4), performed and ordered by (20, 21); provider data: name, address,
    # communication (PRD-2, 3, 5)
    "PD1": {4: N},
    "ROL": {4: N, 11: A, 12: T},
    "IN2": {2: ID, 6: ID, 8: ID},
    "ACC": {1: D},
    "FT1": {4: D, 20: N, 21: N},
    "PRD": {2: N, 3: A, 5: T},
    "SCH": {1: ID, 2: ID, 16: N, 17: T, 20: N},
}
KINDS = {N: PhiKind.name, A: PhiKind.address, T: PhiKind.phone, ID: PhiKind.id, D: PhiKind.date,
         B: PhiKind.dob}

# a person's name as XPN writes it, family^given[^middle], in letters of one case (not a code and
# its text, "SPO^Spouse", "URN^Urine")
_PERSON_NAME = re.compile(r"(?:[A-Z][A-Z'-]+\^[A-Z][A-Z'-]+|[A-Z][a-z'-]+\^[A-Z][a-z'-]+)"
                          r"(?:\^[A-Z][A-Za-z'-]*)?(?:\^+[A-Z]{1,4})?")
# OBX-2 value types whose OBX-5 is an identifier (HL7 table 0125)
_VALUE_TYPES = {"PN": N, "XPN": N, "XCN": N, "CN": N, "AD": A, "XAD": A, "TN": T, "XTN": T,
                "DT": D, "DTM": D, "TS": D}
_PEOPLE = {"PID", "NK1", "IN1", "GT1", "PV1", "MRG"}  # segments about persons, not results
SEGMENT = re.compile(r"(?P<seg>[A-Z][A-Z0-9]{2})(?P<sep>[|])")
_LINE = re.compile(r"[^\r\n]+")


def hl7_segments(text: str) -> Iterator[tuple[int, str]]:
    """Where each segment line of a message starts, and the line; none unless the text holds a
    message header (MSH) or two segment lines the table knows."""
    lines = []
    for match in _LINE.finditer(text):
        lead = len(match.group(0)) - len(match.group(0).lstrip(" \t"))  # an indented dump
        if SEGMENT.match(match.group(0), lead):
            lines.append((match.start() + lead, match.group(0)[lead:]))
    known = [line for _, line in lines if line[:3] in FIELDS]
    if any(line.startswith("MSH") for _, line in lines) or len(known) >= 2:
        yield from lines


def _encoding(text: str) -> tuple[str, str, str]:
    """Field, component and repetition separators, from the message header (MSH-1, MSH-2)."""
    header = re.search(r"^MSH(.)(.)(.)", text, re.MULTILINE)
    if header is None:
        return "|", "^", "~"
    return header.group(1), header.group(2), header.group(3)


def hl7_spans(text: str) -> Iterator[Span]:
    """The identifiers of every segment line of an HL7 v2 message in ``text``."""
    field_sep, comp_sep, rep_sep = _encoding(text)
    for start, line in hl7_segments(text):
        table = FIELDS.get(line[:3], {})
        if not table and line[0] != "Z":
            continue
        offset = 0 if line[:3] != "MSH" else 1  # MSH-1 is the separator itself
        has_names = line[:3] in _PEOPLE or line[0] == "Z"  # Z segments are a site's own
        fields = line.split(field_sep)
        if line[:3] == "OBX" and len(fields) > 5:  # OBX-5 is of the type OBX-2 gives
            table = {**table, 5: _VALUE_TYPES.get(fields[2], "")}
        at = start
        for number, field in enumerate(fields):
            how = table.get(number + offset) if number else None
            if how is None and has_names and _PERSON_NAME.fullmatch(field):
                how = N  # a name one field off its place (an export that shifted a field)
            if how and field.strip():  # ("" when OBX-2 is no identifier's type)
                yield from _field(field, at, how, comp_sep, rep_sep)
            at += len(field) + 1


def _field(field: str, at: int, how: str, comp_sep: str, rep_sep: str) -> Iterator[Span]:
    for rep in field.split(rep_sep):
        if rep.strip(comp_sep + " "):
            if how == ID:
                number = rep.split(comp_sep)
                if number[0].strip():
                    kind = PhiKind.ssn if len(number) > 4 and number[4] == "SS" else PhiKind.id
                    yield Span(at, at + len(number[0]), kind, 5)
            elif how in (D, B) and sum(c.isdigit() for c in rep) < 6:
                pass  # a date-time has its year, month and day at least (not a code: "01")
            else:
                kind = PhiKind.email if how == T and "@" in rep else KINDS[how]
                yield Span(at, at + len(rep), kind, 5)
        at += len(rep) + 1


def hl7_names(text: str) -> Iterator[str]:
    """The names a message's name fields hold, written as prose writes them ("EDWIN ZELAYA"
    for ``ZELAYA^EDWIN``), to be learned and found again in the prose about it."""
    comp_sep = _encoding(text)[1]
    for span in hl7_spans(text):
        if span.kind is PhiKind.name:
            parts = span.text(text).split(comp_sep)
            # XPN: family, given, middle...; XCN: ID number, family, given, middle...
            if parts and re.fullmatch(r"[\d ]*", parts[0]) and len(parts) > 1:
                parts = parts[1:]
            words = [p for p in parts[:3] if re.fullmatch(r"[A-Za-z][A-Za-z'’ -]+", p)]
            if words:
                yield " ".join(words)
