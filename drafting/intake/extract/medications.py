"""Medications: drug, dose, frequency and, for opioids, morphine milligram equivalents per day
(CDC 2022 conversion factors, drafting/intake/data/mme.yaml); pharmacy fill histories grouped
into courses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from drafting.case import Dose
from drafting.deid.dates import find_dates
from drafting.intake.extract.negation import negated
from drafting.intake.extract.vocabulary import Drug, drugs

# "10 mg"; a combination's strengths "5/325 mg" and "10-325 mg" give the first drug's.
# An amount may carry a thousands separator ("1,000 mg"): read whole, never as "000 mg".
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                     r"(?:\s*[/-]\s*\d+(?:\.\d+)?)?\s*(mcg/hr|mcg/h|mcg|mg|g|mL)\b",
                     re.IGNORECASE)
# Chart shorthand writes the amount without its unit, right before the frequency ("Celecoxib
# 200 qd", "gabapentin now 300 TID"): the amount is read, the unit is not supplied.
_BARE_AMOUNT = re.compile(r"^\s*(?:now\s+)?(\d{1,4}(?:\.\d+)?)\s+(?=(?:q\.?d|b\.?i\.?d|t\.?i\.?d|"
                          r"q\.?i\.?d|q\.?h\.?s|qam|qpm|daily|prn|q\d+h)\b)", re.IGNORECASE)
_UNITS_PER_DOSE = re.compile(r"\b(\d+|one|two|three)\s+(?:tabs?|tablets?|caps?|capsules?|pills?|"
                             r"patch(?:es)?|sprays?)\b(?!\s+(?:a|per)\s+day)", re.IGNORECASE)
_MAX_PER_DAY = re.compile(r"(?:maximum|max\.?|up to|no more than)\s+(\d+)\s+(?:tabs?|tablets?|"
                          r"caps?|capsules?|doses?|pills?)?\s*(?:a|per|each)\s+day", re.IGNORECASE)
_FREQUENCIES: list[tuple[re.Pattern[str], str, float | None]] = [
    (re.compile(p, re.IGNORECASE), text, per_day) for p, text, per_day in [
        (r"\bfour times (?:a |per )?day\b|\bfour times daily\b|\bq\.?i\.?d\.?\b",
         "four times daily", 4),
        (r"\bthree times (?:a |per )?day\b|\bthree times daily\b|\bt\.?i\.?d\.?\b",
         "three times daily", 3),
        (r"\btwice (?:a |per )?day\b|\btwice daily\b|\btwo times (?:a |per )?day\b|"
         r"\bb\.?i\.?d\.?\b", "twice daily", 2),
        (r"\bevery (\d+) (?:hours?|hrs?)\b|\bq(\d+)h\b", "every {} hours", None),
        (r"\bat bedtime\b|\bnightly\b|\bq\.?h\.?s\.?\b|\bat night\b", "at bedtime", 1),
        (r"\bonce (?:a |per )?day\b|\bonce daily\b|\bdaily\b|\bevery day\b|\bq\.?d\.?\b|\bqam\b",
         "once daily", 1),
        (r"\bas directed\b", "as directed", None),
    ]
]
_AS_NEEDED = re.compile(r"\bas needed\b|\bp\.?r\.?n\.?\b", re.IGNORECASE)
_WORDS = {"one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class Medication:
    drug: Drug
    amount: float | None = None
    unit: str | None = None
    frequency: str | None = None
    per_day: float | None = None  # doses a day, where the frequency or a maximum says
    units_per_dose: float = 1.0

    @property
    def dose(self) -> Dose | None:
        if self.amount is None or self.amount <= 0 or self.unit is None or \
                self.frequency is None:
            return None  # "0 mg" is no dose (a misread, or a drug stopped): never a crash
        return Dose(drug=self.drug.name, amount=self.amount, unit=self.unit,
                    frequency=self.frequency)

    @property
    def mme(self) -> float | None:
        """Morphine milligram equivalents a day at the most the directions allow."""
        drug = self.drug
        if drug.mme_factor is None or self.amount is None or self.unit is None:
            return None
        if drug.mme_unit == "mcg/hr":
            value = self.amount * drug.mme_factor if self.unit.startswith("mcg/h") else None
        elif self.unit == "mg" and self.per_day is not None:
            value = self.amount * self.units_per_dose * self.per_day * drug.mme_factor
        else:
            value = None
        if value is None:
            return None
        value = round(value, 1)
        return float(int(value)) if value == int(value) else value


def frequency(text: str) -> tuple[str | None, float | None]:
    for pattern, label, per_day in _FREQUENCIES:
        match = pattern.search(text)
        if not match:
            continue
        if "{}" in label:
            hours = int(next(g for g in match.groups() if g))
            label, per_day = label.format(hours), 24 / hours if hours else None
        if _AS_NEEDED.search(text) and label != "as directed":
            label += " as needed"
        return label, per_day
    return None, None


# What a scanner's text recognition does to a drug line ("rnethocarbamol 750rng", "naproxen
# 55O rng BlD", "gabapentin 3OO mg TlD", "cyclobenzapr1ne"): "rn" read for "m", "O" for "0"
# beside digits, "l" for "I" in BID/TID/QID, "1" or "0" inside a word. A word is read again only
# when the corrected word is a drug of the lexicon.
_OCR_ZERO = re.compile(r"(?<=\d)[Oo]+\b|(?<=\d)[Oo]+(?=\d)|\b[Oo](?=\d)")
_OCR_MG = re.compile(r"(?<=\d)\s?rng\b|\brng\b")
_OCR_TIMES = re.compile(r"\b([BTQ])[l1]D\b")
_OCR_WORD = re.compile(r"\b[A-Za-z]*(?:rn|[A-Za-z][10][A-Za-z])[A-Za-z0-9]*\b")


def ocr_read(text: str) -> str:
    """``text`` with a scanner's usual misreadings of a drug line corrected."""
    text = _OCR_MG.sub(lambda m: " mg" if m.group(0)[0] != "r" else "mg", text)
    text = _OCR_ZERO.sub(lambda m: "0" * len(m.group(0)), text)
    text = _OCR_TIMES.sub(lambda m: f"{m.group(1)}ID", text)

    return _OCR_WORD.sub(lambda match: _drug_word(match.group(0)), text)


@lru_cache(maxsize=4096)
def _drug_word(raw: str) -> str:
    if any(d.pattern.fullmatch(raw) for d in drugs()):
        return raw
    fixed = raw.replace("rn", "m").replace("1", "i").replace("0", "o")
    return fixed if any(d.pattern.fullmatch(fixed) for d in drugs()) else raw


def medications_in(text: str) -> list[Medication]:
    """Each drug named in ``text`` with the dose and directions written after it (read
    through a scanner's misreadings, ``ocr_read``)."""
    text = ocr_read(text)
    found = []
    for drug in drugs():
        match = drug.pattern.search(text)
        if not match:
            continue
        tail = text[match.end():]
        # The next drug ends this one's directions, unless joined to it as one combination
        # product ("Hydrocodone-APAP 10-325 mg", "oxycodone/acetaminophen").
        following = [m for d in drugs() for m in d.pattern.finditer(tail)
                     if tail[:m.start()].strip(" -/")]
        stop = min([m.start() for m in following] + [len(tail)])
        tail = tail[:stop]
        amount = _AMOUNT.search(tail[:40])
        label, per_day = frequency(tail)
        maximum = _MAX_PER_DAY.search(tail)
        if maximum:
            per_day = float(maximum.group(1))
        units = _UNITS_PER_DOSE.search(tail)
        units_per_dose = 1.0
        if units and not maximum:
            raw = units.group(1).lower()
            units_per_dose = float(_WORDS.get(raw, raw))
        bare = None if amount else _BARE_AMOUNT.match(tail)
        found.append((match.start(), Medication(
            drug, float(amount.group(1).replace(",", "")) if amount else
            float(bare.group(1)) if bare else None,
            amount.group(2).lower().replace("mcg/hr", "mcg/h") if amount else None,
            label, per_day, units_per_dose)))
    return [m for _, m in sorted(found, key=lambda pair: pair[0])]


# ----------------------------------------------------------------------------- pharmacy

_FILL_LINE = re.compile(r"^\s*(?P<date>\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\s+(?P<rest>.+)$")


def _description(rest: str) -> str:
    """The drug and directions column of a fill line: columns are 2+ spaces apart, and the
    one naming a drug is it (an Rx number column may come first); when the spacing was lost,
    the text up to the end of the directions."""
    columns = [c.strip() for c in re.split(r"\s{2,}", rest) if c.strip()]
    if len(columns) > 1:
        return next((c for c in columns if medications_in(c)), columns[0])
    ends = [m.end() for p, _, _ in _FREQUENCIES if (m := p.search(rest))]
    ends += [m.end() for m in [_AS_NEEDED.search(rest)] if m]
    return rest[:max(ends)].strip() if ends else rest


@dataclass
class Course:
    """Fills of one drug, strength and directions: the first and last fill date."""

    description: str
    medication: Medication
    page: int
    fills: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def statement(self) -> str:
        first, last = self.fills[0][1], self.fills[-1][1]
        if len(self.fills) == 1:
            return f"{self.description}, filled once on {first}."
        return f"{self.description}, filled {len(self.fills)} times from {first} to {last}."


def pharmacy_courses(pages: list[tuple[int, str]]) -> list[Course]:
    courses: dict[tuple, Course] = {}
    for page, text in pages:
        for line in text.splitlines():
            match = _FILL_LINE.match(line)
            if not match:
                continue
            dates = list(find_dates(match.group("date")))
            meds = medications_in(match.group("rest"))
            if not dates or not meds:
                continue
            description = _description(match.group("rest").strip())
            med = meds[0]
            key = (med.drug.name, med.amount, med.unit, med.frequency)
            course = courses.setdefault(key, Course(description, med, page))
            course.fills.append((dates[0].date, dates[0].text))
    for course in courses.values():
        course.fills.sort()
    return sorted(courses.values(), key=lambda c: (c.fills[0][0], c.medication.drug.name))


# Where a note lists the drugs taken, with a dose or not; never its allergies.
MEDICATION_PLACES = re.compile(r"\bmed(?:ication)?s\b|\bmedications?\b|\brx\b", re.IGNORECASE)
_ALLERGY = re.compile(r"allerg", re.IGNORECASE)


# A drug a sentence says was taken, given or tried, without a dose ("he was given
# cyclobenzaprine and naproxen", "He tried meloxicam but stopped it in 2021"): the verb comes
# before the drug, in its clause.
_TAKEN = re.compile(r"\b(?:was|were) (?:given|prescribed|started on|placed on|put on)\b|"
                    r"\b(?:tried|took|take|takes|taking|stopped|discontinued|uses|using|"
                    r"tapered off)\b|\b(?:I|she|he|they|pt|patient) use[sd]?\b|"
                    r"\b(?:was|were|is|am|are|been|remains|stays) on\b", re.IGNORECASE)
_NOT_TAKEN = re.compile(r"\b(?:if|consider\w*|may|might|would|could|will|plan\w*|request\w*|"
                        r"recommend\w*|never|avoid\w*|refused|declined|allerg\w*)\b|\?",
                        re.IGNORECASE)


# ... or the verb comes after the drug, in shorthand and in what the patient says of it
# ("Naproxen and cyclobenzaprine given.", "cyclobenzaprine stopped 2025 (drowsy)", "diclofenac
# gel - 'tried'", "gabapentin 'made him foggy' and he stopped it"), or the drugs are trials
# ("trials of gabapentin, nortriptyline and duloxetine, all stopped").
_TAKEN_AFTER = re.compile(r"\b(?:given|tried|stopped|discontinued|d/c'?d|made (?:him|her|me|them)|"
                          r"not tolerated|helped)\b", re.IGNORECASE)
_TRIALS_OF = re.compile(r"\btrials? of\b", re.IGNORECASE)
_AFTER_REACH = 60  # how far after the drug's name its verb may stand


def drugs_taken(text: str) -> list[Medication]:
    """Drugs a sentence says were taken, given or tried, without a dose; none planned,
    considered, refused or negated."""
    if _NOT_TAKEN.search(text):
        return []
    taken = _TAKEN.search(text) or _TRIALS_OF.search(text)
    found = medications_in(text[taken.end():]) if taken else []
    if not found:  # the verb after the drug
        first = min((m.start() for d in drugs() for m in [d.pattern.search(text)] if m),
                    default=None)
        if first is not None and _TAKEN_AFTER.search(text, first, first + _AFTER_REACH):
            found = medications_in(text[first:])
    return [m for m in found
            if not negated(text, next((w.start() for w in [m.drug.pattern.search(text)] if w), 0))]


def drugs_listed(text: str, place: str) -> list[Medication]:
    """Drugs a note's medication field or section names, without a dose ("Meds: naproxen and a
    muscle relaxer at night"), none negated, none an allergy; elsewhere, drugs a sentence says
    were taken, given or tried (``drugs_taken``)."""
    if _ALLERGY.search(f"{place} {text}"):
        return []
    if not MEDICATION_PLACES.search(place):
        return drugs_taken(text)
    return [m for m in medications_in(text)
            if not negated(text, next((w.start() for w in [m.drug.pattern.search(text)] if w), 0))]
