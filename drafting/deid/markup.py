"""Identifiers in JSON and XML records (a FHIR resource, a C-CDA document, an API's export), by
what the key or the element says a value is.

A JSON pair (``"family": "Doe"``, ``"given": ["Jane", "Q"]``) or an XML element
(``<family>Doe</family>``, ``<birthTime value="19690214"/>``) is redacted by its key: the keys a
table's heading would be read by (``tables.column_kinds``: name, patient, ssn, phone, address,
dates...), and the element names of HL7 FHIR's HumanName, Address and Patient and of C-CDA's
``patientRole``, which are words no heading uses: ``family``, ``given``, ``line``,
``streetAddressLine``, ``city``, ``postalCode``, ``birthDate``, ``birthTime``, ``telecom``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.tables import _cell_spans, column_kinds

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
    if PhiKind.name in kinds and not _PERSONISH.fullmatch(value):
        kinds.remove(PhiKind.name)  # "name": "NRS" is a measure; "author": "pain medicine"
    if kinds:
        yield from _cell_spans(text, start, end, kinds)


def markup_spans(text: str) -> Iterator[Span]:
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
