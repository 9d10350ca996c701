"""Identifiers in a DICOM header dump, by what the tag and its value representation say.

A dump prints one data element a line: its tag ``(gggg,eeee)``, its value representation (VR)
and its value, as ``dcmdump``/``gdcmdump`` write it (``(0010,0010) PN [DOE^JOHN]  # 8, 1
PatientName``) or as pydicom does (``(0010, 0010) Patient's Name  PN: 'DOE^JOHN'``); values of
multiplicity above one are apart by a backslash.

What is redacted, as data from the DICOM standard: every value of VR PN (a person's name, with
``^`` between its components, PS3.5 6.2), DA and DT (dates; the patient's birth date is a date of
birth), AE (an application entity title names a network node, a device); an age (AS) over 89
years; and the elements of the Basic Application Level Confidentiality Profile (PS3.15 Annex E)
that are numbers, addresses, phones, devices and instance UIDs, in ``TAGS``. Free-text elements
(patient comments, additional history) are left to the prose recognisers; the institution's name
is kept, as facilities are elsewhere; times of care (TM) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

# (group, element) -> kind, from PS3.15 Annex E (the keyword of each tag is PS3.6's)
TAGS: dict[tuple[int, int], PhiKind] = {
    (0x0008, 0x0014): PhiKind.id,  # InstanceCreatorUID
    (0x0008, 0x0018): PhiKind.id,  # SOPInstanceUID
    (0x0008, 0x0050): PhiKind.id,  # AccessionNumber
    (0x0008, 0x0081): PhiKind.address,  # InstitutionAddress
    (0x0008, 0x0092): PhiKind.address,  # ReferringPhysicianAddress
    (0x0008, 0x0094): PhiKind.phone,  # ReferringPhysicianTelephoneNumbers
    (0x0008, 0x1010): PhiKind.device,  # StationName
    (0x0010, 0x0020): PhiKind.mrn,  # PatientID
    (0x0010, 0x0030): PhiKind.dob,  # PatientBirthDate
    (0x0010, 0x1000): PhiKind.mrn,  # OtherPatientIDs
    (0x0010, 0x1040): PhiKind.address,  # PatientAddress
    (0x0010, 0x2154): PhiKind.phone,  # PatientTelephoneNumbers
    (0x0010, 0x2155): PhiKind.phone,  # PatientTelecomInformation
    (0x0018, 0x1000): PhiKind.device,  # DeviceSerialNumber
    (0x0020, 0x000D): PhiKind.id,  # StudyInstanceUID
    (0x0020, 0x000E): PhiKind.id,  # SeriesInstanceUID
    (0x0020, 0x0010): PhiKind.id,  # StudyID
    (0x0020, 0x0052): PhiKind.id,  # FrameOfReferenceUID
    (0x0038, 0x0010): PhiKind.id,  # AdmissionID
    (0x0040, 0x0253): PhiKind.id,  # PerformedProcedureStepID
    (0x0040, 0x1001): PhiKind.id,  # RequestedProcedureID
    (0x0040, 0x2016): PhiKind.id,  # PlacerOrderNumberImagingServiceRequest
    (0x0040, 0x2017): PhiKind.id,  # FillerOrderNumberImagingServiceRequest
}
# value representations whose every value is an identifier (PS3.5 6.2)
VRS = {"PN": PhiKind.name, "DA": PhiKind.date, "DT": PhiKind.date, "AE": PhiKind.device}

_TAG = r"^[ \t>]*\((?P<g>[0-9A-Fa-f]{4}),[ ]?(?P<e>[0-9A-Fa-f]{4})\)[ \t]+"
DCMDUMP = re.compile(_TAG + r"(?P<vr>[A-Z]{2})[ \t]+\[(?P<v>[^\]\n]*)\]", re.MULTILINE)
PYDICOM = re.compile(_TAG + r"[^\n]*?[ \t](?P<vr>[A-Z]{2}):[ \t]+(?P<q>['\"]?)(?P<v>[^\n]*?)"
                     r"(?P=q)[ \t]*$", re.MULTILINE)


def dicom_spans(text: str) -> Iterator[Span]:
    """The identifiers of every data element line of a DICOM dump in ``text``."""
    if "(" not in text:
        return
    for pattern in (DCMDUMP, PYDICOM):
        for line in pattern.finditer(text):
            tag = (int(line.group("g"), 16), int(line.group("e"), 16))
            vr = line.group("vr")
            kind = TAGS.get(tag) or VRS.get(vr)
            if vr == "AS":
                kind = PhiKind.age if re.fullmatch(r"0*(?:9\d|[1-9]\d\d)Y", line.group("v")) \
                    else None
            if kind is None:
                continue
            at = line.start("v")
            for value in line.group("v").split("\\"):
                if value.strip(" ^"):
                    yield Span(at, at + len(value), kind, 5)
                at += len(value) + 1


def dicom_names(text: str) -> Iterator[str]:
    """The person names of a dump's PN values, written as prose writes them (``EDWIN ZELAYA``
    for ``ZELAYA^EDWIN``), to be learned and found again in the report under it."""
    for span in dicom_spans(text):
        if span.kind is PhiKind.name:
            words = [p for p in span.text(text).split("^")[:3]
                     if re.fullmatch(r"[A-Za-z][A-Za-z'’ -]+", p)]
            if words:
                yield " ".join(words)
