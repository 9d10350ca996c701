"""The criteria engine on the blind set ``benchmarks/realistic_cases/`` (written by a session that
had not read the criteria code; labels in ``labels.yaml``): outcome agreement overall and per
direction, beside the trivial baselines (always "not necessary", always "necessary"); right
reason (the deciding criteria's statements, reasons and notes contain one of the item's
``deciding_terms``); submission gaps found / expected; clinical gaps raised on items whose label
expects none.

Run: ``python benchmarks/criteria_realistic.py [RUN_NAME] [--set 2|3|4] [--judge-as SETTING]
[--dry-run]``
(appends the run to ``benchmarks/results/criteria_realistic.txt``, or with ``--set N`` scores
the blind set ``benchmarks/realistic_cases_N/`` into ``criteria_realistic_N.txt``; every
first run is kept as the honest measure). Submission gaps count the documents the engine
names as missing, on a criterion or on the item (``ItemResult.missing_documents``, which
first existed after the first run of set 1). ``--judge-as`` is a diagnostic that re-codes
every case's setting (e.g. to see how cases the engine declines, such as
other_workers_comp, would fare on another setting's criteria); its runs say so.
``--dry-run`` prints the run without appending it (for exploring; every run that measures a
change is appended). ``--guideline-decided`` scores only the items whose reviewer decided on a
guideline criterion (``benchmarks/guideline_decided.py`` gives the rule); it implies
``--dry-run``. ``--set 4`` scores a held-out set written elsewhere, once it exists."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.first_run import numbered_sets  # noqa: E402
from benchmarks.guideline_decided import guideline_decided  # noqa: E402
from drafting.case import load_case  # noqa: E402
from drafting.criteria.evaluate import evaluate_case  # noqa: E402
from drafting.criteria.results import Gap  # noqa: E402

# Set 1 and every later set (benchmarks/realistic_cases_N/ scores into
# results/criteria_realistic_N.txt); a new held-out set is scored as soon as its folder exists.
SETS = {"1": (ROOT / "benchmarks" / "realistic_cases",
              ROOT / "benchmarks" / "results" / "criteria_realistic.txt"),
        **numbered_sets(ROOT / "benchmarks", "realistic_cases", "criteria_realistic")}


def main() -> None:
    args = sys.argv[1:]
    which = "1"
    if "--set" in args:
        at = args.index("--set")
        which = args[at + 1]
        del args[at:at + 2]
    judge_as = None  # a diagnostic only: judge every case as if in this setting
    if "--judge-as" in args:
        at = args.index("--judge-as")
        judge_as = args[at + 1]
        del args[at:at + 2]
    dry = "--dry-run" in args  # print only; the results file is not touched
    if dry:
        args.remove("--dry-run")
    subset = "--guideline-decided" in args  # a view of the set, never appended
    if subset:
        args.remove("--guideline-decided")
        dry = True
    SET, RESULT = SETS[which]
    name = args[0] if args else "run"
    if judge_as:
        name += f" [diagnostic: every case judged as {judge_as}, not the engine's behaviour]"
    labels = yaml.safe_load((SET / "labels.yaml").read_text(encoding="utf-8"))
    if subset:
        labels = [entry for entry in labels if guideline_decided(entry)]
        name += " [items a guideline decides: benchmarks/guideline_decided.py]"
    results = {}
    for case_file in sorted({entry["case"] for entry in labels}):
        case = load_case(SET / case_file)
        if judge_as:
            case = case.model_copy(update={"setting": judge_as})
        results[case_file] = {r.item_id: r for r in evaluate_case(case)}
    rows, agree, reason, gaps_found, gaps_expected, false_clinical = [], 0, 0, 0, 0, 0
    by_direction: dict[str, list[bool]] = {}
    # How each item was decided against necessity: a required criterion the record contradicts,
    # or only silence (required criteria undocumented), or no set; counted per label direction.
    decided_by: dict[str, dict[str, int]] = {}
    for entry in labels:
        result = results[entry["case"]][entry["item"]]
        got = result.outcome.value if result.outcome else "none"
        same = got == entry["outcome"]
        agree += same
        by_direction.setdefault(entry["outcome"], []).append(same)
        deciding = [c for c in result.criteria if c.criterion_id in result.deciding]
        text = " ".join(f"{c.statement} {c.reason} {' '.join(c.notes)}" for c in deciding).lower()
        right = same and any(term.lower() in text for term in entry["deciding_terms"])
        reason += right
        missing = {d for c in result.criteria for d in c.missing_documents}
        missing |= set(getattr(result, "missing_documents", []))
        expected = set(entry.get("submission_gaps") or [])
        gaps_expected += len(expected)
        gaps_found += len(expected & missing)
        clinical = [c.criterion_id for c in result.criteria if c.gap is Gap.clinical]
        if entry["reason_category"] != "documentation_missing":
            false_clinical += bool(clinical) and entry["outcome"] == "necessary"
        required = [c for c in result.criteria if c.required]
        how = ("no criteria set" if result.outcome is None else
               "contradicted" if any(c.status.value == "not_met" for c in required) else
               "silence only" if any(c.status.value == "undocumented" for c in required) else
               "all met")
        counts = decided_by.setdefault(entry["outcome"], {})
        counts[how] = counts.get(how, 0) + 1
        rows.append(f"  {entry['case']} {entry['item']}: label {entry['outcome']}, engine {got}"
                    f" ({result.criteria_set or 'no criteria set'}); reason "
                    f"{'right' if right else 'not'}; deciding {', '.join(result.deciding) or '-'}"
                    f"; gaps {sorted(expected & missing)}/{sorted(expected)}")
    n = len(labels)
    direction = {k: f"{sum(v)}/{len(v)} ({sum(v) / len(v):.0%})" for k, v in by_direction.items()}
    baselines = {k: f"{len(v)}/{n} ({len(v) / n:.0%})" for k, v in by_direction.items()}
    lines = [f"{name}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit of the engine as "
             f"checked out; {n} items in {len(results)} cases",
             f"outcome agreement {agree}/{n} ({agree / n:.0%}); per label direction {direction}",
             f"trivial baselines (always that outcome): {baselines}",
             f"right reason (outcome right and a deciding criterion names a labelled term) "
             f"{reason}/{n} ({reason / n:.0%})",
             f"submission gaps found {gaps_found}/{gaps_expected}; approved items on which a "
             f"clinical gap was raised {false_clinical}",
             f"how required criteria stood, per label direction (contradicted / silence only / "
             f"all met / no criteria set): {decided_by}", *rows, ""]
    if not dry:
        with RESULT.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
