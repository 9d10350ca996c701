"""Words that end in a full stop without ending a sentence: a title before a name ("Dr. Lee"),
a Latin or reference word ("e.g.", "vs.", "et al."), a legal citation's abbreviations ("Cal. Code
Regs.", "Minn. R.", "42 U.S.C."), a number's label ("No. 5", "p. 12", "Sec. 4") and a lone
initial ("J. Smith"). A model writes them in the middle of a sentence; split there, one sentence
becomes two, and the half without the citation marker reads as an uncited claim.

Left out on purpose, because they end sentences as often as they abbreviate: units and durations
("6 wks.", "30 min."), dosing ("t.i.d."), "etc.", "Inc.", "Esq." and credentials after a name
("Jane Roe, M.D. She ..."): a sentence that ends in one of them still ends there. Merging two
sentences by mistake is the safer error of the two (both halves keep their markers)."""

from __future__ import annotations

import re

# Case-insensitive: titles, Latin and reference words.
_ANY_CASE = frozenset({
    "dr.", "drs.", "mr.", "mrs.", "ms.", "messrs.", "prof.", "st.", "mt.", "ft.", "jr.", "sr.",
    "e.g.", "i.e.", "vs.", "v.", "cf.", "viz.", "al.", "approx.", "incl.", "resp.",
})
# Written capitalised in a citation ("Cal. Code Regs., tit. 8", "Minn. R. 5221.6200",
# "Tex. Lab. Code", "Fed. Reg.", "Cal. App. 4th"); lower-case "ill." or "or." end sentences.
_CAPITALISED = frozenset({
    "Ala.", "Ariz.", "Ark.", "Cal.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.",
    "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.",
    "Neb.", "Nev.", "Okla.", "Or.", "Ore.", "Pa.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.",
    "Wyo.", "N.J.", "N.Y.", "N.C.", "N.M.", "S.C.", "U.S.", "U.S.C.", "C.F.R.",
    "Admin.", "Ann.", "App.", "Bd.", "Cir.", "Comp.", "Ct.", "Dept.", "Dist.", "Div.", "Fed.",
    "Gen.", "Lab.", "Pub.", "Reg.", "Regs.", "Rev.", "Stat.", "Supp.", "Ins.", "Med.",
    "Civ.", "Proc.", "Evid.", "Bus.", "Indus.", "Comm.", "Comm'n.", "Assn.", "Ass'n.",
})
# Abbreviations that stand before a number ("No. 5", "p. 12", "pp. 3-4", "Sec. 4", "Ch. 13",
# "Fig. 2", "tit. 8", "subp. 5", "subd. 2", "Ex. 4"): a sentence may end in "no." itself.
_BEFORE_NUMBER = frozenset({
    "no.", "nos.", "p.", "pp.", "pg.", "sec.", "secs.", "ch.", "chap.", "fig.", "vol.", "tit.",
    "subp.", "subd.", "para.", "art.", "ex.", "exh.", "app.", "pt.", "rule.", "ver.",
})
# the longest of them: a longer last word is none of them
LONGEST = max(len(w) for w in _ANY_CASE | _CAPITALISED | _BEFORE_NUMBER)
# the last word of a text, after a space or an opening bracket or quote
_LAST_WORD = re.compile(r"(?:^|[\s(\[\"“'‘])([^\s(\[\"“'‘]{1," + str(LONGEST) + r"})\Z")


def ends_in_abbreviation(before: str, after: str) -> bool:
    """Whether the full stop that ends ``before`` belongs to an abbreviation, given the text
    ``after`` that follows the space after it."""
    found = _LAST_WORD.search(before, max(len(before) - LONGEST - 1, 0))
    if found is None:
        return False
    word = found.group(1)
    if word in _CAPITALISED or word.lower() in _ANY_CASE or \
            (len(word) == 2 and "A" <= word[0] <= "Z"):  # a lone initial: "J. Smith"
        return True
    return word.lower() in _BEFORE_NUMBER and after[:1].isdigit()
