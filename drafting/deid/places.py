"""Street addresses, post boxes, city/state/ZIP, counties and labelled place fields."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.gazetteer import cued_towns, lower_towns, uncued_towns
from drafting.deid.hispanic_places import hispanic_places
from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.place_words import town_after, town_places, town_words
from drafting.deid.spans import Span, clean
from drafting.deid.terms import LOWER, UPPER, U, is_clinical_word
from drafting.deid.words import is_word

# ----------------------------------------------------------------------------- places

_SUFFIX = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|"
           r"Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|Row|Square|Sq|"
           r"Plaza|Alley|Crescent|Expressway|Expy|Freeway|Fwy|Tollway|Turnpike|Tpke|Pike|Run|Path|"
           r"Walk)")
_STATES = (r"(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|"
           r"RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR|GU|VI)")
_STATE_NAMES = (r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|"
                r"Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|"
                r"Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|"
                r"Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|"
                r"North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
                r"South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
                r"Wisconsin|Wyoming|Puerto Rico|Guam)")
# (a word with a second capital inside: "DeBarr Road", "McAllen, TX")
_PLACE_WORD = rf"(?:{U}[{LOWER}]+(?:{U}[{LOWER}]+)?|{U}{{2,}})"
# A town's name, its saint, fort or mount abbreviated as addresses write it ("St. Paul, MN").
_CITY = rf"(?:(?:St|ST|Ft|FT|Mt|MT)\.?[ ])?{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}"
_ZIP = r"\d{5}(?:-?\d{4})?"
# (a state dotted, its ZIP after it: "Albuquerque, N.M. 87120", not "Ruiz, M.D.")
_CITY_STATE_ZIP = (rf"{_CITY},?\s(?:(?:{_STATES}|{_STATE_NAMES})(?:,?[ ]{{1,3}}{_ZIP})?"
                   rf"|[A-Z]\.[A-Z]\.[ ]{{1,3}}{_ZIP})")
_UNIT = (r"(?:Apt|Apartment|Suite|Ste|Unit|Bldg|Building|Floor|Fl|Room|Rm|Spc|Space|Lot|Bay|Dock|#)"
         r"\.?\s?#?[\w-]+|\d+(?:st|nd|rd|th)[ ](?:Floor|Flr\.?|Fl\.?)")
# After a street's suffix: its compass point, units, city, state and ZIP.
# (A town and a ZIP without the state: "9000 Gulf Fwy, Bldg C, Houston 77017".)
# (a compass point spelled out: "Kalamazoo Avenue Southeast"; a ZIP alone after the street, as
# forms write it: "2217 W. Calle Tiburon  85746")
_AFTER_STREET = (rf"(?:[ ](?:[NS]\.[EW]\.|(?:NE|NW|SE|SW|N|S|E|W)\b\.?"
                 rf"|(?:North|South)(?:east|west)?\b|(?:East|West)\b(?![ ]{_PLACE_WORD})))?"
                 rf"(?:,?\s(?i:{_UNIT}))*"
                 rf"(?:(?:,?\s{{1,2}}|[ ][-–][ ])(?:{_CITY_STATE_ZIP}|{_CITY},?[ ]{_ZIP})\b"
                 rf"|,?[ ]{{1,3}}\d{{5}}(?:-\d{{4}})?(?![\w-])"
                 rf"|,[ ]{_STATE_NAMES}(?:,?[ ]{{1,3}}{_ZIP})?\b)?")
# A town said after a street ("1200 West Forty-Second Street in Modesto."), not a month or a day.
_TOWN = (r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
         rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD})?")
STREET = re.compile(  # (a house number with a half: "1234 1/2 Elm St", "18½ Oak Ave")
    rf"(?i:\b\d{{1,6}}(?:-\d{{1,4}})?(?:[ ]1/2|½)?"
    rf"(?:\s(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?)?)"
    rf"(?:\s(?:{_PLACE_WORD}(?:-{_PLACE_WORD})?|\d+(?:st|nd|rd|th))){{1,4}}\s(?i:{_SUFFIX})\b\.?"
    rf"{_AFTER_STREET}(?:[ ]in[ ]{_TOWN}(?=[.,;]|\s*$))?"
    # a street named by one letter, its type written out: "425 G Street", "1200 K Street NW"
    rf"|(?<![\w.,/-])\d{{1,6}}[ ][A-Z][ ](?:Street|Avenue|Road)\b{_AFTER_STREET}"
)
# A house number on a numbered highway or route: "5471 Hwy 56", "812 LA-24 W", "9 US Highway
# 90 E", "44 County Road 12", "310 FM 1960".
HIGHWAY = re.compile(
    rf"(?<![\w.,/-])\d{{1,6}}[ ](?:(?:US|U\.S\.)[ -]?(?:(?i:Highway|Hwy|Route|Rte)[ ])?"
    rf"|{_STATES}(?:-|[ ](?i:Highway|Hwy|Route|Rte)[ ])|State[ ](?i:Highway|Hwy|Route|Rte|Road)[ ]"
    rf"|(?i:Highway|Hwy|Route|Rte|County[ ]Road|Farm[ ]to[ ]Market[ ]Road)[ ]?|(?:FM|SR|CR)[ -]?)"
    rf"\d{{1,4}}[A-Z]?(?![\w-])(?:[ ](?:[NSEW]|North|South|East|West)\b)?{_AFTER_STREET}")
# A street word first, with a house number: "1130 Calle Las Palomas SW, Apt 4", "12 Rue Royale".
STREET_PREFIX = re.compile(
    rf"(?<![\w.,/-])\d{{1,6}}[ ](?:(?:[NSEW]|North|South|East|West)\.?[ ])?"  # ("2217 W Calle")
    rf"(?:Calle|Camino|Avenida|Paseo|Via|Vista|Rancho|Callejon|"
    rf"Callejón|CALLE|CAMINO|AVENIDA|PASEO|Rue|RUE|Chemin|CHEMIN|Rua|RUA)"
    rf"(?:[ ](?:{_PLACE_WORD}(?:-{_PLACE_WORD})*|(?i:de|del|la|las|los)\b)){{1,4}}"
    rf"{_AFTER_STREET}")
# A street without a house number: after "on", "at", "near" ("stopped on Alameda Rd"), with a
# compass point ("Alameda Rd NW") or numbered ("4th St"); an intersection as one place
# ("Alameda Rd NW and 2nd St NW", "4th St & Alameda").
_NAMED = (rf"(?:(?:{_PLACE_WORD}[ ]){{1,2}}|\d+(?:st|nd|rd|th)[ ])"
          rf"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Parkway|Pkwy|Highway|Hwy)\b\.?"
          rf"(?:[ ](?:NE|NW|SE|SW|N|S|E|W)\b\.?)?")
STREET_NAMED = re.compile(
    rf"(?P<cue>\b(?:on|at|near|off|onto|along|to|from|On|At|Near|with|crossing|"
    rf"(?i:corner|intersection|junction)[ ]of|"
    rf"(?i:north|south|east|west)bound)[ ])?(?<![\w'’-])"  # ("westbound Elm Avenue")
    rf"(?P<street>{_NAMED}(?:[ ](?:and|&|at|by|/)[ ]"
    rf"(?:{_NAMED}|{_PLACE_WORD}(?![ ]{_PLACE_WORD})))?)")
# A town after a verb of living or travel: "lives in Las Cruces", "drives up from Santa Fe"; one
# word at least in no dictionary ("from Urgent Care" is no town).
CITY_CUED = re.compile(
    rf"\b(?i:lives|living|lived|resides|residing|moved|moving|relocated|drives?|drove|driving|"
    rf"commutes?|commuting|travel(?:s|ed|led|ing)?|flew|flies|flying|visiting|visits|visited|"
    rf"leaving|returned|grew[ ]up|born|raised|went|goes|going|headed|heads|trips?|came|comes)"
    rf"(?:[ ][a-z0-9]+){{0,3}}?[ ](?:in|to|from|near)[ ]"
    rf"(?P<city>{_CITY})(?![ ]{_PLACE_WORD}|['’]s)")  # ("drives to St. Peter twice a week")
# A town and its state after a preposition of place or travel, no ZIP after them ("by phone
# from Westminster, California", "drove his father ... to Houston, TX."); a state's postal code
# that is also a credential (MD, PA, MA) only when written out ("referred to Ruiz, MD" is a
# doctor).
CITY_STATE_CUED = re.compile(
    rf"\b(?:in|to|from|near|at|of)[ ](?P<place>{_CITY},[ ](?:{_STATE_NAMES}"
    r"|(?!MD|PA|MA|DC)(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|"
    r"M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])))(?![\w-]|\.\w)"
    r"(?!,?[ ]{1,3}\d)")
# A unit standing alone: "(across the hall, Apt 11)".
UNIT_ALONE = re.compile(r"\b(?:Apt|Apartment|Unit|Suite|Ste|Bldg)\.?[ ]#?\d{1,5}[A-Z]?\b"
                        # a room or bed of a ward: "Room: ED-14", "Rm 214-B", "Bed #3"
                        # with its ward before it: "4 West Rm 412-B"
                        r"|(?:\b\d{1,2}[ ](?:North|South|East|West|N|S|E|W)[ ])?"
                        r"\b(?:Room|ROOM|room|Rm|RM|rm|Bed|BED)\.?:?[ ]#?(?:[A-Z]{1,4}-?)?\d{1,5}"
                        r"(?:-?[A-Z])?\b(?!-\d)"  # not "reading room 555-0142"
                        # a bay of a unit, hyphenated: "seen separately in ED-9", "PACU-4"
                        r"|\b(?:ED|ER|PACU|ICU|MICU|SICU|CCU|NICU|CVICU|OR)-\d{1,3}[A-Z]?\b(?!-\d)")
# A named street or residence without a house number, before its unit: "Magnolia Terrace, Apt
# 214", "Juniper Court, Unit 3".
NAMED_BEFORE_UNIT = re.compile(
    rf"(?<![\w'’-])(?:{_PLACE_WORD}[ ]){{1,3}}{_SUFFIX}(?=,?[ ](?:Apt|Apartment|Unit|Suite|Ste|"
    rf"Rm|Room)\.?[ ]#?\w)")
# A ZIP a scan misread after a state's abbreviation ("pasadena tx 775O3"); three digits at
# least.
OCR_ZIP = re.compile(rf"(?<![\w])(?i:{_STATES})[ ]{{1,3}}(?P<zip>(?=(?:[OIl]*\d){{3}})"
                     r"(?=[\dOIl]*[OIl])[\dOIl]{5})(?![\w])")
# A town and a ZIP after a verb of living: "(lives in Deer Park 77536)".
CITY_ZIP_CUED = re.compile(
    rf"\b(?i:lives|living|lived|resides|residing|moved|relocated)[ ](?:in|to|near)[ ]"
    rf"(?P<place>{_CITY}[ ]{_ZIP})(?![\w-])")
# A street written in lower case in a message: a house number of three digits or more, one to
# three words, a street's suffix that is no common word, a suite: "1180 mesa ridge loop ste b"
# (not "1000 mg ... " or "5000 meter run").
LOWER_STREET = re.compile(
    r"(?<![\w.,/-])\d{3,5}(?:[ ][nsew]\.?)?(?P<words>(?:[ ][a-z]{3,}){1,3})[ ](?:street|st|avenue|"
    r"ave|rd|ln|lane|blvd|boulevard|ct|pl|ter|cir|pkwy|hwy|loop)\.?"
    r"(?:[ ](?:ste|apt|unit|suite|spc)\.?[ ]?[a-z0-9]{1,4})?(?![\w])")
_NOT_STREET_WORD = re.compile(r"mg|mcg|ml|units?|miles?|meters?|feet|foot|steps?|calories|kcal|"
                              r"lbs?|pounds?|of|the|on|in|at|to|and|for|per|a|an")
# A house number and a street with a compass point but no suffix: "at 4471 W. Acequia".
STREET_BARE = re.compile(rf"(?<![\w.,/-])\d{{2,6}}[ ](?:[NSEW]\.|North|South|East|West)[ ]"
                         rf"{U}[{LOWER}]{{3,}}(?:[ ]{U}[{LOWER}]{{3,}})?")
# A rural route or highway contract box: "RR 2 Box 118", "Rural Route 4, Box 12", "HC 61 Box 9".
RURAL = re.compile(
    rf"(?i:\b(?:RR|R\.R\.|Rural[ ]Route|HC|Star[ ]Route)[ ]?\d+,?[ ]Box[ ]\d+"
    rf"(?:-[A-Z0-9]{{1,2}})?)"
    rf"(?:,?\s{{1,2}}{_CITY_STATE_ZIP})?")
# An address abroad: a street word of Spanish, Portuguese, French, Italian or German and a house
# number, then a colonia or district, a postcode and town, a state abbreviation ("Calle Pino
# Suárez 318, Col. El Briseño, 45236 Zapopan, Jal.").
_LINK = r"(?:de|del|la|las|los|do|dos|da|das|di|des|du|der|von|am|an)[ ]"
_WORDS = rf"(?:{_LINK})*{U}[{LOWER}{UPPER}.'’-]*(?:[ ](?:{_LINK})*{U}[{LOWER}{UPPER}.'’-]*)*"
_TOWN = rf"{U}[{LOWER}{UPPER}]{{1,15}}(?:[ ]{U}[{LOWER}{UPPER}]{{1,15}}){{0,2}}\.?"
_COUNTRY = (r"(?:,[ ](?:México|Mexico|España|Spain|Brasil|Brazil|Portugal|France|Italia|Italy|"
            r"Deutschland|Germany|Philippines|Guatemala|El[ ]Salvador|Honduras|Colombia|Perú|"
            r"Peru|Canada|Vietnam|Việt[ ]Nam|India|China|Korea))?")
FOREIGN = re.compile(
    rf"\b(?:Calle|Avenida|Av\.|Avda\.|Calzada|Carretera|Privada|Callejón|Camino|Paseo|Rua|"
    rf"Rue|Via|Viale|Piazza|Straße|Strasse|Plaza)[ ]{_WORDS}[ ]\d{{1,5}}(?:[ ]?[A-Z])?\b"
    rf"(?:,[ ](?:Col\.|Colonia|Fracc\.|Fraccionamiento|Barrio|Bairro)[ ]{_WORDS})?"
    rf"(?:,[ ](?:C\.?P\.?[ ])?\d{{4,5}}(?:-\d{{3}})?[ ]{_WORDS})?"
    rf"(?:,[ ]{_TOWN})?{_COUNTRY}")
# The same without a street word, where a colonia or district follows the house number
# ("Pino Suárez 318, Col. El Briseño, 45236 Zapopan, Jal., México").
FOREIGN_COLONIA = re.compile(
    rf"(?<![\w'’-]){_WORDS}[ ]\d{{1,5}}(?:[ ]?[A-Z])?,[ ](?:Col\.|Colonia|Fracc\.|"
    rf"Fraccionamiento|Barrio|Bairro)[ ]{_WORDS}(?:,[ ](?:C\.?P\.?[ ])?\d{{4,5}}(?:-\d{{3}})?[ ]"
    rf"{_WORDS})?(?:,[ ]{_TOWN})?{_COUNTRY}")

PO_BOX = re.compile(rf"(?i:\b(?:P\.?\s?O\.?\s?(?:Box|Drawer)|PMB|Private[ ]Mail[ ]?Box)\s#?\d+"
                    rf"(?:-[A-Z0-9]{{1,2}}(?![\w-]))?)"
                    # (a town and a ZIP without the state: "PO Box 2217, Maryville 37802")
                    rf"(?:,?\s{{1,2}}(?:{_CITY_STATE_ZIP}|{_CITY},?[ ]{_ZIP}\b))?")
CITY_STATE_ZIP = re.compile(rf"\b(?P<city>{_CITY}),?\s(?:{_STATES}|{_STATE_NAMES}),?[ ]{{1,3}}"
                            rf"{_ZIP}\b")
COUNTY = re.compile(rf"\b(?!(?:The|THE|A|This|That|Each|Any|Our|Your|Same|Every|Which)[ ])"
                    rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD})?[ ]County\b")  # (not "The County")
# The rest of the field: up to a wide gap, the next "Label:" or the end of the line.
LABELLED_PLACE = re.compile(
    r"(?<![A-Za-z])(?i:(?:home |mailing |street |patient |work |employer |billing )?address|"
    r"city|town|zip(?: code)?|postal code|county|residence|lives in)"
    # a form's compound label: "City/State/ZIP: Caguas / PR / 00725", "City, State, Zip:"
    r"(?i:[ ]?[/,][ ]?(?:state|st|zip(?: code)?))*[ \t]*:[ \t]*"
    r"(?P<value>[^\n|]+?)(?=[ \t]{2,}|[ \t]+[A-Za-z]+(?:[ ][A-Za-z]+)?[ \t]*[:#][ \t]|[ \t]*\||"
    r"[ \t]*$)",
    re.MULTILINE,
)


# Two named streets meeting, a crossing ("at Conway Road and Hoffner Avenue", "Elm St & 3rd
# Ave" is not: a numbered street is no place word); long street words only ("Dr" and "St" are
# titles and saints too).
_LONG_SUFFIX = (r"(?:Street|Avenue|Ave|Road|Rd|Lane|Boulevard|Blvd|Drive|Parkway|Pkwy|Highway|"
                r"Hwy|Trail|Pike|Turnpike)")
INTERSECTION = re.compile(rf"(?<![\w'’-])(?:{_PLACE_WORD}[ ]){{1,3}}{_LONG_SUFFIX}\.?[ ]"
                          rf"(?:and|&)[ ](?:{_PLACE_WORD}[ ]){{1,3}}{_LONG_SUFFIX}(?![\w])")


def places(text: str) -> Iterator[Span]:
    for match in INTERSECTION.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.address, 3)
    for match in LABELLED_PLACE.finditer(text):
        value = clean(match.group("value"))
        if value:
            start = match.start("value")
            yield Span(start, start + len(value), PhiKind.address, 4)
    for pattern in (STREET, PO_BOX, CITY_STATE_ZIP, COUNTY, RURAL, FOREIGN, FOREIGN_COLONIA,
                    STREET_BARE, STREET_PREFIX, UNIT_ALONE, HIGHWAY):
        for match in pattern.finditer(text):
            value = match.group(0) if pattern in (STREET, FOREIGN, FOREIGN_COLONIA) \
                else clean(match.group(0))
            end = match.start() + len(value)
            if pattern in (STREET, STREET_PREFIX, HIGHWAY):  # ("Lane NE, Grand Rapids")
                end = town_after(text, end)
            yield Span(match.start(), end, PhiKind.address, 2)
    for match in NAMED_BEFORE_UNIT.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.address, 2)
    for match in OCR_ZIP.finditer(text):
        yield Span(match.start("zip"), match.end("zip"), PhiKind.address, 2)
    for match in CITY_ZIP_CUED.finditer(text):
        yield Span(match.start("place"), match.end("place"), PhiKind.address, 2)
    for match in LOWER_STREET.finditer(text):
        if not any(_NOT_STREET_WORD.fullmatch(w) for w in match.group("words").split()):
            yield Span(match.start(), match.end(), PhiKind.address, 2)
    for match in CITY_CUED.finditer(text):
        words = match.group("city").split()
        if not all(is_word(w) for w in words) and not any(_is_stop(w) for w in words) \
                and not re.fullmatch(_STATE_NAMES, match.group("city")) \
                and not (len(words) == 1 and words[0].isupper()):  # (not "going to NQMC")
            yield Span(match.start("city"), match.end("city"), PhiKind.address, 2)
    for match in CITY_STATE_CUED.finditer(text):
        words = match.group("place").split(",")[0].split()
        if not any(_is_stop(w) or is_clinical_word(w) for w in words):
            yield Span(match.start("place"), match.end("place"), PhiKind.address, 2)
    for match in STREET_NAMED.finditer(text):
        street = match.group("street")
        if match.group("cue") or re.match(r"\d", street) or \
                re.search(r"[ ](?:NE|NW|SE|SW)\b", street):
            yield Span(match.start("street"), match.end("street"), PhiKind.address, 2)
    yield from cued_towns(text)
    yield from uncued_towns(text)
    yield from lower_towns(text)
    yield from town_places(text)
    yield from hispanic_places(text)


_HOUSE = re.compile(
    rf"(?i:\d{{1,6}}(?:-\d{{1,4}})?(?:\s(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?)?)"
    rf"(?:\s(?:{_PLACE_WORD}|\d+(?:st|nd|rd|th))){{1,4}}(?=\s(?i:{_SUFFIX})\b)")


def cities(text: str) -> set[str]:
    """The towns of "City, ST 12345", to find again alone: a town with a word in no dictionary
    ("Albuquerque", "St. Paul"), or one of the gazetteer even when its name is also a word
    ("Kodiak, AK 99615": "flies in from Kodiak"); never a heading, clinical or stop word ("Pain
    Center, TX 77001" teaches nothing)."""
    out = set()
    for match in CITY_STATE_ZIP.finditer(text):
        city = match.group("city")
        words = city.split()
        if any(_is_stop(w) or is_clinical_word(w) for w in words if w[-1] != "."):
            continue
        if not all(is_word(w) for w in words) and len(city) >= 5:
            out |= {city, city.upper()}
        elif (n := town_words(words)) >= 1 and (n >= 2 or len(words[0]) >= 5):
            named = words[:n]  # ("PUEBLO WEST", "Kodiak")
            out |= {" ".join(w.title() for w in named), " ".join(named).upper()}
        if len(words) >= 2 and all(w[:1].isupper() for w in words) and \
                town_words(words) < len(words) and \
                not re.fullmatch(_STATE_NAMES, city, re.IGNORECASE):
            # a village too small for the gazetteer, of two words or more that are words
            # ("Derby Line, VT 05830": "Derby Line Family Drug", "moved to Derby Line")
            out |= {" ".join(w.title() for w in words), city.upper()}
    for town in cued_towns(text):  # "from Kentwood": found again alone ("the Kentwood office")
        out |= {text[town.start:town.end], text[town.start:town.end].upper()}
    return out


def streets(text: str) -> set[str]:
    """The house number and street name of each street address, without its suffix ("4471 W.
    Acequia" of "4471 W. Acequia Ave."), to find again where the suffix is left out."""
    out = set()
    for match in STREET.finditer(text):
        if (house := _HOUSE.match(match.group(0))) and len(house.group(0).split()) >= 2:
            out.add(house.group(0))
    return out


# The name of a home, a facility or a store written just before its street address on one line,
# a comma between ("Kroger, 4533 Monroe St", "Heartland of Waterville, 555 Anthony Wayne Trl"):
# part of the address (round E). Not a heading, clinical or organisation word ("Hospital,
# 12 Elm St" stays as it is: facilities are named freely elsewhere).
_NAME_BEFORE_ADDRESS = re.compile(
    rf"(?<![\w'’&.-])(?P<name>{_PLACE_WORD}(?:[ ](?:(?:of|at|on|the|&)[ ])?{_PLACE_WORD}){{0,4}})"
    r",[ ]$")


_LEARNED_TOWN = re.compile(rf"{_PLACE_WORD},[ ](?=\d)")


def named_addresses(spans: list[Span], text: str) -> list[Span]:
    """Address spans that open with a house number, widened over a name just before them."""
    out: list[Span] = []
    for span in spans:
        # (the house number where the span opens, or after a town learned elsewhere that the
        # span took in: "Heartland of [Waterville, 555 Anthony Wayne Trl, ...]")
        house = span.start if text[span.start:span.start + 1].isdigit() else \
            span.start + len(lead.group(0)) if (lead := _LEARNED_TOWN.match(
                text, span.start, span.end)) else -1
        if span.kind is PhiKind.address and house >= 0 and (
                match := _NAME_BEFORE_ADDRESS.search(text, max(0, house - 60), house)):
            words = re.findall(r"[^\W\d_]+", match.group("name"))
            building = _BUILDING.search(match.group("name"))  # ("The Burwell Building, 602 ...")
            start = match.start() if not building else match.start() + building.start()
            # a name found before it ("Villa Serena" read as a person's) joins the address
            named = out and out[-1].kind is PhiKind.name and start <= out[-1].start and \
                out[-1].end == match.end("name")
            if (building or not any(_is_stop(w) or is_clinical_word(w)
                                    for w in words if w[0].isupper())) \
                    and (named or not (out and out[-1].end > start)):
                if named:
                    out.pop()
                span = Span(start, span.end, span.kind, span.priority)
        out.append(span)
    return out


# A building named before its street address: its last word says so, whatever words precede it
# ("Tidewater Medical Building", "The Burwell Building").
_BUILDING = re.compile(rf"(?:The[ ])?(?:{_PLACE_WORD}[ ]){{1,3}}(?:Building|Bldg\.?|Tower|Towers)$")

