"""Ages over 89 (HIPAA), birth dates (OCR-damaged ones too) and dates too damaged to shift."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import DATE_PATTERN
from drafting.deid.given_names import is_given_name
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits
from drafting.deid.terms import LOWER, U, is_clinical_word
from drafting.deid.words import is_word

# ----------------------------------------------------------------------------- ages and dates

_UNITS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
AGE_WORDS = re.compile(
    rf"(?i)\b(?:ninety(?:[- ](?:{_UNITS}))?|one hundred(?:(?: and)?[- ](?:{_UNITS}))?)"
    r"(?:[- ](?:years?|yrs?)[- ]old|[- ]year[- ]old)?\b"
    r"(?![- ](?:percent|%|minutes?|mins?|seconds?|days?|hours?|degrees?|mg|mcg|ml|feet|foot|"
    r"pounds?|lbs?|times|milligrams?|units?|patients?|cases?|points?))"
)
AGE_NUMBER = re.compile(  # a scan's l, I or O for the digit of "9l yrs" too
    r"(?i)(?<![\w.])(?:9[\dlIO]|1[01]\d)(?:[- ]?(?:years?|yrs?|y)[- ]?old\b"
    r"|[ -]?(?:y/o|y\.o\.|yo|yr|yrs|years?|y)(?![a-z])"
    r"|[ ](?:años|anos|ans|anni|jahre)\b)"  # Spanish, French, Italian, German: "93 años"
)
# An age after a cue. Where the cue is only an age word or a pronoun ("age 93", "aged 96",
# "she's 93"), the cue goes with the number; not a score, a dose or a weight ("93%", "93 mg").
AGE_LABELLED = re.compile(
    r"(?i)\b(?P<cue>(?P<own>age|aged|age/sex|she's|he's|shes|hes|she[ ]is|he[ ]is|cumple|cumplió|"
    r"cumplio|she'll[ ]be|he'll[ ]be|she[ ]will[ ]be|he[ ]will[ ]be)|who is|who's|is now|now|"
    r"turned|turns|turning|died[ ]at|passed[ ]away[ ]at|passed[ ]at|deceased[ ]at|death[ ]at)"
    r"\s*[:=]?\s*"
    r"(?P<value>0?9\d|1[01]\d)(?!\d|\.\d|\s*%|\s*(?:percent|mg|mcg|ml|minutes|min|days|degrees|"
    r"lbs?|pounds|kg|cm|mm|in(?![ ]+[A-Za-z])|inches|feet|times|visits|sessions|points|beats|"
    r"bpm)\b)")
# An age set off by commas after a name: "Aurelio Salas, 96, lives in Jalisco".
AGE_APPOSITION = re.compile(
    rf"(?<![\w'’-]){U}[{LOWER}]+,[ ](?P<value>9\d|1[01]\d),[ ](?=[a-z])")
# An age in a clinician's shorthand with the sex ("93F", "101M"), not after a temperature; an age
# birthday ("her 95th birthday"); "93 going on 94"; a given name's age ("Ruth is 96").
AGE_SHORT = re.compile(
    r"(?<![\w.])(?:9\d|1[01]\d)(?:[FM](?![\w])|(?:st|nd|rd|th)[ ]birthday\b"
    r"|[ ]going[ ]on[ ](?:9\d|1[01]\d)\b)")
_AGE_CUE_BEFORE = re.compile(r"(?i)\b(?:aged?)[ ]$")
_TEMPERATURE = re.compile(r"(?i)(?:temp|temperature|t|tmax|fever|°)\W{0,3}$")
AGE_OF_NAME = re.compile(r"[ ]is[ ](?P<value>9\d|1[01]\d)"
                         r"(?![\d/%.]|\s*(?:percent|mg|kg|lbs?|pounds|bpm|beats|points)\b)")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])(?P<name>{U}[{LOWER}]+)$")
# A relative named in apposition, then her age: "a great-aunt, Sr. Ines Baca, is 103 and ...".
AGE_OF_KIN = re.compile(r"(?i)\b(?:great-)?(?:grand)?(?:aunt|uncle|mother|father|sister|brother|"
                        r"cousin|neighbou?r|friend|godmother|godfather)\b,[ ][^,.;\n]{0,40}"
                        r"(?:\.[^,.;\n]{0,30})?,[ ]is[ ](?P<value>9\d|1[01]\d)(?![\d/%.])")
# An elder of the family and her age: in brackets after the kin word or a name ("mother (91)",
# "Mrs. Halina Wróblewska (91)"), or "is 91" later in the clause ("his dad is 91", "my abuela
# Natividad Ibarra Soto is 94", "Grandpa Arvid lives with them and is 92"); no measure between
# ("Mother's O2 is 94" is a saturation).
_ELDER = (r"(?:great-)?(?:grand)?(?:mother|father|mom|mum|dad|parent)|grandma|grandpa|"
          r"granny|nana|abuel[ao]|abuelit[ao]|babcia|dziadek|nonn[ao]|oma|opa|aunt|uncle|"
          r"t[ií][ao]|great-aunt|great-uncle")
AGE_IN_BRACKETS = re.compile(rf"(?:(?i:\b(?:{_ELDER}))|(?P<name>{U}[{LOWER}]+))[ ]"
                             r"\((?P<value>9\d|1[01]\d)\)")
AGE_OF_ELDER = re.compile(rf"(?i:\b(?:{_ELDER})\b)(?P<gap>[^.;:?!\n\d]{{0,45}}?)[ ]is[ ]"
                          r"(?P<value>9\d|1[01]\d)(?![\d/%.]|\s*(?:percent|mg|kg|lbs?|pounds|"
                          r"bpm|beats|points)\b)")
# An elder of the family, then her age set off by a comma at the end of the clause or the
# bracket, as intake forms and histories list a household: "(father, lives with pt, 93)", "her
# mother, Stanisława Wróblewska, 94)", "her mother, 91.", "her mother, 92 since August"; not a
# number a unit or a measure follows ("mother, 94 lbs", "father, 95%").
AGE_AFTER_ELDER = re.compile(rf"(?i:\b(?:{_ELDER})\b)(?P<gap>,[^.;:?!\n\d()]{{0,45}}?)?,\s+"
                             r"(?P<value>9\d|1[01]\d)(?=[ \t]*[).,;]|[ \t]*$|[ ](?:and|since|now|"
                             r"today|this|who|lives|lived|living|stayed|waited|is|was|at)\b)",
                             re.MULTILINE)
_MEASURE = re.compile(r"(?i)\b(?:o2|sat|sats|spo2|saturation|bp|pulse|hr|heart|rate|score|"
                      r"weight|glucose|sugar|level|temp|temperature|a1c|pressure|reading)\b")
_OCR_DIGIT = r"[0-9OoIl|]"
OCR_DATE = re.compile(
    rf"(?<![\w/.-]){_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{2,4}}(?![\w/-])")
DOB = re.compile(
    r"\b(?:DOB|D[.]?[O0][.]?B\.?|date of birth|birth ?date|born(?: on)?)(?:[ ][a-z-]{2,15}){0,3}"
    r"(?:[^\S\n]*\([^)\n]{0,30}\))?"
    r"[^\S\n]*[:#,-]?[^\S\n]*"
    r"(?P<value>" + DATE_PATTERN.pattern.removeprefix(r"(?<![\w/.-])") +
    rf"|{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{1,2}}[/.-]{_OCR_DIGIT}{{2,4}}|\d{{6}}|\d{{8}}"
    r"|\d{2}[ ]\d{2}[ ]\d{4}|\d{2}[ ]?\|[ ]?\d{2}[ ]?\|[ ]?\d{4})",  # boxes: "10 | 02 | 1958"
    re.IGNORECASE,
)


# A date of a printed form in spaced boxes, month first: "07 14 2025", "01 12 26" (two digits each,
# so no score or dose); replaced, not shifted.
SPACED_DATE = re.compile(
    r"(?<![\w/.])(?<![^\d]-)(?:0[1-9]|1[0-2])[ ](?:0[1-9]|[12]\d|3[01])[ ](?:(?:19|20)\d{2}|\d{2})"
    r"(?![\w/]|\.\d|[ ]\d(?!\d[ ]\d\d[ ]\d\d(?![\w/]|[ ]\d\d[ ]\d)))")
# A day of the month alone: "on the 27th", "the 16th or the 17th?", "the 4th (ED)", "the 4th
# from 2:10 to 3 PM" (not "the 4th digit"); "the" is replaced with it.
ORDINAL_DAY = re.compile(
    r"(?i)\b(?P<the>the[ ])?(?:(?<=the[ ])|on[ ])(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"
    r"(?=[ ]?[.,;:?!()]|[ ]*$|[ ]from[ ]\d{1,2}:\d\d|"
    r"[ ](?:or|and|at|to|through|thru|until|when|we|she|he|i|is|was|"
    r"will|is|of[ ]this|of[ ]next|of[ ]last|his|her|my|our|their|they|you)\b"
    r"(?![ ](?:\d|the[ ]\d{1,2}(?:st|nd|rd|th)[ ][a-z])))",
    re.MULTILINE)


def ages_and_dates(text: str) -> Iterator[Span]:
    for match in SPACED_DATE.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in ORDINAL_DAY.finditer(text):
        start = match.start("the") if match.group("the") else match.start("day")
        yield Span(start, match.end("day"), PhiKind.date, 2)
    for match in DOB.finditer(text):
        value = match.group("value").rstrip(" \t.,;")
        start = match.start("value")
        yield Span(start, start + len(value), PhiKind.dob, 6)
    for match in OCR_DATE.finditer(text):
        if re.search(r"[OoIl|]", match.group(0)) and digits(match.group(0)) >= 4:
            yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in AGE_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.age, 4)
    for match in AGE_WORDS.finditer(text):  # "aged ninety-one": the cue goes with it
        cue = _AGE_CUE_BEFORE.search(text, max(0, match.start() - 5), match.start())
        yield Span(cue.start() if cue else match.start(), match.end(), PhiKind.age, 4)
    for match in AGE_SHORT.finditer(text):
        if not _TEMPERATURE.search(text[max(0, match.start() - 14):match.start()]):
            yield Span(match.start(), match.end(), PhiKind.age, 4)
    for match in AGE_OF_NAME.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if name and is_given_name(name.group("name")):
            yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_IN_BRACKETS.finditer(text):
        if match.group("name") and (is_word(match.group("name").lower())
                                    or is_clinical_word(match.group("name"))):
            continue  # ("Table (95)", "Tramadol (100)")
        yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_OF_ELDER.finditer(text):
        if not _MEASURE.search(match.group("gap")):
            yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_AFTER_ELDER.finditer(text):
        if not _MEASURE.search(match.group("gap") or ""):
            yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_OF_KIN.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_APPOSITION.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.age, 4)
    for match in AGE_LABELLED.finditer(text):
        start = match.start("cue") if match.group("own") else match.start("value")
        yield Span(start, match.end("value"), PhiKind.age, 4)
