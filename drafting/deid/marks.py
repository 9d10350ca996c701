"""Combining marks, folded away before the recognisers read a text.

A letter written as a base letter and combining marks (text in decomposed form, NFD, as some
systems and PDF extractors emit it: "Jose\u0301e"), or a letter that has no precomposed form
("ọ̀" in a Yoruba name: o, a dot below, a grave) is two or three code points of which only the
first is a word character to a regular expression. A name holding one is cut at the mark and
half of it leaks ("[NAME_1]̀", "[NAME_2]́e Ménard"). The recognisers therefore read a folded
text: each letter with its marks composed (NFC) and any mark left over dropped, so every
letter is one code point; spans found in it are mapped back to the original text, each one
covering its letters' marks. A text without combining marks is read as it is.

A glottal stop or an apostrophe written as a modifier letter between two letters (the Hawaiian
ʻokina of "Kaʻaiʻai", the ʼ and ʿ of transliterated names) is folded the same way: it belongs
to the letter before it, so the name is read as one word ("Kaaiai") and replaced whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The combining-mark blocks of the Latin, Greek and Cyrillic scripts the records use (diacritical
# marks, their extension and supplement, marks for symbols, half marks); a text with none of
# them is not folded (fast path).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
                    "|(?<=[^\\W\\d_])[\u02bb\u02bc\u02be\u02bf](?=[^\\W\\d_])")
_GLOTTAL = "\u02bb\u02bc\u02be\u02bf"  # ʻ ʼ ʾ ʿ


@dataclass(frozen=True)
class Folded:
    """A text with its marks folded, and where each of its characters came from."""

    text: str
    starts: tuple[int, ...]  # per folded character: where its letter begins in the original
    ends: tuple[int, ...]  # and where the letter's last mark ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of the folded text's ``[start, end)``."""
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else self._length
            return at, at
        return self.starts[start], self.ends[end - 1]

    @property
    def _length(self) -> int:
        return self.ends[-1] if self.ends else 0


def fold(text: str) -> Folded | None:
    """``text`` folded, or None when it has no combining mark (read as it is)."""
    if not _MARKS.search(text):
        return None
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    while at < len(text):
        end = at + 1
        while end < len(text) and (unicodedata.combining(text[end]) or (
                text[end] in _GLOTTAL and end + 1 < len(text) and text[at].isalpha()
                and text[end + 1].isalpha())):
            end += 1
        composed = unicodedata.normalize("NFC", text[at:end])
        kept = [c for c in composed if not unicodedata.combining(c) and c not in _GLOTTAL] \
            or [text[at]]
        for char in kept:
            chars.append(char)
            starts.append(at)
            ends.append(end)
        at = end
    return Folded("".join(chars), tuple(starts), tuple(ends))


def folded_name(name: str) -> str:
    """A name as the recognisers read it (a name given beforehand or kept from an earlier
    run is matched in folded texts)."""
    found = fold(name)
    return found.text if found else name
