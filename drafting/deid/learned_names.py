"""The learned name finder: names, places and employers the rules leave in a text.

A logistic regression (weights in ``drafting/deid/data/name_model.json``, fitted by
benchmarks/deid_name_model.py on the labelled blind sets) scores each capitalised word no rule
span covers (``name_features.py``). A word scored at the model's threshold or above is:
- replaced as a name, after the rules and never instead of them (a rule span keeps its kind;
  a learned span only fills text no rule covered);
- never a clinical word (an eponym, a drug, a word of an eponym or "<Word> test" phrase);
- learned as a name of the record, as a rule name is: each of its occurrences in the text goes,
  and the Deidentifier finds it in every other text of the packet.

``NECESSITY_DEID_MODEL`` names another model file of the same format (one fitted on a site's
own labelled records with the same script) or says ``off`` (the rules alone). A missing or
malformed file is a ``ModelFileError`` naming the file, raised when the Deidentifier is built.
Scoring is a sum of weights: deterministic. Its cross-validated figures are in
benchmarks/results/deid_name_model.txt."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafting.deid import names as name_rules
from drafting.deid.name_features import Record
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, resolve
from drafting.deid.terms import is_clinical_word, is_never_name, protected_spans
from drafting.deid.words import is_word
from drafting.model_files import ModelFileError as ModelFileError  # raised by name_model
from drafting.model_files import chosen_file, read_model

MODEL_FILE = Path(__file__).resolve().parent / "data" / "name_model.json"
ENV = "NECESSITY_DEID_MODEL"
PRIORITY = 2  # below every rule name (3, 4) and above NER guesses (1)


@dataclass(frozen=True)
class NameModel:
    intercept: float
    weights: dict[str, float]
    threshold: float  # a word scored at this probability or above is replaced
    about: dict[str, Any]
    run_threshold: float = 1.0  # and a word beside it in its capitalised run, at this or above

    def probability(self, features: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def from_data(data: dict[str, Any]) -> NameModel:
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    threshold = float(data["threshold"])
    run = float(data.get("run_threshold", threshold))
    if not (0.0 < threshold <= 1.0 and 0.0 < run <= 1.0):
        raise ValueError(f"thresholds {threshold}, {run} are not probabilities")
    return NameModel(float(data["intercept"]), weights, threshold, dict(data.get("about", {})),
                     min(run, threshold))


def name_model() -> NameModel | None:
    """The model ``NECESSITY_DEID_MODEL`` names, else the bundled one; None when it says
    ``off`` or the bundled file is absent (the rules alone)."""
    path = chosen_file(ENV, MODEL_FILE)
    return None if path is None else load(path)


@cache
def load(path: Path) -> NameModel | None:
    return read_model(path, MODEL_FILE, ENV, "name model", lambda data, _: from_data(data))


def scored(text: str, spans: list[Span], model: NameModel) -> list[tuple[int, int, float]]:
    """Each candidate word of ``text`` (start, end, probability), given the rules' spans."""
    record = Record(text, [(s.start, s.end) for s in spans])
    return [(record.toks[i].start, record.toks[i].end, model.probability(record.features(i)))
            for i in record.candidates()]


def learned_names(text: str, spans: list[Span],
                  model: NameModel) -> tuple[list[tuple[int, int]], set[str]]:
    """Where the model finds a name word in ``text``, and the words to learn from them (as
    ``name_tokens`` gives them; a word of the English dictionary, "Rose" or "Will", is replaced
    where the model found it but not learned, so that it is not replaced everywhere)."""
    found = selected(text, scored(text, spans, model), model.threshold, model.run_threshold)
    return chosen(text, found)


def selected(text: str, words: list[tuple[int, int, float]], at: float,
             run_at: float) -> list[tuple[int, int]]:
    """The words scored ``at`` or above, and the words of their capitalised runs (candidates
    apart by one space or hyphen, "Tamsin Okereke-Vale") scored ``run_at`` or above: a name is
    replaced whole or its given name leaks."""
    runs: list[list[tuple[int, int, float]]] = []
    for word in words:
        if runs and text[runs[-1][-1][1]:word[0]] in (" ", "-"):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [(a, b) for run in runs if max(p for *_, p in run) >= at
            for a, b, p in run if p >= run_at]


def chosen(text: str, where: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], set[str]]:
    words: set[str] = set()
    for start, end in where:
        words |= name_rules.name_tokens(text[start:end].strip(".’'"))
    return where, {w for w in words if not is_clinical_word(w) and not is_never_name(w)
                   and not is_word(w.lower())}


def with_learned(text: str, spans: list[Span], found_names: set[str],
                 found: tuple[list[tuple[int, int]], set[str]]) -> tuple[list[Span], set[str]]:
    """``spans`` with the model's words added as names where no rule span stands, and every
    occurrence of the words it learns (those not learned already) where no clinical phrase
    stands; and the words learned."""
    where, words = found
    new = words - found_names
    if not where and not new:
        return spans, set()
    guarded = [(a, b) for a, b, _ in protected_spans(text)]
    added = [Span(a, b, PhiKind.name, PRIORITY) for a, b in
             [*where, *name_rules.known_names(text, new)]
             if not any(x < b and a < y for x, y in guarded) and not is_clinical_word(text[a:b])]
    return resolve([*spans, *added]), new
