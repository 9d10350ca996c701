"""Addresses written in Spanish, as US records write them in Puerto Rico and wherever Spanish street
and settlement names are common (Texas, Florida, California, New Mexico, New York): the words that
mark each part are data (``data/hispanic_places.yaml``), the grammar is here.

- a street's type before its name, a house number before or after it, units after it:
  "Calle Turquesa D-14", "1550 Ave. Ponce de León, Suite 604", "Ave. Rafael Cordero 85";
- a numbered road with its kilometre marker: "Carr. 1 Km 33.2", "Carretera 172, km 5.4";
- a settlement, development, building or district before its name, a lot number or units after
  it: "Urb. Villa del Carmen", "URB VILLA DEL CARMEN D14", "Bo. Río Cañas", "Barrio Bairoa",
  "Edificio Doral, 2nd floor, office 207";
- a lot number (a block letter and a number) before an English street: "D-14 Turquesa St.".

The name of a settlement or street found this way is learned (``hispanic_place_names``) and
found again alone in the same packet ("the Carr. 1 side of Bairoa", "mail theft on Calle
Turquesa")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, UPPER, U, is_clinical_word
from drafting.deid.words import is_word

DATA = Path(__file__).parent / "data" / "hispanic_places.yaml"


@cache
def _words() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def _alternatives(key: str, strict: bool = False) -> str:
    """The words of ``key`` as a regex alternation, longest first, case ignored, a written
    period optional; with ``strict``, an abbreviation is written with its period or in capitals
    ("Bo. Río Cañas", "URB VILLA", "Carr. 1"; never the given name "Bo Strand" nor the surname
    in "seen by Carr 3 times")."""
    words = sorted(set(_words()[key]), key=lambda w: len(w.rstrip(".")), reverse=True)
    out = []
    for word in words:
        bare = re.escape(word.rstrip("."))
        if strict and word.endswith("."):
            out.append(rf"(?i:{bare})\.|{re.escape(word.rstrip('.').upper())}\b")
        else:
            out.append(rf"(?i:{bare})\b\.?")
    return "(?:" + "|".join(out) + ")"


# (a word ends with a letter and is not a lot number's letter: "Turquesa D-14", "CARMEN D14")
_NAME_WORD = rf"(?:{U}(?:[{LOWER}{UPPER}'’-]*[{LOWER}{UPPER}])?(?![\w-]))"
_NUMBER = r"\d{1,5}(?:[ ]?[A-Z])?\b(?![-/]\d)"
# A lot number as Puerto Rican and Mexican addresses write it: a block letter and a number.
_LOT = r"[A-Z]{1,2}-?\d{1,4}\b(?![-/]\d)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    link = rf"(?:(?:{'|'.join(_words()['link_words'])})[ ])"
    name = rf"{link}*{_NAME_WORD}(?:[ ]{link}*{_NAME_WORD}){{0,4}}"
    unit = (rf"(?:,?[ ](?:{_alternatives('unit_words')})[ ]?#?[\w-]{{1,5}}\b"
            rf"|,?[ ]\d{{1,2}}(?:st|nd|rd|th)[ ](?i:floor)\b)")
    street = _alternatives("street_words", strict=True)
    numbered = _alternatives("street_words_numbered", strict=True)
    return {
        # "Calle Turquesa D-14", "Calle Betances 41", "1550 Ave. Ponce de León, Suite 604"
        "street": re.compile(
            rf"(?<![\w.-])(?:\d{{1,6}}[ ])?(?:{street})[ ](?P<name>{name})"
            rf"(?:,?[ ](?:{_LOT}|{_NUMBER}))?(?:{unit})*"),
        "numbered": re.compile(
            rf"(?<![\w.-])(?:\d{{1,6}}[ ](?:{numbered})[ ](?P<name>{name})"
            rf"(?:,?[ ](?:{_LOT}|{_NUMBER}))?(?:{unit})*"
            rf"|(?:{numbered})[ ](?P<name2>{name}),?[ ](?:{_LOT}|{_NUMBER})(?:{unit})*)"),
        # "Carr. 1 Km 33.2", "Carretera 172, km 5.4", "Carr. 1"
        "road": re.compile(
            rf"(?<![\w.-])(?:{_alternatives('road_words', strict=True)})[ ]?(?:#[ ]?)?"
            rf"(?:PR-?)?\d{{1,4}}[A-Z]?\b"
            rf"(?:,?[ ](?:{_alternatives('kilometre_words')})[ ]?\d{{1,3}}(?:[.,]\d{{1,2}})?)?"),
        # "Urb. Villa del Carmen", "URB VILLA DEL CARMEN D14", "Edificio Doral, 2nd floor, ..."
        "settlement": re.compile(
            rf"(?<![\w.-])(?:{_alternatives('settlement_words', strict=True)})[ ](?P<name>{name})"
            rf"(?:,?[ ](?:{_LOT}|{_NUMBER}))?(?:{unit})*"),
    }


# "D-14 Turquesa St.": a lot number before a street in English.
_SUFFIX = r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl)"
LOT_STREET = re.compile(rf"(?<![\w.-])[A-Z]{{1,2}}-\d{{1,4}}[ ](?:{_NAME_WORD}[ ]){{1,3}}"
                        rf"{_SUFFIX}\b\.?")


def _named(name: str) -> bool:
    """A place's name, not a clinical word read after a designator ("Edif. Pain Management")."""
    return not any(is_clinical_word(w) for w in name.split() if w[:1].isupper())


def hispanic_places(text: str) -> Iterator[Span]:
    """Each Spanish-language address part of ``text``."""
    for key, pattern in _patterns().items():
        for match in pattern.finditer(text):
            name = next((g for g in (match.groupdict().get("name"),
                                     match.groupdict().get("name2")) if g), "")
            if key != "road" and not _named(name):
                continue
            yield Span(match.start(), match.end(), PhiKind.address, 2)
    for match in LOT_STREET.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.address, 2)


def hispanic_place_names(text: str) -> set[str]:
    """The names of the settlements and streets found after a designator ("Villa del Carmen",
    "Bairoa", "Turquesa"), as written and in capitals, to find again alone."""
    out = set()
    for key in ("street", "settlement"):
        for match in _patterns()[key].finditer(text):
            name = match.group("name")
            # (one word only when no dictionary has it: "Calle Principal" teaches nothing)
            if _named(name) and len(name) >= 4 and (" " in name or not is_word(name)):
                out |= {name, name.upper()}
    return out
