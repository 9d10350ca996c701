"""Consistency check for realistic_cases_19 (written with the set; runs load_case only).

Every case file loads; one label per disputed item; each label's outcome equals the item's
expected.outcome and its request_type the item's; submission_gaps name exactly the documents
marked not included; 3-5 deciding terms.
Run: .venv/bin/python benchmarks/realistic_cases_19/check.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from drafting.case import load_case

HERE = Path(__file__).parent


def main() -> int:
    labels = yaml.safe_load((HERE / "labels.yaml").read_text())
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    cases = {}
    for path in sorted(HERE.glob("*.yaml")):
        if path.name == "labels.yaml":
            continue
        try:
            cases[path.name] = load_case(path)
        except Exception as exc:  # report every file that fails, not just the first
            problems.append(f"{path.name}: does not load: {exc}")
    for lab in labels:
        key = (lab["case"], lab["item"])
        if key in seen:
            problems.append(f"{key}: more than one label")
        seen.add(key)
        case = cases.get(lab["case"])
        if case is None:
            problems.append(f"{key}: no such case file (or it failed to load)")
            continue
        item = next((i for i in case.disputed_items if i.id == lab["item"]), None)
        if item is None:
            problems.append(f"{key}: no such item")
            continue
        expected = item.expected.outcome.value if item.expected else None
        if expected and expected != lab["outcome"]:
            problems.append(f"{key}: label {lab['outcome']} != expected {expected}")
        rt = item.request_type.value if item.request_type else None
        if rt != lab.get("request_type"):
            problems.append(f"{key}: request_type {lab.get('request_type')} != item {rt}")
        gaps = sorted(d.id for d in case.documents if not d.included)
        if sorted(lab["submission_gaps"]) != gaps:
            problems.append(f"{key}: submission_gaps {lab['submission_gaps']} != {gaps}")
        if not 3 <= len(lab["deciding_terms"]) <= 5:
            problems.append(f"{key}: {len(lab['deciding_terms'])} deciding terms")
    for name, case in cases.items():
        for item in case.disputed_items:
            if (name, item.id) not in seen:
                problems.append(f"{name} {item.id}: no label")
    for p in problems:
        print(p)
    n = len(labels)
    nec = sum(1 for lab in labels if lab["outcome"] == "necessary")
    print(f"{len(cases)} files, {n} labels, {nec} necessary ({100 * nec // max(n, 1)}%), "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
