"""The second reading of a record. The rules read what they were written for and miss what
they were not; the sentence classifier reads every sentence:
- a sentence no rule fact covers, which the classifier takes for a fact of some category with
  at least the model's ``add_at`` probability, becomes a fact of that category, marked learned
  (drafted as ``proposed: true``: pending until a reviewer accepts it, ignored by the criteria
  engine until then);
- never a sentence the rules refuse on principle: one in a plan, technique, signature or
  reviewer section, one about someone else, one asked for or planned, an item of an
  assessment's diagnosis list;
- a rule fact is never dropped: dropping rule facts the classifier took for "none" (at 0.9)
  cut spurious facts on held-out texts but lost facts the rules' own specifications hold.
Its figures on texts it was not trained on are in benchmarks/results/intake_sentence_model.txt."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.case.vocab import FactCategory
from drafting.intake.extract.facts import DIAGNOSIS_LIST, not_done_yet
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, Found, make_fact, stated_date, statement
from drafting.intake.extract.sections import NOT_ABOUT_THE_PATIENT, SKIPPED_SECTIONS, label_core
from drafting.intake.extract.text import Sentence, sentences
from drafting.intake.learned.features import sentence_features
from drafting.intake.learned.model import NONE, SentenceModel

_WORD = re.compile(r"[a-z0-9]+")
COVERED_SHARE = 0.6  # a sentence is read already when a fact holds this share of its words
_FEWEST_WORDS = 2


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _holds(have: set[str], wanted: list[str]) -> bool:
    """``have`` (a text's words) holds at least COVERED_SHARE of ``wanted`` (another's)."""
    return bool(wanted) and sum(w in have for w in wanted) >= COVERED_SHARE * len(wanted)


def refused_by_rule(sentence: Sentence) -> bool:
    """A sentence the rules never read as a fact, whatever it holds: in a plan, technique,
    signature or reviewer section (or under such a label), about someone else, introducing a
    list, asked for or planned, or an item of an assessment's diagnosis list. (A labelled
    value under a label the rules do not know is read: the classifier sees the label, and
    learned which fields hold no fact.)"""
    text, label = sentence.text, sentence.label or ""
    return bool(SKIPPED_SECTIONS.search(sentence.section or "")
                or SKIPPED_SECTIONS.search(label)
                or NOT_ABOUT_THE_PATIENT.search(text)) or text.endswith(":") or \
        not_done_yet(text) or bool(DIAGNOSIS_LIST.search(label_core(label or sentence.section)))


def second_reading(doc: Document, found: list[Found], model: SentenceModel) -> list[Found]:
    """``found`` (the rules' facts), then the classifier's, each marked learned."""
    read = [(set(words), words) for words in (_words(f.statement) for f in found)]
    added: list[Found] = []
    for sentence in sentences(doc.lines):
        if len(_words(sentence.text)) < _FEWEST_WORDS or refused_by_rule(sentence):
            continue
        said = _words(statement(sentence))
        have = set(said)
        if any(_holds(fact_has, said) or _holds(have, fact_words) for fact_has, fact_words in read):
            continue  # the rules read it: their reading stands
        chance = model.probabilities(sentence_features(sentence, doc))
        category = max(chance, key=lambda c: chance[c])
        if category == NONE or chance[category] < model.add_at:
            continue
        added.append(_learned(FactCategory(category), sentence, doc))
    return found + added


def _learned(category: FactCategory, sentence: Sentence, doc: Document) -> Found:
    fact = make_fact(category, sentence, doc, tags_in(sentence.text))
    when = stated_date(sentence.text, doc)
    if when is not None and fact.date == doc.date and fact.end_date is None:
        fact.date, fact.date_precision = when
    return replace(fact, learned=True)
