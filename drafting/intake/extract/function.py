"""What a functional capacity evaluation measured: the abilities it demonstrated (a lift, carry,
push or pull in pounds, a tolerance in minutes, repetitions before symptoms), the physical
demand category it places the client in, and the validity of effort, each a functional fact.
The job's demands (a column of the table, the job of injury), vital signs during testing,
test statistics, the report's definitions and the recommended programme are not the client's
function."""

from __future__ import annotations

import re

from drafting.intake.extract.text import Sentence

FCE = re.compile(r"functional capacity (?:evaluation|assessment)|\bFCE\b", re.IGNORECASE)
ABILITY = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:lbs?|pounds|kg|minutes|min|repetitions|reps)\b|"
    r"\bphysical demand (?:category|level)\b|\bPDC\b|\b(?:consistent|full|maximal|reliable|valid) "
    r"effort\b|\bconsistency measures?\b", re.IGNORECASE)
NOT_ABILITY = re.compile(r"\bjob (?:physical )?demands?\b|\bDOT\b|\bbpm\b|\bcoefficient\b|"
                         r"\bgoal\b", re.IGNORECASE)

# a field of the job's ("Job demands:", "Demands:"), not the client's demonstrated demand level
JOB = re.compile(r"\bjob\b|occupation|^(?:physical )?demands?\b", re.IGNORECASE)
# A report's definitions and legends ("Heavy work = 50 to 100 lb occasionally"): the scale's
# terms, not the client's abilities.
DEFINITION = re.compile(r"\bdefinitions?\b|\blegend\b|\bkey\b", re.IGNORECASE)


def is_fce(title: str) -> bool:
    return bool(FCE.search(title))


def ability(sentence: Sentence) -> bool:
    """A sentence of an FCE that states an ability measured."""
    said = f"{sentence.lead or sentence.label or ''} {sentence.text}"  # ("Demonstrated PDC: LIGHT")
    return bool(ABILITY.search(said)) and not NOT_ABILITY.search(sentence.text) and \
        not (sentence.label and (JOB.search(sentence.label) or DEFINITION.search(sentence.label)))
