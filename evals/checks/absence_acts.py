"""Absence claims read by their shape, not by the words they deny (#19 absence_contradicted):
a provider's act said to be missing ("no recommendation from the treating surgeon") against a
fact where that provider does it ("the surgeon recommended"), and a count said to be missing
("the number of sessions she completed is not stated") against a fact giving a number of that
thing ("a total of 30 physical therapy sessions"), and pain scores said to be missing ("no pain
scores with and without medication are recorded") against a fact rating the pain on a scale
("rates her pain at 7 out of 10")."""

from __future__ import annotations

import re

# An act of a provider said to be missing (the act's first six letters, the provider's noun).
_FROM_WHOM = re.compile(r"^no (recommendation|request|referral|order|prescription|opinion)s? "
                        r"(?:from|by) (?:the |his |her |a |any )?(?:[a-z-]+ ){0,2}?"
                        r"(surgeon|physician|doctor|therapist|"
                        r"psychologist|psychiatrist|neurologist|physiatrist|chiropractor|"
                        r"specialist|provider|nurse)\b")
# A count said to be missing: "no the number of sessions ...", "no how many sessions ...".
_COUNT_CLAIM = re.compile(r"^no (?:the |a |any )?(?:(?:total )?(?:number|count|total) of|"
                          r"how many)(?: \w+)?? (\w{4,}s)\b")
# Pain scores said to be missing, and nothing else in the claim (not "no pain score after the
# second injection", which is of one time).
_SCORE_CLAIM = re.compile(r"^no (?:numeric(?:al)? |documented |recorded )?pain "
                          r"(?:scores?|ratings?|levels?)(?: (?:with (?:and|or) without|before "
                          r"and after) (?:the )?(?:medication|medications|treatment))?$")
# A pain score a fact gives: "7/10", "7 out of 10", "rates her pain at 7", "VAS 6".
_SCORE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:/\s*10|out of (?:10|ten))\b|"
                    r"\brate[sd]? (?:his |her |their )?pain (?:at|as) \d|\b(?:vas|nrs) (?:of )?\d")
# A word between a count and what it counts ("30 physical therapy sessions"): not a
# preposition or determiner, which would start another phrase ("from 18 to 16 since the last
# visit" counts no visits).
_MODIFIER = (r"(?!(?:since|the|a|an|at|from|to|of|per|in|on|after|before|by|for|with|this|that|"
             r"each|every|until|than|last|next)\b)[\w-]+")
_NUMBER = (r"(?:\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))")


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def act_or_count(claim: str, fact_id: str, statement: str) -> str | None:
    """For a claim of one of these shapes, the message if the fact contradicts it, else "";
    None for a claim of neither shape (read as usual)."""
    lower_claim, lower = claim.lower(), statement.lower()
    if by := _FROM_WHOM.match(lower_claim):
        act, who = by.group(1)[:6], by.group(2)
        if re.search(rf"\b{who}s?\b(?:\s+\w+){{0,2}}\s+{act}", lower):
            return (f"says the record has no {by.group(1)} from the {who}, but {fact_id} "
                    f"records one: {_short(statement)}")
        return None  # (read as usual: the act may be named word for word)
    if _SCORE_CLAIM.match(lower_claim):
        return "" if not _SCORE.search(lower) else \
            f"says the record has no pain scores, but {fact_id} gives one: {_short(statement)}"
    if counted := _COUNT_CLAIM.match(lower_claim):
        thing = re.escape(counted.group(1)[:5])
        if re.search(rf"{_NUMBER}(?:[\s-]+{_MODIFIER}){{0,3}}?[\s-]+{thing}", lower):
            return (f"says the record does not give how many {counted.group(1)}, but "
                    f"{fact_id} gives it: {_short(statement)}")
        return ""
    return None
