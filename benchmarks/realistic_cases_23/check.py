"""Checks realistic_cases_23 with set 22's checker (same rules, no copied code).

Loads benchmarks/realistic_cases_22/check.py by path and points its folder at this one.
Run: .venv/bin/python benchmarks/realistic_cases_23/check.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location(
    "realistic_cases_22_check", HERE.parent / "realistic_cases_22" / "check.py")
assert _SPEC is not None and _SPEC.loader is not None
_CHECKER = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_CHECKER)
_CHECKER.HERE = HERE

if __name__ == "__main__":
    raise SystemExit(_CHECKER.main())
