"""Values a record states only in words: a course "for six weeks", relief of "50-60%", an MRI
"at L3-L4", "significant relief", "relief for a very temporary period".

Real records rarely fill every structured field; the statement often carries the value. The
engine reads a value from the statement only where the field is empty and the statement holds
exactly one such value (two durations in one sentence are ambiguous and read as none). A range
counts as its lower bound; a vague quantity ("several months") as its customary lower bound, and
the result says so. Qualitative wording is evidence of lower strength, never absence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.case import Fact
from drafting.case.fact import DAYS_PER_UNIT
from drafting.case.vocab import DurationUnit, normalize_level
from drafting.criteria import care_relief, effects

# Lower bounds of number words and vague quantities, as a reviewer reads them.
QUANTITY_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24, "a couple of": 2, "a few": 2, "several": 3, "many": 3,
}
VAGUE = {"a couple of", "a few", "several", "many"}
_QUANTITY = "|".join(sorted((re.escape(w) for w in QUANTITY_WORDS), key=len, reverse=True))
_NUMBER = r"\d+(?:\.\d+)?"
_AMOUNT = (rf"(?P<low>{_NUMBER}|{_QUANTITY})"
           rf"(?:\s*(?:-|–|to)\s*(?P<high>{_NUMBER}|{_QUANTITY}))?")
_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
# "for six weeks", "2-3 weeks", "about two years", "a 6-week course"; not "five years ago".
_DURATION = re.compile(rf"\b{_AMOUNT}[\s-]*{_UNIT}\b(?!\s+(?:ago|earlier|before|prior|later|"
                       r"after|post|old|of age))", re.I)
_PERCENT = re.compile(r"\b(?P<low>\d{1,3})(?:\s*%?\s*(?:-|–|to)\s*(?P<high>\d{1,3}))?\s*"
                      r"(?:%|percent\b)", re.I)
_LEVEL = re.compile(r"\b([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b")

# Qualitative descriptions of a response, strongest reading first.
GOOD_RELIEF = re.compile(r"\b(?:complete|total|full|excellent|significant|substantial|"
                         r"marked|good|great|dramatic|meaningful)\s+(?:pain\s+)?(?:relief|"
                         r"improvement|response|pain control)\b", re.I)
POOR_RELIEF = re.compile(r"\b(?:no|minimal|little|slight|partial\s+and\s+brief|temporary|"
                         r"very temporary|brief|short[- ]lived|transient|fleeting)\s+"
                         r"(?:pain\s+)?(?:relief|improvement|benefit|response)\b|\brelief\s+for\s+"
                         r"(?:a\s+)?(?:very\s+)?(?:temporary|brief|short)\b|\bdid not help\b|"
                         r"\bno benefit\b|\bwithout (?:(?:any|much|meaningful|significant|"
                         r"lasting|sustained)\s+)?"
                         r"(?:pain\s+)?(?:relief|benefit|improvement)\b|"
                         r"\bonly (?:for )?(?:a )?(?:very )?(?:short|brief) "
                         r"(?:time|while|period)\b|\b(?:relief|benefit|improvement)\b[^.;]{0,40}?"
                         r"\b(?:was|were|has been|had been)\s+(?:very\s+|only\s+)?(?:minimal|"
                         r"slight|negligible|brief|temporary|short[- ]lived|transient)\b|"
                         # a gain denied ('no significant improvement', 'no lasting benefit'),
                         # the state unchanged after care, progress at a plateau
                         r"\bno\s+(?:(?:significant|meaningful|lasting|sustained|substantial|"
                         r"real|appreciable|durable|long[- ]term|further|objective|measurable|"
                         r"clinical|clinically\s+significant)\s+){1,2}(?:pain\s+)?(?:relief|"
                         r"improvement|benefit|response|gains?|progress)\b|\b(?:pain|symptoms|"
                         r"function|condition|complaints|status|assessment)\b[^.;]{0,40}?\b"
                         r"(?:remained|remains|were|was|are|is)\s+(?:essentially\s+|largely\s+|"
                         r"basically\s+)?(?:unchanged|the same)\b|\bplateau(?:ed|s)?\b", re.I)
# Relief of a treatment the pain ended within hours or a day or two ('helped but the pain came
# back the next day', 'the relief wore off after a few hours'): brief. Not of a drug, whose
# relief lasting until the next dose is its expected effect.
RETURNED_SOON = re.compile(r"\b(?:(?:came|comes) back|return(?:s|ed)|recur(?:s|red)|wears? off|"
                           r"wore off)\b[^.;]{0,25}?\b(?:the "
                           r"(?:next|following|same) (?:day|morning|evening)|(?:within|after|"
                           r"in) (?:an?|one|two|a few|several) (?:hours?|days?)|(?:hours|a "
                           r"day) later|overnight)\b", re.I)
# Tags by which a record reads a treatment's response as poor: its words never read it as good.
POOR_TAGS = {"no_relief", "temporary_relief"}


COMPLETE_RELIEF = re.compile(r"\b(?:complete|total|full)\s+(?:pain\s+)?relief\b", re.I)


def _of_a_drug(fact: Fact) -> bool:
    return fact.category == "medication" or fact.dose is not None


@dataclass(frozen=True)
class Stated:
    """A value read from a statement, with how it was read (for the result's notes)."""

    value: float
    how: str
    at_least: bool = False  # an open lower bound ("well over four weeks", "several months")


def _amount(word: str) -> float:
    word = word.lower()
    return QUANTITY_WORDS[word] if word in QUANTITY_WORDS else float(word)


# A count of things before "a month" makes it a rate ("four electrodes a month", "90 tablets a
# month"), as does a rate after a duration ("4 hours a day").
_COUNT = "|".join(sorted((re.escape(w) for w in QUANTITY_WORDS if w not in ("a", "an")),
                         key=len, reverse=True))
_COUNTED = re.compile(rf"\b(?:{_NUMBER}|{_COUNT})\s+[a-z]+(?:\s+[a-z]+)?\s*$", re.I)
_RATE_AFTER = re.compile(r"\s*(?:a|an|per|each|every)\s+(?:hour|day|week|month|year)\b", re.I)


def _is_rate(statement: str, match: re.Match[str]) -> bool:
    before = statement[:match.start()]
    if re.search(r"(?:times|twice|once|per|every|%|\bpercent)\s*$", before, re.I):  # 10% a month
        return True
    if _RATE_AFTER.match(statement, match.end()):
        return True
    return match.group("low").lower() in ("a", "an") and bool(_COUNTED.search(before)) \
        and not re.search(r"\b(?:for|over|lasting|about|around|within|in|after)\s*$", before,
                          re.I)


def _durations(statement: str) -> list[re.Match[str]]:
    """Durations in a statement, leaving out frequencies and rates ("twice a day", "3 times per
    week", "four electrodes a month", "4 hours a day")."""
    return [m for m in _DURATION.finditer(statement) if not _is_rate(statement, m)]


def stated_weeks(fact: Fact) -> Stated | None:
    """The fact's duration in weeks: its field, else the one duration its statement gives."""
    if fact.duration is not None:
        return Stated(fact.duration.in_weeks(), "recorded")
    matches = _durations(fact.statement)
    if len({(m.group("low").lower(), m.group("unit").lower()) for m in matches}) != 1:
        return None
    match = matches[0]
    low, unit = match.group("low").lower(), match.group("unit").lower()
    weeks = _amount(low) * DAYS_PER_UNIT[DurationUnit(unit + "s")] / 7
    how = f"'{match.group(0)}' in the statement"
    bounded = bool(_AT_LEAST.search(fact.statement[:match.start()]))
    if match.group("high"):
        how += ", read as its lower bound"
    elif low in VAGUE or bounded:
        how += f", read as at least {_amount(low):g} {unit}s"
    # A range is bounded above ("2-3 weeks" falls short of four); "over four weeks" and
    # "several weeks" are not.
    return Stated(weeks, how, at_least=not match.group("high") and (low in VAGUE or bounded))


# Words before a duration that make it a lower bound ("well over four weeks").
_AT_LEAST = re.compile(r"\b(?:over|more than|at least|longer than|in excess of|upwards of)\s*$",
                       re.I)


_RELIEF_WORDS = re.compile(r"\b(?:relief|relieved|improve(?:d|ment)|reduction|reduced|better|"
                           r"decrease[ds]?|less pain)\b", re.I)
_MEASURE_WORDS = re.compile(r"\b(?:index|score|scale|odi|oswestry|ndi|disability|nrs|vas|"
                            r"bmi|saturation|body fat)\b", re.I)


def _relief_percentages(statement: str) -> list[re.Match[str]]:
    """Percentages that describe relief ("60 percent relief", "improved by 50%"), not a score
    ("Oswestry improved from 44 to 26 percent") or anything else."""
    found = []
    for match in _PERCENT.finditer(statement):
        before = statement[max(0, match.start() - 40):match.start()]
        after = statement[match.end():match.end() + 30]
        if _MEASURE_WORDS.search(before):
            continue
        if _RELIEF_WORDS.search(after) or _RELIEF_WORDS.search(before[-25:]):
            found.append(match)
    return found


def stated_percent(fact: Fact) -> Stated | None:
    """Relief in percent: the field, else the one percentage the statement gives, else 100 for
    "complete relief"."""
    if fact.percent_relief is not None:
        return Stated(fact.percent_relief, "recorded")
    matches = _relief_percentages(fact.statement)
    found = {m.group("low") for m in matches}
    if len(found) == 1:
        match = matches[0]
        how = f"'{match.group(0)}' in the statement"
        return Stated(float(match.group("low")), how + (", read as its lower bound"
                                                         if match.group("high") else ""))
    if not found and COMPLETE_RELIEF.search(fact.statement):
        return Stated(100.0, "'complete relief' in the statement")
    return None


def qualitative_response(fact: Fact) -> bool | None:
    """True for a response described as good in words, False for one described as poor or
    brief, None when the words say neither."""
    if POOR_RELIEF.search(fact.statement) or NOT_RELIEVED.search(fact.statement) or (
            not _of_a_drug(fact) and RETURNED_SOON.search(fact.statement)):
        return False
    if GOOD_RELIEF.search(fact.statement) or RELIEVED.search(fact.statement):
        return True
    return None


# A treatment said to have helped or relieved the pain ("the injections helped, relieving his
# low back pain"); a negated one ("did not help", "never relieved", "nothing helped") is poor.
RELIEVED = re.compile(r"\b(?:helped|relieved|relieving)\b,?(?:\s+\w+){0,4}?\s+(?:pain|"
                      r"symptoms)\b", re.I)
NOT_RELIEVED = re.compile(r"\b(?:nothing|never|not|no longer|neither|nor)\s+(?:\w+\s+)?"
                          r"(?:helped|relieved|help|relieve)\b|n't\s+(?:help|relieve)", re.I)


# A treatment's effect on function described in words: "could not function without the
# medication", "able to keep working", "improved function"; or its absence.
GOOD_FUNCTION = re.compile(
    r"\b(?:can(?:not|'t)|could(?: not|n't)|unable to|would not be able to)\s+(?:function|work|"
    r"get out of bed|perform (?:his|her|their) (?:job|duties|daily activities))\s+without\b|"
    r"\b(?:improved|improvement in|better|increased|restored)\s+(?:function|functioning|"
    r"activity|activities|daily activities|ability to work)\b|\bfunction(?:ing)?\s+(?:has\s+)?"
    r"improved\b|\b(?<!not )(?<!never )(?<!no longer )(?<!un)able to (?:keep working|"
    r"continue working|work|return to work|perform (?:his|her|their) (?:job|duties|daily "
    r"activities))\b|\b(?:continues|kept) working\b",
    re.I)
POOR_FUNCTION = re.compile(
    r"\bno (?:(?:specific|objective|meaningful|significant|documented|measurable) ){0,3}"
    r"functional (?:improvement|benefit|gain)\b|\bfunction(?:al "
    r"status)?\s+(?:has|had)?\s*(?:not improved|remained unchanged|worsened|declined)\b|"
    r"\bwithout (?:any )?functional (?:improvement|benefit|gain)\b|\bno improvement in "
    r"function\b|\b(?:not (?:produced|provided|given|shown|brought)|no|without)\s+(?:an?\s+)?"
    r"(?:(?:significant|sustained|meaningful|clear|lasting)\s+(?:(?:or|and)\s+)?)*benefit\s+"
    r"(?:to|in|for|on)\s+(?:(?:the\s+)?pain\s+(?:or|and)\s+)?function\b|"
    r"\bno (?:significant|measurable|meaningful|objective|further) "
    r"(?:improvement|progress)\b(?! in (?:pain|symptoms)\b)", re.I)


# Less need for other medication, described in words: the MTUS counts reduced dependence on
# continued medical treatment as functional improvement ("able to reduce her oral pain
# medication", "his opioid use was cut down", "the pump replaced his oral medications"); a
# stated failure to reduce it is not.
_DRUGS = (r"(?:(?:his|her|their|the|its|all)\s+)?(?:use of\s+)?(?:(?:oral|opioid|narcotic|pain|"
          r"analgesic|other)\s+){0,2}(?:medications?|medicines?|analgesics?|opioids?|"
          r"narcotics?|pills)\b")
_LESS = (r"(?:reduce[ds]?|reducing|cut (?:back|down)(?: on)?|decrease[ds]?|lower(?:ed)?|"
         r"taper(?:ed)?)")
# Done, not planned: "able to reduce", "reduced her medication", "use was cut"; never "plans to
# taper" or "advised to reduce".
LESS_MEDICATION = re.compile(
    rf"\b(?:able to|managed to)\s+{_LESS}\s+{_DRUGS}|\b(?:reduced|decreased|lowered|tapered|"
    rf"cut (?:back|down)(?: on)?)\s+{_DRUGS}|\b(?:replaced|replacing|took the place of)\s+"
    rf"{_DRUGS}|\b(?:medications?|analgesics?|opioids?|"
    r"narcotics?)(?: use)? (?:was|were|has been|have been) (?:reduced|decreased|lowered|cut|"
    r"tapered)\b", re.I)
NO_LESS_MEDICATION = re.compile(
    rf"\b(?:unable to|not able to|could not|couldn't|cannot|can't|did not|didn't|has not|"
    rf"hasn't|have not|without)\s+(?:\w+\s+){{0,3}}?{_LESS}\s+{_DRUGS}|"
    rf"\bno (?:reduction|decrease) in {_DRUGS}", re.I)


# Function the treatment makes possible or keeps up, in words: "lets her function fairly
# normally", "allows him to keep working", "the level of function reached has been kept up".
ENABLED_FUNCTION = re.compile(
    r"\b(?:lets?|letting|allows?|allowed|allowing|enables?|enabled|enabling)\s+(?:him|her|them|"
    r"the patient)\s+(?:to\s+)?(?:function|work|keep working|continue working|carry out (?:his|"
    r"her|their) (?:daily )?activities)\b|\bfunction(?:s|ing)?\s+(?:fairly |relatively |"
    r"reasonably )?normally\b|\b(?:level of )?function(?:ing)?\b[^.;]{0,40}?\b(?:(?:been|is|"
    r"was|were|are) )?(?:maintained|kept up|sustained|preserved)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no longer|unable|cannot|can't|without)\b", re.I)


def _enabled(statement: str) -> bool:
    match = ENABLED_FUNCTION.search(statement)
    if match is None:
        return False
    return not _NEGATED.search(statement[max(0, match.start() - 25):match.end()])


# Pain described as disabling, then relieved ("his intense, debilitating pain was relieved by
# the treatments"): the treatment restored what the pain prevented (qualitative evidence).
DISABLING_RELIEVED = re.compile(
    r"\b(?:debilitating|disabling|incapacitating)\b(?:\s+\w+){0,2}?\s+pain\b[^.;]{0,60}?"
    r"\b(?:relieved|resolved|eliminated)\b", re.I)


def _disabling_relieved(statement: str) -> bool:
    match = DISABLING_RELIEVED.search(statement)
    return match is not None and not _NEGATED.search(match.group(0))


def qualitative_function(fact: Fact) -> bool | None:
    """True for a functional gain on the treatment described in words (including less need
    for other medication, or function it makes possible or keeps up), False for a stated lack
    of one, None when the words say neither."""
    if POOR_FUNCTION.search(fact.statement) or NO_LESS_MEDICATION.search(fact.statement):
        return False
    if GOOD_FUNCTION.search(fact.statement) or LESS_MEDICATION.search(fact.statement) \
            or _enabled(fact.statement) or _disabling_relieved(fact.statement):
        return True
    return None


# Pain in a limb, described in words: "left upper extremity and neck pain", "pain radiating down
# the leg", "sciatica", "arm numbness". A denial of it ("no radicular symptoms", "without
# radiation", "axial pain only") describes axial pain.
LIMB_PAIN = re.compile(
    r"\b(?:(?:upper|lower) (?:extremity|extremities|limb)|arm|arms|leg|legs|buttock and leg|"
    r"thigh|calf|foot|feet|hand|hands|shoulder blade)\b[^.;]{0,30}\b(?:pain|numbness|tingling|"
    r"paresthesias?|symptoms)\b|\b(?:pain|numbness|tingling|symptoms)\b[^.;]{0,30}\b(?:radiat"
    r"\w*|into|down) (?:the |his |her |both )?(?:left |right |bilateral )?(?:arm|arms|leg|legs|"
    r"hand|hands|foot|feet|upper extremit\w*|lower extremit\w*|buttock)\b|\bsciatica\b|"
    r"\bradicular (?:pain|symptoms)\b", re.I)
AXIAL_ONLY = re.compile(r"\bno (?:radicular|radiating) (?:pain|symptoms)\b|\bwithout "
                        r"(?:radiation|radicular)\b|\b(?:axial|non-?radiating) (?:neck |back )?"
                        r"pain only\b|\bdoes not radiate\b", re.I)


# A denial just before a mention of limb pain ("no leg pain", "denies arm numbness", "negative
# for radicular symptoms"): that mention states the pain absent.
# Only words naming the limb may stand between ("no improvement in leg pain" is no denial).
_DENIED_BEFORE = re.compile(r"\b(?:no|denies|denied|without|negative for|free of)\s+(?:(?:left|"
                            r"right|bilateral|both|upper|lower|radiating|new|current|any)\s+)"
                            r"{0,2}$", re.I)


def qualitative_limb_pain(fact: Fact) -> bool | None:
    """True for pain in a limb described in words, False for axial pain stated as such or limb
    pain stated absent, None when the words say neither."""
    if AXIAL_ONLY.search(fact.statement):
        return False
    mentions = list(LIMB_PAIN.finditer(fact.statement))
    if not mentions:
        return None
    return any(not _DENIED_BEFORE.search(fact.statement[:m.start()]) for m in mentions)


# A functional impairment the condition causes, in words ("difficulty with daily activities",
# "unable to work"), or its stated absence ("able to do all daily tasks without significant
# impairment"); the stated absence wins over complaints listed beside it.
NO_IMPAIRMENT = re.compile(
    r"\bwithout (?:any |significant |meaningful )?(?:functional )?(?:impairment|limitation|"
    r"deficits?)\b|\b(?<!not )(?<!un)able to (?:do|perform|complete|manage) (?:all|most|her|his|"
    r"their) (?:usual |normal )?(?:daily )?(?:tasks|activities|ADLs)\b|\bindependent (?:in|"
    r"with) (?:all )?(?:daily activities|ADLs|activities of daily living)\b|\bno functional "
    r"(?:limitations?|deficits?|impairment)\b", re.I)
IMPAIRMENT = re.compile(
    r"\b(?:difficulty|trouble|problems?) (?:with|performing|doing) (?:\w+ ){0,2}?(?:daily "
    r"activities|activities of daily living|ADLs|self-care|work duties|grip(?:ping)?|"
    r"dressing)\b|\b(?:unable to|cannot|can't) (?:work|grip|dress|lift|perform (?:his|her|"
    r"their) (?:job|duties|daily activities))\b|\bfunctional (?:limitations?|deficits?|"
    r"impairment)\b|\blimit(?:s|ed|ations? (?:in|of)) (?:her |his |their )?(?:daily "
    r"activities|activities of daily living|ADLs)\b", re.I)


def qualitative_impairment(fact: Fact) -> bool | None:
    """True for a functional impairment described in words, False for one stated absent, None
    when the words say neither."""
    if NO_IMPAIRMENT.search(fact.statement):
        return False
    return True if IMPAIRMENT.search(fact.statement) else None


def in_words(kind: str, fact: Fact) -> bool | None:
    """What the statement says in words about a ``response``, ``relief`` from a continuing
    treatment, ``function`` (``benefit``: a gain in function, or a response described as poor
    or brief, which shows none), ``limb_pain``, ``impairment``, the injury's ``effects``
    continuing or the injury having ``ended`` (drafting/criteria/effects.py)."""
    if kind in ("effects", "ended"):
        return effects.continuing(fact) if kind == "effects" else effects.ended(fact)
    if kind == "limb_pain":
        return qualitative_limb_pain(fact)
    if kind == "impairment":
        return qualitative_impairment(fact)
    if kind in ("response", "benefit") and POOR_TAGS & set(fact.tags) and not _of_a_drug(fact):
        return False  # the record's own reading (tagged brief or no relief) over 'helped'
    if kind == "relief":  # relief from a continuing treatment (drafting/criteria/care_relief.py)
        return False if POOR_TAGS & set(fact.tags) else care_relief.reads_relief(
            fact, qualitative_response(fact))
    if kind == "benefit":  # a gain in function, or a response too poor to have given one
        found = qualitative_function(fact)
        return False if found is None and qualitative_response(fact) is False else found
    return qualitative_response(fact) if kind == "response" else qualitative_function(fact)


def stated_levels(fact: Fact) -> list[str]:
    """The fact's spinal levels: its field, else the levels its statement names."""
    if fact.levels:
        return list(fact.levels)
    levels = []
    for raw in _LEVEL.findall(fact.statement):
        try:
            level = normalize_level(raw)
        except ValueError:
            continue
        if level not in levels:
            levels.append(level)
    return levels
