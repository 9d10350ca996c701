"""Source files hold no control characters: a regex written with "\b" in a plain string holds a
backspace, not a word boundary, and never matches (one did, in drafting/intake, for a
session). Tabs, newlines and carriage returns are allowed."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("drafting", "evals", "guideline_index", "ui", "benchmarks", "prompts", "tests")
NEWLINE = b"\n"
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# deliberately hostile inputs of the tests (a binary file given as a case)
ALLOWED = {ROOT / "tests" / "data" / "bad_cases" / "binary.yaml"}


def _sources() -> list[Path]:
    return [p for package in PACKAGES for pattern in ("*.py", "*.yaml", "*.j2", "*.jinja")
            for p in (ROOT / package).rglob(pattern) if p not in ALLOWED]


def test_no_source_file_holds_a_control_character():
    sources = _sources()
    assert len(sources) > 100  # the scan reaches the code
    found = []
    for path in sources:
        data = path.read_bytes()
        if match := CONTROL.search(data):
            found.append(f"{path.relative_to(ROOT)}:{data.count(NEWLINE, 0, match.start()) + 1}")
    assert not found, found


def test_the_scan_finds_a_backspace_where_a_word_boundary_was_meant(tmp_path):
    bad = tmp_path / "bad.py"
    # a generator writing r"\bthe\b" without the r: the file holds backspaces
    bad.write_text('import re\nWORD = re.compile(r"\bthe\b")\n', encoding="utf-8")
    assert CONTROL.search(bad.read_bytes())
