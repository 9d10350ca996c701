"""Identifier codes known by their shape or by any label that ends in a number sign, without a
label of ``numbers.py``'s list:

- a code of capitals and digits in hyphenated groups that opens with letters, four digits at
  least (``BX-4410-K``, ``TAG-0318-2207``, ``DR-77-0412-B3``); not a spinal level (``T10-T12``),
  a public form (``CMS-1500``, ``OWCP-1500``, ``F245-100-000``), a federal pay grade
  (``GS-0622-06``) or a model after its brand (``Hoistmaster HM-2000``, or any brand when
  the unit's serial follows: ``Genie GS-1930 serial GS3012A-88410``);
- a run of eight capitals and digits or more with three of each (``HRTLM7301QK``), not a
  provider taxonomy code (``207RX0202X``);
- a token with four digits or more after any word and ``#``, ``no.``, ``number`` or ``ID``
  (``wristband # QW-4471-3``, ``seal no. 88120-C``), the number sign with it when it touches
  the number (``chk #0044812``), four digits alone when it does (a store's number: ``Kroger
  #4533``); not a form, an exhibit, a page, a room or a code set;
- a bar member's number after a state bar's letters (``OSBA 30418``, ``WSBA #51120``);
- a licence plate with its state's postal code before it, after a vehicle or a plate on the
  same line or the line before (``trailer plate\n  OR 7741-KT``, ``vehicle ID K4471QX``);
- a driver's licence number of letters and digits after its label, a class between (``DL
  HOLMQJT311XB``, ``CDL, class B, HOLMQJT311XB``), however few digits it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.id_shapes import VEHICLE, _plate_like, model_before_serial
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits
from drafting.deid.words import is_word

LETTERED = re.compile(r"(?<![\w.-])(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![\w-]|\.\d)")
_SPINE = re.compile(r"[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})+")
# Public forms and grades: the agency's letters and the form's number ("CMS-1696", "HCFA-1500",
# "OWCP-1500", "DI4-1571"), Washington's form numbers ("F242-385-000"), the federal pay plans
# ("GS-0622-06", "WG-4607-08").
_PUBLIC = re.compile(r"(?:CMS|HCFA|UB|OWCP|DWC|RFA|SSA|HHS|OSHA|DI\d|FL|DOL|LS|CA|WC|SF|DD|"
                     r"FORM|FM|IRS|ADA)-\d{1,4}[A-Z]?|F\d{3}-\d{3}-\d{3}|(?:GS|WG|WL|WS|GG)-\d{4}"
                     r"-\d{2}|N4\d{5}-\d{4}-\d{2}"
                     # a standard's or a protocol's name and year ("ISO-100-2016")
                     r"|[A-Z]{2,6}-\d{1,3}-(?:19|20)\d\d")
# A brand before a model: a capitalised word in no dictionary ("Hoistmaster HM-2000"; not
# "Referral REF-25-0412").
_BRAND_BEFORE = re.compile(r"(?<![\w'’-])(?P<brand>[A-Z][a-z]{2,})[ ]$")
MIXED = re.compile(r"(?<![\w.-])(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-Z0-9]{8,20}"
                   r"(?![\w-]|\.\d)")
_TAXONOMY = re.compile(r"\d{3}[A-Z0-9]{6}X")
# Any word, then a number sign: the value has four digits at least, a letter or a hyphen among
# them or five digits; "#" touching the value is kept with it.
NUMBER_SIGN = re.compile(
    r"(?<![\w-])(?P<word>[A-Za-z][A-Za-z.]{1,20})[ ]?(?:#|(?i:no\.|num\.|number|id)(?![\w]))"
    r"[ ]?:?[ ]?(?P<value>#?(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?![\w-]|\.\d)")
_NOT_IDS = frozenset("""
form forms exhibit exhibits page pages room rm suite ste apt unit step item line lines rule
section sec code codes cpt icd hcpcs ndc model cat catalog part level grade stage size tube
bed floor ward bay gate dock door aisle box exit slide view image series figure fig table
appendix attachment tab version ver rev revision chapter volume vol issue question number omb
""".split())
BAR = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}SBA|SBOT|OSB|ISBA|TBN)[ ]?(?:no\.?|#|number)?[ ]?:?[ ]?"
                 r"(?P<value>#?\d{4,7})(?![\w-])")
DRIVER = re.compile(
    r"(?<![\w-])(?:(?i:driver'?s?[ ]licen[cs]e)|DL|CDL|(?i:commercial[ ]licen[cs]e))"
    r"(?:[ ](?:no\.?|#|number))?[,:#]?(?:[ ](?i:class)[ ][A-D],?)?[ ]?(?:[A-Z]{2}[ ])?"
    r"(?P<value>(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z]{2})[A-Z0-9]{7,16})(?![\w-])")
# The postal codes of the states, the District of Columbia and the territories (USPS).
STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
          "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP")
STATE_PLATE = re.compile(rf"(?<![\w-])(?:{'|'.join(STATES.split())})[ ]"
                         r"(?P<plate>[A-Z0-9]{2,8}(?:[- ][A-Z0-9]{1,5})?)(?![\w-])")
_TRAILER = re.compile(r"(?i)\b(?:tractor|trailer|semi|rig|forklift)\b")


def id_codes(text: str) -> Iterator[Span]:
    for match in LETTERED.finditer(text):
        code = match.group(0)
        brand = _BRAND_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if digits(code) < 4 or _SPINE.fullmatch(code) or _PUBLIC.fullmatch(code) or (
                brand and not is_word(brand.group("brand"))) or \
                model_before_serial(text, match.start(), match.end()):
            continue
        yield Span(match.start(), match.end(), PhiKind.id, 2)
    for match in MIXED.finditer(text):
        if not _TAXONOMY.fullmatch(match.group(0)):
            yield Span(match.start(), match.end(), PhiKind.id, 2)
    for match in NUMBER_SIGN.finditer(text):
        value = match.group("value")
        bare = value.lstrip("#")
        if match.group("word").lower().rstrip(".") in _NOT_IDS or digits(bare) < 4 or (
                bare.isdigit() and len(bare) < 5 and text[match.start("value") - 1] != "#") or \
                _PUBLIC.fullmatch(bare) or \
                re.fullmatch(r"(?:19|20)\d\d", bare):
            continue
        yield Span(_with_sign(text, match.start("value")), match.end("value"), PhiKind.id, 4)
    for match in BAR.finditer(text):
        yield Span(_with_sign(text, match.start("value")), match.end("value"),
                   PhiKind.license, 5)
    for match in STATE_PLATE.finditer(text):
        before = text[max(0, match.start() - 40):match.start()]
        if (VEHICLE.search(before) or _TRAILER.search(before)) and \
                _plate_like(match.group("plate")):
            yield Span(match.start(), match.end(), PhiKind.device, 4)
    for match in DRIVER.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.license, 5)


def _with_sign(text: str, start: int) -> int:
    """The start of a value, with a number sign that touches it ("#0044812")."""
    return start - 1 if start and text[start - 1] == "#" else start
