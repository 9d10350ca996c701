"""Clinical words that look like identifiers (``eponyms.yaml``), and Unicode-aware letter classes
shared by the recognisers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import yaml

TERMS_FILE = Path(__file__).with_name("eponyms.yaml")


def _letters(test: Callable[[str], bool]) -> str:
    """The letters of the Latin-1, Latin Extended-A/B and Latin Extended Additional blocks (accented
    and Vietnamese letters) for which ``test`` holds, for a regex character class."""
    blocks = ((0xC0, 0x24F), (0x1E00, 0x1EFF))
    return "".join(chr(c) for lo, hi in blocks for c in range(lo, hi + 1) if test(chr(c)))


UPPER = "A-Z" + _letters(str.isupper)
LOWER = "a-z" + _letters(str.islower)
U, L, LETTER = f"[{UPPER}]", f"[{LOWER}]", f"[{UPPER}{LOWER}]"
APOSTROPHE = "['’]"
HYPHEN = "[-‐]"


def fold(text: str) -> str:
    """``text`` without diacritics, one character for one (Núñez -> Nunez, Nguyễn -> Nguyen), so
    offsets in the folded text are offsets in the original."""
    out = []
    for char in text:
        if ord(char) < 128:
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else char)
    return "".join(out)


@cache
def _data() -> dict[str, list[str]]:
    return yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))


@cache
def eponyms() -> frozenset[str]:
    """Eponyms and drug names (lower case, without accents)."""
    data = _data()
    return frozenset(fold(w).lower() for w in data["eponyms"] + data["drugs"] + data["devices"]) \
        | intake_drugs()


@cache
def drugs() -> frozenset[str]:
    data = _data()
    return frozenset(fold(w).lower() for w in data["drugs"] + data["devices"]) | intake_drugs()


# The drugs intake reads by name (``drafting/intake/data/drugs.yaml``, read as data): every word of
# their names that is no English word ("lidocaine" of "lidocaine 5% patch", "duloxetine"), so
# that the two vocabularies never disagree on what a drug is.
INTAKE_DRUGS = Path(__file__).resolve().parents[1] / "intake" / "data" / "drugs.yaml"


@cache
def intake_drugs() -> frozenset[str]:
    from drafting.deid.words import english  # the dictionary alone (is_word reads this module)

    if not INTAKE_DRUGS.exists():
        return frozenset()
    entries = yaml.safe_load(INTAKE_DRUGS.read_text(encoding="utf-8")) or {}
    words = {w for entry in entries.values() for name in entry.get("names", [])
             for w in re.split(r"[ /]+", fold(name).lower())}
    dictionary = english() or frozenset()
    return frozenset(w for w in words if len(w) >= 4 and w.isalpha() and w not in dictionary)


@cache
def not_names() -> frozenset[str]:
    return frozenset(fold(w).lower() for w in _data()["not_names"])


@cache
def heads() -> frozenset[str]:
    return frozenset(w.lower() for w in _data()["heads"])


def _key(word: str) -> str:
    return fold(word).lower().strip(".,:;'’\"")


def is_clinical_word(word: str) -> bool:
    """An eponym, a drug or a word that is never a name (case and accents ignored)."""
    key = _key(word)
    return key in eponyms() or key in not_names()


def is_never_name(word: str) -> bool:
    """A drug or a word of ``not_names``: never part of a name, whatever marks it. (An eponym
    can be: Thomas, Wilson, Jackson.)"""
    key = _key(word)
    return key in drugs() or key in not_names()


@cache
def _eponym_phrase() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(eponyms(), key=len, reverse=True))
    head = "|".join(sorted(heads(), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’-])(?:{words})(?:{APOSTROPHE}s)?(?P<head>[ -](?:{head})\b)?(?![\w-])",
        re.IGNORECASE)


@cache
def _shaped_phrase() -> re.Pattern[str]:
    strong = "test|tests|sign|signs|maneuver|manoeuvre|reflex|phenomenon|angle|cyst|node|nodes"
    return re.compile(rf"(?<![\w'’-]){U}{L}+(?:{APOSTROPHE}s)?[ ](?:{strong})\b")


# The unit's own number just after a code ("Genie GS-1930 serial GS3012A-88410", "Toyota
# 8FGCU25, serial 8FGCU25-61477", "GS-1930 (unit GS3012A-88410)"): the code is its model, and the
# capitalised word before it the maker, neither of them anyone's.
SERIAL_AFTER = re.compile(r",?[ ]\(?(?i:serial|s/n|sn|unit|vin)\b")
MODEL_PHRASE = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}[ ](?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,}"
                          rf"(?={SERIAL_AFTER.pattern})")


@lru_cache(maxsize=4)  # read by several recognisers of one scan
def protected_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """Where a clinical term stands: (start, end, level). Level 2: an eponym of the list followed
    by its head word ("Thomas test", "Cobb angle"), which no learned name may cover. Level 1:
    any capitalised word followed by test, sign, reflex and the like ("Kemp's test"), which
    guessed names (NER) must respect, and a maker's model before its unit's serial
    (``MODEL_PHRASE``). Level 0: an eponym or a drug of the list on its own
    ("Norco", "Thomas"), which a guessed name may not consist of alone."""
    folded = fold(text)
    out = [(m.start(), m.end(), 2 if m.group("head") else 0)
           for m in _eponym_phrase().finditer(folded)]
    out += [(m.start(), m.end(), 1) for m in _shaped_phrase().finditer(text)]
    out += [(m.start(), m.end(), 1) for m in MODEL_PHRASE.finditer(text)]
    return tuple(out)
