"""Recognisers for identifiers in clinical records.

Each recogniser returns spans of text with a kind; ``find_identifiers`` combines them. Names
(``names.py``) are found where records mark them and then wherever a learned name word appears.
Numbers are found by their label, in a form field (``Claim number: ...``) or in prose (``NPI
1234567893``, ``plate 8KZM412``), and without a label where a check digit proves them (NPI, DEA,
VIN) or their shape does (SSN, record codes with five digits in a row, runs of seven digits or
more). Phones are found by libphonenumber (``phonenumbers``) and by pattern, a bare 10-digit
number when a phone word stands before it. Then: e-mail, web and IP addresses, street
addresses, city, ZIP and county fields, ages over 89 (HIPAA), birth dates (OCR-damaged ones
too), dates too damaged to shift, and employers (labelled, in prose such as "works as a driver
at ...", and wherever a learned employer appears again). Clinical words that look like
identifiers (``eponyms.yaml``: Spurling, Patrick's test, Norco) are protected from guessed names.
An optional NER model (``ner.py``) adds the names that no rule marks.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from drafting.deid import names as name_rules
from drafting.deid.checksums import dea_ok, npi_ok, vin_ok
from drafting.deid.dates import DATE_PATTERN, find_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.terms import LOWER, UPPER, U, is_never_name, protected_spans


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: PhiKind
    priority: int = 0  # higher wins an overlap; then the longer span

    def text(self, source: str) -> str:
        return source[self.start:self.end]


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
                      r"tax[ ]id|tin|ein|certification" + _NO + r"|registration" + _NO),
    (PhiKind.device, r"serial" + _NO + r"|s/n|sn|device[ ]id|udi|vin|(?:licen[cs]e[ ])?plate" +
                     _NO + r"|tag[ ]#"),
    (PhiKind.mrn, r"mrn|medical[ ]record" + _NO + r"|med(?:ical)?[ ]rec(?:ord)?" + _NO +
                  r"|chart" + _NO + r"|patient[ ]id|pt[ ]id|account" + _NO + r"|acct\.?" + _NO +
                  r"|fin|encounter" + _NO + r"|visit[ ](?:no\.?|number|#|id)|accession" + _NO +
                  r"|acc\.?" + _NO + r"|case[ ]id|record" + _NO),
    (PhiKind.id, r"rx" + _NO + r"|prescription" + _NO + r"|report[ ](?:id|number|no\.?|#)|"
                 r"employee[ ](?:id|number|no\.?|#)|emp\.?[ ]id|badge" + _NO + r"|document[ ]"
                 r"(?:id|number|no\.?|#)|control" + _NO + r"|confirmation" + _NO +
                 r"|tracking" + _NO + r"|invoice" + _NO + r"|order[ ](?:id|number|no\.?|#)|"
                 r"session[ ]id|user[ ]?id|username|login"),
    (PhiKind.member_id, r"member" + _NO + r"|subscriber" + _NO + r"|insurance[ ](?:id|number|"
                        r"no\.?|#)|(?:insurance[ ]|employer[ ])?policy(?:/group)?" + _NO +
                        r"|group" + _NO + r"|claim" + _NO + r"|medicare[ ]" + _SOME +
                        r"|medicare[ ]mbi|mbi|hicn|medicaid[ ]" + _SOME + r"|medi-cal[ ]" + _SOME +
                        r"|cin|wcab(?:[ ]case)?" + _NO +
                        r"|eams" + _NO + r"|adj|case" + _NO + r"|(?:qme[ ])?panel" + _NO +
                        r"|ur[ ](?:reference|ref\.?)" + _NO + r"|ur" + _NO + r"|reference" + _NO +
                        r"|ref\.?" + _NO + r"|authorization" + _NO + r"|auth\.?" + _NO +
                        r"|imr(?:[ ]case)?" + _NO + r"|file" + _NO),
]
_ANY_ID_LABEL = "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_ID_LABELS))
# The value in prose: one token of capitals, digits and hyphens, after an optional short
# prefix ("A 87412", "PT 38815", "20A 14782", "WCP 4471182-03").
_TOKEN = (r"(?:(?!(?:LCD|NCD|LCA|CPT|ICD|DSM|CPB|AMA|CDC|FDA|CMS)[ ])[A-Z0-9]{1,4}[ ]"
          r"(?=[A-Z0-9-]*\d))?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
# Where a field ends: a wide gap, a tab, a pipe, the next "Label:", the end of the line.
_ENDS_FIELD = r"[ ]{2,}|\t|[ \t]*\||[ \t]*$|[ ]+[A-Z][A-Za-z]*(?:[ /][A-Za-z]+){0,2}[ ]?:[ ]"
_FIELD_END = rf"(?={_ENDS_FIELD})"
ID_FIELD = re.compile(
    rf"(?<![A-Za-z0-9])(?i:{_ANY_ID_LABEL})(?:[ ](?i:[a-z]+)){{0,4}}?"
    rf"(?:[ \t]*\([^)\n]{{0,40}}\))?[ \t]*:[ \t]*(?P<value>[^\n|]+?){_FIELD_END}",
    re.MULTILINE,
)
ID_PROSE = re.compile(
    rf"(?<![A-Za-z0-9])(?i:{_ANY_ID_LABEL})[ \t]*(?:[:#]+[ \t]*|,[ ])?#?[ \t]*"
    rf"(?P<value>{_TOKEN}|[\dXx*]{{3}}[ -][\dXx*]{{2}}[ -]\d{{4}})(?![\w-])"
)
# A prescription number printed with its prefix: "RX 6604418", "Rx#2219033".
RX_NUMBER = re.compile(r"(?<![\w-])(?:RX|Rx|rx)[ #:]*\d{5,}(?![\w-])")

# ----------------------------------------------------------------------------- numbers by shape

SSN = re.compile(r"(?<![\w*-])(?:\d{3}|[xX*]{3})-(?:\d{2}|[xX*]{2})-\d{4}(?![\w-])")
SSN_SPACED = re.compile(r"(?<![\w-])\d{3}[ ]\d{2}[ ]\d{4}(?![\w-])")
SSN_WORD = re.compile(r"(?i)\b(?:ssn|ss#|social security|soc\.? sec)")
NPI_SHAPE = re.compile(r"(?<![\w.-])[12]\d{9}(?![\w-]|\.\d)")
DEA_SHAPE = re.compile(r"(?<![\w-])[A-Z][A-Z9]\d{7}(?![\w-])")
VIN_SHAPE = re.compile(r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}(?![\w-])")
# A record code: capitals and digits, five digits in a row ("RV24-0981174", "NKR4471902H").
CODE = re.compile(r"(?<![\w.-])(?=[A-Z0-9-]*\d{5})(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*"
                  r"(?![\w-]|\.\d)")
LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w-]|[.,/]\d)")
_MODEL_BEFORE = re.compile(r"(?i)\b(?:model|mod\.|cat(?:alog)?\.?|ref|part|lot|item|ndc|hcpcs|"
                           r"cpt|icd(?:-10)?)\s*(?:no\.?|#|number)?\s*:?\s*$")

# ----------------------------------------------------------------------------- contact

PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{2}[ ]?\d{2}(?![\w-])"
    r"(?:,?[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5})?",
    re.IGNORECASE,
)
PHONE_BARE = re.compile(r"(?<![\w-])(?:\+?1)?[2-9]\d{9}(?![\w-])")
PHONE_WORD = re.compile(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|mobile|fax|facsimile|home|work|pager|call|calls|"
    r"reached at|contact|from|to|alt)\b[^\n\d]{0,12}$")
EXTENSION = re.compile(r",?[ ]?(?i:ext\.?|extension|x)[ ]?\d{1,5}(?![\w])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`|]+")
DOMAIN_PATH = re.compile(r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|us|"
                         r"health|info|biz|co)/[^\s<>\"'`|]*")
IPV4 = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)"
                  r"(?![\w]|\.\d)")
IPV6 = re.compile(r"(?i)(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])")
_SECTION_BEFORE = re.compile(r"(?i)(?:section|sec\.|§|table|figure|fig\.|version|v\.?)\s*$")

# ----------------------------------------------------------------------------- places

_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|"
           r"Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|Row|Square|Sq|"
           r"Plaza|Alley|Crescent|Expressway|Freeway|Pike|Run|Path|Walk)")
_STATES = (r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|"
           r"RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR|GU|VI)")
_STATE_NAMES = (r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|"
                r"Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|"
                r"Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|"
                r"Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
                r"North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
                r"South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
                r"Wisconsin|Wyoming)")
_PLACE_WORD = rf"(?:{U}[{LOWER}]+|{U}{{2,}})"
_CITY = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}"
_ZIP = r"\d{5}(?:-\d{4})?"
_CITY_STATE_ZIP = rf"{_CITY},?\s(?:{_STATES}|{_STATE_NAMES})(?:,?\s+{_ZIP})?"
_UNIT = (r"(?:Apt|Apartment|Suite|Ste|Unit|Bldg|Building|Floor|Fl|Room|Rm|Spc|Space|Lot|#)"
         r"\.?\s?#?[\w-]+|\d+(?:st|nd|rd|th)[ ]Floor")
STREET = re.compile(
    rf"(?i:\b\d{{1,6}}(?:-\d{{1,4}})?(?:\s(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?)?)"
    rf"(?:\s(?:{_PLACE_WORD}|\d+(?:st|nd|rd|th))){{1,4}}\s(?i:{_SUFFIX})\b\.?"
    rf"(?:,?\s(?i:{_UNIT}))*(?:,?\s{{1,2}}{_CITY_STATE_ZIP}\b)?"
)
PO_BOX = re.compile(rf"(?i:\bP\.?\s?O\.?\s?Box\s\d+)(?:,?\s{{1,2}}{_CITY_STATE_ZIP})?")
CITY_STATE_ZIP = re.compile(rf"\b{_CITY},?\s(?:{_STATES}|{_STATE_NAMES}),?\s+{_ZIP}\b")
COUNTY = re.compile(rf"\b{_PLACE_WORD}(?:[ ]{_PLACE_WORD})?[ ]County\b")
# The rest of the field: up to a wide gap, the next "Label:" or the end of the line.
LABELLED_PLACE = re.compile(
    r"(?<![A-Za-z])(?i:(?:home |mailing |street |patient |work |employer |billing )?address|"
    r"city|town|zip(?: code)?|postal code|county|residence|lives in)[ \t]*:[ \t]*"
    r"(?P<value>[^\n|]+?)(?=[ \t]{2,}|[ \t]+[A-Za-z]+(?:[ ][A-Za-z]+)?[ \t]*[:#][ \t]|[ \t]*\||"
    r"[ \t]*$)",
    re.MULTILINE,
)

# ----------------------------------------------------------------------------- ages and dates

_UNITS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
AGE_WORDS = re.compile(
    rf"(?i)\b(?:ninety(?:[- ](?:{_UNITS}))?|one hundred(?:(?: and)?[- ](?:{_UNITS}))?)"
    r"(?:[- ](?:years?|yrs?)[- ]old|[- ]year[- ]old)?\b"
    r"(?![- ](?:percent|%|minutes?|mins?|seconds?|days?|hours?|degrees?|mg|mcg|ml|feet|foot|"
    r"pounds?|lbs?|times|milligrams?|units?|patients?|cases?|points?))"
)
AGE_NUMBER = re.compile(
    r"(?i)(?<![\w.])(?:9\d|1[01]\d)(?:[- ]?(?:years?|yrs?|y)[- ]?old\b"
    r"|[ -]?(?:y/o|y\.o\.|yo|yr|yrs|years?|y)(?![a-z]))"
)
AGE_LABELLED = re.compile(
    r"(?i)\b(?:age|aged|age/sex|who is|who's|is now|now|turned|turns|turning)\s*[:=]?\s*"
    r"(?P<value>9\d|1[01]\d)(?!\d|\.\d|\s*(?:%|percent|mg|mcg|ml|minutes|min|days|degrees|lb|"
    r"pounds|kg|cm|mm|feet|times|visits|sessions)\b)")
_OCR_DIGIT = r"[0-9OoIl|]"
OCR_DATE = re.compile(
    rf"(?<![\w/.-]){_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{2,4}}(?![\w/-])")
DOB = re.compile(
    r"\b(?:DOB|D[.]?[O0][.]?B\.?|date of birth|birth ?date|born(?: on)?)(?:[ ][a-z-]{2,15}){0,3}"
    r"(?:[^\S\n]*\([^)\n]{0,30}\))?"
    r"[^\S\n]*[:#,-]?[^\S\n]*"
    r"(?P<value>" + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") +
    rf"|{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{2,4}}|\d{{6}}|\d{{8}})",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------- employers

_LEGAL = r"(?:Inc|LLC|L\.L\.C|LLP|Ltd|Co|Corp|Corporation|Company|PC|P\.C|PLLC|LP)\.?"
_ORG_WORD = rf"(?:{U}[{UPPER}{LOWER}'’.-]*[{UPPER}{LOWER}]|{U}|\d+(?:st|nd|rd|th)?)"
ORG = (rf"{_ORG_WORD}(?:[ ](?:(?:&|and|of|the|de|la|del|for)[ ])?{_ORG_WORD}){{0,7}}"
       rf"(?:,?[ ]{_LEGAL})?")
# The value ends the field (a sentence after "Employer:" is an instruction, not an employer).
EMPLOYER_FIELD = re.compile(
    r"(?<![A-Za-z][ ])(?<![A-Za-z])(?i:employer(?:[ ]name)?|name[ ]of[ ]employer|"
    r"company(?:[ ]name)?|place[ ]of[ ]employment|employed[ ]by|works?[ ]at|workplace)"
    rf"[ \t]*:[ \t]*(?P<value>{ORG})\.?(?={_ENDS_FIELD}|[ \t]*[;,])",
    re.MULTILINE,
)
_WORK = (r"works?|worked|working|employed|employment|employee|hired|retired|job|position|"
         r"career|occupation|driver|aide|custodian|associate|technician|operator|worker|laborer|"
         r"labourer|foreman|clerk|assistant|nurse|teacher|cashier|mechanic|roofer|carpenter|"
         r"electrician|plumber|welder|machinist|janitor|housekeeper|caregiver|loader|picker|"
         r"packer|stocker|cook|server|manager|supervisor|agent|officer|guard|farmworker|"
         r"landscaper|painter|installer|secretary|receptionist|analyst|engineer|salesman|"
         r"saleswoman|representative|attendant|dispatcher|courier|handler|selector|sorter|"
         r"harvester|irrigator|trucker|firefighter|paramedic|aid|drove|drives|drive|driving|"
         r"delivered|delivers|delivering|cleaned|cleans|cleaning|loaded|loads|loading|"
         r"hauled|hauls|hauling|built|builds|building|served|serves|serving|taught|teaches|"
         r"teaching|contracted|contracts|contracting|volunteered|volunteers|volunteering|"
         r"shift|shifts")
EMPLOYER_PROSE = re.compile(
    rf"(?i:\b(?:{_WORK})\b)[^.\n;:]{{0,60}}?\b(?i:at|for|by|with)[ ](?:the[ ])?(?P<value>{ORG})")


@dataclass
class Found:
    """What the recognisers found in one text, by strength."""

    spans: list[Span] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # name words learned here
    employers: set[str] = field(default_factory=set)
    values: dict[str, PhiKind] = field(default_factory=dict)  # labelled numbers, to find again


def _is_date(text: str) -> bool:
    """A date or a date and time ("Date claim form returned: 09/05/2023")."""
    return any(f.start == 0 for f in find_dates(text)) or bool(OCR_DATE.match(text))


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _clean(value: str) -> str:
    return value.rstrip(" \t.,;:)(")


def numbers(text: str) -> Iterator[Span]:
    """Identifier numbers: by label (field and prose), check digit and shape."""
    kinds = [kind for kind, _ in _ID_LABELS]
    for pattern, priority in ((ID_FIELD, 6), (ID_PROSE, 5)):
        for match in pattern.finditer(text):
            kind = next(kinds[i] for i in range(len(kinds)) if match.group(f"k{i}"))
            value = _clean(match.group("value"))
            if _digits(value) < 4 or len(value) > 40 or _is_date(value):
                continue
            start = match.start("value")
            yield Span(start, start + len(value), kind, priority)
    for match in RX_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 5)
    for match in SSN.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.ssn, 5)
    for match in SSN_SPACED.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if SSN_WORD.search(text[max(line_start, match.start() - 60):match.start()]):
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
            if re.fullmatch(r"[LA]\d{5}", match.group(0)):
                continue  # a Medicare coverage document (LCD L33382, article A57826)
            yield Span(match.start(), match.end(), PhiKind.id, 1)


def _phonenumbers(text: str) -> Iterator[tuple[int, int]]:
    try:
        import phonenumbers
    except ImportError:  # the patterns below still find the usual forms
        return
    for match in phonenumbers.PhoneNumberMatcher(text, "US",
                                                 leniency=phonenumbers.Leniency.VALID):
        # not the digits of a longer code ("WC-2024-017733")
        if not re.match(r"[\w-]", text[match.start - 1:match.start]) and \
                not re.match(r"[\w]|-\w", text[match.end:match.end + 2]):
            yield match.start, match.end


def contacts(text: str) -> Iterator[Span]:
    """Phones (with extensions), e-mail, web and IP addresses."""
    phones = [(m.start(), m.end()) for m in PHONE.finditer(text)]
    phones += list(_phonenumbers(text))
    for match in PHONE_BARE.finditer(text):
        if PHONE_WORD.search(text[max(0, match.start() - 40):match.start()]):
            phones.append((match.start(), match.end()))
    for start, end in phones:
        if ext := EXTENSION.match(text, end):
            end = ext.end()
        yield Span(start, end, PhiKind.phone, 3)
    for match in EMAIL.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.email, 6)
    for pattern in (URL, DOMAIN_PATH):
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".,;:)]}'\"")
            yield Span(match.start(), match.start() + len(value), PhiKind.url, 6)
    for match in IPV4.finditer(text):
        octets = match.group(0).split(".")
        if all(len(o) == 1 for o in octets) or \
                _SECTION_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        yield Span(match.start(), match.end(), PhiKind.url, 5)
    for match in IPV6.finditer(text):
        try:  # not a time ("08:12:55"): a valid IPv6 address with some digits
            ipaddress.IPv6Address(match.group(0))
        except ValueError:
            continue
        if sum(c.isalnum() for c in match.group(0)) >= 4:
            yield Span(match.start(), match.end(), PhiKind.url, 5)


def places(text: str) -> Iterator[Span]:
    for match in LABELLED_PLACE.finditer(text):
        value = _clean(match.group("value"))
        if value:
            start = match.start("value")
            yield Span(start, start + len(value), PhiKind.address, 4)
    for pattern in (STREET, PO_BOX, CITY_STATE_ZIP, COUNTY):
        for match in pattern.finditer(text):
            value = _clean(match.group(0)) if pattern is not STREET else match.group(0)
            yield Span(match.start(), match.start() + len(value), PhiKind.address, 2)


def ages_and_dates(text: str) -> Iterator[Span]:
    for match in DOB.finditer(text):
        value = match.group("value").rstrip(" \t.,;")
        start = match.start("value")
        yield Span(start, start + len(value), PhiKind.dob, 6)
    for match in OCR_DATE.finditer(text):
        if re.search(r"[OoIl|]", match.group(0)) and _digits(match.group(0)) >= 4:
            yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in AGE_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.age, 4)
    for match in AGE_WORDS.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.age, 4)
    for match in AGE_LABELLED.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)


def _org_variants(org: str) -> set[str]:
    """An employer as written, without its legal suffix ("Inc.", "Co."), and its "X & Y" head
    ("Castellano & Sons" of "Castellano & Sons Roofing, Inc.")."""
    org = org.strip(" ,.")
    out = {org}
    bare = re.sub(rf",?[ ]{_LEGAL}$", "", org).strip(" ,")
    if len(bare.split()) >= 2 or bare != org:
        out.add(bare)
    head = re.match(rf"{_ORG_WORD}[ ](?:&|and)[ ]{_ORG_WORD}", bare)
    if head and head.group(0) != bare:
        out.add(head.group(0))
    return {v for v in out if len(v) >= 4 and not all(is_never_name(w) for w in v.split())}


def employers(text: str) -> tuple[list[Span], set[str]]:
    spans, learned = [], set()
    for pattern, priority in ((EMPLOYER_FIELD, 5), (EMPLOYER_PROSE, 4)):
        for match in pattern.finditer(text):
            org = match.group("value").rstrip(" ,")
            end = match.start("value") + len(org)
            if re.search(rf"\b{_LEGAL}$", org) and text[end:end + 1] == "." and \
                    not org.endswith("."):
                org += "."  # "Co." whose full stop the last word did not take
            words = org.split()
            if pattern is EMPLOYER_PROSE and ((len(words) < 2 and not re.search(_LEGAL, org))
                                              or is_never_name(words[0])
                                              or re.match(name_rules.TITLE + r"\b", org)):
                continue
            start = match.start("value")
            spans.append(Span(start, start + len(org), PhiKind.employer, priority))
            learned |= _org_variants(org)
    return spans, learned


def known_values(text: str, values: dict[str, PhiKind]) -> Iterator[Span]:
    """Labelled numbers and employers found anywhere in the packet, wherever they appear again
    (a record number in a footer or a URL, an employer in a fax banner)."""
    births = {v for v, k in values.items() if k is PhiKind.dob}
    if births:  # a birth date written another way ("September 3, 1966" and "09/03/1966")
        for found in find_dates(text):
            if found.date.isoformat() in births:
                yield Span(found.start, found.end, PhiKind.dob, 5)
    for value, kind in sorted(values.items(), key=lambda kv: -len(kv[0])):
        if kind is PhiKind.dob:
            continue
        variants = {value, value.upper()} if kind is PhiKind.employer else {value}
        for variant in variants:
            for match in re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w])", text):
                yield Span(match.start(), match.end(), kind, 5)


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: overlapping spans are joined (nothing one of them covers is left
    out, so "771 Westbrook Ave" stays one address when Westbrook is also a learned name), under
    the kind of the strongest (higher priority, then longer)."""
    out: list[Span] = []
    group: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if group and span.start >= max(s.end for s in group):
            out.append(_joined(group))
            group = []
        group.append(span)
    if group:
        out.append(_joined(group))
    return out


def _joined(group: list[Span]) -> Span:
    best = max(group, key=lambda s: (s.priority, s.end - s.start))
    return Span(min(s.start for s in group), max(s.end for s in group), best.kind, best.priority)


def scan(text: str, learned_names: Iterable[str] = (),
         learned_values: dict[str, PhiKind] | None = None, ner: bool = False) -> Found:
    """Every identifier in ``text``, given what was learned from the rest of the packet."""
    found = Found()
    marked, known = name_rules.find_names(text, learned_names)
    for start, end in marked:
        found.names |= name_rules.name_tokens(text[start:end])
    found.spans += [Span(a, b, PhiKind.name, 4) for a, b in name_rules.grow(text, marked + known)]
    if ner:
        from drafting.deid.ner import person_spans

        level = [(a, b) for a, b, n in protected_spans(text) if n >= 1]
        guessed = [(a, b) for a, b in person_spans(text)
                   if not any(a < y and x < b for x, y in level)]
        # not learned, and below the rules: a guessed name never displaces an address or a
        # number, nor spreads to other documents
        found.spans += [Span(a, b, PhiKind.name, 1) for a, b in name_rules.grow(text, guessed)]
    employer_spans, found.employers = employers(text)
    found.spans += employer_spans
    found.spans += [*numbers(text), *contacts(text), *places(text), *ages_and_dates(text)]
    for span in found.spans:
        if span.kind is PhiKind.dob:
            for day in find_dates(span.text(text)):
                found.values[day.date.isoformat()] = PhiKind.dob
        if span.kind in (PhiKind.mrn, PhiKind.member_id, PhiKind.license, PhiKind.device,
                         PhiKind.ssn, PhiKind.id) and span.priority >= 5 \
                and _digits(span.text(text)) >= 5:
            found.values[span.text(text)] = span.kind
    values = dict(learned_values or {})
    values.update(found.values)
    values.update({e: PhiKind.employer for e in found.employers})
    found.spans += list(known_values(text, values))
    found.spans = resolve(found.spans)
    return found


def find_identifiers(text: str, names: Iterable[str] = (),
                     values: dict[str, PhiKind] | None = None, ner: bool = False) -> list[Span]:
    return scan(text, names, values, ner).spans


def labelled_names(text: str) -> Iterator[Span]:
    """Names marked in ``text`` (label, title, credential, relation, role, LAST, FIRST)."""
    for start, end in name_rules.grow(text, list(name_rules.seeds(text))):
        yield Span(start, end, PhiKind.name, 4)


name_tokens = name_rules.name_tokens
