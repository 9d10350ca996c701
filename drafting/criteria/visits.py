"""Counts a conservative-care guideline judges: the sessions a record says were given ("about
20 prior sessions", "six acupuncture treatments") and how long a requested drug quantity lasts
("90 tablets" at up to three a day lasts at least 30 days).

Visit numbers and short courses are the deciding facts of physical medicine, manipulation,
acupuncture and muscle-relaxant requests (MTUS Chronic Pain, physical medicine and manual
therapy; 8 CCR 9792.24.1; cyclobenzaprine); the thresholds are data in the criteria sets."""

from __future__ import annotations

import re

from drafting.case import DisputedItem, Fact
from drafting.criteria.prose import QUANTITY_WORDS, VAGUE

_WORDS = "|".join(sorted((re.escape(w) for w in QUANTITY_WORDS if w not in VAGUE | {"a", "an"}),
                         key=len, reverse=True))
# "about 20 prior sessions", "twelve physical therapy visits", "6 treatments"; not "6 sessions
# authorized" (granted, not given) nor "six visits a week" (a rate).
_SESSIONS = re.compile(
    rf"\b(?:about |around |approximately |some |over |more than )?(?P<n>\d{{1,3}}|{_WORDS})"
    r"(?:\s+(?:prior|previous|completed|earlier|further|additional|more))?"
    r"(?:\s+(?:physical therapy|pt|chiropractic|acupuncture|therapy|manipulation|treatment))?"
    r"\s+(?:sessions|visits|treatments)\b(?!\s+(?:a|an|per|each|every)\s+(?:day|week|month)\b)"
    r"(?P<rest>[^.;]{0,40})", re.I)
_NOT_GIVEN = re.compile(r"^\s*(?:had )?(?:already )?(?:been )?(?:were |was )?(?:authorized|"
                        r"approved|requested|certified|allowed)\b", re.I)


def stated_sessions(fact: Fact) -> float | None:
    """The largest number of sessions the statement says were given, or None when it states
    none (a number only authorized or requested is not sessions given)."""
    counts = []
    for m in _SESSIONS.finditer(fact.statement):
        if _NOT_GIVEN.match(m.group("rest")):
            continue
        word = m.group("n").lower()
        counts.append(QUANTITY_WORDS[word] if word in QUANTITY_WORDS else float(word))
    return max(counts) if counts else None


_PER_DAY = [(re.compile(r"\b(?:four times|qid|q6h)\b", re.I), 4),
            (re.compile(r"\b(?:three times|tid|q8h)\b", re.I), 3),
            (re.compile(r"\b(?:twice|two times|bid|q12h)\b", re.I), 2),
            (re.compile(r"\b(?:once|daily|qd|qhs|at bedtime|nightly)\b", re.I), 1)]


def doses_per_day(item: DisputedItem) -> float | None:
    """How many doses a day the request states, or None when it does not say."""
    d = item.details
    text = " ".join(t for t in (d.frequency, d.dose.frequency if d.dose else None) if t)
    return next((n for pattern, n in _PER_DAY if pattern.search(text)), None)


def supply_days(item: DisputedItem, most_per_day: float) -> tuple[float, str] | None:
    """The fewest days the requested quantity can last (at the stated doses a day, else at the
    guideline's most frequent dose), with how it was read; None without a quantity."""
    quantity = item.details.quantity
    if quantity is None:
        return None
    stated = doses_per_day(item)
    per_day = stated or most_per_day
    how = (f"{quantity:g} at {per_day:g} a day as requested" if stated else
           f"{quantity:g} at the most frequent dose, {per_day:g} a day (the request states none)")
    return quantity / per_day, how
