"""The sentence classifier's weights (``drafting/intake/data/sentence_model.json``, written by
benchmarks/intake_sentence_model.py): a multinomial logistic regression over the features of
``features.py``, with the thresholds chosen on its cross-validation, each with its source.

``NECESSITY_SENTENCE_MODEL`` names another file of the same format (one fitted on a site's own
labelled records with the same script) or ``off`` (the rules alone)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafting.model_files import ModelFileError as ModelFileError  # raised by sentence_model
from drafting.model_files import chosen_file, read_model

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "sentence_model.json"
ENV = "NECESSITY_SENTENCE_MODEL"
NONE = "none"  # the class of a sentence that states no fact


@dataclass(frozen=True)
class SentenceModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]  # per feature: (class index, weight)
    add_at: float  # a sentence no rule read becomes a pending fact at this probability
    about: dict[str, Any]  # what it was trained on, and the cross-validation it was chosen by

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        scores = list(self.intercepts)
        for name, value in features.items():
            for i, weight in self.weights.get(name, ()):
                scores[i] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


def from_data(data: dict[str, Any], name: str = MODEL_FILE.name) -> SentenceModel:
    classes = tuple(data["classes"])
    weights = {name: tuple((int(i), float(w)) for i, w in row.items())
               for name, row in data["weights"].items()}
    if any(not 0 <= i < len(classes) for row in weights.values() for i, _ in row) or \
            len(data["intercepts"]) != len(classes) or NONE not in classes:
        raise ValueError(f"{name}: weights do not match the classes {classes}")
    return SentenceModel(classes, tuple(data["intercepts"]), weights,
                         float(data["thresholds"]["add"]),
                         data.get("about", {}))


def sentence_model() -> SentenceModel | None:
    """The model ``NECESSITY_SENTENCE_MODEL`` names, else the bundled one; None when it
    says ``off`` or the bundled file is absent (intake then reads by rules alone)."""
    path = chosen_file(ENV, MODEL_FILE)
    return None if path is None else _load(path)


@cache
def _load(path: Path) -> SentenceModel | None:
    return read_model(path, MODEL_FILE, ENV, "sentence model", from_data)
