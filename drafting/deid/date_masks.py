"""Dates that cannot be shifted in their own style, replaced instead (``PhiKind.date``): a
holiday ("Labor Day", "New Year's Eve", "Thanksgiving 2022", "Three Kings' Day"), with a day said
by its place beside it ("the Monday after Thanksgiving"); a date written in Spanish,
Portuguese, French, Italian, German or Polish ("19 de febrero de 2025", "24 lutego 2025 r.");
a date written day first, told by a day above 12 ("19.12.2024", "25/03/2025")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.holiday_names import named_days
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

# Holidays that name a day of the year; a year after one goes with it.
# A day said by its place beside a holiday goes with it: "the day after Three Kings' Day", "the
# Monday after Thanksgiving", "the week after the Fourth of July".
_BESIDE = (r"(?:(?i:the)[ ])?(?:(?:first|second|last)[ ])?(?i:day|days|week|weekend|night|"
           r"morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
           r"[ ](?:after|before|of)[ ]")
HOLIDAY = re.compile(
    rf"(?<![\w'’-])(?:{_BESIDE})?"
    r"(?:New[ ]Year['’]?s(?:[ ](?:Day|Eve))?|Valentine['’]?s[ ]Day|"
    r"St\.?[ ]Patrick['’]?s[ ]Day|Easter(?:[ ]Sunday)?|Mother['’]?s[ ]Day|Father['’]?s[ ]Day|"
    r"Memorial[ ]Day|Juneteenth|Independence[ ]Day|(?:the[ ])?Fourth[ ]of[ ]July|Labor[ ]Day|"
    r"Columbus[ ]Day|Halloween|Veterans['’]?[ ]Day|Thanksgiving(?:[ ]Day)?|Black[ ]Friday|"
    r"Christmas(?:[ ](?:Eve|Day))?|Xmas|Cinco[ ]de[ ]Mayo|Good[ ]Friday|Super[ ]Bowl[ ]Sunday|"
    r"Martin[ ]Luther[ ]King(?:[ ]Jr\.?)?[ ]Day|MLK[ ]Day|Presidents['’]?[ ]Day"
    # the days Hispanic families keep ("Three Kings' Day", "Día de Reyes", "Nochebuena")
    r"|Three[ ]Kings['’]?[ ]Day|(?:Día|Dia)[ ]de(?:[ ]los)?[ ]Reyes|Nochebuena|Noche[ ]Buena"
    r"|(?:Día|Dia)[ ]de[ ](?:los[ ])?Muertos"
    # (a holiday of one word in lower case, as a message writes it: "right around halloween")
    r"|halloween|thanksgiving|christmas|xmas|juneteenth)"
    # (the week about it goes with it: "Thanksgiving week", "the Fourth of July weekend")
    r"(?:[ ](?:week|weekend)(?![\w'’-]))?"
    r"(?:,?[ ](?:19|20)\d\d)?(?![\w'’-])")
# Months in Spanish, Portuguese, French, Italian, German and Polish (with its genitive forms).
_FOREIGN_MONTH = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
    r"diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januar|februar|"
    r"märz|juni|juli|oktober|dezember|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|"
    r"sierpnia|września|października|listopada|grudnia|styczeń|luty|marzec|kwiecień|maj|"
    r"czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień")
FOREIGN_DATE = re.compile(
    rf"(?i)(?<![\w/.-])\d{{1,2}}(?:\.|º|er)?[ ](?:de[ ])?(?:{_FOREIGN_MONTH})"
    rf"(?:,?[ ](?:de[ ]|del[ ])?(?:19|20)\d\d(?:[ ]r\.)?)?(?![\w'’-])")
# A day first: "19.12.2024", "25/03/2025", "31-01-24" (a day above 12, so no month); with dots,
# a year of four digits ("NMAC 16.10.17" is a rule's number).
DAY_FIRST = re.compile(
    r"(?<![\w/.-])(?:1[3-9]|2\d|3[01])(?:\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d"
    r"|(?P<sep>[/-])(?:0?[1-9]|1[0-2])(?P=sep)(?:(?:19|20)\d\d|\d\d))(?![\w/]|[.-]\d)")


# A date of eight digits, year first, as systems stamp it in file names, batch and reference
# numbers ("DLT_20250212_0931.x12", "run 20241119"): a real month and day, no digit beside it.
COMPACT = re.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                     r"(?![\d.,/-])")


# A date of six or eight digits after a date's label: "DOI: 031424", "DOS 06112024", "Date of
# loss 20240314" (month, day, year; or year first with eight digits).
LABELLED_DIGITS = re.compile(
    r"(?i)\b(?:DOI|DOS|DOB|DOD|DOA|Date(?:[ ]of[ ](?:injury|service|birth|loss|accident|"
    r"death|admission|discharge))?)\.?[ ]*[:#]?[ ]*(?P<value>\d{6}|\d{8})(?![\w/.-])")


def _digits_date(value: str) -> bool:
    month, day = int(value[:2]), int(value[2:4])
    if len(value) == 8 and value[:2] in ("19", "20"):
        month, day = int(value[4:6]), int(value[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def date_spans(text: str) -> Iterator[Span]:
    """Holidays, dates in other languages, dates written day first, compact dates and dates of
    digits after a date's label, to be replaced."""
    for pattern in (HOLIDAY, DAY_FIRST, COMPACT):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), PhiKind.date, 3)
    yield from named_days(text)  # a day a place or a people keeps: "Code Talkers Day"
    for match in LABELLED_DIGITS.finditer(text):
        if _digits_date(match.group("value")):
            yield Span(match.start("value"), match.end("value"), PhiKind.date, 3)
    for match in FOREIGN_DATE.finditer(text):
        value = match.group(0)
        if re.search(r"\d{4}|\bde\b", value, re.IGNORECASE) or not re.fullmatch(
                r"(?i)\d{1,2}\.?[ ](?:mars|mai|maj|luty)", value):
            yield Span(match.start(), match.end(), PhiKind.date, 3)
