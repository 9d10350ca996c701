"""Whether a fact's statement mentions a word: as present, not as absent.

A criterion's ``mentions_any`` and ``about_any`` look for words in a statement. A word the
statement names as absent is no mention of it (the class: a finding said to be missing is no
evidence of the finding)."""

from __future__ import annotations

import re

from drafting.case import Fact

# A word the statement names as absent is no mention of it: 'no radicular symptoms', 'denies
# numbness', 'without weakness' (the negation at most one word before it), and 'radicular
# symptoms and prior imaging are not described' (said, in the same clause, not to be recorded).
# A phrase that carries its own negation ('not established as safe', 'no sustained benefit') is
# read as written, and 'not improved with exercise' still mentions the exercise.
_ABSENT_BEFORE = re.compile(r"\b(?:no|without|denies|denied|negative for|absence of)\s+"
                            r"(?:[a-z\-]+\s+)?$")
_ABSENT_AFTER = re.compile(r"^[^.;:()]{0,80}?\b(?:is|are|was|were)\s+not\s+(?:described|"
                           r"documented|stated|recorded|reported|mentioned|given)\b")
_OWN_NEGATION = re.compile(r"\b(?:no|not|without|never|denies|unable|failed)\b")


def mentions(fact: Fact, words: list[str]) -> bool:
    """Whether the statement (or its drug) mentions one of the words, not as absent."""
    return names(f"{fact.statement} {fact.dose.drug if fact.dose else ''}", words)


def names(text: str, words: list[str]) -> bool:
    """Whether the text (a statement, a diagnosis as written) names one of the words, not as
    absent."""
    text = text.lower()
    for word in words:
        for match in re.finditer(rf"\b{re.escape(word.lower())}\b", text):
            if _OWN_NEGATION.search(word.lower()) or not (
                    _ABSENT_BEFORE.search(text[max(0, match.start() - 40):match.start()])
                    or _ABSENT_AFTER.search(text[match.end():])):
                return True
    return False
