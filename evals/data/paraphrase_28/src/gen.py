"""Build the set-28 YAML files from src/*.txt (written for this set).

Each source line is `kind[:item] || C || text` (correct) or
`kind[:item] || error_class :: note || text` (error); the first line is `case: <path>`.
Run from this folder: python gen.py
"""

import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
ORDER = ["opening", "chronology", "item_analysis", "gaps", "objections", "conclusion"]


def build(src: str) -> None:
    with open(os.path.join(HERE, src), encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip()]
    case = lines[0].split("case:", 1)[1].strip()
    stem = os.path.splitext(os.path.basename(case))[0]
    rows = []
    for ln in lines[1:]:
        head, label, text = (part.strip() for part in ln.split("||"))
        kind, _, item = head.partition(":")
        rows.append((ORDER.index(kind), len(rows), kind, item, label, text))
    rows.sort()
    sentences = []
    for n, (_, _, kind, item, label, text) in enumerate(rows, 1):
        entry = {"id": f"{stem}-p28-{n:03d}", "kind": kind}
        if item:
            entry["item"] = item
        entry["text"] = text
        if label == "C":
            entry["label"] = "correct"
        else:
            cls, note = (part.strip() for part in label.split("::", 1))
            entry.update({"label": "error", "error_class": cls, "error": note})
        sentences.append(entry)
    header = (f"# Labelled held-out paraphrase sentences (set 28) for {case} "
              "(see README.md in this folder).\n")
    body = yaml.safe_dump({"case": case, "sentences": sentences}, sort_keys=False,
                          allow_unicode=True, width=100)
    with open(os.path.join(OUT, stem + ".yaml"), "w", encoding="utf-8") as fh:
        fh.write(header + body)


if __name__ == "__main__":
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt"):
            build(name)
