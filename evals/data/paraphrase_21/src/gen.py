"""Build the set-21 YAML files from the plain-text sources in src/ (one sentence a line:
kind[:item] || C  or  class :: error note || text); sentences are
stably ordered by kind."""

import glob
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
HEADER = ("# Labelled held-out paraphrase sentences (set 21) for {} "
          "(see README.md in this folder).\n")

for src in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
    with open(src, encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh]
    case = lines[0].strip()
    name = os.path.splitext(os.path.basename(case))[0]
    order = ["opening", "chronology", "item_analysis", "objections", "gaps", "conclusion"]
    body_lines = [ln for ln in lines[1:] if ln.strip() and not ln.startswith("#")]
    body_lines.sort(key=lambda ln: order.index(ln.split("||")[0].strip().split(":")[0]))
    sents = []
    for line in body_lines:
        k, lab, text = [p.strip() for p in line.split("||")]
        s = {"id": f"{name}-p21-{len(sents)+1:03d}"}
        if ":" in k:
            s["kind"], s["item"] = k.split(":")
        else:
            s["kind"] = k
        s["text"] = text
        if lab == "C":
            s["label"] = "correct"
        else:
            c, note = [p.strip() for p in lab.split("::")]
            s["label"] = "error"
            s["error_class"] = c
            s["error"] = note
        sents.append(s)
    body = yaml.safe_dump({"case": case, "sentences": sents}, sort_keys=False, width=1000,
                          allow_unicode=True)
    with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(case) + body)
    print(name, len(sents))
