"""Fits the eval harness's sentence classifier (``evals/learned/``) on the labelled paraphrase
sets and writes its weights to ``evals/data/sentence_model.json``; prints what it adds to the rule
checks, set by set, in a leave-one-set-out cross-validation over the training sets and on the
held-out sets it never saw (``benchmarks/results/eval_sentence_model.txt``).

A sentence is placed in its case's clean offline draft as the paraphrase study places it
(``paraphrase_study.target_section``); the rule checks run with the classifier off. The
classifier is fitted on the sentences the rules leave unflagged (what it is for: it only adds
findings), together with every sentence of the clean offline drafts as correct ones (the offline
composer states facts as they are; its drafts must stay clean). It reports a sentence at the
probability (``report_at``) that, in the cross-validation, adds the most caught errors while
adding at most one false alarm for every ``_COST`` caught errors.

Which sets train it: a set joins ``TRAINING_SETS`` only after its first run is committed (scored
before any change it prompted); the newest sets stay out (``HELD_OUT``) to measure it.

Run: ``python benchmarks/eval_sentence_model.py`` (needs scikit-learn, in the dev extra).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["NECESSITY_EVAL_MODEL"] = "off"  # the rule checks alone, as the classifier sees them

from benchmarks import paraphrase_study as study  # noqa: E402
from drafting.backends.registry import create  # noqa: E402
from drafting.case import Fact, load_case  # noqa: E402
from drafting.settings import Settings  # noqa: E402
from drafting.stages import draft_case  # noqa: E402
from evals.context import EvalContext  # noqa: E402
from evals.learned.features import fact_text, fact_words, sentence_features  # noqa: E402
from evals.learned.model import MODEL_FILE  # noqa: E402
from guideline_index.corpus import excerpts_by_id  # noqa: E402
from guideline_index.excerpt import Excerpt  # noqa: E402

TRAINING_SETS = [str(n) for n in range(1, 17)]
HELD_OUT = ["17", "18"]
RESULT = ROOT / "benchmarks" / "results" / "eval_sentence_model.txt"
C = 1.0  # inverse regularisation strength, sklearn's default
_COST = 3  # caught errors the classifier must add for each false alarm it adds
_CANDIDATES = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


@dataclass(frozen=True)
class _Record:
    """A case's facts and excerpts, to find what a sentence cites."""

    facts: dict[str, Fact]
    words: dict[str, frozenset[str]]
    excerpts: dict[str, Excerpt]

    def inputs(self, text: str, kind: str) -> tuple[Any, ...]:
        """``sentence_features``' arguments for a sentence in a section of that kind."""
        cited = study.MARKER.findall(text)
        fids = [c for c in cited if not c.startswith("G:")]
        return (text, kind, [fact_text(self.facts[c]) for c in fids if c in self.facts],
                [self.excerpts[c[2:]] for c in cited
                 if c.startswith("G:") and c[2:] in self.excerpts],
                [w for fid, w in self.words.items() if fid not in fids])


def rows(number: str) -> list[dict[str, Any]]:
    """Every sentence of a set with its features, label and whether the rules flagged it, and
    every sentence of its cases' clean offline drafts (``clean``, label correct)."""
    corpus = study.SETS[number][0]
    results, _ = study.score(False, None, corpus=corpus)
    flagged = {r["id"]: r["flagged"] for r in results}
    excerpts = excerpts_by_id()
    settings = Settings()
    out = []
    for case_path, sentences in study.load_corpus(corpus):
        case = load_case(case_path)
        draft = asyncio.run(draft_case(case, "sentence-model", create("offline", settings),
                                       settings, excerpts))
        record = _Record({f.id: f for f in case.facts},
                         {f.id: fact_words(f) for f in case.facts}, excerpts)

        for sentence in EvalContext(draft, case, excerpts).sentences:
            if sentence.plain:
                out.append({"set": number, "clean": True, "error": False, "flagged": False,
                            "inputs": record.inputs(sentence.text, sentence.section.kind)})
        for sentence in sentences:
            kind = draft.sections[study.target_section(draft, sentence)].kind
            out.append({"set": number, "clean": False, "error": sentence["label"] == "error",
                        "class": sentence.get("error_class"), "flagged": flagged[sentence["id"]],
                        "inputs": record.inputs(sentence["text"], kind)})
    for row in out:
        row["x"] = dict(sentence_features(*row["inputs"]))
    return out


def fit(train: list[dict[str, Any]]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    residual = [r for r in train if not r["flagged"]]
    model = make_pipeline(DictVectorizer(), LogisticRegression(C=C, max_iter=5000))
    return model.fit([r["x"] for r in residual], [r["error"] for r in residual])


def tally(data: list[dict[str, Any]], p: list[float], at: float) -> dict[str, int]:
    labelled = [(r, q) for r, q in zip(data, p, strict=True) if not r["clean"]]
    return {"errors": sum(r["error"] for r, _ in labelled),
            "correct": sum(not r["error"] for r, _ in labelled),
            "rules_caught": sum(r["error"] and r["flagged"] for r, _ in labelled),
            "rules_alarms": sum(not r["error"] and r["flagged"] for r, _ in labelled),
            "caught": sum(r["error"] and (r["flagged"] or q >= at) for r, q in labelled),
            "alarms": sum(not r["error"] and (r["flagged"] or q >= at) for r, q in labelled),
            "clean_flagged": sum(r["clean"] and q >= at for r, q in zip(data, p, strict=True))}


def line(name: str, t: dict[str, int]) -> str:
    e, c = max(1, t["errors"]), max(1, t["correct"])
    return (f"  {name:<10} caught {t['rules_caught']}/{t['errors']} ({t['rules_caught'] / e:.0%})"
            f" -> {t['caught']} ({t['caught'] / e:.0%}); false alarms {t['rules_alarms']}/"
            f"{t['correct']} ({t['rules_alarms'] / c:.1%}) -> {t['alarms']} "
            f"({t['alarms'] / c:.1%}); clean offline-draft sentences flagged "
            f"{t['clean_flagged']}")


def main() -> None:
    available = [n for n in [*TRAINING_SETS, *HELD_OUT] if n in study.SETS]
    data = {n: rows(n) for n in available}
    training = [n for n in TRAINING_SETS if n in data]
    held = [n for n in HELD_OUT if n in data]
    folds = {}
    for test in training:
        model = fit([r for n in training if n != test for r in data[n]])
        folds[test] = model.predict_proba([r["x"] for r in data[test]])[:, 1].tolist()
    every = [r for n in training for r in data[n]]
    pooled = [q for n in training for q in folds[n]]
    best, best_gain = _CANDIDATES[-1], -1
    for at in _CANDIDATES:
        t = tally(every, pooled, at)
        gain = t["caught"] - t["rules_caught"]
        cost = t["alarms"] - t["rules_alarms"]
        if cost * _COST <= gain and t["clean_flagged"] == 0 and gain > best_gain:
            best, best_gain = at, gain
    model = fit(every)
    vectorizer, regression = model.steps[0][1], model.steps[1][1]
    weights = {name: round(float(w), 5) for name, w in
               zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    stamp = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    about = {"trained_on": [f"evals/data/paraphrase{'' if n == '1' else '_' + n}"
                            for n in training],
             "held_out": held, "fitted": stamp, "C": C,
             "report_at_chosen_by": f"leave-one-set-out over the training sets: the most caught "
                                    f"errors added while adding at most one false alarm per "
                                    f"{_COST} and flagging no clean offline-draft sentence"}
    MODEL_FILE.write_text(json.dumps({"intercept": round(float(regression.intercept_[0]), 5),
                                      "weights": dict(sorted(weights.items())),
                                      "report_at": best, "about": about}, indent=0) + "\n",
                          encoding="utf-8")
    out = [f"eval harness sentence classifier (evals/learned/), fitted {stamp} on paraphrase "
           f"sets {', '.join(training)}; {len(weights)} weights; report_at {best}",
           "rules alone -> rules and the classifier (embeddings off), per set:",
           f"leave-one-set-out over the training sets (each scored by a model fitted on the "
           f"others), at report_at {best}:"]
    for n in training:
        out.append(line(f"set {n}", tally(data[n], folds[n], best)))
    out.append(line("all", tally(every, pooled, best)))
    out.append("per candidate report_at (pooled leave-one-set-out):")
    for at in _CANDIDATES:
        out.append(line(f"at {at}", tally(every, pooled, at)))
    out.append("held-out sets (never trained on), the model as shipped:")
    for n in held:
        p = model.predict_proba([r["x"] for r in data[n]])[:, 1].tolist()
        out.append(line(f"set {n}", tally(data[n], p, best)))
    RESULT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
