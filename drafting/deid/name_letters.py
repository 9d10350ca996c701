"""Names written as letters rather than words:

- spelled out for a transcript, letter by letter ("O-K-A-F-O-R"): found where the letters
  spell a learned name word;
- a person's initials with a hyphenated surname cut to its initials ("K. N-R", "forwarded to
  J. A-B"): an initial, a period, then two capitals joined by a hyphen;
- the initials of whoever typed, scanned or printed a page, in its stamp line ("Transcribed
  kpw/ALo", "printed 4/2/24 by mrt", "scanned by JKP"): two to four letters after the stamp's
  verb (and "by"), when they spell no word and no clinical abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from drafting.deid.terms import fold, is_clinical_word
from drafting.deid.words import is_word

SPELLED = re.compile(r"(?<![\w-])[A-Z](?:-[A-Z]){2,}(?![\w-])")
# a hyphenated surname cut to its initials after an initial ("A. F-B") or a title ("Dr. F-B")
CUT_SURNAME = re.compile(r"(?<![\w.'’-])(?:[A-Z]\.|(?:Dr|Mr|Mrs|Ms|Dra|Sra)\.?)[ ][A-Z]-[A-Z]"
                         r"(?![\w'’-])")
_STAMP_VERB = (r"transcribed|typed|dictated|keyed|entered|scanned|printed|faxed|indexed|"
               r"initialed|initialled|prepared|filed")
STAMP_INITIALS = re.compile(
    rf"(?i:\b(?:{_STAMP_VERB})\b(?:[ ][^\n|]{{0,24}}?)?[ ]by[ :]+"
    r"|\b(?:transcribed|typed|dictated|keyed|initialed|initialled)[ ]?:?[ ])"
    r"(?P<ini>[A-Za-z]{2,4}(?:/[A-Za-z]{2,4})*)(?![\w/-])")


def spelled_names(text: str, tokens: Iterable[str]) -> Iterator[tuple[int, int]]:
    """A learned name word spelled out letter by letter."""
    learned = {fold(t).lower() for t in tokens if " " not in t}
    for match in SPELLED.finditer(text):
        if match.group(0).replace("-", "").lower() in learned:
            yield match.start(), match.end()


def cut_surnames(text: str) -> Iterator[tuple[int, int]]:
    for match in CUT_SURNAME.finditer(text):
        yield match.start(), match.end()


def stamp_initials(text: str) -> Iterator[tuple[int, int]]:
    """Each set of initials in a stamp line ("ksv/ASu": both)."""
    for match in STAMP_INITIALS.finditer(text):
        at = match.start("ini")
        for part in match.group("ini").split("/"):
            if not (is_word(part) or is_clinical_word(part) or part.lower() in _NOT_INITIALS):
                yield at, at + len(part)
            at += len(part) + 1


# What a stamp line says after its verb that is not someone's initials.
_NOT_INITIALS = frozenset("""
by on at to in of for via the and fax mail pdf md do rn np pa pt ot dc ma lvn cma rph mail
email portal epic web date time page pages copy scan ocr pm am
""".split())


def letter_names(text: str, tokens: Iterable[str]) -> Iterator[tuple[int, int]]:
    yield from spelled_names(text, tokens)
    yield from cut_surnames(text)
    yield from stamp_initials(text)
