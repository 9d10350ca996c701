"""A fact as intake finds it, before it has an id (``Found``), the classified record it is read
from (``Document``), and how a sentence becomes one: its statement as written, its date (the
sentence's own where the kind of fact is an event, else a date its field label gives, else the
record's), side, levels, measures and tags."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from drafting.case import Dose, Duration, Measure
from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import Laterality, ProcedureFamily, RecordType
from drafting.deid.dates import find_partial_date
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.relative_dates import (
    month_and_day,
    month_number,
    month_of_year,
    relative_date,
)
from drafting.intake.extract.sections import label_date
from drafting.intake.extract.short_dates import (
    figures_day,
    ocr_dates,
    opening_date,
    season_year,
)
from drafting.intake.extract.text import Line, Sentence
from drafting.intake.extract.values import date_range, dates_in, measures

RESPONSE_TAGS = {"functional_improvement", "medication_reduction", "adl_improved",
                 "return_to_work", "no_relief", "successful_trial"}
CONSERVATIVE_TAGS = {"physical_therapy", "home_exercise", "chiropractic", "acupuncture",
                     "functional_restoration", "conservative_care_failed"}
MONITORING_TAGS = {"urine_drug_test", "pdmp_check", "opioid_agreement", "treatment_goals",
                   "aberrant_behavior", "four_as_documented"}
FUNCTION_TAGS = {"adl_limitation", "activity_modification", "return_to_work", "adl_improved",
                 "functional_improvement"}
EXAM_TAGS = {"positive_slr", "positive_spurling", "dermatomal_sensory_deficit", "motor_weakness",
             "reflex_change", "facet_loading_pain", "paraspinal_tenderness", "normal_neuro_exam",
             "allodynia", "tinel_sign", "crps_signs", "myofascial_pain"}
PSYCH_TAGS = {"psych_evaluation", "cleared_for_implant", "untreated_psych_condition",
              "substance_use_disorder"}
HISTORY_TAGS = {"radicular_pain", "axial_pain", "neuropathic_pain", "neurogenic_claudication",
                "smoker", "smoking_cessation", "surgery", "red_flag_excluded", "crps_signs"}
RESPONSE_CATEGORY_TAGS = RESPONSE_TAGS | {"odi"}
PSYCH_SCALES = {"PHQ-9", "GAD-7", "ORT", "BDI", "PCS", "PHQ-2", "AUDIT-C", "PSEQ"}
# Records that retell the record (each event told is dated by its own sentence): letters deciding
# a request, a peer-to-peer call's record, an attorney's or a case manager's summary of care,
# a provider's appeal of a denial ("On my examination of 10/08/2026 she had ...").
LETTERS = (RecordType.ur_denial, RecordType.review_decision, RecordType.peer_to_peer,
           RecordType.appeal, RecordType.legal_correspondence)
# A response is the procedure's or the course's it answers: dated by the date its sentence
# gives ("s/p R L4-5 TFESI 6/2/23 - 60-70% relief x ~10 wks"), as a relief told just after the
# sentence dating the procedure is (facts.py, _answered_on).
DATED_BY_TEXT = {C.history, C.medication, C.conservative_care, C.other, C.response}
# ... unless the sentence says it is told at the visit ("ODI ... 24% in July and is 38% today"):
# the blind sets' labelling convention dates a response when reported where the text says so
# (benchmarks/intake_blind/NOTES.md, "date").
# ("now" is no such cue: "60-70% relief x ~10 wks ... now back to ~1 blk" tells the relief's
# course and today's state in one sentence, and its labels date it by the procedure.)
_TOLD_NOW = re.compile(r"\b(?:today|at (?:this|today's) visit)\b", re.IGNORECASE)


@dataclass
class Found:
    """A fact before it has an id: everything a ``Fact`` holds, and where it was read."""

    category: C
    date: dt.date
    statement: str
    page: int
    date_precision: str = "day"  # "month" or "year" when the record gives no day
    named_in_passing: bool = False  # a procedure or study a note names, not its report
    end_date: dt.date | None = None
    procedure: ProcedureFamily | None = None
    laterality: Laterality | None = None
    levels: list[str] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    percent_relief: float | None = None
    duration: Duration | None = None
    dose: Dose | None = None
    mme: float | None = None
    tags: list[str] = field(default_factory=list)
    learned: bool = False  # read by the sentence classifier, not a rule: proposed, pending review


@dataclass
class Document:
    """A classified record: what ``document_facts`` reads."""

    type: RecordType
    date: dt.date
    pages: list[tuple[int, str]]
    lines: list[Line] = field(default_factory=list)
    title: str = ""  # its title as classified ("Functional capacity evaluation - summary")


def stated_date(text: str, doc: Document, seasons: bool = True) -> tuple[dt.date, str] | None:
    """The first date the sentence gives, up to the document's own (a day, else a month or
    a year without a day, else one counted back from the document's: "2 mo ago"), with its
    precision."""
    text = ocr_dates(text)  # (a faxed page's "since 1O/2O26")
    days = [d.date for d in dates_in(text) if d.date <= doc.date]
    if days:
        return days[0], "day"
    if day := month_and_day(text, doc.date):
        return day
    partial = (months_named(text, doc.date) or month_of_year(text, doc.date)
               or year_span(text, doc.date) or find_partial_date(text)
               or month_shorthand(text, doc.date)
               or figures_day(text, doc.date) or (seasons and season_year(text, doc.date))
               or relative_date(text, doc.date))
    return partial if partial and partial[0] <= doc.date else None


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A span of months in one year: "March-April 2023", "between May and July 2022".
_NAMED_SPAN = re.compile(rf"\b{_MONTH}\s*(?:-|\u2013|to|and|through|until)\s*{_MONTH}\s*,?\s*"
                         r"(\d{4})\b", re.IGNORECASE)


# A span of months named without a year ("PT 6 visits Jul-Aug", "March to May"): the months
# up to the record's (capitalised names, so "may" the verb is none).
_MONTHS_OF_RECORD = (r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:[a-z]*\.?)")
_YEARLESS_SPAN = re.compile(rf"\b{_MONTHS_OF_RECORD}\s*(?:-|\u2013|to|through|until)\s*"
                            rf"{_MONTHS_OF_RECORD}\b(?!\s*,?\s*'?\d)")


def months_named(text: str, today: dt.date | None = None) -> tuple[dt.date, str] | None:
    """A course told over a span of named months of one year began in the first (of the
    record's year, or the year before when the span would end after the record)."""
    span = _NAMED_SPAN.search(text)
    if span:
        first, last = (month_number(span.group(i)) for i in (1, 2))
        return (dt.date(int(span.group(3)), first, 1), "month") if first <= last else None
    bare = _YEARLESS_SPAN.search(text) if today else None
    if not bare or today is None:
        return None
    first, last = (month_number(bare.group(i)) for i in (1, 2))
    if first > last:
        return None
    year = today.year if last <= today.month else today.year - 1
    return dt.date(year, first, 1), "month"


# A span from a year ("2019 - 2020", "2021 - 10/2023" in a table's Dates column).
_YEAR_SPAN = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})\s*[-\u2013]\s*(?:\d{1,2}/)?((?:19|20)\d{2})"
                        r"(?![\d/-])")


def year_span(text: str, latest: dt.date) -> tuple[dt.date, str] | None:
    """A course told as a span of years began in the first (a year, no month or day)."""
    span = _YEAR_SPAN.search(text)
    if not span or not int(span.group(1)) <= int(span.group(2)) <= latest.year:
        return None
    return dt.date(int(span.group(1)), 1, 1), "year"


# Chart shorthand for a month: "since 1/25", "10/24-12/24" (month/two-digit year).
_SINCE_MONTH = re.compile(r"\b(?:since|from|in)\s+(\d{1,2})/(\d{2})(?![/\d])", re.IGNORECASE)
_MONTH_RANGE = re.compile(r"(?<![/\d])(\d{1,2})/(\d{2})\s*[-\u2013]\s*(\d{1,2})/(\d{2})(?![/\d])")
_SHORTHAND_YEARS = 30  # a month written m/yy lies within this many years before the record


_DAY_NOT_MONTH = 10  # "m/dd" read as a month this many years back is more likely a day


def _recent_day(month: int, day: int, latest: dt.date) -> bool:
    """"month/day" is a day of the year before ``latest``."""
    for year in (latest.year, latest.year - 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            return False
        if when <= latest:
            return True
    return False


def month_shorthand(text: str, latest: dt.date) -> tuple[dt.date, str] | None:
    """The month a shorthand "m/yy" names after "since", "from" or "in", or opening a range of
    two such months (the second not before the first); never a day ("9/5-10/3" is no month),
    nor a score out of 10 ("down from 7/10")."""
    def month(m: str, yy: str) -> dt.date | None:
        year = 2000 + int(yy)
        if yy == "10" or not 1 <= int(m) <= 12 or not (
                latest.year - _SHORTHAND_YEARS <= year <= latest.year):
            return None
        if latest.year - year > _DAY_NOT_MONTH and _recent_day(int(m), int(yy), latest):
            return None  # "the UDT from 02/03" in 2026 is the 3rd of February, not 2003
        return dt.date(year, int(m), 1)

    if (ranged := _MONTH_RANGE.search(text)) and (first := month(*ranged.group(1, 2))) and (
            last := month(*ranged.group(3, 4))) and last >= first:
        return first, "month"
    if (since := _SINCE_MONTH.search(text)) and (first := month(*since.group(1, 2))):
        return first, "month"
    return None


# A work status that began on a date ("off work since 05/2024", "He stopped working in 2021",
# "has not worked as a hygienist since 08/2023", "Back to modified duty 1/6/25"), and what a
# past visit observed ("At his last visit on 11/19/2024 he could walk four blocks"): told on
# that date, not on the record's.
_SINCE = re.compile(r"\b(?:off|worked|working) (?:work )?since\b|\b(?:stopped|quit|ceased|"
                    r"left|has not|hasn't|have not|not) (?:working|worked)\b|\bback to (?:full |"
                    r"modified |light |regular |restricted )?(?:duty|work)\b|\b(?:at|on) "
                    r"(?:his|her|their|the) (?:last|prior|previous) visit\b", re.IGNORECASE)


# What the sentence compares its finding with, told after it: an earlier value in parentheses
# ("LBP 4/10 (initial 12/28/2023: 7/10)", "Epworth 16/24 today (was 11 in 2024)", "hydrocodone
# again (had stopped in 2025)"): its date is the earlier value's, not the fact's.
_EARLIER = re.compile(r"\((?:was|were|had|initial(?:ly)?|baseline|prior|previously|down from|"
                      r"up from|from|vs\.?)\b[^)]*\)", re.IGNORECASE)


def statement(sentence: Sentence) -> str:
    """The sentence as written, with its field label when it opens a labelled value."""
    return f"{sentence.lead} {sentence.text}" if sentence.lead else sentence.text


def make_fact(category: C, sentence: Sentence, doc: Document, tags: list[str],
          **values: object) -> Found:
    text = sentence.text
    found = Found(category=category, date=doc.date, statement=statement(sentence),
                  page=sentence.page, laterality=laterality(text), levels=levels(text),
                  measures=measures(text), tags=tags)
    for key, value in values.items():
        setattr(found, key, value)
    # A letter's case summary reports events: each sentence's own date, else the letter's.
    # events are dated by their sentence; so is a return to work ("Returned to work 02/07/2022")
    # and a work status "since" a date ("He has not worked since 05/2024")
    told_now = category is C.response and _TOLD_NOW.search(text) and doc.type not in LETTERS
    if (category in DATED_BY_TEXT and not told_now) or doc.type in LETTERS or (
            category is C.utilization_review) or (
            category is C.functional and ("return_to_work" in tags or _SINCE.search(text))):
        text = _EARLIER.sub(" ", text)  # "LBP 4/10 (initial 12/28/2023: 7/10)": today's
        span = date_range(text)
        if span:
            found.date, found.end_date = span
        else:
            told = told_from(found.procedure, text)
            # (a course of care "in the fall of 2023" keeps its note's date, as the examples'
            # cases have it: no season dates it)
            seasons = category is not C.conservative_care
            stated = stated_date(told, doc, seasons) or stated_date(text, doc, seasons)
            if stated is None and category in (C.medication, C.conservative_care):
                stated = bare_year(text, doc.date)  # "Tried duloxetine 30 mg 2023 -> nausea"
            elif stated is None and category is C.history:
                stated = history_year(text, doc.date)  # "chronic LBP since about 2015"
            if stated:
                found.date, found.date_precision = stated
    elif (opened := opening_date(text, doc.date)) is not None:
        found.date, found.date_precision = opened, "day"  # "Exam on 02/26/2025: ..."
    # "Baseline (01/30/2023): leg pain 8/10" was observed on the label's date.
    stated = label_date(sentence.label)
    if stated and found.date == doc.date and found.date_precision == "day":
        found.date, found.date_precision = stated
    names = {m.name for m in found.measures}
    found.tags = [t for t in found.tags if (t != "odi" or "ODI" in names)
                  and (t != "bmi" or "BMI" in names)]
    return found


# A year alone in a drug's or a course of care's line ("Topical diclofenac gel 2021 - did
# nothing", "stopped 2025", "chiropractic x 12 (2024)"), not a dose ("2000 mg") nor part of a
# date or a code, nor the end of a span ("through the end of 2023").
_BARE_YEAR = re.compile(r"(?<![\d/.#:-])((?:19[5-9]|20[0-4])\d)(?![\d/.%:-])(?!\s*(?:mg|mcg|ml|"
                        r"units?|iu|g\b|cc|tabs?|tablets?|caps?))", re.IGNORECASE)


_UNTIL = re.compile(r"\b(?:(?:through|until|till|by|to|end of)(?: the end of)?|"
                    r"(?:fall|autumn|spring|summer|winter|early|late|mid)(?: of)?)\s*$",
                    re.IGNORECASE)  # (nor a season's: "in the fall of 2023")


def bare_year(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The first year a drug's line names on its own, up to the record's year."""
    text = ocr_dates(text)
    years = [int(m.group(1)) for m in _BARE_YEAR.finditer(text)
             if not _UNTIL.search(text[:m.start()])]  # ("through the end of 2023": an end)
    year = next((y for y in years if y <= today.year), None)
    return (dt.date(year, 1, 1), "year") if year else None


_WINDOW, _NEXT_TO = 30, 20  # how far a surgery's year may follow or precede its name


def history_year(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The year a history sentence names on its own ("chronic LBP since about 2015", "Prostate
    ca dx 2021", "onset approx. 2023"), unless it is the year of a surgery the sentence names
    beside it ("pain after L4-5 laminectomy (2019)", "pain after a 2020 discectomy"): that
    surgery is a fact of its own at that year (surgeries.py), and the pain told after it is the
    record's."""
    from drafting.intake.extract.surgeries import SURGERY

    year = bare_year(text, today)
    if year is None:
        return None
    at = re.search(rf"(?<![\d/.-]){year[0].year}(?![\d/])", text)
    if at is None:
        return year
    before = [m.end() for m in SURGERY.finditer(text, 0, at.start())]
    after = SURGERY.search(text, at.end(), at.end() + _NEXT_TO)  # ("after a 2020 discectomy")
    if (before and at.start() - before[-1] <= _WINDOW) or after:
        return None
    return year


def group_of(tag: str) -> str:
    from drafting.intake.extract.vocabulary import finding_patterns

    return next(p.group for p in finding_patterns() if p.tag == tag)


def told_from(family: ProcedureFamily | None, text: str) -> str:
    """The sentence from where it names ``family``'s procedure: a procedure (and its response)
    told beside other care is dated by the date after its name ("16 sessions of PT between
    01/2024 and 04/2024, and a left L5 TFESI in 10/2024 gave 50% relief": 10/2024)."""
    from drafting.intake.extract.vocabulary import procedures

    if family is None:
        return text
    entry = next((e for e in procedures() if e.family is family), None)
    named = entry.pattern.search(text) if entry else None
    return text[named.start():] if named else text
