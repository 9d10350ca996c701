"""The sentence classifier's weights (``evals/data/sentence_model.json``, written by
benchmarks/eval_sentence_model.py): a binary logistic regression over the features of
``features.py``, with the probability at which a sentence is reported, chosen on the fitting
script's cross-validation (recorded in the file's ``about``).

``NECESSITY_EVAL_MODEL`` names another file of the same format (one fitted on a site's own
labelled sentences with the same script) or ``off`` (the rule checks alone)."""

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
ENV = "NECESSITY_EVAL_MODEL"


@dataclass(frozen=True)
class SentenceModel:
    intercept: float
    weights: dict[str, float]
    report_at: float  # a sentence is reported at this probability of misstating its source
    about: dict[str, Any]  # what it was trained on, and the cross-validation it was chosen by

    def probability(self, features: Mapping[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) * value
                                     for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))

    def assess(self, features: Mapping[str, float], most: int = 3
               ) -> tuple[float, tuple[str, ...]]:
        """``probability`` and ``reasons`` at once (each feature's weight looked up once)."""
        weights = self.weights
        pushed = [(weights.get(name, 0.0) * value, name) for name, value in features.items()]
        score = self.intercept + sum(weight for weight, _ in pushed)
        pushed.sort(reverse=True)
        return (1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score)))),
                tuple(name for weight, name in pushed[:most] if weight > 0))

    def reasons(self, features: Mapping[str, float], most: int = 3) -> list[str]:
        """The features that pushed most towards an error, strongest first."""
        pushed = sorted(((self.weights.get(n, 0.0) * v, n) for n, v in features.items()),
                        reverse=True)
        return [name for weight, name in pushed[:most] if weight > 0]


def from_data(data: dict[str, Any], name: str = MODEL_FILE.name) -> SentenceModel:
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    report_at = float(data["report_at"])
    if not 0.0 < report_at < 1.0:
        raise ValueError(f"{name}: report_at {report_at} is not a probability")
    return SentenceModel(float(data["intercept"]), weights, report_at, data.get("about", {}))


def sentence_model() -> SentenceModel | None:
    """The model ``NECESSITY_EVAL_MODEL`` names, else the bundled one; None when it
    says ``off`` or the bundled file is absent (the rule checks alone)."""
    path = chosen_file(ENV, MODEL_FILE)
    return None if path is None else _load(path)


@cache
def _load(path: Path) -> SentenceModel | None:
    return read_model(path, MODEL_FILE, ENV, "sentence model", from_data)
