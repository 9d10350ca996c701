"""Given names, to read "Tomasina Holyan-Ruiz" in prose as a person without a title or a label:
the first-name list of the ``gender-guesser`` package (``nam_dict.txt``, some 37,000 given names
of many countries; a PyPI wheel, offline). Without the package no name is read this way."""

from __future__ import annotations

from functools import cache

from drafting.deid.terms import fold


@cache
def given_names() -> frozenset[str]:
    """The given names of the list, in lower case without accents (empty without the package)."""
    try:
        from importlib.resources import files

        raw = (files("gender_guesser") / "data" / "nam_dict.txt").read_bytes()
    except (ImportError, ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    out = set()
    for line in raw.decode("iso-8859-1").splitlines():
        # "M  Aaron                     ..." : a sex code, then the name in columns 3-28
        if line[:1] in "MF?=" and len(line) > 30 and not line.startswith("#"):
            name = line[3:29].strip()
            if name and " " not in name and "+" not in name and name.isalpha():
                out.add(fold(name).lower())
    return frozenset(out)


def is_given_name(word: str) -> bool:
    return fold(word).lower() in given_names()
