"""Train the intake's sentence classifier (drafting/intake/learned/) on the labelled blind
record sets of TRAINING_SETS and write its weights to drafting/intake/data/sentence_model.json.

Each sentence of a labelled text is labelled with the category of the fact whose evidence it
holds (at least 80% of the evidence's words), else "none" (traps, boilerplate, and whatever
the labeller did not count as a key fact). The model is a multinomial logistic regression
(scikit-learn) over ``sentence_features``. Before the final fit, a leave-one-set-out
cross-validation over the training sets shows, for a grid of thresholds, what the second
reading does to recall, the spurious share and trap facts on the set left out. The threshold
written with the model (ADD_AT) was chosen on that table. The sets after TRAINING_SETS are
never read here: they measure it (a set joins the training sets only after its first run, and
the two newest sets stay out: first 1-10 with 11-12 held out, then 1-12 with 13-14, then 1-14
with 15-16, then 1-15 with 16-17, then 1-17 with 18-19).

Run: ``python benchmarks/intake_sentence_model.py`` (about a minute; appends the table to
benchmarks/results/intake_sentence_model.txt and rewrites the model file)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.intake_blind_score import (  # noqa: E402
    SETS,
    TODAY,
    labels_of,
    quotes,
    tally,
    words,
)
from drafting.intake.extract.facts import document_facts  # noqa: E402
from drafting.intake.extract.found import statement  # noqa: E402
from drafting.intake.extract.text import sentences  # noqa: E402
from drafting.intake.learned.features import sentence_features  # noqa: E402
from drafting.intake.learned.model import MODEL_FILE, NONE, from_data  # noqa: E402
from drafting.intake.learned.reader import second_reading  # noqa: E402
from drafting.intake.packet import read_packet  # noqa: E402

TRAINING_SETS = tuple(str(n) for n in range(1, 18))
HELD_OUT = ("18", "19")  # scored with the model, never trained on
# Chosen on the leave-one-set-out table (2026-12-06, first fits): adding at 0.8 raised recall
# on the left-out sets by about 0.03 for under a point of spurious share; 0.7 added more trap
# facts than it recovered labels. (Dropping rule facts the classifier took for none, at 0.9,
# was tried and left out: it lost facts the rules' specifications hold.)
ADD_AT = 0.8
GRID = (None, 0.9, 0.8, 0.7)
EVIDENCE_SHARE = 0.8  # a sentence holds a labelled fact when it has this share of its words
C_REGULARISATION = 1.0
MIN_WEIGHT = 0.05  # smaller weights are left out of the file (the table is measured without them)
RESULT = ROOT / "benchmarks" / "results" / "intake_sentence_model.txt"


def _label(said: str, labels: dict[str, Any]) -> str:
    return next((str(fact["category"]) for fact in labels["facts"]
                 if quotes(said, fact["evidence"], EVIDENCE_SHARE)), NONE)


def _texts(set_name: str) -> list[dict[str, Any]]:
    folder, _ = SETS[set_name]
    out = []
    for path in sorted(folder.glob("*.txt")):
        if not path.with_suffix(".labels.yaml").exists():
            continue
        labels = labels_of(path)
        docs = read_packet([path], ocr=False, today=TODAY).documents
        rows = [(sentence_features(s, d.doc), _label(statement(s), labels))
                for d in docs for s in sentences(d.doc.lines) if len(words(s.text)) >= 2]
        out.append({"set": set_name, "labels": labels, "docs": [d.doc for d in docs],
                    "rules": [document_facts(d.doc) for d in docs], "rows": rows})
    return out


def _fit(texts: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features = [dict(f) for t in texts for f, _ in t["rows"]]
    targets = [c for t in texts for _, c in t["rows"]]
    vectorizer = DictVectorizer()
    fitted = LogisticRegression(C=C_REGULARISATION, max_iter=5000).fit(
        vectorizer.fit_transform(features), targets)
    return exported(fitted, [str(n) for n in vectorizer.get_feature_names_out()])


def exported(fitted: Any, names: list[str]) -> dict[str, Any]:
    """A fitted multinomial logistic regression as the model file holds it (three classes or
    more: with two, scikit-learn keeps one row of weights, which this format does not)."""
    if fitted.coef_.shape[0] != len(fitted.classes_):
        raise ValueError("the sentence model needs three classes or more")
    weights = {str(name): {str(i): round(float(w), 3) for i, w in enumerate(fitted.coef_[:, j])
                           if abs(w) >= MIN_WEIGHT}
               for j, name in enumerate(names) if abs(fitted.coef_[:, j]).max() >= MIN_WEIGHT}
    return {"classes": [str(c) for c in fitted.classes_],
            "intercepts": [round(float(b), 4) for b in fitted.intercept_], "weights": weights,
            "thresholds": {"add": ADD_AT}}


def _as_scored(found: list[Any]) -> list[dict[str, Any]]:
    return [{"category": f.category.value, "statement": f.statement, "date": f.date}
            for f in found]


def cross_validation(texts: list[dict[str, Any]]) -> list[str]:
    totals: dict[float | None, Counter[str]] = {add: Counter() for add in GRID}
    for held in TRAINING_SETS:
        data = _fit([t for t in texts if t["set"] != held])
        for text in (t for t in texts if t["set"] == held):
            for add in GRID:
                model = from_data({**data, "thresholds": {"add": add or 2.0}})
                found = [f for doc, rules in zip(text["docs"], text["rules"], strict=True)
                         for f in second_reading(doc, rules, model)]
                score = tally(_as_scored(found), text["labels"])
                totals[add].update({k: score[k] for k in (
                    "expected", "recovered", "drafted", "spurious", "traps")})
    lines = []
    for add, total in totals.items():
        lines.append(f"  add at {add or '- (rules alone)':<4} recall "
                     f"{total['recovered'] / total['expected']:.3f}  spurious "
                     f"{total['spurious'] / max(total['drafted'], 1):.3f} "
                     f"({total['spurious']}/{total['drafted']})  trap facts {total['traps']}")
    return lines


def main() -> None:
    texts = [t for s in TRAINING_SETS for t in _texts(s)]
    counts = Counter(c for t in texts for _, c in t["rows"])
    table = cross_validation(texts)
    data = _fit(texts)
    data["about"] = {"trained_on": [f"benchmarks/{SETS[s][0].name}" for s in TRAINING_SETS],
                     "sentences": sum(counts.values()), "per_class": dict(sorted(counts.items())),
                     "fitted": f"{dt.datetime.now(dt.UTC):%Y-%m-%d}",
                     "thresholds_chosen_on": "leave-one-set-out table in "
                     "benchmarks/results/intake_sentence_model.txt"}
    MODEL_FILE.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                          encoding="utf-8")
    lines = [f"sentence classifier, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: trained on sets "
             f"{', '.join(TRAINING_SETS)} ({sum(counts.values())} sentences, "
             f"{sum(v for k, v in counts.items() if k != NONE)} holding a labelled fact), "
             f"{len(data['weights'])} features kept; leave-one-set-out over those sets (rules "
             "as they stand, which were fixed on these sets: the rules' own figure is "
             "flattered, the classifier's is not):", *table,
             f"  written with add at {ADD_AT}; what the rules refuse on principle (a plan or "
             "signature section, someone else, a planned item, a diagnosis list) is never read "
             "by the classifier", ""]
    with RESULT.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
