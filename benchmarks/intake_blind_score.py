"""Record intake on the blind record set (``benchmarks/intake_blind/``, written by a session that
had not read the extractors): recall of the labelled key facts, the spurious rate, facts taken
from a trap (a date, phone, id, code, credential, letterhead, citation or negation), and the
determination letters' items and decisions.

Matching is loose, as the set's NOTES ask: a labelled fact is recovered when a drafted fact of
the same category quotes its evidence (at least 60% of the evidence's words appear in the
drafted statement) and carries its date at the labelled precision (day, month or year; a label
without a date matches any). A drafted fact that recovers no label is spurious; a spurious fact
whose statement holds a trap's words is a trap fact (the dangerous kind).

Run: ``python benchmarks/intake_blind_score.py [RUN_NAME]`` (set 1, the development set: appends
to ``benchmarks/results/intake.txt``) or ``python benchmarks/intake_blind_score.py --set 2
[RUN_NAME]`` (the held-out set 2, ``benchmarks/intake_blind_2/``, same format: writes
``benchmarks/results/intake_blind_2.txt``, its first run kept above the current one); ``--set 3``
is the held-out set 3 (``benchmarks/intake_blind_3/``, ``results/intake_blind_3.txt``, same
format, first run kept), scored by the lead only."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.first_run import numbered_sets, write_beside_first_run  # noqa: E402
from drafting.intake.run import run_intake  # noqa: E402

SET = ROOT / "benchmarks" / "intake_blind"
RESULT = ROOT / "benchmarks" / "results" / "intake.txt"
# Set 1 and every later set in the same format (benchmarks/intake_blind_N/ scores into
# results/intake_blind_N.txt); a new held-out set is scored as soon as its folder exists.
SETS = {"1": (SET, RESULT), **numbered_sets(ROOT / "benchmarks", "intake_blind", "intake_blind")}
TODAY = dt.date(2026, 12, 5)  # fixed: the records' dates are judged against the same day
EVIDENCE_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


# A form's check box ("[X]", "[ ]", "☒") is layout, not a word of the evidence: a drafted fact
# reads the ticked option without its box (since 2026-12-06; before, "[x] aching  [x] shooting"
# needed its two x's in the statement).
_BOX = re.compile(r"\[[ xX✓✔]?\]|[☐☑☒]")


def words(text: str) -> list[str]:
    return _WORD.findall(_BOX.sub(" ", text).lower())


def quotes(statement: str, evidence: str, share: float = EVIDENCE_SHARE) -> bool:
    wanted = words(evidence)
    have = set(words(statement))
    return bool(wanted) and sum(w in have for w in wanted) >= share * len(wanted)


def same_date(label: Any, drafted: Any) -> bool:
    if label in (None, ""):
        return True
    text = label.isoformat() if isinstance(label, dt.date) else str(label)
    got = drafted.isoformat() if isinstance(drafted, dt.date) else str(drafted)
    return got.startswith(text)


def tally(facts: list[dict[str, Any]], labels: dict[str, Any]) -> dict[str, Any]:
    """Labels recovered by ``facts``, and the facts that recover none (spurious; trap facts)."""
    recovered, used = 0, set()
    for label in labels["facts"]:
        for i, fact in enumerate(facts):
            if (fact["category"] == label["category"]
                    and quotes(fact["statement"], label["evidence"])
                    and same_date(label.get("date"), fact["date"])):
                recovered += 1
                used.add(i)
                break
    spurious = [f for i, f in enumerate(facts) if i not in used
                and not any(quotes(f["statement"], lab["evidence"]) for lab in labels["facts"])]
    traps = [f for f in spurious
             if any(quotes(f["statement"], trap["span"]) for trap in labels.get("traps", []))]
    return {"expected": len(labels["facts"]), "drafted": len(facts), "recovered": recovered,
            "spurious": len(spurious), "traps": len(traps),
            "trap_examples": [f["statement"][:90] for f in traps[:2]]}


def labels_of(text_path: Path) -> dict[str, Any]:
    return yaml.safe_load(text_path.with_suffix(".labels.yaml").read_text(encoding="utf-8"))


def score_file(text_path: Path) -> dict[str, Any]:
    labels = labels_of(text_path)
    outcome = run_intake([text_path], case_id="blind-intake", ocr=False, today=TODAY)
    items_expected = labels.get("items") or []
    drafted_items = outcome.drafted.data.get("disputed_items", [])
    decided = [i for i in drafted_items if i.get("prior_decision")]
    return {"name": text_path.stem, **tally(outcome.drafted.data.get("facts", []), labels),
            "items_expected": len(items_expected), "items": len(drafted_items),
            "decided": len(decided)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", default="run", help="what this run is (after what)")
    parser.add_argument("--set", choices=sorted(SETS), default="1",
                        help="1: benchmarks/intake_blind/; N: benchmarks/intake_blind_N/")
    parser.add_argument("--model-pass", action="store_true",
                        help="measure the model pass with a loopback fake scripted from the "
                        "labels; writes benchmarks/results/intake_model_pass.txt")
    args = parser.parse_args()
    name = args.name
    folder, result = SETS[args.set]
    texts = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".labels.yaml").exists())
    if not texts:
        raise SystemExit(f"no labelled texts (NN-*.txt with NN-*.labels.yaml) in {folder}")
    if args.model_pass:
        model_pass(texts, args.set, name)
        return
    rows = [score_file(p) for p in texts]
    total = {k: sum(r[k] for r in rows) for k in ("expected", "drafted", "recovered", "spurious",
                                                   "traps", "items_expected", "items")}
    recall = total["recovered"] / total["expected"]
    spurious = total["spurious"] / max(total["drafted"], 1)
    lines = [f"blind record set {args.set} ({name}), {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
             f"{len(rows)} texts, deterministic extractors (no model); loose matching "
             f"(category, >= {EVIDENCE_SHARE:.0%} of the evidence words, date at its precision)",
             f"{'file':<42} {'labelled':>8} {'drafted':>7} {'found':>5} {'spurious':>8} "
             f"{'traps':>5} {'items':>9}"]
    for r in rows:
        lines.append(f"{r['name']:<42} {r['expected']:>8} {r['drafted']:>7} {r['recovered']:>5} "
                     f"{r['spurious']:>8} {r['traps']:>5} {r['items']:>4}/{r['items_expected']:<4}")
    lines += [f"recall {recall:.3f} (target >= 0.8); spurious {spurious:.3f} of drafted facts "
              f"(target <= 0.03); facts taken from a trap {total['traps']} (target 0); "
              f"disputed items drafted {total['items']} of {total['items_expected']} labelled",
              *[f"  trap fact in {r['name']}: {ex}" for r in rows for ex in r["trap_examples"]],
              ""]
    if args.set == "1":
        with result.open("a", encoding="utf-8") as out:
            out.write("\n" + "\n".join(lines) + "\n")
    else:
        write_beside_first_run(result, f"Record intake on the held-out blind set {args.set} "
                               f"({folder.name}/)", "drafting/intake/", lines)
    print("\n".join(lines))


# ------------------------------------------------------------------------------ the model pass
# With ``--backend openai`` intake asks a model for facts the extractors missed; each proposal is
# checked (drafting/intake/llm.py, support.py) and stays ``proposed`` until a reviewer accepts
# it. Here the model is the loopback fake server (tests/fakes/openai_server.py), scripted from the
# labels: a *labelled* model proposes, for each page, every labelled fact whose evidence is on
# it (its category, the sentence holding the evidence as statement, the labelled date), and a
# *careless* model
# proposes every trap span too (as a fact with the number it holds, where it holds one). This
# measures what the pipeline keeps of a model's proposals: the ceiling of what a model can add,
# and how many careless proposals the checks refuse; a real model's figure lies in between.
_PAGE = re.compile(r"<record_page>\n(.*)\n</record_page>", re.S)
_PERCENT = re.compile(r"(\d{1,3})\s?%")
_SCORE = re.compile(r"(?<![\d/])(\d{1,2})/10\b")


def _proposals(labels: dict[str, Any], careless: bool):  # type: ignore[no-untyped-def]
    def answer(request: dict[str, Any]) -> str:
        page = json.loads(_PAGE.search(request["messages"][-1]["content"]).group(1))
        text = " ".join(page["text"].split())
        lines = [" ".join(line.split()) for line in page["text"].splitlines()]
        out: list[dict[str, Any]] = []
        for label in labels["facts"]:
            evidence = " ".join(label["evidence"].split())
            if evidence in text:  # quoted as a model would: the sentence of its line holding it
                line = next((li for li in lines if evidence in li), evidence)
                start = line.find(evidence)
                begin = line.rfind(". ", 0, start) + 2 if ". " in line[:start] else 0
                stop = line.find(". ", start + len(evidence))
                sentence = line[begin:stop + 1 if stop >= 0 else len(line)].strip()
                out.append({"category": label["category"], "statement": sentence,
                            **({"date": str(label["date"])} if label.get("date") else {})})
        for trap in labels.get("traps", []) if careless else []:
            span = " ".join(trap["span"].split())
            if span not in text:
                continue
            entry: dict[str, Any] = {"category": "history", "statement": span}
            if percent := _PERCENT.search(span):
                entry.update(category="response", percent_relief=float(percent.group(1)))
            elif score := _SCORE.search(span):
                entry["measures"] = [{"name": "NRS", "value": float(score.group(1)),
                                      "unit": "/10"}]
            out.append(entry)
        return json.dumps(out)
    return answer


def model_pass(texts: list[Path], set_name: str, name: str) -> None:
    from drafting.backends.registry import create
    from drafting.settings import Settings
    from tests.fakes.openai_server import FakeOpenAIServer, reply_fn

    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
    lines = [f"model pass on blind set {set_name} ({name}), {when} UTC: loopback fake "
             f"OpenAI-compatible server scripted from the labels",
             f"{'model':<10} {'file':<38} {'found':>5} {'+model':>6} {'proposed':>8} "
             f"{'refused':>7} {'spurious':>8} {'traps':>5}"]
    for careless in (False, True):
        kind = "careless" if careless else "labelled"
        total = dict.fromkeys(("expected", "base", "with", "proposed", "refused", "spurious",
                               "traps", "drafted"), 0)
        reasons: dict[str, int] = {}
        for path in texts:
            labels = labels_of(path)
            with FakeOpenAIServer(reply_fn(_proposals(labels, careless))) as server:
                backend = create("openai", Settings(backend="openai", base_url=server.base_url,
                                                    model="fake-model", api_key="sk-local",
                                                    retries=0))
                outcome = run_intake([path], case_id="blind-intake", ocr=False, today=TODAY,
                                     backend=backend)
            facts = outcome.drafted.data["facts"]
            base = tally([f for f in facts if not f.get("proposed")], labels)
            accepted = tally(facts, labels)
            proposed = [f for f in facts if f.get("proposed")]
            own = tally(proposed, labels)
            refused = outcome.proposals.rejected if outcome.proposals else []
            for why in refused:
                key = why.split(": ", 1)[-1].split(" (")[0][:60]
                reasons[key] = reasons.get(key, 0) + 1
            lines.append(f"{kind:<10} {path.stem[:38]:<38} {base['recovered']:>5} "
                         f"{accepted['recovered'] - base['recovered']:>+6} {len(proposed):>8} "
                         f"{len(refused):>7} {own['spurious']:>8} {own['traps']:>5}")
            for key, value in (("expected", base["expected"]), ("base", base["recovered"]),
                               ("with", accepted["recovered"]), ("proposed", len(proposed)),
                               ("refused", len(refused)), ("spurious", own["spurious"]),
                               ("traps", own["traps"]), ("drafted", accepted["drafted"])):
                total[key] += value
        lines += [
            f"{kind}: recall {total['base'] / total['expected']:.3f} from the extractors alone, "
            f"{total['with'] / total['expected']:.3f} with every kept proposal accepted; "
            f"{total['proposed']} proposals kept (pending), {total['refused']} refused; "
            f"{total['spurious']} kept proposals recover no label, {total['traps']} of them "
            f"from a trap",
            *[f"  refused ({count}): {why}" for why, count in
              sorted(reasons.items(), key=lambda pair: -pair[1])[:8]], ""]
    out = ROOT / "benchmarks" / "results" / "intake_model_pass.txt"
    write_beside_first_run(out, "Record intake's model pass, measured with a scripted fake "
                           "(see benchmarks/intake_blind_score.py --model-pass)",
                           "drafting/intake/", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
