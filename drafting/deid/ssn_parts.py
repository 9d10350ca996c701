"""Parts of a Social Security number that a cue names but no label field holds.

- The last four digits after a cue that asks for them or names them ("Last 4 of social 2290",
  "SSN-4 7713", "last name / last four: F6617", the VA's last initial and last four), an
  answer on the next line of a transcript included ("Q. Last four of your Social?\\n21 A. 3387.").
- A whole number in the SSN's 3-2-4 shape with spaces, when the line before asks for it (a
  question and its answer: "Do you have your Social Security number handy?\\nJONES: 000 61
  3382."), beside the same-sentence cue that ``numbers.py`` reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

_SOCIAL = r"(?:social(?:[ ]security)?(?:[ ](?:number|no\.?|#))?|soc\.?[ ]sec\.?|ssn|ss\#)"
_CUE = (rf"(?:\b(?:ssn|ss\#)(?:[ ]?-[ ]?4|[ ]last[ ](?:4|four))?|\blast\s+(?:4|four)(?:\s+digits)?"
        rf"(?:[ ]of(?:[ ](?:your|the|his|her|their|patient'?s|member'?s))?[ ]{_SOCIAL})?)")
# between the cue and the digits: punctuation, a linking word, or one line break with a
# transcript's line number and an answer's mark ("A." or a speaker's "NAME:")
_GAP = (r"(?:[ \t]*(?:[:#=?.,/()-]|\b(?:is|was|are|on[ ]file)\b)[ \t]*)*"
        r"(?:\n[ \t]*(?:\d{1,3}[ \t]+)?(?:A\.|[A-Z][A-Za-z'.-]{1,30}:)?[ \t]*)?[ \t]*")
LAST_FOUR = re.compile(rf"(?i:{_CUE}){_GAP}(?P<value>(?<![\w-])[A-Z]?\d{{4}})(?![\w-]|[.,]\d)")
SPACED_SSN = re.compile(r"(?<![\w-])\d{3}[ ]\d{2}[ ]\d{4}(?![\w-])")
# the VA's last initial and last four ("F6617"): a code no other record shares, found again
# wherever it stands in the packet
INITIAL_AND_FOUR = re.compile(r"[A-Z]\d{4}")
_ASKED = re.compile(rf"(?i)\b{_SOCIAL}[^\n]*\?[ \t]*\n[^\n]*$")


def ssn_parts(text: str) -> Iterator[Span]:
    for match in LAST_FOUR.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.ssn, 5)
    for match in SPACED_SSN.finditer(text):
        if _ASKED.search(text, max(0, match.start() - 160), match.start()):
            yield Span(match.start(), match.end(), PhiKind.ssn, 5)
