"""Identifiers in ASC X12 transactions (837 claims, 835 remittances, 270/271 eligibility), by
what the implementation guides say each element holds.

A transaction is a run of segments (``NM1*IL*1*DOE*JOHN*Q***MI*XJ55012~``) ending with the
segment terminator (``~``, given by the ISA header's last character; a line break where a text
shows one segment a line), its elements apart by ``*`` (ISA's fourth character). Prose
recognisers read ``DOE*JOHN`` as one unknown word; here an element is redacted because of its
place, as data from the 005010 guides:

- NM1 (individual or organisational name): when NM102 is 1 (a person), the last name (03), first
  (04), middle (05), suffix (07) and identification code (09); the identification code of the
  insured (IL) and the patient (QC) whatever NM102 says. N3 (address lines 01, 02) and N4 (city,
  state, ZIP: 01-03) after a person's NM1 are the person's address.
- DMG02 (date of birth), DTP03 and DTM02 (dates), BHT04 and BPR16 (a transaction's date), PAT06
  (date of death).
- REF02 (a reference number: SY is an SSN, EA a record number, otherwise an ID), CLM01 (the
  patient's account), CLP01 and CLP07 (patient control and payer claim numbers), TRN02 (a
  check or EFT trace number), BHT03 (a reference), SBR03 (a group number), BPR09 and BPR15
  (account numbers).
- PER (contact): the name (02) and each number or e-mail (04, 06, 08).

Codes (procedure, diagnosis, adjustment) and amounts are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

ID, D, N = PhiKind.id, PhiKind.date, PhiKind.name
ELEMENTS: dict[str, dict[int, PhiKind]] = {
    "DMG": {2: PhiKind.dob},
    "DTP": {3: D},
    "DTM": {2: D},
    "BHT": {3: ID, 4: D},
    "BPR": {9: ID, 15: ID, 16: D},
    "PAT": {6: D},
    "CLM": {1: ID},
    "CLP": {1: ID, 7: ID},
    "TRN": {2: ID},
    "SBR": {3: ID},
    "PER": {2: N, 4: PhiKind.phone, 6: PhiKind.phone, 8: PhiKind.phone},
}
PERSON_ENTITIES = {"IL", "QC"}  # NM101: the insured (subscriber) and the patient
_REF_KINDS = {"SY": PhiKind.ssn, "EA": PhiKind.mrn}
_START = re.compile(r"(?:^|[~\n])[ \t]*(?:ISA|GS|ST|NM1|CLM|CLP)(?P<sep>[*|^])")


def _segments(text: str, sep: str) -> Iterator[tuple[int, list[str]]]:
    terminator = "~" if "~" in text else "\n"
    at = 0
    for raw in text.split(terminator):
        lead = len(raw) - len(raw.lstrip())
        body = raw[lead:]
        if re.match(rf"[A-Z][A-Z0-9]{{1,2}}{re.escape(sep)}", body):
            yield at + lead, body.split("\n")[0].rstrip("\r").split(sep)
        at += len(raw) + 1


def x12_spans(text: str) -> Iterator[Span]:
    """The identifiers of every segment of an X12 transaction in ``text``."""
    start = _START.search(text)
    if start is None or not re.search(rf"NM1{re.escape(start.group('sep'))}", text):
        return
    sep = start.group("sep")
    person = False
    for at, elements in _segments(text, sep):
        name = elements[0]
        offsets, pos = [], at
        for element in elements:
            offsets.append(pos)
            pos += len(element) + 1
        wanted: dict[int, PhiKind] = dict(ELEMENTS.get(name, {}))
        if name == "NM1":
            person = len(elements) > 2 and (elements[2] == "1" or elements[1] in PERSON_ENTITIES)
            if len(elements) > 2 and elements[2] == "1":
                wanted.update({7: N})
                # last, first and middle name: one name with the separators between them
                parts = [k for k in (3, 4, 5) if k < len(elements) and elements[k].strip()]
                if parts:
                    yield Span(offsets[parts[0]], offsets[parts[-1]] + len(elements[parts[-1]]),
                               N, 5)
            if person:
                wanted[9] = ID
        elif name in ("N3", "N4") and person:
            wanted.update({1: PhiKind.address, 2: PhiKind.address}
                          | ({3: PhiKind.address} if name == "N4" else {}))
        elif name == "REF" and len(elements) > 2:
            wanted[2] = _REF_KINDS.get(elements[1], ID)
        if name == "N4" and person and len(elements) > 2:  # city, state and ZIP: one place
            last = min(len(elements), 4) - 1
            wanted = {k: v for k, v in wanted.items() if k not in (1, 2, 3)}
            yield Span(offsets[1], offsets[last] + len(elements[last]), PhiKind.address, 5)
        for number, kind in wanted.items():
            if number < len(elements) and elements[number].strip():
                value = elements[number]
                if kind is PhiKind.phone and "@" in value:
                    kind = PhiKind.email
                yield Span(offsets[number], offsets[number] + len(value), kind, 5)


def x12_names(text: str) -> Iterator[str]:
    """A person's name of an NM1 segment, written as prose writes it (``JOHN DOE``)."""
    start = _START.search(text)
    if start is None:
        return
    sep = start.group("sep")
    for _, elements in _segments(text, sep):
        if elements[0] == "NM1" and len(elements) > 4 and elements[2] == "1":
            words = [w for w in (elements[4], elements[3]) if re.fullmatch(r"[A-Za-z'’ -]+", w)]
            if words:
                yield " ".join(words)
