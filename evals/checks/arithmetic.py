"""Numbers a cited sentence gives by example or works out by arithmetic it shows, which its
sources therefore need not give (the consistency check's reading; read on the paraphrase
development sets 1-16, where correct sentences written the way a model drafts were flagged for
them):

- a number offered as an example or a hypothesis, not as what the record says ("an improvement
  of, e.g., 50% would have changed my view", "if the injections had given, say, 50 percent
  relief", "no frequency (e.g. b.i.d.) is written");
- a daily amount worked out from a monthly or weekly one ("120 tablets a month works out to four
  a day"), a product of two numbers it gives or cites ("three a day of the 40 mg strength is
  120 mg"; "160 mg at a factor of 1.5 is 240 MME") and a total of the parts it gives ("160 mg in
  all: 120 mg plus 40 mg"), each only where the sentence says it works a number out (a day, in
  all, works out to ...) and from numbers it gives itself (a cited 60 times itself is chance,
  not working): a wrong number in a plain restatement stays an error, and so does an MME total
  other than the one the source states."""

from __future__ import annotations

import re
from itertools import combinations

from evals import claims

# An example or a hypothesis the writer offers: the numbers in the next few words (up to a
# closing bracket or the end of the clause) are not claims about the record.
_EXAMPLE = re.compile(r"(?:\be\.g\.|\bfor (?:example|instance)\b|(?<=,)\s*say\b),?\s*"
                      r"([^)(;,]{1,40}?)(?=[)(;,]|\s+(?:or|would|lasting|for|of)\b|$)",
                      re.IGNORECASE)


# "(e.g. b.i.d. or q.i.d.)": each alternative of an example is one (read within 40 characters
# of the example's end).
_ALTERNATIVE = re.compile(r"\s*or\s+([^)(;,]{1,30})")
_ALTERNATIVE_REACH = 40


def exemplary(text: str, extra: set[float]) -> set[float]:
    """``extra`` without the numbers the sentence gives only as an example (not also written
    outside every example)."""
    if not _EXAMPLE.search(text):
        return extra
    offered: set[float] = set()
    for m in _EXAMPLE.finditer(text):
        offered |= claims.numbers(m.group(1))
        alternative = _ALTERNATIVE.match(text, m.end(), m.end() + _ALTERNATIVE_REACH)
        if alternative:
            offered |= claims.numbers(alternative.group(1))
    rest = re.sub(r"\bor\s+[^)(;,]{1,30}\)", ")", _EXAMPLE.sub(" ", text))
    return extra - (offered - claims.numbers(rest))


# A sentence that works a number out: a rate per day, a total, a conversion.
_WORKS_OUT = re.compile(r"\b(?:works? out|worked out|comes? to|came to|amounts? to|adds? up|"
                        r"in all|in total|totals?|totall?ing|altogether|combined|a day|per day|"
                        r"daily|each day|MME|morphine milligram|that is|that's|i\.e\.|means|"
                        r"would be|alone)\b", re.IGNORECASE)
# A total the sentence says it adds up (a sum of two numbers it gives counts only then: "12
# hours a day ... 10 percent relief" does not make a changed "22 percent" a total).
_TOTAL = re.compile(r"\b(?:in all|in total|totals?|totall?ing|altogether|combined|adds? up|"
                    r"comes? to|came to|amounts? to|plus|sum)\b|\+", re.IGNORECASE)
_PER_DAY = re.compile(r"\b(?:a day|per day|daily|each day|a night|nightly)\b", re.IGNORECASE)
# The period an amount the sentence divides is given for (a month's fill, a week's), by the
# words that name it, and its days.
_MONTH = re.compile(r"\b(?:a|per|each|every|one) month\b|\bmonthly\b|\b30[\s-]days?\b",
                    re.IGNORECASE)
_WEEK = re.compile(r"\b(?:a|per|each|every|one) week\b|\bweekly\b|\b7[\s-]days?\b",
                   re.IGNORECASE)
_PERIODS = ((_MONTH, 30.0), (_MONTH, 28.0), (_MONTH, 31.0), (_WEEK, 7.0))
# A product worked out is an amount, not a small count (a wrong count of two or three stays an
# error however its numbers multiply).
_SMALLEST_PRODUCT = 10.0


# A total in morphine milligram equivalents: where the source gives one, the sentence's must be
# it (an MME total worked out from doses is the source's to state, not to be re-derived from any
# two numbers of the sentence).
_MME = re.compile(r"(\d+(?:\.\d+)?)\s*(?:MME|morphine milligram equivalents?|morphine "
                  r"equivalents?)\b", re.IGNORECASE)


def worked_out(text: str, said: frozenset[float], known: frozenset[float],
               extra: set[float], source: str = "") -> set[float]:
    """``extra`` without the numbers the sentence works out from what it gives and cites: a
    daily amount from an amount it gives or cites for a month or week, a product of two other
    numbers it gives itself, a sum of two others it gives."""
    if not _WORKS_OUT.search(text):
        return extra
    fixed = {float(m.group(1)) for m in _MME.finditer(text)} if _MME.search(source) else set()
    operands = (said - extra) | known
    periods = [days for pattern, days in _PERIODS if pattern.search(text)]
    left = set(extra)
    for _ in range(2):  # a step may use the one before ("three a day", then "120 mg")
        if _PER_DAY.search(text) and periods:
            left -= {x for x in left
                     if any(abs(a / days - x) < 1e-9 for a in operands for days in periods)}
        given = sorted(said - left)
        left -= {x for x in left if x >= _SMALLEST_PRODUCT and x not in fixed and any(
            abs(a * b - x) < 1e-9 for a, b in combinations(given, 2))}
        if _TOTAL.search(text):
            left -= {x for x in left if x not in fixed and any(
                abs(a + b - x) < 1e-9 for a, b in combinations(sorted(said - {x}), 2))}
    return left

