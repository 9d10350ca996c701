"""Identifiers in JSON and XML records (a FHIR resource, a C-CDA document, an API's export), by
what the key or the element says a value is.

A JSON pair (``"family": "Doe"``, ``"given": ["Jane", "Q"]``) or an XML element
(``<family>Doe</family>``, ``<birthTime value="19690214"/>``) is redacted by its key: the keys a
table's heading would be read by (``tables.column_kinds``: name, patient, ssn, phone, address,
dates...), and the element names of HL7 FHIR's HumanName, Address and Patient and of C-CDA's
``patientRole``, which are words no heading uses: ``family``, ``given``, ``line``,
``streetAddressLine``, ``city``, ``postalCode``, ``birthDate``, ``birthTime``, ``telecom``.
A YAML-like line of a machine's key (``patient_name: Jane Doe``), a vCard's properties and an
iCalendar participant's common name are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.tables import _cell_spans, column_kinds
from drafting.deid.terms import is_clinical_word

# FHIR (HumanName, Address, Patient) and C-CDA element names, lower-cased
KEYS = {"family": PhiKind.name, "given": PhiKind.name, "line": PhiKind.address,
        "streetaddressline": PhiKind.address, "city": PhiKind.address,
        "postalcode": PhiKind.address, "district": PhiKind.address,
        "birthdate": PhiKind.dob, "birthtime": PhiKind.dob, "deceaseddatetime": PhiKind.date,
        "telecom": PhiKind.phone,
        "alphabetic": PhiKind.name}  # a PN value of DICOM JSON (PS3.18 F.2.2)

# a person's name under a key that may name other things: two capitalised words or more
_PERSONISH = re.compile(r"[A-Z][\w'’.-]+,?(?:[ ][A-Z][\w'’.-]*,?){1,4}")
JSON_PAIR = re.compile(r'"(?P<k>[A-Za-z_][\w-]{0,40})"[ \t]*:[ \t]*(?:"(?P<v>[^"\n]*)"'
                       r'|\[(?P<arr>[ \t]*"[^"\n]*"(?:[ \t]*,[ \t]*"[^"\n]*")*)[ \t]*\])')
XML_ELEMENT = re.compile(r"<(?P<k>[A-Za-z][\w.-]{0,40})(?:[ \t][^<>\n]*)?>(?P<v>[^<>\n]{1,120})"
                         r"</(?P=k)>")
XML_VALUE = re.compile(r"<(?P<k>[A-Za-z][\w.-]{0,40})[ \t][^<>]*?\b(?:value|extension)="
                       r"\"(?P<v>[^\"\n]+)\"")


def _person_like(value: str) -> bool:
    """Two capitalised words or more, none a clinical word ("name": "Lumbar Radiculopathy" is a
    condition's)."""
    words = re.findall(r"[A-Za-z'’-]+", value)
    return bool(_PERSONISH.fullmatch(value)) and not any(is_clinical_word(w) for w in words)


def _spans(text: str, key: str, start: int, end: int) -> Iterator[Span]:
    value = text[start:end]
    if not value.strip():
        return
    kind = KEYS.get(key.lower())
    if kind is PhiKind.phone:
        kind = PhiKind.email if "@" in value else kind
    if kind is not None:
        yield Span(start, end, kind, 4)
        return
    kinds = column_kinds(key)
    if PhiKind.name in kinds and not _person_like(value):
        kinds.remove(PhiKind.name)  # "name": "NRS" is a measure; "author": "pain medicine"
    if kinds:
        yield from _cell_spans(text, start, end, kinds)


# a vCard's properties (RFC 6350): formatted and structured name, nickname, telephone, address,
# e-mail, birthday; an iCalendar attendee's or organiser's common name (RFC 5545 CN=)
VCARD = re.compile(r"(?im)^(?P<k>FN|N|NICKNAME|TEL|ADR|EMAIL|BDAY|ANNIVERSARY)(?:;[^:\n]*)?:"
                   r"(?P<v>[^\n]+)$")
_VCARD_KINDS = {"fn": PhiKind.name, "n": PhiKind.name, "nickname": PhiKind.name,
                "tel": PhiKind.phone, "adr": PhiKind.address, "email": PhiKind.email,
                "bday": PhiKind.dob, "anniversary": PhiKind.date}
COMMON_NAME = re.compile(r"(?i);CN=(?P<v>\"[^\"\n]+\"|[^;:\n]+)")
# a machine's key (snake_case or camelCase) and its value on a line ("patient_name: Jane Doe",
# "dateOfBirth: 1958-09-23"), read as a table's heading would be
MACHINE_KEY = re.compile(r"(?m)^[ \t-]*(?P<k>[a-z]+(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+)"
                         r"[ \t]*:[ \t]+(?P<v>[^\n#{}\[\]]+?)[ \t]*$")


def markup_spans(text: str) -> Iterator[Span]:
    if "BEGIN:VCARD" in text.upper():
        for prop in VCARD.finditer(text):
            value = prop.group("v")
            if value.strip(" ;"):
                yield Span(prop.start("v"), prop.end("v"), _VCARD_KINDS[prop.group("k").lower()], 4)
    if ";CN=" in text.upper():
        for name in COMMON_NAME.finditer(text):
            yield Span(name.start("v"), name.end("v"), PhiKind.name, 4)
    for pair in MACHINE_KEY.finditer(text):
        yield from _spans(text, pair.group("k"), pair.start("v"), pair.end("v"))
    if '":' in text or '" :' in text:
        for pair in JSON_PAIR.finditer(text):
            if pair.group("v") is not None:
                yield from _spans(text, pair.group("k"), pair.start("v"), pair.end("v"))
            else:
                base = pair.start("arr")
                for item in re.finditer(r'"([^"\n]*)"', pair.group("arr")):
                    yield from _spans(text, pair.group("k"), base + item.start(1),
                                      base + item.end(1))
    if "</" in text or "/>" in text:
        for element in XML_ELEMENT.finditer(text):
            yield from _spans(text, element.group("k"), element.start("v"), element.end("v"))
        for element in XML_VALUE.finditer(text):
            if element.group("k").lower() in KEYS:
                yield from _spans(text, element.group("k"), element.start("v"),
                                  element.end("v"))
