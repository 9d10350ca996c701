"""Numbers a cited sentence works out rather than copies (the consistency check's reading of
counts and changes): a list's length, the segments or cited facts of a kind, a change from two
values."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from typing import TYPE_CHECKING

from evals import claims
from evals.checks.consistency_dates import compound_spans
from evals.checks.consistency_forms import fitting_spans, label_numbers
from evals.claim_patterns import TENS, WORD_NUMBERS, word_number
from evals.claims import Claims
from evals.context import EvalContext

if TYPE_CHECKING:
    from evals.checks.consistency import _Cited


def derived(ctx: EvalContext, said: Claims, cited: _Cited, extra: set[float]) -> set[float]:
    """Numbers a sentence may add to what it cites: spans (checked by unit, below), the count
    of the facts it cites ("three ways [F1][F4][F6]"), and what it works out from what it
    says and cites (``_worked_out``)."""
    if not extra:
        return extra
    if cited.counted > 1 and float(cited.counted) in extra and \
            not _only_measures(said.text, cited.counted):
        extra = extra - {float(cited.counted)}
    extra = extra - {value for value, _ in said.durations}
    if extra and " and " in said.text:  # "three and a half weeks": a span (checked by unit)
        extra = extra - {n for _, numbers in compound_spans(said.text).values() for n in numbers}
    if extra and _MNEMONIC.search(said.text):  # "the four A's" names a mnemonic, no count
        extra -= {value for m in _MNEMONIC.finditer(said.text)
                  for value in claims.numbers(m.group(1))}
    if extra:  # a label's number, a span of decades (consistency_forms)
        extra = extra - label_numbers(said.text, cited.text) - \
            fitting_spans(said.text, cited.text, {d.year for d in ctx.key_dates})
    if extra:
        extra = _converted(said.text, cited.claims, extra)
    if extra:
        extra = _approximate(said.text, cited, extra)
    if extra:
        extra = _occasions(said.text, cited, extra)
    if extra and "/" in said.text:
        extra = _short_dates(ctx, said.text, cited, extra)
    return _worked_out(ctx, said, cited, extra) if extra else extra


# A date written with a two-digit year ("the denial of 3/8/22", "on 5/24/17").
_SHORT_DATE = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{2})(?![\w/])")


def _short_dates(ctx: EvalContext, text: str, cited: _Cited, extra: set[float]) -> set[float]:
    """A date with a two-digit year is a date, not three numbers, where it is one the cited
    facts, their sources or the case's key dates give (a wrong one stays three numbers the
    sources do not give)."""
    known = cited.fact_dates | cited.claims.dates | cited.decided | ctx.key_dates
    for m in _SHORT_DATE.finditer(text):
        month, day, year = (int(g) for g in m.groups())
        try:
            when = dt.date(2000 + year if year < 70 else 1900 + year, month, day)
        except ValueError:
            continue
        if when in known:
            extra -= {float(month), float(day), float(year)}
    return extra


def _only_measures(text: str, value: int) -> bool:
    """Whether the sentence gives the value only as a measure (a score "4/5", a percentage),
    never as a count: the number of facts it cites is then no excuse for it."""
    found = [m for m in re.finditer(rf"(?<![\w./-]){value}(?![\w.])", text)]
    return bool(found) and all(re.match(r"\s*(?:/|%|percent\b)", text[m.end():])
                               for m in found)


# A number before a capital letter's plural: a mnemonic's name ("the four A's", "the 5 Ps").
_MNEMONIC = re.compile(r"\b(\w+)[\s-]+[A-Z](?:['’]s|s)\b")
# An amount in one unit of mass and the same amount in another ("1 g" is "1000 mg").
_MASS = re.compile(r"(\d+(?:\.\d+)?)\s*(g|grams?|mg|milligrams?|mcg|µg|micrograms?)\b",
                   re.IGNORECASE)
_IN_MG = {"g": 1000.0, "gram": 1000.0, "grams": 1000.0, "mg": 1.0, "milligram": 1.0,
          "milligrams": 1.0, "mcg": 0.001, "µg": 0.001, "microgram": 0.001,
          "micrograms": 0.001}


def _converted(text: str, cited: Claims, extra: set[float]) -> set[float]:
    """An amount the sentence writes in another unit of mass than its source ("acetaminophen
    1 g" for 1000 mg; "0.6 g" for 600 mg) is the source's amount."""
    if not _MASS.search(text):
        return extra
    for m in _MASS.finditer(text):
        value = float(m.group(1))
        if value not in extra:
            continue
        in_mg = value * _IN_MG[m.group(2).lower()]
        if any(abs(in_mg / per - known) < 1e-9 for per in set(_IN_MG.values())
               for known in cited.numbers):
            extra.discard(value)
    return extra


# How often something was done ("twice", "three times", "on four occasions").
_OCCASIONS = re.compile(r"\b(?:(twice|thrice)|(\w+) times\b|on (\w+) occasions)\b",
                        re.IGNORECASE)


def _occasions(text: str, cited: _Cited, extra: set[float]) -> set[float]:
    """How often something was done may be counted from the months its sources date it in
    ("given twice" where the fact records May 2023 and April 2025)."""
    if not _OCCASIONS.search(text):
        return extra
    source = cited.claims
    months = {(d.year, d.month) for d in source.dates | cited.fact_dates} | source.month_years
    for m in _OCCASIONS.finditer(text):
        word = next(g for g in m.groups() if g).lower()
        value = float(word) if word.isdigit() else \
            word_number(word) if word in WORD_NUMBERS else None
        if value is not None and value in extra and int(value) == len(months):
            extra.discard(value)
    return extra


# A count in a sentence: a number word or a small number, and the words after it.
_COUNT = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
                    r"\b((?:[\s-]+[\w’'-]+){1,6}|(?=\s*(?:\[|[.;,:]|$)))", re.IGNORECASE)
# Where a list of what was counted begins ("two gaps: X and Y", "two of its ingredients,
# ketoprofen and baclofen").
_LIST_START = re.compile(r"\s*(?:[:,(]|—|–|\bnamely\b|\bincluding\b|\bsuch as\b)\s*")
_ITEM_BREAK = re.compile(r",\s*")
# What was counted, then its list after a colon or a plural verb ("two items the physician
# ordered on June 1, 2020: X and Y"; "the two stated reasons were X and Y").
_LISTED_AFTER = re.compile(r"[^:;.\[]{0,80}?:\s+|[\s-]+(?:[\w’'-]+\s+){1,3}?(?:were|are)\s+",
                           re.IGNORECASE)
_LAST_ITEM = re.compile(r"\s(?:and|or)\s")
# "three levels", "two lumbar levels", "three thoracolumbar and lumbar levels"
_LEVEL_WORDS = re.compile(r"^[\s-]+(?:(?!levels?\b|segments?\b)[\w-]+[\s-]+){0,3}?"
                          r"(?:spinal\s+|joint\s+|facet\s+)?(?:levels?|segments?)\b",
                          re.IGNORECASE)

# "two roots", "two specific nerve roots", "both exiting roots"
_ROOT_WORDS = re.compile(r"^[\s-]+(?:(?!roots?\b)[\w-]+[\s-]+){0,3}?(?:nerve\s+)?roots?\b",
                         re.IGNORECASE)


# A change worked out from two values ("fell by 18 points from 44 to 26").
_CHANGE = re.compile(r"\b(?:fell|fallen|dropped|declined|decreased|improved|rose|risen|"
                     r"increased|reduced|reduction|improvement|drop|fall|rise|gain|change)\b",
                     re.IGNORECASE)


# A count in apposition to what came before it (", the two routes", ", both grounds").
_APPOSITIVE = re.compile(r",\s+(?:the|these|those)\s+$", re.IGNORECASE)
_JOINS = re.compile(r"\s(?:and|or)\s|,\s", re.IGNORECASE)


# A count that refers back to what the sentence listed before it ("failed back surgery,
# ischemic limb pain or CRPS, and she has none of the three"; "relief, recovery or return to
# work; none of the three is shown").
_BACK_REFERENCE = re.compile(r"\b(?:the|these|those|all|any|none|neither|each|either|both)\s+"
                             r"(?:of\s+(?:the|these|those)\s+)?$", re.IGNORECASE)
_ALL_OF = re.compile(r"\ball\s+$", re.IGNORECASE)
# The members of something a source lists ("six ingredients", "a five-drug cream", "four bulk
# powders", "the three purposes"), counted by the length of a list in what the sentence cites.
_MEMBERS = re.compile(r"^[\s-]+(?:[\w-]+\s+){0,2}?(?:ingredients?|components?|drugs?|actives?|"
                      r"agents?|powders?|purposes?)\b", re.IGNORECASE)
# One list in a clause: items of at most five words, joined by commas and a last "and", "or"
# or "nor" ("A, B, and C"; "A or B").
_LIST = re.compile(r"(?:[\w’'/-]+(?:\s+[\w’'/-]+){0,4},\s+)*[\w’'/-]+(?:\s+[\w’'/-]+){0,4},?"
                   r"\s+(?:and|or|nor)\s+[\w’'/-]+", re.IGNORECASE)


def _list_lengths(before: str) -> set[int]:
    """The lengths of the lists in each clause of ``before`` (split at ";", ":" and "."), and
    of the lists that close a clause's earlier list ("found A, B and C non-compensable, and
    found D, E, F and G necessary": four for the second)."""
    found = set()
    for clause in re.split(r"[;:.]\s", before):
        for m in _LIST.finditer(clause):
            found.add(m.group(0).count(",") - (1 if re.search(r",\s+(?:and|or|nor)\s",
                                                                  m.group(0)) else 0) + 2)
        if clause.count(",") > 1:
            found |= _closed_lists(clause)
    return found


def _closed_lists(clause: str) -> set[int]:
    """The lengths of lists of short items ("gabapentin, dantrolene and nortriptyline") that
    begin after an earlier list's ", and" ("..., and found lamotrigine, gabapentin, ...")."""
    pieces = [p.strip() for p in clause.split(",")]
    found = set()
    for i, piece in enumerate(pieces):
        if not _LAST_ITEM.search(piece) or re.match(r"(?:and|or|nor)\s", piece):
            continue
        count = 2
        for earlier in reversed(pieces[:i]):
            if re.match(r"(?:and|or|nor)\s", earlier):
                found.add(count + 1)
                break
            if len(earlier.split()) > 3:
                break
            count += 1
    return found


def _coordinated(before: str) -> int:
    """How many things the clause before an appositive count joins with "and", "or" and
    commas ("was preauthorized or arose in an emergency" is 2)."""
    clause = re.split(r"[;:.]\s", before)[-1]
    return len(_JOINS.findall(clause)) + 1


def _list_readings(text: str) -> set[int]:
    """How many items a list at the start of ``text`` may have, where an item holds an "and"
    of its own ("a left shoulder and upper arm sprain, a neck sprain, ... and a left
    supraspinatus sprain" is 2 read at the first "and", 5 at the last): each "and" or "or" in
    the clause may close it."""
    clause = re.split(r"[;.\[]|:\s", text, maxsplit=1)[0]
    found = set()
    for i, piece in enumerate(_ITEM_BREAK.split(clause)):
        piece = piece.strip()
        if not piece:
            break
        if re.match(r"(?:and|or)\s", piece):
            if i:
                found.add(i + 1)
        elif _LAST_ITEM.search(piece):
            found.add(i + 2)
    return found


def _list_length(text: str) -> int:
    """How many items a list at the start of ``text`` has ("X, Y and Z, and so on" is 3): the
    items up to the one joined by "and" or "or"."""
    count = 0
    for piece in _ITEM_BREAK.split(text):
        piece = piece.strip()
        if not piece:
            break
        if re.match(r"(?:and|or)\s", piece):  # "X, Y, and Z": the serial comma's last item
            return count + 1
        joined = _LAST_ITEM.search(piece)
        if joined:
            return count + 2
        count += 1
    return count


def _worked_out(ctx: EvalContext, said: Claims, cited: _Cited, extra: set[float]
                ) -> set[float]:
    """Numbers a sentence works out from what it says and cites: a difference of two numbers
    it gives ("fell by eighteen points, from 44 to 26"), the length of a list it gives
    ("two stated gaps, X and Y"; "three signs: X, Y and Z"), the number of spinal segments its
    sources name ("two joint levels" for C4-C5 and C5-C6), and the number of cited facts (or
    distinct things) its sources name of a kind ("two operations" for a laminectomy and a
    fusion cited; "three neuropathic agents" for gabapentin, pregabalin and duloxetine)."""
    text = said.text
    if _CHANGE.search(text):  # "fell by eighteen points, from 44 to 26"
        given = sorted(said.numbers - extra)
        extra = {x for x in extra if not any(b - a == x for a, b in combinations(given, 2))}
        # a change the source gives from one value to another ("a two-point change" where
        # it improved "from 18 to 16")
        if extra and "from" in cited.text:
            extra -= {abs(a - b) for a, b in _changes(cited.text)}
    if extra and _GAP.search(text):  # "65 percent is five points under the threshold [F6]"
        given, known = said.numbers - extra, cited.claims.numbers
        gaps = {_count_value(m.group(1)) for m in _GAP.finditer(text)}
        extra = {x for x in extra if x not in gaps or
                 not any(abs(abs(a - b) - x) < 1e-9 for a in given for b in known if a != b)}
    for m in _COUNT.finditer(text) if extra else ():
        word = m.group(1).lower()
        value = float(word) if word.isdigit() else claims.word_number(word)
        if value not in extra:
            continue
        after = m.group(2)
        counts: set[int] = set()
        start = _LIST_START.search(text, m.end(1))
        between = text[m.end(1):start.start()] if start else ""
        if start and len(between.split()) <= 8 and not re.search(r"\d", between) and \
                not re.match(r"\s*\d", text[start.end():]):
            counts.add(_list_length(text[start.end():]))
            counts |= _list_readings(text[start.end():])
        listed = _LISTED_AFTER.match(text, m.end(1))  # "two items ...: X and Y"
        if listed:  # "two stated reasons were X and Y"
            counts |= _list_readings(text[listed.end():])
        before = text[:m.start()]
        if _BACK_REFERENCE.search(before):  # "X, Y or Z, and she has none of the three"
            counts |= _list_lengths(before)
        if _ALL_OF.search(before) and re.match(r"\s+of\s", after):  # "all three of X, Y and Z"
            counts.add(_list_length(text[m.end(1):].split(" of ", 1)[1]))
        apposed = _APPOSITIVE.search(before)
        if apposed:  # "preauthorized or arose in an emergency, the two routes": the list
            counts.add(_coordinated(text[:apposed.start()]))  # before it
        if _LEVEL_WORDS.match(after):
            counts.add(len({k for k in cited.claims.levels if "-" in k}))
        if _ROOT_WORDS.match(after):  # "two roots" for the L4 and L5 roots
            counts.add(len({k for k in cited.claims.levels if "-" not in k}))
        counts |= _kind_counts(ctx, after, cited)
        if _MEMBERS.match(after):  # "the six ingredients" of a cream whose fact lists six
            counts |= _list_lengths(cited.text)
        if int(value) in counts:
            extra.discard(value)
    return extra


# How far a value falls from another ("five points under the threshold", "10 percentage points
# short of it").
_GAP = re.compile(r"\b(\w+)[\s-]+(?:percentage[\s-]+)?points?\s+(?:under|below|above|over|"
                  r"short|higher|lower|more|less|beneath)\b", re.IGNORECASE)


def _count_value(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return float(word)
    return word_number(word) if word in WORD_NUMBERS or word in TENS else None


# A value said to be near one ("a QuickDASH of about 38.5", "near 38").
_APPROX = re.compile(r"\b(?:about|approximately|roughly|around|nearly|near|almost|close to|"
                     r"just (?:under|over|below|above))\s+(\d+(?:\.\d+)?)\b", re.IGNORECASE)
# A range a source gives ("pain 6-7/10", "3 to 4 weeks"): both ends are its numbers (not a date
# or a level: no letter, digit, dot or hyphen before it, no digit run after it).
_RANGE = re.compile(r"(?<![\w.-])(\d{1,3}(?:\.\d+)?)\s*(?:-|–|\bto\b)\s*(\d{1,3}(?:\.\d+)?)"
                    r"(?![\d.]*\d)(?!-\d)")


def _approximate(text: str, cited: _Cited, extra: set[float]) -> set[float]:
    """A value the sentence hedges ("about 38.5") is the source's value rounded to the places
    it is written with (38.49); an end of a range the source gives ("six to seven" for
    "6-7/10") is the source's."""
    for m in _RANGE.finditer(cited.text):
        extra -= {float(m.group(1)), float(m.group(2))}
    if not extra or not _APPROX.search(text):
        return extra
    known = cited.claims.numbers
    for m in _APPROX.finditer(text):
        written = m.group(1)
        value = float(written)
        places = len(written.split(".")[1]) if "." in written else 0
        if value in extra and any(round(k, places) == value for k in known if k != value):
            extra.discard(value)
    return extra


def _kind_counts(ctx: EvalContext, after: str, cited: _Cited) -> set[int]:
    """For a kind of the lexicon named just after a count ("two operations"): how many cited
    facts name it, and how many distinct things of that kind the sources name."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    head = " ".join(after.split()[:3])
    found = [said for said, _ in lex.mentions(head)]
    # a route before the kind counted qualifies it ("two oral agents": not the patch)
    routes = {c for said in found[:-1] for c in said if lex.concepts[c].kind == "route"}
    kinds = next((said for said in found if not said <= routes), frozenset()) if routes \
        else next(iter(found), frozenset())
    if not kinds:
        return set()
    facts = [ctx.source_text(m) or "" for m in cited.markers if m.startswith("F")]
    named = [lex.names(t) for t in facts]
    if routes:  # (a fact naming another route is of another kind: "a lidocaine patch")
        wider = set().union(*(lex.ancestors[r] for r in routes))
        named = [frozenset() if any(lex.concepts[c].kind == "route" and c not in wider
                                    for c in n) else n for n in named]
    counts = {sum(1 for n in named if kinds & n)}
    things = {cid for t in facts for said, _ in lex.mentions(t) for cid in said
              if kinds & lex.ancestors[cid] and not kinds & {cid}}
    counts.add(len(things))
    return counts




# A change from one value to another ("from 52 to 32 percent", "from 7/10 to 3/10").
_FROM_TO = re.compile(r"\bfrom\s+(\d+(?:\.\d+)?)\s*(?:%|percent|/\s*\d+)?\s+to\s+"
                      r"(\d+(?:\.\d+)?)\b", re.IGNORECASE)


# The same change written from its end ("32 percent, down from 52 percent").
_DOWN_FROM = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:%|percent|/\s*\d+)?,?\s+(?:down|up|"
                        r"improved|fallen|risen|worse|better)\s+from\s+(\d+(?:\.\d+)?)\b",
                        re.IGNORECASE)


def _changes(text: str) -> set[tuple[float, float]]:
    """Each change a text gives, as (from, to)."""
    if "from" not in text:
        return set()
    return {(float(a), float(b)) for a, b in _FROM_TO.findall(text)} | \
        {(float(b), float(a)) for a, b in _DOWN_FROM.findall(text)}


def reversed_changes(said: str, cited: str) -> list[str]:
    """A change the sentence gives the wrong way round: "rose from 32 to 52" where the source
    says "from 52 to 32"."""
    found = _changes(said)
    if not found:
        return []
    theirs = _changes(cited)
    return [f"from {a:g} to {b:g}, but the source says from {b:g} to {a:g}"
            for a, b in sorted(found) if a != b and (b, a) in theirs and (a, b) not in theirs]
