"""Criteria engine vs the outcome a physician reached by hand, for every example item.

Run: ``python benchmarks/criteria_agreement.py``. Writes the table the README shows to
``benchmarks/results/criteria_agreement.md`` and prints the agreement count.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting.case import load_case  # noqa: E402
from drafting.criteria.evaluate import evaluate_case  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "criteria_agreement.md"


def rows() -> list[tuple[str, str, str, str, str, str, bool]]:
    out = []
    for path in sorted((ROOT / "examples" / "cases").glob("*.yaml")):
        case = load_case(path)
        for result in evaluate_case(case):
            item = next(i for i in case.disputed_items if i.id == result.item_id)
            expected = item.expected.outcome.value if item.expected else "-"
            engine = result.outcome.value if result.outcome else "no criteria set"
            out.append((path.name, item.id, str(item.procedure), result.criteria_set or "-",
                        expected, engine, expected == engine))
    return out


def main() -> None:
    table = rows()
    agree = sum(r[-1] for r in table)
    lines = ["| case | item | procedure | criteria set | physician | engine | agree |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| `{c}` | {i} | {p} | {s} | {e} | {g} | {'yes' if ok else 'NO'} |"
              for c, i, p, s, e, g, ok in table]
    lines.append("")
    lines.append(f"Agreement: {agree} of {len(table)} items.")
    text = "\n".join(lines) + "\n"
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
