"""English words, to tell a name written in lower case ("lola", "trujillo") from a word ("hope",
"grace", "senior"): the GCIDE dictionary of the ``english-words`` package (a PyPI wheel, offline).
Without the package no lower-case word counts as a name."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from drafting.deid.terms import fold, is_clinical_word


@cache
def english() -> frozenset[str] | None:
    """The dictionary's words in lower case without accents, or None without the package."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return None
    return frozenset(w if w.isascii() else fold(w)
                     for w in get_english_words_set(["gcide"], lower=True, alpha=True))


_NOT_ENGLISH = re.compile("[ñÑøØđĐłŁßőŐűŰșȘțȚğĞıăĂ]")


def is_word(word: str) -> bool:
    """A dictionary or clinical word (every part of a hyphenated one is checked on its own);
    True for everything when there is no dictionary."""
    words = english()
    if words is None:
        return True
    key = fold(word).lower().strip(".,:;'’\"")
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    if _NOT_ENGLISH.search(word):  # a letter no English word has: "quiñones" is no "quinones"
        return is_clinical_word(key)
    if is_clinical_word(key) or key in words or _DERIVED.search(key):
        return True
    # an inflection of a word: finds, recommends, managed, cleared, summarises, driving
    for ending, stems in _INFLECTIONS:
        if key.endswith(ending):
            stem = key[:-len(ending)]
            if any(stem + s in words for s in stems) or (
                    len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words):
                return True  # "mapped", "planning"
    return False


# Endings of derived words, no names: radiologist, physiatrist, obstetrician, arthroscopy...
_DERIVED = re.compile(r"(?:olog(?:ist|ists|y|ic|ical)|iatr(?:ist|ists|y|ic)|ician|icians|ectomy|"
                      r"otomy|oscopy|itis|osis|ography|ment|ments|ness|tion|tions|sion|ably|"
                      r"ably|ical|ized|ised|izes|ises|izing|ising|ility|ously)$")
_INFLECTIONS = (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")),
                ("es", ("", "e")), ("s", ("",)), ("er", ("", "e")), ("ers", ("", "e")),
                ("ly", ("",)), ("est", ("", "e")))


# Endings of drugs and clinical adjectives that are in no general dictionary (gabapentin,
# duloxetine, foraminal, neurogenic, neurosurgeon): a word in lower case ending so is no name.
_CLINICAL_SHAPE = re.compile(r"(?:ine|ide|ole|pam|lol|pril|sartan|mab|nib|cin|one|fen|xen|ate|"
                             r"al|ic|ics|ous|ive|ist|ists|eon|ia|opathy|algia|oma|ase|ene|ary|"
                             r"oid|oids|ids|tic|cal|ated|ectomy|plasty|gram|graphy|pentin|balin|"
                             r"adol|icam|fenac|pines|trum|tome|phyte|ysis|esis|etry|ency|able)$")


@lru_cache(maxsize=65536)
def unlearned_name_ok(word: str) -> bool:
    """``lower_name_ok``, and not the shape of a drug or a clinical adjective: for a word in
    lower case that no learned name vouches for."""
    return lower_name_ok(word) and not _CLINICAL_SHAPE.search(fold(word).lower().strip(".,"))


@lru_cache(maxsize=65536)
def lower_name_ok(word: str) -> bool:
    """A word that may be a name when written in lower case: three letters or more, no
    dictionary or clinical word, and none of its hyphen parts one either."""
    bare = word.strip(".,:;'’\"")
    parts = [p for p in bare.replace("‐", "-").split("-") if p]
    return len(fold(bare)) >= 3 and bool(parts) and not any(is_word(p) for p in parts) \
        and not is_word(bare)


_COMPOUND = re.compile(r"([A-Z][a-z]{3,})([A-Z][a-z]{3,})")


@lru_cache(maxsize=65536)
def is_compound_word(word: str) -> bool:
    """Two dictionary words of four letters or more written as one, each capitalised: the name of
    a programme or a product ("HealthChoices", "CareLink"), no person's ("McDonald", "LaToya")."""
    match = _COMPOUND.fullmatch(word.strip(".,:;'’\"()"))
    return match is not None and english() is not None and all(
        is_word(part) for part in match.groups())


@cache
def _sorted_words() -> tuple[str, ...]:
    return tuple(sorted(english() or ()))


def is_abbreviation(word: str) -> bool:
    """The first letters of a longer dictionary word ("Decr" for decreased, "Sens" for
    sensation): what a clinician writes short, no surname."""
    key = fold(word).lower().strip(".")
    words = _sorted_words()
    at = bisect_left(words, key)
    return len(key) >= 3 and at < len(words) and words[at].startswith(key) \
        and len(words[at]) > len(key) + 1
