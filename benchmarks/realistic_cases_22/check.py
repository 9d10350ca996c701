"""Checks realistic_cases_22: every case loads, one label per item, labels agree with the files.

Run: .venv/bin/python benchmarks/realistic_cases_22/check.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from drafting.case import load_case  # noqa: E402
from drafting.case.problems import CaseFileError  # noqa: E402

FIELDS = ["case", "item", "outcome", "reason", "reason_category", "deciding_terms",
          "submission_gaps", "request_type", "source"]


def main() -> int:
    problems: list[str] = []
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    seen: set[tuple[str, str]] = set()
    cases = {}
    for path in sorted(HERE.glob("*.yaml")):
        if path.name == "labels.yaml":
            continue
        try:
            cases[path.name] = load_case(path)
        except CaseFileError as exc:
            problems.append(str(exc))
    for label in labels:
        if list(label) != FIELDS:
            problems.append(f"label fields {list(label)}")
        key = (label["case"], label["item"])
        if key in seen:
            problems.append(f"duplicate label {key}")
        seen.add(key)
        case = cases.get(label["case"])
        if case is None:
            problems.append(f"no case file {label['case']}")
            continue
        item = next((i for i in case.disputed_items if i.id == label["item"]), None)
        if item is None:
            problems.append(f"no item {key}")
            continue
        if item.expected is not None and item.expected.outcome.value != label["outcome"]:
            expected = item.expected.outcome.value
            problems.append(f"{key}: outcome {label['outcome']} != expected {expected}")
        if item.request_type is not None and item.request_type.value != label["request_type"]:
            problems.append(f"{key}: request_type differs")
        gaps = sorted(d.id for d in case.documents if not d.included)
        if sorted(label["submission_gaps"]) != gaps:
            problems.append(f"{key}: submission gaps {label['submission_gaps']} != {gaps}")
        if not 3 <= len(label["deciding_terms"]) <= 5:
            problems.append(f"{key}: {len(label['deciding_terms'])} deciding terms")
    for name, case in cases.items():
        for item in case.disputed_items:
            if (name, item.id) not in seen:
                problems.append(f"unlabelled item {name} {item.id}")
    for p in problems:
        print("PROBLEM:", p)
    necessary = sum(1 for lab in labels if lab["outcome"] == "necessary")
    print(f"{len(cases)} files, {len(labels)} labels, {necessary} necessary, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
