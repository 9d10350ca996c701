"""Places in forms the street rules of ``places.py`` leave, each told by its shape and a cue:

- a county, parish, township or borough, in capitals too, and "County of X" ("EAU CLAIRE
  COUNTY", "Lafourche Parish", "COUNTY OF EAU CLAIRE"), not the court or the state before it;
- a municipality by its kind ("the Village of Lake Hallie"), a house number and a street's
  name without its suffix after a verb of living ("lives at 2417 Cardinal");
- a rural grid address, its house number after a compass letter, on a lettered or numbered
  county road or highway ("N7710 County Road K, Bloomer, Wisconsin", "W3321 Hwy 29");
- a numbered or lettered highway after a word of place ("on Highway 53", "westbound I-94");
- a street named without a house number after a word of place or travel, for the suffixes
  ``places.py`` leaves to a number ("stopped on Hastings Way", "near the East Beltline",
  "off Cedar Creek Drive"), and a crossing with a numbered street ("at 28th and the East
  Beltline");
- an address in Poland or Czechia ("ul. Długa 14/3, 31-146 Kraków");
- a ZIP after its word without a colon ("zip code is 54729"), a rural route ("on Rural Route
  3"), a town placed by a compass or "outside" ("two miles north of Cadott"), one of its words
  in no dictionary;
- a named neighbourhood, subdivision, park of mobile homes or residence after a word of place,
  its last word one a place name ends in ("is at Oakwood Hills respite", "moved to Willow
  Creek Estates").

What these find is learned for the record: the same street or place is found again alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.place_words import town_after, town_words
from drafting.deid.places import _AFTER_STREET, _PLACE_WORD, _SUFFIX
from drafting.deid.spans import Span
from drafting.deid.terms import is_clinical_word
from drafting.deid.words import is_word

_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,})"
# A county and its kind; the run's words before it that head a court or a state are dropped.
COUNTY = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}})[ ](?:County|COUNTY|Parish|PARISH|"
    r"Township|TOWNSHIP|Borough|BOROUGH)(?![\w'’-])")
# A municipality by its kind ("the Village of Lake Hallie", "City of Eau Claire Police"): a town
# of the gazetteer or a name with a word in no dictionary ("City of Hope" is a hospital's).
TOWN_OF = re.compile(
    rf"(?<![\w'’-])(?:Town|TOWN|Village|VILLAGE|City|CITY|Township|Borough)[ ](?:of|OF)[ ]"
    rf"(?P<town>{_WORD}(?:[ ]{_WORD}){{0,2}})(?![\w'’-])")
_OFFICE = re.compile(r"(?i)police|fire|department|dept|hall|council|court|clerk|attorney|"
                     r"schools?|library|parks?|water|public|municipal|assessor|treasurer")
# A house number and a street's name without its suffix after a verb of living: "lives at 2417
# Cardinal", "moved to 118 Pearl last fall".
HOUSE_CUED = re.compile(
    r"\b(?i:lives|living|lived|resides|residing|moved|moving|stays|staying|home)[ ]"
    r"(?:(?i:back|now|still)[ ])?(?i:at|to)[ ](?P<house>\d{1,6}[ ](?:[NSEW]\.?[ ])?"
    r"[A-Z][a-z]{2,}(?:[ ][A-Z][a-z]{2,})?)(?![\w'’-])")
COUNTY_OF = re.compile(
    rf"(?<![\w'’-])(?:County|COUNTY|Parish|PARISH)[ ](?:of|OF)[ ](?P<after>{_WORD}(?:[ ]{_WORD})?)"
    r"(?![\w'’-])")
_HEADING = frozenset("court circuit district superior municipal probate family juvenile state "
                     "commonwealth of in for the and at to from on our your his her their this "
                     "that same each any every which what whose no one".split())
# A grid house number (a compass letter, digits) or a plain one, on a county road, a town road
# or a highway named by a letter or a number.
_ROAD = (r"(?:County[ ](?:Road|Rd\.?|Highway|Hwy\.?|Trunk)|COUNTY[ ](?:ROAD|RD|HIGHWAY|HWY)|"
         r"Co\.?[ ](?:Rd|Road|Hwy)\.?|CTH|CR|Town(?:ship)?[ ](?:Road|Rd\.?)|"
         r"State[ ](?:Road|Rd\.?|Highway|Hwy\.?|Route|Rte\.?)|Highway|HIGHWAY|Hwy\.?|HWY|"
         r"Route|Rte\.?|Farm[ ]Road)")
GRID_ROAD = re.compile(
    rf"(?<![\w./-])(?:[NSEW]\d{{2,6}}|\d{{1,6}})[ ]{_ROAD}[ ](?:[A-Z]{{1,2}}|\d{{1,4}}[A-Z]?)"
    rf"(?![\w'’-]){_AFTER_STREET}")
# A grid house number on a named street: "W3321 Birch Hollow Rd".
GRID_STREET = re.compile(
    rf"(?<![\w./-])[NSEW]\d{{3,6}}(?:[ ]{_PLACE_WORD}){{1,4}}[ ](?i:{_SUFFIX})\b\.?"
    rf"{_AFTER_STREET}")
# Street suffixes that ``places.STREET_NAMED`` leaves to a house number.
_MORE_SUFFIX = (r"(?:Way|Drive|Trail|Circle|Terrace|Pike|Turnpike|Expressway|Freeway|Beltline|"
                r"Beltway|Bypass|Parkway|Boulevard|Avenue|Street|Road|Lane|Highway)")
_CUE = (r"(?:on|onto|along|off|near|at|down|up|crossing|via|from|to|toward|towards|past|"
        r"behind|across|by|(?i:corner|intersection|junction)[ ]of|(?:north|south|east|west)bound|"
        r"(?:end|side|top|bottom|length)[ ]of)")  # ("walk to the end of Peppermint Hollow Lane")
STREET_CUED = re.compile(
    rf"(?<![\w'’-]){_CUE}[ ](?:the[ ])?(?P<street>(?:\d+(?:st|nd|rd|th)[ ](?:and|&)[ ]"
    rf"(?:the[ ])?)?(?P<words>(?:{_PLACE_WORD}[ ]){{1,3}}){_MORE_SUFFIX})(?![\w'’-])")
# A named street with its type written out and no word before it to mark it, where a word of
# its name is in no dictionary: "(Rezanof Drive to the bridge)", "office, Shelikof Street".
STREET_UNCUED = re.compile(
    rf"(?<![\w'’-])(?P<street>(?P<words>(?:{_PLACE_WORD}[ ]){{1,3}})"
    r"(?:Drive|Street|Avenue|Road|Boulevard|Parkway|Lane|Trail|Highway))(?![\w'’-])")
# A numbered or lettered highway or road without a house number after a word of place ("on
# Highway 53", "onto US-10", "along County Road K", "westbound I-94").
ROUTE_CUED = re.compile(
    rf"(?<![\w'’-]){_CUE}[ ](?:the[ ])?(?P<road>(?:(?:US|U\.S\.|Interstate)[ ]?"
    r"(?:Highway|Hwy\.?|Route|Rte\.?)?|State[ ](?:Highway|Hwy\.?|Route|Rte\.?|Road)|"
    r"Highway|Hwy\.?|HWY|Route|Rte\.?|I|SR|CR|FM)[ -]?"
    r"\d{1,4}[A-Z]?|(?:Rural[ ]Route|RR)[ ]\d{1,3}"
    r"|County[ ](?:Road|Rd\.?|Highway|Hwy\.?|Trunk)[ ](?:[A-Z]{1,2}|\d{1,4})"
    r")(?![\w'’-])")
# The last word of a named neighbourhood, subdivision or residence.
_PLACE_END = (r"(?:(?:Mobile[ ]Home|Trailer|RV)[ ](?:Park|Court|Estates|Village)|"
              r"Hills|Heights|Manor|Gardens|Estates|Village|Meadows|Pines|Oaks|Acres|Commons|"
              r"Crossing|Towers|Apartments|Apts|Villas|Ridge|Springs|Woods|Glen|Grove|Shores|"
              r"Creek|Hollow|Terrace|Knolls|Trails|Landing)")
_AT = (r"(?:at|in|to|from|near|into|of|(?:moved|moving|lives|living|stays|staying|staying|"
       r"resides|residing)[ ](?:in|at|to|into))")
# A named bay, harbour, island, river or lake after a word of place ("down to Dog Bay", "fishing
# from the bank at the Buskin River", "northeast of Marmot Island"): no body part ends so, so one
# ordinary word before it is enough.
_WATER_END = r"(?:Bay|Harbor|Harbour|Island|River|Lake|Inlet|Sound|Cove)"
NAMED_WATER = re.compile(
    rf"(?<![\w'’-]){_AT}[ ](?:the[ ])?(?P<place>(?P<words>(?:{_PLACE_WORD}[ ]){{1,2}})"
    rf"{_WATER_END})(?![\w'’-])(?![ ][A-Z])")
NAMED_PLACE = re.compile(
    rf"(?<![\w'’-]){_AT}[ ](?:the[ ])?(?P<place>(?P<words>(?:{_PLACE_WORD}[ ]){{1,2}})"
    rf"{_PLACE_END})(?![\w'’-])(?![ ][A-Z])")  # (not "Kaweah Ridge Rehab": a facility's name)


# An address in Poland or Czechia: a street word cut short ("ul.", "al.", "os.", "pl."), the
# street's name, the house and flat ("14/3"), the postcode and town ("31-146 Kraków").
CENTRAL_EUROPEAN = re.compile(
    rf"\b(?:ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac)[ ](?:{_PLACE_WORD}|[A-Z][\w.'’-]+)"
    r"(?:[ ][A-Z][\w'’-]+){0,2}[ ]\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)?"
    r"(?:,[ ]\d{2}-\d{3}[ ][A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?)?")
# A ZIP after its word, no colon ("her zip code is 54729", "ZIP 54729").
ZIP_CUED = re.compile(r"\b(?i:zip(?:[ ]?code)?)(?:[ ](?:is|was|of))?[ :#]*"
                      r"(?P<zip>\d{5}(?:-\d{4})?)(?![\w-])")
# A town placed by a compass or by "outside": "outside Colfax", "two miles north of Cadott";
# one or two capitalised words of four letters or more ("outside Rx" is a prescription), one at
# least in no dictionary, the clause ending after it or going on with a small word ("north of
# Lisfranc joint" is on the foot).
TOWN_BY_DIRECTION = re.compile(
    r"\b(?:outside(?:[ ]of)?|(?:north|south|east|west)(?:east|west)?[ ]of)[ ]"
    r"(?P<town>[A-Z][a-z]{3,}(?:[ ][A-Z][a-z]{3,})?)(?![\w'’-])"
    r"(?=[ \t]*(?:[.,;:)!?\n]|$)|[ ](?:on|in|and|with|at|for|to|near|off|by|along|or|but|since|"
    r"until|when|where|who|which|the|a|an|his|her|their|our|my)\b)")


def _plain(words: list[str]) -> bool:
    """No stop, heading or clinical word ("at Trigger Point", "in Medical Terrace")."""
    return bool(words) and not any(_is_stop(w) or is_clinical_word(w) or w.lower() in _HEADING
                                   for w in words)


_COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())


def _street_words(words: list[str]) -> bool:
    """The words of a street before its suffix: a compass point says nothing either way ("the
    East Beltline"), the others plain."""
    rest = [w for w in words if w.lower() not in _COMPASS]
    return not rest or _plain(rest)


def _place_words(words: list[str]) -> bool:
    """The words of a named place before its last word: plain, and two of them or one in no
    dictionary ("Oakwood Hills", "Willow Creek Estates"; not "the Iliac Ridge")."""
    return _plain(words) and (len(words) >= 2 or not is_word(words[0]))


def _county(match: re.Match[str]) -> Span | None:
    if "after" in match.groupdict():  # (a town or a word in no dictionary: not "County of
        # Origin", a form's field)
        words = match.group("after").split()
        titled = [w.title() if w.isupper() else w for w in words]
        named = not all(is_word(w) for w in words) or town_words(titled) == len(words)
        return Span(match.start(), match.end(), PhiKind.address, 3) \
            if _plain(words) and named else None
    words = match.group("name").split(" ")
    while words and (words[0].lower() in _HEADING or _is_stop(words[0])):
        words = words[1:]
    if not words or not _plain(words):
        return None
    start = match.end("name") - len(" ".join(words))
    return Span(start, match.end(), PhiKind.address, 3)


def place_forms(text: str) -> Iterator[Span]:
    for match in [*COUNTY.finditer(text), *COUNTY_OF.finditer(text)]:
        if span := _county(match):
            yield span
    for match in TOWN_OF.finditer(text):
        words = match.group("town").split()
        while words and (_is_stop(words[-1]) or is_clinical_word(words[-1])
                         or _OFFICE.fullmatch(words[-1])):
            words = words[:-1]  # "City of Altoona Police": the town, not its office
        titled = [w.title() if w.isupper() else w for w in words]
        if words and _plain(words) and (not all(is_word(w) for w in words) or (
                len(words) >= 2 and town_words(titled) == len(words))):
            start = match.start("town")
            yield Span(start, start + len(" ".join(words)), PhiKind.address, 2)
    for match in HOUSE_CUED.finditer(text):
        yield Span(match.start("house"), match.end("house"), PhiKind.address, 2)
    for pattern in (GRID_ROAD, GRID_STREET):
        for match in pattern.finditer(text):
            end = match.start() + len(match.group(0).rstrip(" ,.;:"))
            yield Span(match.start(), town_after(text, end), PhiKind.address, 3)
    for match in CENTRAL_EUROPEAN.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.address, 3)
    for match in ZIP_CUED.finditer(text):
        yield Span(match.start("zip"), match.end("zip"), PhiKind.address, 3)
    for match in TOWN_BY_DIRECTION.finditer(text):
        words = match.group("town").split()
        if _plain(words) and not all(is_word(w) for w in words):
            yield Span(match.start("town"), match.end("town"), PhiKind.address, 2)
    for match in ROUTE_CUED.finditer(text):
        yield Span(match.start("road"), match.end("road"), PhiKind.address, 2)
    for pattern, group, test in ((STREET_CUED, "street", _street_words),
                                 (NAMED_PLACE, "place", _place_words),
                                 (NAMED_WATER, "place", _plain),
                                 (STREET_UNCUED, "street", _unmistakable_street)):
        for match in pattern.finditer(text):
            if test(match.group("words").split()):
                yield Span(match.start(group), match.end(group), PhiKind.address, 2)


def _unmistakable_street(words: list[str]) -> bool:
    """A street's name no text would use for anything else: plain words, one in no dictionary
    and of four letters or more."""
    return _street_words(words) and any(len(w) >= 4 and not is_word(w) for w in words)


def learned_places(text: str) -> set[str]:
    """The streets and places found by a cue, to find again where no cue stands."""
    out = set()
    for pattern, group, test in ((STREET_CUED, "street", _street_words),
                                 (NAMED_PLACE, "place", _place_words)):
        for match in pattern.finditer(text):
            if test(match.group("words").split()):  # the street, not its crossing
                out.add(text[match.start("words"):match.end(group)])
    return out
