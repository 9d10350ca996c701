"""English words, to tell a name written in lower case ("lola", "trujillo") from a word ("hope",
"grace", "senior"): the GCIDE dictionary of the ``english-words`` package (a PyPI wheel, offline).
Without the package no lower-case word counts as a name."""

from __future__ import annotations

from functools import cache

from drafting.deid.terms import fold, is_clinical_word


@cache
def english() -> frozenset[str] | None:
    """The dictionary's words in lower case without accents, or None without the package."""
    try:
        from english_words import get_english_words_set
    except ImportError:
        return None
    return frozenset(fold(w) for w in get_english_words_set(["gcide"], lower=True, alpha=True))


def is_word(word: str) -> bool:
    """A dictionary or clinical word (every part of a hyphenated one is checked on its own);
    True for everything when there is no dictionary."""
    words = english()
    if words is None:
        return True
    key = fold(word).lower().strip(".,:;'’\"")
    if is_clinical_word(key) or key in words:
        return True
    return key.endswith("'s") and key[:-2] in words


def lower_name_ok(word: str) -> bool:
    """A word that may be a name when written in lower case: three letters or more, no
    dictionary or clinical word, and none of its hyphen parts one either."""
    bare = word.strip(".,:;'’\"")
    parts = [p for p in bare.replace("‐", "-").split("-") if p]
    return len(fold(bare)) >= 3 and bool(parts) and not any(is_word(p) for p in parts) \
        and not is_word(bare)
