"""Identifiers as a transcript writes what was said: spelled out, in words, letter by letter.

- Numbers said digit by digit in words, five digits at least (``six oh two, four one, seven
  seven eight eight``; ``zero`` and ``oh`` are digits), with the single letters said before
  them (``R T four four one nine oh``): ten digits are a phone number, nine after a cue of
  Social Security an SSN, any other run an identifier.
- Letters and digits said one by one with spaces between, a letter and three digits at least
  (``K Z T 7 7 1 9``), or a few single letters said before a long number (``Q R M 558201447``).
- A name spelled letter by letter in several parts, the word said between them included
  (``M-A-C, space, L-E-O-D``), or after a request to spell it; three letters at least a part.
- A date said in words, its year too (``March third, nineteen eighty-one``, ``the ninth of
  June, two thousand four``), and a day said as an ordinal word after "on the" (``on the
  twelfth``, not the first three): the date shift cannot move words, so they are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import _MONTH
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_GAP = r"(?:,?[ ]|[ ]?-[ ]?|,?[ ](?i:dash),?[ ])"
DIGIT_WORDS = re.compile(rf"(?i)(?<![\w'’-]){_DIGIT}(?:{_GAP}{_DIGIT}){{4,}}(?![\w'’-])")
LETTERS_BEFORE = re.compile(r"(?<![\w'’-])(?:[A-Z][ ]){1,4}$")
_SOCIAL = re.compile(r"(?i)\b(?:social|ssn|ss#)\b")
SPACED = re.compile(r"(?<![\w-])(?:[A-Z0-9][ ]){3,}[A-Z0-9](?![\w-])")
LETTERS_BEFORE_NUMBER = re.compile(r"(?<![\w-])(?:[A-Z][ ]){2,4}\d{5,}(?![\w-])")
_SPELLED_PART = r"[A-Z](?:-[A-Z]){2,}"
_JOINER = r"(?:,?[ ](?:dash|hyphen|space|apostrophe|then|and)[,.]?[ ])"
SPELLED_PARTS = re.compile(
    rf"(?<![\w-]){_SPELLED_PART}(?:(?P<joined>{_JOINER}){_SPELLED_PART})*(?![\w-])")
_SPELL_CUE = re.compile(r"(?i)\bspell(?:ed|ing|s)?\b")
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[ -]?)?(?:first|second|third|fourth|fifth|sixth|seventh|"
                 r"eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
                 r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_YEAR_WORDS = (rf"(?:(?:nineteen|twenty)[ ](?:{_TENS}(?:[ -]{_ONES})?|{_TEENS}|oh[ ]{_ONES}|"
               rf"hundred)|two[ ]thousand(?:[ ](?:and[ ])?(?:{_ONES}|{_TEENS}|{_TENS}"
               rf"(?:[ -]{_ONES})?))?)")
WORD_DATE = re.compile(
    rf"(?i)\b(?:{_MONTH}[ ](?:the[ ])?(?:{_ORDINAL_WORD})|(?:the[ ])?(?:{_ORDINAL_WORD})[ ]of[ ]"
    rf"{_MONTH})(?:,?[ ](?:of[ ])?{_YEAR_WORDS})?(?![\w'’-])")
# (a day said alone ends its clause: "on the eleventh." — not "on the fourth block"; not the
# first three, which count more often than they date: "two weeks after the first.")
ON_THE_DAY = re.compile(
    rf"(?i)\b(?:on|since|until)[ ](?P<day>the[ ](?!(?:first|second|third)\b)"
    rf"(?:{_ORDINAL_WORD}))"
    r"(?=[.,;:!?)]|[ \t]*$|[ ](?:at|when|and|or|I|we|he|she|they)\b)", re.MULTILINE)


def spoken(text: str) -> Iterator[Span]:
    for match in DIGIT_WORDS.finditer(text):
        digits = re.findall(rf"(?i){_DIGIT}", match.group(0))
        if sum(d.lower() != "oh" for d in digits) < 3:
            continue  # "oh, one, oh, oh ..." is no number
        before = text[max(0, match.start() - 60):match.start()]
        letters = LETTERS_BEFORE.search(before)
        kind = PhiKind.phone if len(digits) == 10 and not letters else \
            PhiKind.ssn if len(digits) == 9 and _SOCIAL.search(before) else PhiKind.id
        start = match.start() - (len(letters.group(0)) if letters else 0)
        yield Span(start, match.end(), kind, 5)
    for match in SPACED.finditer(text):
        chars = match.group(0).split()
        if sum(c.isdigit() for c in chars) >= 3 and any(c.isalpha() for c in chars):
            yield Span(match.start(), match.end(), PhiKind.id, 4)
    for match in LETTERS_BEFORE_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 4)
    cue_end = -1
    for match in SPELLED_PARTS.finditer(text):
        # after a request to spell, the first letters spelled, on its line or the next
        cues = list(_SPELL_CUE.finditer(text, max(0, match.start() - 120), match.start()))
        cue = cues[-1] if cues else None
        first = cue is not None and cue.end() > cue_end and \
            text.count("\n", cue.end(), match.start()) <= 1
        if match.group("joined") or first:
            yield Span(match.start(), match.end(), PhiKind.name, 4)
        if cue is not None:
            cue_end = max(cue_end, cue.end())
    for match in WORD_DATE.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in ON_THE_DAY.finditer(text):
        yield Span(match.start("day"), match.end("day"), PhiKind.date, 3)
