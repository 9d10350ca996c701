"""Identifier numbers that a cue in prose marks, beside the labelled fields of ``numbers.py``:
lot numbers and asset tags, IMEI and other handset numbers (spaced too), the last digits of a
card or an account ("VISA ending 4410", "Account ends ...0917"), postal tracking numbers in
groups, user names, licence plates in any case, access codes; and, by shape, record codes in
hyphenated groups ("RX-24-0311-5521", "24-0415-038812"; after letters eight digits do:
"REF-24-07-1183") and a number after "#" with a letter prefix ("#TK-4471")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import find_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits

_TAG = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
LOT_OR_TAG = re.compile(
    rf"(?i:\b(?:lot|batch|asset[ ]tag|asset|equipment[ ]id|inventory[ ]tag)"
    rf"(?:[ ]?(?:no\.?|number|#))?[ ]?[:#]?[ ]?)"
    rf"(?P<value>(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Z0-9]{{2}}){_TAG})")
HANDSET = re.compile(
    r"(?i:\b(?:imei|meid|iccid|esn|imsi)[ ]?(?:no\.?|number|#)?[ ]?[:#]?[ ]?)"
    r"(?P<value>\d[\d -]{12,24}\d)")
ENDING = re.compile(
    r"(?i:\b(?:ending(?:[ ]in)?|ends(?:[ ]in)?|last[ ](?:4|four)(?:[ ]digits)?(?:[ ]of)?)"
    r"[ ]?[:#]?[ ]?"
    r"(?:\.{2,}|…|[x*•]{2,})?)"
    r"(?P<value>\d{4})(?!\d)")
TRACKING = re.compile(
    r"(?i:\b(?:certified[ ]mail|tracking|registered[ ]mail|usps|fedex|ups)(?:[ ]?(?:no\.?|number|"
    r"#))?[ ]?[:#]?[ ]?)(?P<value>\d{4}(?:[ ]\d{2,4}){3,6}|[A-Z0-9]{10,34})(?![\w])")
USERNAME = re.compile(
    r"(?i:\b(?:username|user[ ]name|user[ ]id|login|handle|screen[ ]name|proxy|delegate)"
    r"[ ]?[:#]?[ ]?)"
    r"(?P<value>[\w.+-]{3,40}(?<![.]))")
# What follows a given name in a person's name: a surname, an initial, a nickname in brackets.
_NAME_AFTER = re.compile(r"[ ](?:\(|[\"“]|[A-ZÀ-ÞĀ-Ž])|[ ]{2}\(")
_YEAR_BEFORE = re.compile(r"(?i)\b(?:year|period|quarter|month|fy)\b[^.\n]{0,20}$")
_SIZE = re.compile(r"(?i)\d+(?:\.\d+)?[ -]?(?:mm|cm|holes?|in)$")
_UNIT = re.compile(r"[ -]?(?i:mm|cm|holes?|in|hole)\b")  # "plate Zevo 34 mm": a size
PLATE = re.compile(
    r"(?i:\bplate(?:[ ]?(?:no\.?|number|#))?[ ]?[:#]?[ ]?)"
    # its state first ("plate NM ASKV27", "plate NM 817-RTX")
    r"(?P<value>(?:[A-Z]{2}[ ](?=[A-Za-z0-9]{1,4}[ -]?[A-Za-z0-9]{2,5}(?![\w-])))?"
    r"[A-Za-z0-9]{1,4}[ -]?[A-Za-z0-9]{2,5})(?![\w-])")
# A code that opens an account or a program, letters and digits ("access code XK7Q2PL").
ACCESS_CODE = re.compile(
    r"(?i:\b(?:(?:access|activation|invitation|enrollment|verification)[ ]code|passcode)"
    r"[ ]?[:#]?[ ]?)(?P<value>(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{5,12})"
    r"(?![\w-])")
# Numbers a cue word names that no form labels: a payroll number with its office in brackets
# ("payroll (NFC) no. 4410-8821"), a vendor's or an agreement's number, a Bates range
# ("Bates ABC-MR 000001 - ABC-MR 000230"), serial numbers after the first ("SN 7Q4K2X / 7Q4K3X"),
# a serial printed in parts ("serial TX-5C 220917").
CUE_NO = re.compile(
    r"(?i:\b(?:payroll|vendor|agreement|contract|provider[ ]agreement)(?:[ ]\([A-Z]{2,8}\))?"
    r"[ ](?:no\.?|number|#)[ ]?:?[ ]?)"
    r"(?P<value>(?=[A-Za-z0-9-]*\d{3})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?![\w-])")
BATES = re.compile(r"(?i:\bbates(?:[ ](?:no\.?|nos\.?|numbers?|range))?[ ]?:?[ ]?)"
                   r"(?P<value>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[ _-]?\d{4,8})"
                   r"(?:[ ]?(?:-|–|to|through)[ ]?(?P<end>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[ _-]?"
                   r"\d{4,8}))?(?![\w-])")
SERIALS = re.compile(r"(?i:\b(?:s/n|sn|serial(?:[ ]no\.?)?)[ ]?[:#]?[ ]?)"
                     r"(?P<value>(?=(?:[A-Z]*\d){2})[A-Z0-9]{5,16}"
                     # printed in parts: "TX-5C 220917", "MR-44 2291", "SC 220917"
                     r"|(?=[A-Z0-9-]*\d)[A-Z0-9]{1,8}(?:-[A-Z0-9]{1,8})+(?:[ ]\d{4,10})?"
                     r"|[A-Z]{2,8}[ ]\d{4,10})"
                     r"(?P<more>(?:[ ]?/[ ]?(?=(?:[A-Z]*\d){2})[A-Z0-9]{5,16})+)?(?![\w-])")
# A federal court's case number: "2:24-cv-01187-ABC-DEF".
COURT_CASE = re.compile(r"(?<![\w:-])\d:\d{2}-(?:cv|cr|mc|md|mj|bk|ap|po)-\d{3,6}"
                        r"(?:-[A-Z]{2,4}){0,3}(?![\w-])")
# A prescription or record number with a short suffix, a refill's ("3318026-02").
SUFFIXED = re.compile(r"(?<![\w.-])\d{6,}-\d{1,3}(?![\w-]|\.\d)")
HYPHEN_CODE = re.compile(r"(?<![\w.-])(?:[A-Z]{1,5}-)?\d{2,}(?:-\d{2,}){2,}(?![\w-]|\.\d)")
# A code of regulations or statutes before a number cites a rule (public), no one's record.
_STATUTE_BEFORE = re.compile(r"(?:\b(?:WAC|RCW|CCR|CFR|C\.F\.R\.|U\.S\.C\.|USC|OAR|ORS|NAC|NRS|"
                             r"AAC|ARS|IAC|NYCRR|TAC|Admin\.?[ ]Code|Code|Stat\.?|Reg\.?|Regs\.?)"
                             r"|§§?)[ ]?$")
HASH_CODE = re.compile(r"(?<![\w])#[A-Z]{1,4}-?\d{3,}(?![\w-])")


# Any field whose label ends in "No." or "Number" (an agency's, a card's: "DOL/OWCP No.:
# 08-291447", "Card No. TW 0044 8812 73"): a number of five digits or more, a short prefix of
# capitals before it. Not a code a claim keeps (NDC, CPT, HCPCS, ICD, revenue), a page, a room,
# or a form's own number ("OMB No. 1240-0046").
NUMBERED_FIELD = re.compile(
    r"(?<![\w/])(?P<label>(?:[A-Z][\w/&.-]*[ ]){0,2}[A-Z][\w/&.-]*)[ ](?:No\.|Number)[ \t]*:?"
    r"[ \t]*(?P<value>(?:[A-Z]{1,4}[ -]?)?\d[\d -]{3,}\d)(?![\w-])")
_CODE_LABELS = re.compile(r"(?i)\b(?:ndc|cpt|hcpcs|icd|rev(?:enue)?|page|room|suite|apt|unit|"
                          r"phone|fax|tel|lot|model|part|catalog|cat|omb|form|version|edition|"
                          r"naic)\b")


def numbered_fields(text: str) -> Iterator[Span]:
    for match in NUMBERED_FIELD.finditer(text):
        value = match.group("value").rstrip(" -")
        if digits(value) >= 5 and not _CODE_LABELS.search(match.group("label")):
            yield Span(match.start("value"), match.start("value") + len(value), PhiKind.id, 5)


def cued_numbers(text: str) -> Iterator[Span]:
    yield from numbered_fields(text)
    for pattern, kind in ((LOT_OR_TAG, PhiKind.device), (HANDSET, PhiKind.device),
                          (ENDING, PhiKind.id), (TRACKING, PhiKind.id), (USERNAME, PhiKind.id),
                          (PLATE, PhiKind.device), (ACCESS_CODE, PhiKind.id)):
        for match in pattern.finditer(text):
            value = match.group("value").rstrip(" -")
            before = text[max(0, match.start() - 30):match.start()]
            if pattern is PLATE and (digits(value) < 2 or _SIZE.search(value) or _UNIT.match(
                    text, match.start("value") + len(value))):
                continue  # "plate of food", "plate 35 mm"
            if pattern is ENDING and re.fullmatch(r"(?:19|20)\d\d", value) and \
                    _YEAR_BEFORE.search(before):
                continue  # "the year ending 2024"
            if pattern is USERNAME and not (":" in match.group(0)[:match.start("value") -
                                            match.start()] or re.search(r"[\d._]", value)):
                continue  # "after login to the portal"
            if pattern is USERNAME and _NAME_AFTER.match(text, match.start("value") + len(value)) \
                    and value[:1].isupper() and value[1:].isalpha() and value[1:].islower():
                continue  # a person's name: "Proxy: Agnieszka (Aga) Nowicki", "Delegate: Ana Ruiz"
            start = match.start("value")
            yield Span(start, start + len(value), kind, 5)
    for match in HYPHEN_CODE.finditer(text):
        code = match.group(0)
        if re.search(r"(?i)\bndc\W*$", text[max(0, match.start() - 12):match.start()]):
            continue  # a drug's NDC code
        if _STATUTE_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            continue  # a rule's citation: "WAC 296-20-01002", "8 CCR 9792-24-2", "§ 440-3-15"
        if re.fullmatch(r"\d{4,5}-\d{3,4}-\d{1,2}", code):
            continue  # the shapes of an NDC code (4-4-2, 5-3-2, 5-4-1, 5-4-2)
        # a record code that opens with its office's letters ("ROI-25-10-0912"): 8 digits do
        lettered = bool(re.match(r"[A-Z]{2,5}-", code)) and digits(code) >= 8
        if (digits(code) >= 10 or lettered) and not any(f.start == 0 and f.end == len(code)
                                          for f in find_dates(code)):
            yield Span(match.start(), match.end(), PhiKind.id, 2)
    for match in HASH_CODE.finditer(text):
        yield Span(match.start() + 1, match.end(), PhiKind.id, 3)
    yield from _cued(text)


def _cued(text: str) -> Iterator[Span]:
    for match in CUE_NO.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.id, 5)
    for match in BATES.finditer(text):
        for group in ("value", "end"):
            if match.group(group):
                yield Span(match.start(group), match.end(group), PhiKind.id, 5)
    for match in SERIALS.finditer(text):
        yield Span(match.start("value"), match.end("more") if match.group("more")
                   else match.end("value"), PhiKind.device, 5)
    for match in COURT_CASE.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.member_id, 5)
    for match in SUFFIXED.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 2)
