"""Build the YAML files of paraphrase set 23 from src/*.txt (one sentence a line).

Line format: ``kind[:item] || C || text`` or ``kind[:item] || class :: note || text``;
the first line is ``case: <path>``.
Run from the repo root: python evals/data/paraphrase_23/src/gen.py
"""

import glob
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def build(path):
    with open(path, encoding="utf-8") as fh:
        lines = [x for x in fh.read().splitlines() if x.strip()]
    case_path = lines[0].split(":", 1)[1].strip()
    with open(os.path.join(ROOT, case_path), encoding="utf-8") as fh:
        name = yaml.safe_load(fh)["id"]
    sentences = []
    for n, line in enumerate(lines[1:], 1):
        head, label, text = (p.strip() for p in line.split("||"))
        kind, _, item = head.partition(":")
        s = {"id": f"{name}-p23-{n:03d}", "kind": kind.strip()}
        if item:
            s["item"] = item.strip()
        s["text"] = text
        if label == "C":
            s["label"] = "correct"
        else:
            cls, note = (p.strip() for p in label.split("::", 1))
            s.update({"label": "error", "error_class": cls, "error": note})
        sentences.append(s)
    out = os.path.join(HERE, "..", f"{name}.yaml")
    header = (f"# Labelled held-out paraphrase sentences (set 23) for {case_path} "
              "(see README.md in this folder).\n")
    body = yaml.safe_dump({"case": case_path, "sentences": sentences}, sort_keys=False,
                          allow_unicode=True, width=10000)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(header + body)


if __name__ == "__main__":
    for p in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        build(p)
