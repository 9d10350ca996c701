"""Build the set-5 YAML files from the plain-text sources in src/ (one sentence a line:
kind[:item] || C  or  class :: error note || text)."""
import glob, os, yaml
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
for src in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
    lines = [l.rstrip("\n") for l in open(src, encoding="utf-8")]
    case = lines[0].strip()
    name = os.path.splitext(os.path.basename(case))[0]
    sents = []
    for l in lines[1:]:
        if not l.strip() or l.startswith("#"):
            continue
        k, lab, text = [p.strip() for p in l.split("||")]
        s = {"id": f"{name}-p5-{len(sents)+1:03d}"}
        if ":" in k:
            s["kind"], s["item"] = k.split(":")
        else:
            s["kind"] = k
        s["text"] = text
        if lab == "C":
            s["label"] = "correct"
        else:
            c, note = [p.strip() for p in lab.split("::")]
            s["label"] = "error"; s["error_class"] = c; s["error"] = note
        sents.append(s)
    body = yaml.safe_dump({"case": case, "sentences": sents}, sort_keys=False, width=1000, allow_unicode=True)
    with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as fh:
        fh.write(f"# Labelled held-out paraphrase sentences (set 5) for {case} (see README.md in this folder).\n" + body)
    print(name, len(sents))
