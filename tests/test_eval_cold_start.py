"""A cold start of the checker (``evals.checks.clear_caches``, what the eval speed benchmark
times as a new draft of a new case) forgets every text it read: each bounded cache of the
evals package and of the citation splitter (those kept per sentence, fact, case or section) is
empty afterwards, but for those holding what a process keeps for its life (the lexicon's data,
the guideline excerpts' text, the setting's reference)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

import evals
from evals import checks
from evals.harness import evaluate_draft
from tests.offline_drafts import EXCERPTS, offline_draft

CASE = Path(__file__).resolve().parents[1] / "examples" / "cases"
# Kept for the process: read from the lexicon or a guideline excerpt, never from a draft or a
# case (an excerpt's clauses, like its stored vector, are the same for every draft citing it).
PROCESS_LIFETIME = {"evals.checks.support._terms", "evals.checks.entities.lexicon",
                    "evals.checks.outcome_record._not_established",
                    "evals.checks.pairing._excerpt_clauses"}


def _bounded_caches() -> dict[str, functools._lru_cache_wrapper]:  # type: ignore[type-arg]
    found = {}
    names = [info.name for info in pkgutil.walk_packages(evals.__path__, "evals.")]
    for module_name in [*names, "drafting.citations"]:  # (how the checks split a section)
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper) and \
                    value.__module__ == module_name and value.cache_info().maxsize is not None:
                found[f"{module_name}.{name}"] = value
    return found


def test_a_cold_start_forgets_every_text_read_but_what_the_process_keeps():
    caches = _bounded_caches()
    assert caches.keys() >= PROCESS_LIFETIME  # (a renamed cache is named here again)
    for path in sorted(CASE.glob("*.yaml"))[:3]:
        draft, case = offline_draft(path)
        evaluate_draft(draft, case, EXCERPTS)
    assert sum(c.cache_info().currsize for c in caches.values()) > 0
    checks.clear_caches()
    left = {name for name, c in caches.items() if c.cache_info().currsize}
    assert left <= PROCESS_LIFETIME, sorted(left - PROCESS_LIFETIME)
