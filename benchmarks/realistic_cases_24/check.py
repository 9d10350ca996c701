"""Checks realistic_cases_24 with set 23's checker (which wraps set 22's; no copied code).

Loads benchmarks/realistic_cases_23/check.py by path and points the checker it wraps at this folder.
Run: .venv/bin/python benchmarks/realistic_cases_24/check.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location(
    "realistic_cases_23_check", HERE.parent / "realistic_cases_23" / "check.py")
assert _SPEC is not None and _SPEC.loader is not None
_SET23 = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_SET23)
_CHECKER = _SET23._CHECKER
_CHECKER.HERE = HERE

if __name__ == "__main__":
    raise SystemExit(_CHECKER.main())
