"""Validate held-out paraphrase set 4 (YAML only; imports nothing from the project).

Checks every file in this folder: unique ids of the form <case>-p4-NNN, kind/item values,
every [F..] marker is a fact id of the case file and every [G:..] marker an excerpt id of
guideline_index/corpus/*.yaml, label and error_class values, an `error` note on each error,
12-60 words and a final period, no marker in uncited_specific sentences. Prints the counts table.
Run from the repo root: python evals/data/paraphrase_4/check.py
"""
import glob
import os
import re
import sys

import yaml


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CLASSES = ["wrong_number", "wrong_date", "wrong_side", "wrong_level", "wrong_drug",
           "wrong_entity", "reversed_polarity", "uncited_specific", "unrelated_citation",
           "wrong_guideline", "absence_contradicted"]
SHORT = ["num", "date", "side", "level", "drug", "entity", "polar", "uncit", "unrel", "guide",
         "absent"]
KINDS = {"opening", "chronology", "item_analysis", "objections", "gaps", "conclusion"}


def main(here=HERE, tag="p4"):
    """Check the set in ``here`` whose ids carry ``tag`` (a later set calls this with its own)."""
    excerpts = set()
    for f in glob.glob(os.path.join(ROOT, "guideline_index", "corpus", "*.yaml")):
        for e in (load(f) or {}).get("excerpts", []) or []:
            excerpts.add(e["id"])
    problems, rows, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(here, "*.yaml"))):
        data = load(path)
        case = load(os.path.join(ROOT, data["case"]))
        name = case["id"]
        facts = {f["id"] for f in case["facts"]}
        items = {i["id"] for i in case.get("disputed_items", [])}
        counts = {c: 0 for c in CLASSES}
        correct = 0
        for s in data["sentences"]:
            sid, text = s["id"], s["text"]
            where = f"{os.path.basename(path)} {sid}"
            if sid in seen or not re.fullmatch(re.escape(name) + rf"-{tag}-\d{{3}}", sid):
                problems.append(f"{where}: duplicate or malformed id")
            seen.add(sid)
            if s.get("kind") not in KINDS:
                problems.append(f"{where}: kind {s.get('kind')}")
            bad_item = "item" in s and s["item"] not in items
            if (s["kind"] == "item_analysis") != ("item" in s) or bad_item:
                problems.append(f"{where}: item {s.get('item')}")
            for m in re.findall(r"\[F(\d+)\]", text):
                if "F" + m not in facts:
                    problems.append(f"{where}: unknown fact F{m}")
            for m in re.findall(r"\[G:([^\]]+)\]", text):
                if m not in excerpts:
                    problems.append(f"{where}: unknown excerpt {m}")
            if re.search(r"\[(?!F\d+\]|G:[^\]]+\])[^\]]*\]", text):
                problems.append(f"{where}: malformed marker")
            n = len(text.split())
            if not 12 <= n <= 60 or not text.endswith("."):
                problems.append(f"{where}: {n} words or no final period")
            if s.get("label") == "correct":
                correct += 1
                if "error_class" in s or "error" in s:
                    problems.append(f"{where}: correct sentence with error fields")
            elif s.get("label") == "error":
                c = s.get("error_class")
                if c not in CLASSES or not s.get("error"):
                    problems.append(f"{where}: error_class {c} / error note")
                else:
                    counts[c] += 1
                if c == "uncited_specific" and "[" in text:
                    problems.append(f"{where}: uncited_specific with a marker")
            else:
                problems.append(f"{where}: label {s.get('label')}")
        rows.append((name, correct, counts))
    head = "| case | correct | " + " | ".join(SHORT) + " | errors | total |"
    print(head)
    print("|---|" + "---:|" * (len(SHORT) + 3))
    tot_c, tot = 0, {c: 0 for c in CLASSES}
    for name, correct, counts in rows:
        e = sum(counts.values())
        print(f"| {name} | {correct} | " + " | ".join(str(counts[c]) for c in CLASSES)
              + f" | {e} | {correct + e} |")
        tot_c += correct
        for c in CLASSES:
            tot[c] += counts[c]
    e = sum(tot.values())
    print(f"| **total** | {tot_c} | " + " | ".join(str(tot[c]) for c in CLASSES)
          + f" | {e} | {tot_c + e} |")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
