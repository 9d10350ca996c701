"""Street addresses, post boxes, city/state/ZIP, counties and labelled place fields."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, clean
from drafting.deid.terms import LOWER, U

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


def places(text: str) -> Iterator[Span]:
    for match in LABELLED_PLACE.finditer(text):
        value = clean(match.group("value"))
        if value:
            start = match.start("value")
            yield Span(start, start + len(value), PhiKind.address, 4)
    for pattern in (STREET, PO_BOX, CITY_STATE_ZIP, COUNTY):
        for match in pattern.finditer(text):
            value = clean(match.group(0)) if pattern is not STREET else match.group(0)
            yield Span(match.start(), match.start() + len(value), PhiKind.address, 2)
