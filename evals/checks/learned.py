"""The sentence classifier's findings (``evals/learned/``): a sentence it finds likely to
misstate what it cites, or to state a patient-specific claim no marker supports, is a warning of
its own check (``learned_support``), named as a classifier's and with the signals that weighed
most. A warning, not an error: on held-out paraphrase sets a quarter to a half of the sentences
it newly flags are correct ones (benchmarks/results/eval_sentence_model.txt), so it asks a
reader to look and never fails a draft. It runs beside the rule checks and never removes their
findings; ``NECESSITY_EVAL_MODEL=off`` turns it off."""

from __future__ import annotations

from evals.context import EvalContext, Sentence
from evals.findings import Finding
from evals.learned import features
from evals.learned.features import fact_text, negates, sentence_features, text_words
from evals.learned.model import SentenceModel, sentence_model

NAME = "learned_support"
# A sentence's probability and strongest signals, kept by its text, its section's kind, the text
# of each fact and excerpt it cites and the case's facts: a QA batch checks the same sentences
# of the same cases again.
_DOUBTS: dict[tuple[object, ...], tuple[float, tuple[str, ...]]] = {}
_MOST_KEPT = 50_000


def clear_caches() -> None:
    """Forget every sentence and fact read (for timing on cold caches)."""
    _DOUBTS.clear()
    features.clear_caches()


def _signal(feature: str) -> str:
    kind, _, value = feature.partition(":")
    return {"nv": f"'{value}' is not in what it cites",
            "ms": f"what it cites says '{value}' and the sentence does not",
            "u": f"'{value}' with no marker", "dig": "a number what it cites does not hold",
            "absov": "another fact of the record restates what it negates",
            "nd": "negations differ from what it cites"}.get(kind, feature)


class _Texts(dict[str, str]):
    """Each fact's text as the classifier reads it, made when first asked for."""

    def __init__(self, ctx: EvalContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._words: list[tuple[str, frozenset[str]]] | None = None

    def words(self) -> list[tuple[str, frozenset[str]]]:
        """Each fact's id and content words (``text_words``), in the case's order."""
        if self._words is None:
            self._words = [(f.id, text_words(self[f.id])) for f in self.ctx.case.facts]
        return self._words

    def __missing__(self, fact_id: str) -> str:
        text = self[fact_id] = fact_text(self.ctx.facts[fact_id])
        return text


def _doubt(ctx: EvalContext, sentence: Sentence, model: SentenceModel,
           texts: _Texts) -> tuple[float, tuple[str, ...]]:
    cited = [m for m in sentence.markers if not m.startswith("G:")]
    facts = [texts[m] for m in cited if m in ctx.facts]
    excerpts = [ctx.excerpts[m[2:]] for m in sentence.markers
                if m.startswith("G:") and m[2:] in ctx.excerpts]
    key = (id(model), ctx.facts_key, sentence.text, sentence.section.kind, tuple(facts),
           tuple(e.id for e in excerpts))
    known = _DOUBTS.get(key)
    if known is None:
        others = [words for fact_id, words in texts.words()
                  if fact_id not in cited] if negates(sentence.text) else []
        known = model.assess(sentence_features(sentence.text, sentence.section.kind, facts,
                                               excerpts, others))
        if len(_DOUBTS) >= _MOST_KEPT:
            _DOUBTS.clear()
        _DOUBTS[key] = known
    return known


def check_learned(ctx: EvalContext, model: SentenceModel | None = None) -> list[Finding]:
    model = model or sentence_model()
    if model is None:
        return []
    texts = _Texts(ctx)
    findings = []
    for sentence in ctx.sentences:
        if not sentence.plain:
            continue
        p, reasons = _doubt(ctx, sentence, model, texts)
        if p < model.report_at:
            continue
        what = (f"likely to misstate {', '.join(sentence.markers)}" if sentence.markers else
                "likely to state a claim no marker supports")
        signals = "; ".join(_signal(f) for f in reasons)
        findings.append(Finding(
            check=NAME, severity="warning", section=sentence.section.key,
            sentence=sentence.index, text=sentence.text,
            message=f"classifier (not a language model): this sentence is {what} "
                    f"(p = {p:.2f}; {signals or 'no single signal'})"))
    return findings
