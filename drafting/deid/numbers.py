"""Identifier numbers: by label, in a form field (``Claim number: ...``) or in prose (``NPI
1234567893``, ``plate 8KZM412``), and without a label where a check digit proves them (NPI, DEA,
VIN) or their shape does (SSN, record codes with five digits in a row, runs of seven digits or
more)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.ages import OCR_DATE
from drafting.deid.checksums import dea_ok, npi_ok, vin_ok
from drafting.deid.dates import find_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, clean, digits

# ----------------------------------------------------------------------------- numbers by label

_SOME = r"(?:no\.?|number|num\.?|#|id)"
_NO = rf"(?:[ ]?{_SOME})?"
_ID_LABELS: list[tuple[PhiKind, str]] = [
    (PhiKind.ssn, r"ssn|ss#|ss[ ]no\.?|social[ ]security(?:[ ]number|[ ]no\.?|[ ]#)?|"
                  r"soc\.?[ ]sec\.?" + _NO),
    (PhiKind.license, r"npi|dea|(?:ca[ ]|california[ ]|state[ ]|medical[ ]|pt[ ]|psychology[ ]|"
                      r"professional[ ]|nursing[ ]|board[ ])?licen[cs]e" + _NO + r"|lic\.?" + _NO +
                      r"|qme[ ](?:no\.?|number|#)|(?:state[ ])?bar" + _NO + r"|sbn|"
                      r"driver'?s?[ ]licen[cs]e" + _NO + r"|dl" + _NO + r"|cdl|ptan|upin|"
                      r"tax[ ]id|tin|ein|certification" + _NO + r"|registration" + _NO +
                      r"|(?:disability[ ]|parking[ ])?placard" + _NO +
                      # a court reporter's certificate and her firm's registration, a certificate
                      r"|csr" + _NO + r"|(?:firm[ ])?reg\.?[ ](?:no\.?|number|#)"
                      r"|certificate" + _NO + r"|cert\.?" + _NO +
                      # "credentialed NM MD-2009-1184", "licensed in NM, RN-20417"
                      r"|credentialed|licensed(?:[ ]in(?:[ ][A-Z]{2},?)?)?"),
    (PhiKind.device, r"serial" + _NO + r"|s/n|sn|device[ ]id|udi|vin|(?:licen[cs]e[ ])?plate" +
                     _NO + r"|tag[ ]#"),
    (PhiKind.mrn, r"mrn|mr(?:[ ]?#|[ ]no\.?|[ ]number)|medical[ ]record" + _NO +
                  r"|med(?:ical)?[ ]rec(?:ord)?" + _NO +
                  r"|chart" + _NO + r"|patient[ ]id|pt[ ]id|account" + _NO + r"|acct\.?" + _NO +
                  r"|fin|resident[ ](?:id|no\.?|number|#)|encounter" + _NO +
                  r"|visit[ ](?:no\.?|number|#|id)|accession" + _NO +
                  r"|acc\.?" + _NO + r"|case[ ]id|record" + _NO),
    (PhiKind.id, r"rx" + _NO + r"|prescription" + _NO + r"|report[ ](?:id|number|no\.?|#)|"
                 r"employee[ ](?:id|number|no\.?|#)|emp\.?[ ]id|badge" + _NO + r"|shield" + _NO +
                 # a payment's check and confirmation ("Check 004187 from ...", "conf A7Q2KX")
                 r"|check|chk|ck|conf\.?|confirmation|document[ ]"
                 r"(?:id|number|no\.?|#)|control" + _NO + r"|confirmation" + _NO +
                 r"|tracking" + _NO + r"|invoice" + _NO + r"|order[ ](?:id|number|no\.?|#)|"
                 r"session[ ]id|user[ ]?id|username|login|"
                 # a payment's trace, a deposition's or a law firm's job and matter numbers
                 r"(?:eft[ ])?trace" + _NO + r"|job[ ](?:no\.?|number|#)|matter" + _NO +
                 # control numbers of a claim or a document, a check, a receipt, a ticket
                 r"|icn|dcn|tcn|pcn|(?:check|cheque|receipt|ticket|voucher|incident|citation|"
                 r"index)[ ](?:no\.?|number|#)"
                 # a video hearing's meeting, a portal's or a home program's access code, a crash
                 r"|meeting[ ]id|access[ ]code|passcode|(?:crash|police|accident)[ ]report" + _NO),
    (PhiKind.member_id, r"member" + _NO + r"|subscriber" + _NO + r"|insurance[ ](?:id|number|"
                        r"no\.?|#)|(?:insurance[ ]|employer[ ])?policy(?:/group)?" + _NO +
                        r"|group" + _NO + r"|(?:rx)?grp" + _NO + r"|claim" + _NO + r"|clm" + _NO +
                        r"|medicare[ ]" + _SOME +
                        r"|medicare[ ]mbi|mbi|hicn|medicaid[ ]" + _SOME + r"|medi-cal[ ]" + _SOME +
                        r"|cin|wcab(?:[ ]case)?" + _NO +
                        r"|eams" + _NO + r"|adj|case" + _NO + r"|(?:qme[ ])?panel" + _NO +
                        r"|ur[ ](?:reference|ref\.?)" + _NO + r"|ur" + _NO + r"|reference" + _NO +
                        r"|ref\.?" + _NO + r"|authorization" + _NO + r"|auth\.?" + _NO +
                        r"|imr(?:[ ]case)?" + _NO + r"|file" + _NO + r"|appeal" + _NO +
                        # a state agency's claim (Texas DWC) and a court's cause number
                        r"|dwc" + _NO + r"|cause" + _NO + r"|docket" + _NO),
]
_ANY_ID_LABEL = "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_ID_LABELS))
# The value in prose: one token of capitals, digits and hyphens, after an optional short
# prefix ("A 87412", "PT 38815", "20A 14782", "WCP 4471182-03"), slashes inside it too
# ("WC-2023/0417", "23/55012-02").
# Up to three prefixes, and a short group of digits after ("RMI 21 0447913", "SCH 448217 02",
# "HMO 512 330 918-02"); a payment trace's asterisks inside ("TRN*1*0031*1590").
_TOKEN = (r"(?:(?!(?:LCD|NCD|LCA|CPT|ICD|DSM|CPB|AMA|CDC|FDA|CMS)[ ])[A-Z0-9]{1,4}[ ]"
          r"(?=(?:[A-Z0-9]{1,4}[ ])?[A-Z0-9-]*\d)){0,3}[A-Za-z0-9](?:[A-Za-z0-9/*-]*[A-Za-z0-9])?"
          r"(?:[ ]\d{2,4}(?=[ \t]*(?:[.,;)|\n]|$)))?")
# Where a field ends: a wide gap, a tab, a pipe, the next "Label:", the end of the line.
_ENDS_FIELD = r"[ ]{2,}|\t|[ \t]*\||[ \t]*$|[ ]+[A-Z][A-Za-z]*(?:[ /][A-Za-z]+){0,2}[ ]?:[ ]"
_FIELD_END = rf"(?={_ENDS_FIELD})"
ID_FIELD = re.compile(
    rf"(?<![A-Za-z0-9])(?i:{_ANY_ID_LABEL})(?:[ ](?i:[a-z]+)){{0,4}}?"
    rf"(?:[ \t]*\([^)\n]{{0,40}}\))?[ \t]*:[ \t]*(?P<value>[^\n|]+?){_FIELD_END}",
    re.MULTILINE,
)
ID_PROSE = re.compile(
    rf"(?<![A-Za-z0-9])(?i:{_ANY_ID_LABEL})(?![A-Za-z])(?:[ \t]*(?P<wrap>\n))?"
    rf"[ \t]*(?:[:#]+[ \t]*|,[ ])?#?[ \t]*"
    rf"(?P<value>{_TOKEN}|[\dXx*]{{3}}[ -][\dXx*]{{2}}[ -]\d{{4}})(?![\w-])"
)
# (A value on the next line, the label ending a line, needs six digits, more than a procedure
# code has: "CA license\nA 128834", not "Request for authorization\n97110 x 8".)
# A prescription number printed with its prefix: "RX 6604418", "Rx#2219033".
RX_NUMBER = re.compile(r"(?<![\w-])(?:RX|Rx|rx)[ #:]*\d{5,}(?![\w-])")

# ----------------------------------------------------------------------------- numbers by shape

# A licence or permit number after its board's abbreviation, the abbreviation with it: "SBN 288164"
# (state bar), "PHY 49821" (pharmacy permit), "RPh 71520", "PSY 23817", "RN 771023", "ME 128844"
# (a medical licence), "ARRT 591877" (a technologist's registry), "PTA 8826004".
LICENCE_BOARD = re.compile(
    r"(?<![\w-])(?:SBN|PHY|PHA|RPh|RPH|PSY|LVN|LCSW|LMFT|RN|NP|PA|DC|PT|CRNA|ME|ARRT|PTA|OTR|"
    r"COTA|LPN|APRN|ARNP|CNA|ATC|LMT|MA|AHIMA|RHIT|RHIA|CRC|CRCST)[ ]?#?[ ]?\d{5,}"
    # or its own letters before the digits: "RPh RP-8820", "PSY PSY-23817"
    r"|(?<![\w-])(?:RPh|RPH|PSY|RN|NP|PA|PT|LPN|APRN|CRNA|OTR)[ ]#?[ ]?[A-Z]{1,3}-\d{4,}"
    r"(?![\w-])")
# A GS1 device identifier with its application identifiers: "(01)05415067021145(17)280131(21)NQ55".
UDI_GS1 = re.compile(r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]+)*")
SSN_DOTTED = re.compile(r"(?<![\w.-])\d{3}\.\d{2}\.\d{4}(?![\w-]|\.\d)")

SSN = re.compile(r"(?<![\w*-])(?:\d{3}|[xX*]{3})-(?:\d{2}|[xX*]{2})-\d{4}(?![\w-])")
SSN_SPACED = re.compile(r"(?<![\w-])\d{3}[ ]\d{2}[ ]\d{4}(?![\w-])")
SSN_WORD = re.compile(r"(?i)\b(?:ssn|ss#|social(?! work)|soc\.? sec)")
NPI_SHAPE = re.compile(r"(?<![\w.-])[12]\d{9}(?![\w-]|\.\d)")
DEA_SHAPE = re.compile(r"(?<![\w-])[A-Z][A-Z9]\d{7}(?![\w-])")
VIN_SHAPE = re.compile(r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}(?![\w-])")
# A record code: capitals and digits, five digits in a row ("RV24-0981174", "NKR4471902H").
CODE = re.compile(r"(?<![\w.-])(?=[A-Z0-9-]*\d{5})(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*"
                  r"(?![\w-]|\.\d)")
LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w-]|[.,/]\d)")
# (and an insurer's NAIC company code, public. A pharmacy's NCPDP/NABP number is replaced: the
# blind-set writers label it as an identifier, as it names where the patient fills)
_MODEL_BEFORE = re.compile(r"(?i)\b(?:model|mod\.|cat(?:alog)?\.?|ref|part|lot|item|ndc|hcpcs|"
                           r"cpt|icd(?:-10)?|naic)"
                           r"\s*(?:no\.?|#|number)?\s*:?\s*$")


_MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}")
# A form's name after a label and a comma ("paper claim, CMS-1500"): public, no one's number.
_YEAR = re.compile(r"(?:19|20)\d{2}")
_FORM = re.compile(r"(?:CMS|HCFA|UB|DWC|RFA)-?\d{2,4}")
# An object identifier (a DICOM study or series UID): six dotted numbers at least.
OID = re.compile(r"(?<![\w.])[0-2](?:\.\d+){5,}(?![\w-]|\.\d)")
# A licence number after a state's abbreviation and "#": "Licensed Psychologist, TX #37219".
STATE_HASH = re.compile(r"(?<![\w-])[A-Z]{2}[ ]#[ ]?\d{4,}(?![\w-])")


# An officer's badge or shield and a payment's confirmation are short: three digits, or two
# among capitals ("badge #441", "conf A7Q2KX").
_SHORT_LABEL = re.compile(r"(?i)badge|shield|conf")


def _short_ok(label: str, value: str) -> bool:
    return _SHORT_LABEL.match(label) is not None and (
        digits(value) >= 3 or (digits(value) >= 2 and re.search("[A-Z]", value) is not None))


def _is_date(text: str) -> bool:
    """A date or a date and time ("Date claim form returned: 09/05/2023")."""
    return any(f.start == 0 for f in find_dates(text)) or bool(OCR_DATE.match(text))


def numbers(text: str) -> Iterator[Span]:
    """Identifier numbers: by label (field and prose), check digit and shape."""
    kinds = [kind for kind, _ in _ID_LABELS]
    for pattern, priority in ((ID_FIELD, 6), (ID_PROSE, 5)):
        for match in pattern.finditer(text):
            kind = next(kinds[i] for i in range(len(kinds)) if match.group(f"k{i}"))
            value = clean(match.group("value"))
            if (digits(value) < 4 and not _short_ok(match.group(0), value)) or len(value) > 40 \
                    or _is_date(value) or \
                    _MONTH_YEAR.fullmatch(value) or _FORM.fullmatch(value) or \
                    _YEAR.fullmatch(value):
                continue  # a month and year is shifted, not replaced ("UR 01/2023"); a year
                # is no number ("the DWC 2016 guidelines")
            if re.match(r"(?i)dwc|cause", match.group(0)) and not value[:1].isdigit():
                continue  # "Texas DWC MCCH 09117": a published decision, not a claim
            if match.groupdict().get("wrap") and digits(value) < 6:
                continue  # the label ends a line: "the claim\n2024 notes" names no number
            start = match.start("value")
            # the number sign touching the value goes with it ("badge #441"), as in id_codes
            sign = 1 if pattern is ID_PROSE and text[start - 1:start] == "#" else 0
            yield Span(start - sign, start + len(value), kind, priority)
    for match in RX_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 5)
    for match in SSN.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.ssn, 5)
    for match in LICENCE_BOARD.finditer(text):  # below an address: "Pittsburgh, PA 15213"
        yield Span(match.start(), match.end(), PhiKind.license, 2)
    for match in OID.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 3)
    for match in STATE_HASH.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.license, 3)
    for match in UDI_GS1.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.device, 6)
    for match in [*SSN_SPACED.finditer(text), *SSN_DOTTED.finditer(text)]:
        # the cue in the same sentence, a line break allowed ("SSN for your\nquery: 666 52 0913")
        before = re.split(r"\n[ \t]*\n|[.;!?][ \t\n]", text[max(0, match.start() - 70):
                                                          match.start()])[-1]
        if SSN_WORD.search(before):
            yield Span(match.start(), match.end(), PhiKind.ssn, 5)
    for match in NPI_SHAPE.finditer(text):
        if npi_ok(match.group(0)):
            yield Span(match.start(), match.end(), PhiKind.license, 3)
    for match in DEA_SHAPE.finditer(text):
        if dea_ok(match.group(0)):
            yield Span(match.start(), match.end(), PhiKind.license, 3)
    for match in VIN_SHAPE.finditer(text):
        if vin_ok(match.group(0)):
            yield Span(match.start(), match.end(), PhiKind.device, 3)
    for pattern in (CODE, LONG_NUMBER):
        for match in pattern.finditer(text):
            if _MODEL_BEFORE.search(text[max(0, match.start() - 24):match.start()]):
                continue
            if re.fullmatch(r"[LA]\d{5}|\d{5}-[A-Z0-9]{2}(?:-[A-Z0-9]{2})?", match.group(0)):
                continue  # a Medicare coverage document (LCD L33382, article A57826), a
                # procedure code with its modifiers ("29827-RT", "64483-50-LT")
            yield Span(match.start(), match.end(), PhiKind.id, 1)
