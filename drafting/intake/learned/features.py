"""What the sentence classifier sees of a sentence: its words and word pairs (digits folded to
0), the words of its section, label and heading, the record's type, what the rules' own
vocabularies find in it (tags, drugs with a dose, a procedure family, measures, relief, a date)
and the rules' own signals (a planned item, an unreadable field, a diagnosis list, a code).
Training (benchmarks/intake_sentence_model.py) and reading use this one function."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from drafting.intake.extract.diagnoses import ICD_CODE
from drafting.intake.extract.facts import DIAGNOSIS_LIST, not_done_yet
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, stated_date
from drafting.intake.extract.medications import medications_in
from drafting.intake.extract.sections import (
    NOT_ABOUT_THE_PATIENT,
    SKIPPED_SECTIONS,
    label_core,
    readable,
)
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import measures, percent_relief
from drafting.intake.extract.vocabulary import procedure_in

_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[a-z][a-z'/-]*|\d+(?:[./]\d+)*%?|[<>=+#]")
_ALL_GROUPS = {"imaging", "electrodiagnostic", "procedure"}
_LENGTH_STEP, _LENGTH_TOP = 5, 8  # length in buckets of 5 tokens, the last open


def _tokens(text: str) -> list[str]:
    return [_DIGIT.sub("0", t) for t in _TOKEN.findall(text.lower())]


def sentence_features(sentence: Sentence, doc: Document) -> Counter[str]:
    text = sentence.text
    tokens = _tokens(text)
    out: Counter[str] = Counter(f"w:{t}" for t in tokens)
    out.update(f"b:{a}_{b}" for a, b in pairwise(tokens))
    for prefix, where, most in (("s", label_core(sentence.section) if sentence.section else "", 4),
                                ("l", label_core(sentence.label) if sentence.label else "", 4),
                                ("h", sentence.heading or "", 3)):
        for token in _tokens(where)[:most]:
            out[f"{prefix}:{token}"] = 1
    out[f"d:{doc.type.value}"] = 1
    out.update({f"t:{tag}": 1 for tag in tags_in(text, _ALL_GROUPS)})
    drugs = medications_in(text)
    family = procedure_in(text)
    flags = {
        "x:drug": bool(drugs), "x:dose": any(m.amount is not None for m in drugs),
        "x:proc": family is not None, "x:relief": percent_relief(text)[0] is not None,
        "x:date": stated_date(text, doc) is not None, "x:listed": sentence.listed,
        "x:labelled": sentence.label is not None, "r:unreadable": not readable(sentence),
        "r:skipped": bool(SKIPPED_SECTIONS.search(sentence.section or "")),
        "r:notpatient": bool(NOT_ABOUT_THE_PATIENT.search(text)),
        "r:planned": not_done_yet(text), "r:icd": bool(ICD_CODE.search(text)),
        "r:dxlist": bool(DIAGNOSIS_LIST.search(label_core(sentence.label or sentence.section
                                                          or ""))),
    }
    out.update({name: 1 for name, on in flags.items() if on})
    if family is not None:
        out[f"p:{family.value}"] = 1
    out.update({f"m:{m.name}": 1 for m in measures(text)})
    out[f"n:{min(len(tokens) // _LENGTH_STEP, _LENGTH_TOP)}"] = 1
    return out
