"""Build the set-25 YAML files from the plain-text sources in this folder.

Each source file starts with `case: <path>`; every other line is
`kind[:item] || C || text` (correct) or `kind[:item] || class :: note || text` (error).
Sentences are ordered by section (stable within a section) and numbered <case>-p25-NNN.

Run from the repo root: python evals/data/paraphrase_25/src/gen.py
"""

import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
SOURCES = ["ny.txt", "fl.txt", "wv.txt", "la.txt"]
KIND_ORDER = ["opening", "chronology", "item_analysis", "objections", "gaps", "conclusion"]


def parse(path: str) -> tuple[str, list[dict]]:
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip()]
    case = lines[0].split(":", 1)[1].strip()
    rows = []
    for line in lines[1:]:
        head, label, text = (part.strip() for part in line.split("||"))
        kind, _, item = head.partition(":")
        row = {"kind": kind, "item": item or None, "text": text}
        if label == "C":
            row["label"] = "correct"
        else:
            error_class, note = (part.strip() for part in label.split("::", 1))
            row.update(label="error", error_class=error_class, error=note)
        rows.append(row)
    rows.sort(key=lambda r: (KIND_ORDER.index(r["kind"]), r["item"] or ""))
    return case, rows


def build(source: str) -> str:
    case, rows = parse(os.path.join(HERE, source))
    stem = os.path.splitext(os.path.basename(case))[0]
    sentences = []
    for number, row in enumerate(rows, start=1):
        entry = {"id": f"{stem}-p25-{number:03d}", "kind": row["kind"]}
        if row["item"]:
            entry["item"] = row["item"]
        entry["text"] = row["text"]
        entry["label"] = row["label"]
        if row["label"] == "error":
            entry["error_class"] = row["error_class"]
            entry["error"] = row["error"]
        sentences.append(entry)
    header = (f"# Labelled held-out paraphrase sentences (set 25) for {case} "
              "(see README.md in this folder).\n")
    body = yaml.safe_dump({"case": case, "sentences": sentences}, sort_keys=False,
                          allow_unicode=True, width=100)
    out = os.path.join(OUT, stem + ".yaml")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(header + body)
    return out


if __name__ == "__main__":
    for name in SOURCES:
        print(build(name))
