"""Medications as records tell them in lines of their own: a plan's "Continue <drug with dose>"
(``continued_drug``; not told twice), several drugs in one sentence, each dated by its own words
(``other_drugs``), pain scored with the drugs and without them (``analgesic_response``) and a
pain score after a procedure (``scored_after``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.found import Document, Found, bare_year, stated_date
from drafting.intake.extract.medications import Medication, medications_in, ocr_read
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import measures
from drafting.intake.extract.vocabulary import drugs

# "Continue gabapentin 300 mg tid and duloxetine 60 mg daily.": drugs the patient takes now,
# which the plan keeps (not a drug to come); a drug already told in the record is not told again.
_CONTINUE = re.compile(r"^(?:cont\.?|continue|continues|continuing)\s+(?:home\s+|current\s+|"
                       r"same\s+)?", re.IGNORECASE)


def continued_drug(text: str) -> bool:
    """A plan's "Continue" naming drugs with their doses, nothing else to come."""
    match = _CONTINUE.match(text)
    if not match or re.search(r"\b(?:will|consider|plan|start|begin|add|increase|decrease|"
                              r"taper|wean|if|PT|therapy|HEP|exercises?|visits?|refer\w*)\b|;",
                              re.sub(r"\([^)]*\)", " ", text), re.IGNORECASE):
        return False  # (what a parenthesis adds, "increased from 300 mg qhs on 03/31", is told)
    return any(m.amount is not None for m in medications_in(text))


def drugs_told_once(found: list[Found]) -> list[Found]:
    """A plan continuing drugs the record already gave (its medication list, its history)
    restates them: no second fact."""
    told: set[str] = set()
    out = []
    for fact in found:
        if fact.category is C.medication and continued_drug(fact.statement):
            named = {m.drug.name for m in medications_in(fact.statement)}
            if named and named <= told:
                continue
        if fact.category is C.medication:
            told |= {m.drug.name for m in medications_in(fact.statement)}
        out.append(fact)
    return out


_SCORE = re.compile(r"(?<![\d/])\d{1,2}(?:\.\d)?\s?/\s?10\b")
_ON_DRUGS = re.compile(r"\b(?:on|with|w/)\s*(?:(?:the|her|his|their|current|pain)\s+)?(?:meds?|"
                       r"medications?|analgesics?|opioids?|narcotics?)\b", re.IGNORECASE)
_OFF_DRUGS = re.compile(r"\b(?:w/o|without|off)\b", re.IGNORECASE)


# A pain score taken after a procedure: "post-procedure pain 3/10", "Pain 2/10 at 30 minutes",
# "pain 4/10 after the injection" (not "pain after sitting 20 minutes").
_AFTER_PROCEDURE = re.compile(
    r"\bpost-?\s?(?:procedure|procedural|op(?:erative(?:ly)?)?|injection|block|ablation|"
    r"kyphoplasty|implant)\b|"
    r"(?<![\w>])(?:at|after) \d{1,3} ?(?:min(?:ute)?s?|hours?|hrs?)\b(?! (?:of|before|sitting|"
    r"standing|walking))|\bafter the (?:procedure|injection|block|ablation)\b", re.IGNORECASE)


def scored_after(text: str) -> bool:
    """A pain score a sentence gives for the time after a procedure."""
    match = _AFTER_PROCEDURE.search(text)
    return bool(match) and any(m.name in ("NRS", "VAS") for m in measures(text)) and not \
        re.search(r"\b(?:sit|sitting|stand|standing|walk|walking|driving)\b",
                  text[max(0, match.start() - 25):match.start()], re.IGNORECASE)


def _drug_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each drug of a sentence is told: from its name to the next drug's."""
    read = ocr_read(text)
    found = sorted({(m.start(), m.end(), drug.name) for drug in drugs()
                    for m in [drug.pattern.search(read)] if m})
    # a combination product ("hydrocodone-APAP 5-325 mg") is one drug's span
    starts = [(a, name) for i, (a, _, name) in enumerate(found)
              if i == 0 or read[found[i - 1][1]:a].strip(" ") not in ("-", "/", "")]
    return [(start, starts[i + 1][0] if i + 1 < len(starts) else len(read), name)
            for i, (start, name) in enumerate(starts)]


# A drug its own words say is taken now, in a sentence dating other care ("Has done PT x 12
# visits (2025), acetaminophen and meloxicam 15 mg daily (ongoing)", "then meloxicam 15 mg
# daily, which she still takes"): the record's day, whatever date the sentence gives first.
_TAKEN_NOW = re.compile(r"\(\s*(?:ongoing|current(?:ly)?|continu\w*)\b|\bwhich (?:she|he|they) "
                        r"(?:still|continues to) takes?\b|\bstill tak(?:es|ing)\b",
                        re.IGNORECASE)
_NOW_WINDOW = 60  # how far after the drug's name its "(ongoing)" may be told


def taken_now(text: str, med: Medication) -> bool:
    """``med``'s own words in ``text`` say it is taken now."""
    own = next(((a, b) for a, b, name in _drug_spans(text) if name == med.drug.name), None)
    return own is not None and _said_now(ocr_read(text), own)


# Where a list's item ends: a semicolon or a comma after the item's parenthesis ("gabapentin
# 600 mg tid (increased 9/9), no opioids since June"); not a full stop, which may end an
# abbreviation ("-- prescriber: Dr. Leopold ... last fill 06/09/2026").
_ITEM_END = re.compile(r";|(?<=\)),")


def _own_item(read: str, own: tuple[int, int]) -> str:
    """The words of a drug's own item: from its name to the end of its item, never the next
    drug's or the next item's words."""
    return _ITEM_END.split(read[own[0]:own[1]])[0]


def _said_now(read: str, own: tuple[int, int]) -> bool:
    """The words of a drug's own span (``own`` in the OCR reading ``read``) say it is taken now."""
    after = _own_item(read, (own[0], min(own[1], own[0] + _NOW_WINDOW)))
    return bool(_TAKEN_NOW.search(re.split(r"\.\s", after)[0]))


# A list of the drugs taken now, under its label ("meds: gabapentin 4OO mg tid (PCP), lidocaine
# 5% patch ..., APAP prn. tried meloxicam - GI upset. no opioids since 2O25"): a drug of the list
# is dated by its own item, else it is taken on the record's day; a year in a later item (an
# absence's, a drug tried before) is that item's, even where the list names one dose.
_MEDICATION_LIST = re.compile(r"^\W*(?:current\s+|home\s+|active\s+)?(?:meds?|medications?|"
                              r"medicines?|rx)\s*[:=-]", re.IGNORECASE)


def medication_list(text: str) -> bool:
    """``text`` is a list of current drugs under its label."""
    return bool(_MEDICATION_LIST.match(text))


def drug_date(text: str, med: Medication, doc: Document) -> tuple[dt.date, str] | None:
    """The date a sentence naming several drugs gives ``med`` in its own words ("He takes
    naproxen 500 mg ... and has been on gabapentin 600 mg tid since about April": April is
    gabapentin's), else the date told before the first drug, else none (the record's)."""
    spans = _drug_spans(text)
    own = next(((a, b) for a, b, name in spans if name == med.drug.name), None)
    if own is None or not spans:
        return None
    read = ocr_read(text)
    if _said_now(read, own):
        return doc.date, "day"
    return stated_date(_own_item(read, own), doc) or stated_date(read[:spans[0][0]], doc) or (
        doc.date, "day")


def own_date(text: str, name: str, doc: Document) -> tuple[dt.date, str] | None:
    """The date a drug's own item states ("gabapentin stopped 2025 d/t dizziness"), if any."""
    own = next(((a, b) for a, b, drug in _drug_spans(text) if drug == name), None)
    if own is None:
        return None
    item = _own_item(ocr_read(text), own)
    return stated_date(item, doc) or bare_year(item, doc.date)


def other_drugs(found: Found, sentence: Sentence, doc: Document) -> list[Found]:
    """The other drugs a sentence tells with their doses, each a medication of its own, dated
    by its own words ("Taking meloxicam 15 mg daily and gabapentin 300 mg tid since March").
    A drug told without its dose is a fact of its own only where its item states its own date
    ("..., gabapentin stopped 2025 d/t dizziness"): otherwise the sentence's fact holds it."""
    meds = medications_in(sentence.text)
    if found.category is not C.medication or not meds:
        return []
    first = found.dose.drug if found.dose else meds[0].drug.name
    out = []
    told = {name for _, _, name in _drug_spans(sentence.text)}
    for med in meds[1:]:
        if med.drug.name == first or med.drug.name not in told:
            continue  # (the second name of a combination product is the product's)
        if med.amount is not None and med.dose:
            day, precision = drug_date(sentence.text, med, doc) or (found.date,
                                                                    found.date_precision)
        elif (own := own_date(sentence.text, med.drug.name, doc)) and own[0] != found.date:
            day, precision = own
        else:
            continue
        out.append(replace(found, dose=med.dose, mme=med.mme, tags=list(med.drug.tags),
                           date=day, date_precision=precision, duration=None, measures=[]))
    return out


def analgesic_response(text: str) -> bool:
    """Pain scored with the drugs and without them ("Pain 5/10 on meds, 8/10 w/o", "pain 7/10
    without and 4/10 with tramadol"): the drugs' response."""
    if len(_SCORE.findall(text)) < 2 or not _OFF_DRUGS.search(text):
        return False
    return bool(_ON_DRUGS.search(text)) or bool(
        re.search(r"\bwith\s+\w", text) and any(
            m.drug for m in medications_in(text[re.search(r"\bwith\s+\w", text).start():])))
