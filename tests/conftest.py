"""Shared fixtures: cases come from examples/ and tests/data/, never from code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "cases"
DATA = Path(__file__).resolve().parent / "data"
BAD_CASES = DATA / "bad_cases"
SHARED = ROOT.parent / "shared"
CDC_PDF = SHARED / "corpus" / "cdc-2022-opioid-guideline-draft.pdf"
needs_shared_corpus = pytest.mark.skipif(
    not CDC_PDF.exists(), reason=f"{CDC_PDF} is absent (shared/corpus not beside the checkout)"
)


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def minimal_case_text() -> str:
    return (DATA / "minimal_case.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_case(tmp_path: Path):
    """Write case text to a temporary .yaml file and return its path."""

    def _write(text: str, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session", autouse=True)
def _private_draft_store(tmp_path_factory):
    """No test writes to the user's draft store (drafts.sqlite in ~/.local/share/necessity)."""
    os.environ["NECESSITY_STORE_URL"] = str(tmp_path_factory.mktemp("store") / "drafts.sqlite")
