"""Build the YAML files of paraphrase set 22 from src/*.txt.

Each source line: ``kind[:item] || C || text`` (correct) or
``kind[:item] || class :: note || text`` (error); ``#`` lines and blank lines are skipped.
The first line of each source file is ``case: <path>``.
Run from the repo root: python evals/data/paraphrase_22/src/gen.py
"""

import glob
import os

import yaml

SRC = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(SRC)


def q(text):
    """Quote a scalar for YAML the way yaml.safe_dump would, on one line."""
    return yaml.safe_dump(text, width=10_000, allow_unicode=True).strip().removesuffix("\n...")


def build(path):
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh]
    case_path = lines[0].split(":", 1)[1].strip()
    name = os.path.splitext(os.path.basename(case_path))[0]
    head = f"# Labelled held-out paraphrase sentences (set 22) for {case_path}"
    out = [head + " (see README.md in this folder).", f"case: {case_path}", "sentences:"]
    n = 0
    for ln in lines[1:]:
        if not ln.strip() or ln.startswith("#"):
            continue
        head, label, text = (p.strip() for p in ln.split("||"))
        kind, _, item = head.partition(":")
        n += 1
        out.append(f"- id: {name}-p22-{n:03d}")
        out.append(f"  kind: {kind}")
        if item:
            out.append(f"  item: {item}")
        out.append(f"  text: {q(text)}")
        if label == "C":
            out.append("  label: correct")
        else:
            cls, _, note = (p.strip() for p in label.partition("::"))
            out.append("  label: error")
            out.append(f"  error_class: {cls}")
            out.append(f"  error: {q(note)}")
    with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    return name, n


if __name__ == "__main__":
    for p in sorted(glob.glob(os.path.join(SRC, "*.txt"))):
        print(*build(p))
