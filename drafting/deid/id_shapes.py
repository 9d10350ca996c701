"""Identifiers known by their shape or by a vehicle named beside them, without a label:

- A Medicare Beneficiary Identifier (CMS's published shape: 11 characters, a digit 1-9 first,
  letters without S, L, O, I, B, Z at fixed places, dashes after the 4th and 7th allowed):
  ``5JQ9-TP2-KE41``, ``5JQ9TP2KE41``.
- An identifier printed masked, its last characters shown (``XXXXXXX-QT71``, ``****-5521``).
- A case or report number of an agency, year first and the office's letters last:
  ``25-1188-SBA``.
- A licence plate (two to four letters and digits, a hyphen or a space, two to five more, at
  least two digits and one letter) just after a vehicle: ``her Honda (LKT 4410)``, ``the van
  # MWR-7730``, ``own truck, plate state OH: GHB-2214``; or just before it, a colour or two
  between: ``7RTX552 gray van``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits
from drafting.deid.terms import SERIAL_AFTER

_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
MBI = re.compile(rf"(?<![\w-])[1-9]{_MBI_LETTER}[A-Z0-9]\d-?{_MBI_LETTER}[A-Z0-9]\d-?"
                 rf"{_MBI_LETTER}{{2}}\d{{2}}(?![\w-])")
MASKED = re.compile(r"(?<![\w-])[Xx*•]{3,}(?:-[Xx*•]{2,})*-?(?=[A-Z0-9]*\d)[A-Z0-9]{2,6}"
                    r"(?![\w-])")
# A case or report number of an agency: a year, a serial and the office's letters
# ("25-1188-SBA"), six digits at least.
AGENCY_CODE = re.compile(r"(?<![\w.-])\d{2,4}-\d{4,6}-[A-Z]{2,4}(?![\w-])")
_VEHICLES = (r"car|cars|van|minivan|truck|pickup|suv|sedan|vehicle|auto|jeep|motorcycle|"
             r"scooter|rv|camper|plates?|tags?|subaru|honda|toyota|ford|chevy|chevrolet|nissan|"
             r"hyundai|kia|dodge|ram|gmc|buick|mazda|volkswagen|vw|tesla|lexus|bmw|audi|volvo|"
             r"chrysler|cadillac|f-150")
VEHICLE = re.compile(rf"(?i)\b(?:{_VEHICLES})\b")
PLATE_SHAPE = re.compile(r"(?<![\w-])(?P<plate>[A-Z0-9]{2,4}[- ]?[A-Z0-9]{2,5})(?![\w-])")


def shaped_ids(text: str) -> Iterator[Span]:
    for match in MBI.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.member_id, 5)
    for match in AGENCY_CODE.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 3)
    for match in MASKED.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 4)
    yield from plates(text)


def plates(text: str) -> Iterator[Span]:
    """Plates within 40 characters after a vehicle, on its line, or just before it, a colour
    or two between ("8KDW417 white ram")."""
    for vehicle in VEHICLE.finditer(text):
        line_end = text.find("\n", vehicle.end())
        stop = min(vehicle.end() + 40, len(text) if line_end < 0 else line_end)
        for match in PLATE_SHAPE.finditer(text, vehicle.end(), stop):
            if _plate_like(match.group("plate")) and not _model(text, match.start(), match.end()):
                yield Span(match.start(), match.end(), PhiKind.device, 4)
                break
        before = PLATE_BEFORE.search(text, max(0, vehicle.start() - 30), vehicle.start())
        if before and _plate_like(before.group("plate")) and \
                not _model(text, before.start("plate"), before.end("plate")):
            yield Span(before.start("plate"), before.end("plate"), PhiKind.device, 4)


# A make or a brand just before ("Toyota 8FGU25 truck", "Liftrite LR-3300"): a model. After a
# vehicle's make a plate stays a plate unless a vehicle word follows it ("Honda LKT4410").
_BRAND_BEFORE = re.compile(r"(?<![\w'’-])(?P<brand>[A-Z][a-z]{2,})[ ]$")
_VEHICLE_AFTER = re.compile(rf"(?i)[ ](?:{_VEHICLES})\b")


def _model(text: str, start: int, end: int) -> bool:
    brand = _BRAND_BEFORE.search(text, max(0, start - 30), start)
    if brand is None:
        return False
    return not VEHICLE.fullmatch(brand.group("brand")) or bool(_VEHICLE_AFTER.match(text, end)) \
        or model_before_serial(text, start, end)


def model_before_serial(text: str, start: int, end: int) -> bool:
    """Whether the code at ``start:end`` follows a brand (a capitalised word) and comes just
    before the unit's serial or unit number (``terms.SERIAL_AFTER``: "Genie GS-1930 serial
    GS3012A-88410"): a model, which names no one."""
    return _BRAND_BEFORE.search(text, max(0, start - 30), start) is not None and \
        SERIAL_AFTER.match(text, end) is not None


PLATE_BEFORE = re.compile(r"(?<![\w-])(?P<plate>[A-Z0-9]{2,4}[- ]?[A-Z0-9]{2,5})"
                          r"(?:[ ][a-z]+){0,2}[ ]$")


def _plate_like(plate: str) -> bool:
    bare = re.sub(r"[- ]", "", plate)
    return 5 <= len(bare) <= 8 and digits(bare) >= 2 and bool(re.search("[A-Z]", bare)) \
        and not re.fullmatch(r"[A-Z]{1,3}\d{1,2}-?[A-Z]{1,3}\d{1,2}", bare)
