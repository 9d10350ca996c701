"""Check the blind labels: every evidence/trap span occurs verbatim in its text, vocabularies and
date forms are valid, identifiers occur in the text.

Run: python benchmarks/intake_blind/check_labels.py"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CATEGORIES = {
    "history",
    "exam",
    "imaging",
    "electrodiagnostic",
    "conservative_care",
    "medication",
    "procedure",
    "response",
    "functional",
    "psych",
    "utilization_review",
    "other",
}
DECISIONS = {"approved", "denied", "modified", "pending"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
VALUE_KEYS = {
    "percent_relief",
    "duration",
    "dose",
    "laterality",
    "levels",
    "measure",
    "measures",
    "mme",
}


def check(label_path: Path) -> tuple[int, int, list[str]]:
    problems: list[str] = []
    labels = yaml.safe_load(label_path.read_text())
    text = (label_path.parent / labels["file"]).read_text()
    for key in ("document_type", "facts", "traps", "identifiers"):
        if key not in labels:
            problems.append(f"missing {key}")
    for i, fact in enumerate(labels.get("facts", [])):
        where = f"facts[{i}]"
        if fact.get("category") not in CATEGORIES:
            problems.append(f"{where}: bad category {fact.get('category')}")
        for k in ("date", "end_date"):
            d = fact.get(k)
            if d is not None and not DATE.match(str(d)):
                problems.append(f"{where}: bad {k} {d!r}")
        if fact.get("evidence") not in text:
            problems.append(f"{where}: evidence not in text: {fact.get('evidence')!r}")
        extra = set(fact.get("values") or {}) - VALUE_KEYS
        if extra:
            problems.append(f"{where}: unknown value keys {extra}")
    for i, trap in enumerate(labels.get("traps", [])):
        if trap.get("span") not in text:
            problems.append(f"traps[{i}]: span not in text: {trap.get('span')!r}")
        if not trap.get("why"):
            problems.append(f"traps[{i}]: no reason")
    for i, item in enumerate(labels.get("items") or []):
        if item.get("decision") not in DECISIONS:
            problems.append(f"items[{i}]: bad decision {item.get('decision')}")
    for kind, values in (labels.get("identifiers") or {}).items():
        for v in values or []:
            if str(v) not in text:
                problems.append(f"identifiers.{kind}: not in text: {v!r}")
    return len(labels.get("facts", [])), len(labels.get("traps", [])), problems


def main(folder: Path = HERE) -> int:
    """Check every label file of ``folder`` (this set by default; the later sets' checkers
    call this with their own folder)."""
    total_f = total_t = 0
    bad = False
    files = sorted(folder.glob("*.labels.yaml"))
    for path in files:
        nf, nt, problems = check(path)
        total_f += nf
        total_t += nt
        print(
            f"{path.name}: {nf} facts, {nt} traps"
            + ("" if not problems else f", {len(problems)} problems")
        )
        for p in problems:
            print("   ", p)
            bad = True
    print(f"TOTAL {len(files)} files, {total_f} facts, {total_t} traps")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
