"""A surname that is also a common or a form's word ("Page", "Faith", "Hope"): read as a name
only where a name is marked and given names or a personal title stand before it (issue #22,
round G). The surnames are the Census 1990 list of the ``names`` package (``given_names``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from drafting.deid.given_names import is_given_name, is_surname
from drafting.deid.terms import drugs, fold

_MONTHS = frozenset("january february march april may june july august september october "
                    "november december monday tuesday wednesday thursday friday saturday "
                    "sunday".split())


# a side, a direction or a part of the body: a surname too, but after a name more likely a finding
_BODY_OR_SIDE = re.compile(r"(?i)left|right|north|south|east|west|back|knee|spine|shoulder|pain|"
                           r"strength|range|straight|floor|street|lane|valley|center|home|care")


PERSONAL = re.compile(r"(?i)mr|mrs|ms|miss|mx")


def worded_surname(words: list[re.Match[str]], first: int, i: int, after: str | None,
                   titled: bool, is_stop: Callable[[str], bool]) -> bool:
    """A surname that is also a word no name is read from ("Page", "Faith", "Will"), kept as the
    last word of a marked name when given names (or initials) stand before it and nothing after
    it reads as a form's word: "Grace A. Page, Esq.", "attorney Grace Page", not "Mary Page 2 of
    5" nor "John Case:"; alone after a personal title (``titled``: "Mrs Page"). Only where the
    caller shows what follows the name (``after``)."""
    bare = words[i].group(0).rstrip(".,;")
    if after is None or (i == first and not titled) or i + 1 < len(words) or \
            not re.fullmatch(r"[A-Z][a-z]{2,}", bare):
        return False
    if not is_surname(bare) or fold(bare).lower() in drugs() or _BODY_OR_SIDE.fullmatch(bare) \
            or bare.lower() in _MONTHS \
            or re.match(r"[ \t]*(?:\d|[:#(]|of\b)", after, re.IGNORECASE):
        return False
    if i == first:
        return True  # after "Mrs"
    head = words[first].group(0).strip(".,")
    return is_given_name(head) and not is_stop(head) and len(head) >= 3 and all(
        is_given_name(w.group(0).strip(".,")) or re.fullmatch(r"[A-Z]\.?", w.group(0))
        for w in words[first + 1:i])
