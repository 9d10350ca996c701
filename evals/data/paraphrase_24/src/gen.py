"""Build the set-24 YAML files from src/*.txt (one sentence a line).

Line format: ``kind[:item] || C || text`` (correct) or ``kind[:item] || class :: note || text``
(error); the first line is ``case: <path>``. Run from the repo root:
python evals/data/paraphrase_24/src/gen.py
"""

import glob
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)


def build(path):
    with open(path, encoding="utf-8") as fh:
        lines = [x.rstrip("\n") for x in fh if x.strip()]
    case_path = lines[0].split(":", 1)[1].strip()
    name = os.path.splitext(os.path.basename(case_path))[0]
    sentences = []
    for n, line in enumerate(lines[1:], 1):
        where, label, text = (p.strip() for p in line.split("||"))
        kind, _, item = where.partition(":")
        s = {"id": f"{name}-p24-{n:03d}", "kind": kind}
        if item:
            s["item"] = item
        s["text"] = text
        if label == "C":
            s["label"] = "correct"
        else:
            cls, _, note = (p.strip() for p in label.partition("::"))
            s.update(label="error", error_class=cls, error=note)
        sentences.append(s)
    head = (f"# Labelled held-out paraphrase sentences (set 24) for {case_path} "
            "(see README.md in this folder).\n")
    body = yaml.safe_dump({"case": case_path, "sentences": sentences}, sort_keys=False,
                          allow_unicode=True, width=100)
    with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as fh:
        fh.write(head + body)


if __name__ == "__main__":
    for src in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
        build(src)
