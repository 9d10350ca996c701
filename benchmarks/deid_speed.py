"""De-identification speed (issue #22 item 3): KB/s of ``Deidentifier`` on a 200 KB text built
from the example records and cases (``examples/``, synthetic), learned and then de-identified as
``necessity intake`` runs it. With ``--baseline REV`` the same text is timed on the code of
revision REV too (a temporary ``git worktree``), so before and after come from one run on one
machine. The current code is also timed with the learned name model off
(``NECESSITY_DEID_MODEL=off``), so its cost is a ratio measured side by side.

Run: ``python benchmarks/deid_speed.py [--baseline REV] [--kb 200]`` (writes
``benchmarks/results/deid_speed.txt``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "benchmarks" / "results" / "deid_speed.txt"


def corpus(kb: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*"))
             if p.suffix in (".txt", ".md", ".yaml") and p.is_file()]
    text, i = "", 0
    while len(text.encode("utf-8")) < kb * 1024:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    return text.encode("utf-8")[:kb * 1024].decode("utf-8", "ignore")


def measure(kb: int) -> dict[str, float]:
    from drafting.deid import Deidentifier
    from drafting.deid.phimap import PhiMap

    text = corpus(kb)
    started = time.perf_counter()
    deid = Deidentifier(PhiMap(37))
    deid.learn([text])
    out = deid.deidentify(text)
    seconds = time.perf_counter() - started
    return {"kb": len(text.encode("utf-8")) / 1024, "seconds": seconds,
            "kb_per_s": len(text.encode("utf-8")) / 1024 / seconds,
            "replaced": float(sum(deid.replaced.values())), "out_kb": len(out) / 1024}


def fresh(tree: Path, kb: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """``measure`` run on the code in ``tree``, in a fresh interpreter (with ``env`` added)."""
    code = (f"import importlib.util, json, sys; sys.path.insert(0, {str(tree)!r}); "
            "spec = importlib.util.spec_from_file_location('speed', "
            f"{str(Path(__file__).resolve())!r}); module = "
            "importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
            f"print(json.dumps(module.measure({kb})))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=tree, env={**os.environ, **(env or {})})
    return json.loads(done.stdout.strip().splitlines()[-1])


def at_revision(rev: str, kb: int) -> dict[str, float]:
    """``measure`` run on the code of ``rev`` in a temporary worktree, in a fresh interpreter."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                       check=True, capture_output=True)
        try:
            return fresh(tree, kb)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)


def line(label: str, m: dict[str, float]) -> str:
    return (f"  {label:<24}{m['kb']:>7.0f} KB {m['seconds']:>8.2f} s {m['kb_per_s']:>8.1f} KB/s"
            f"  ({m['replaced']:.0f} identifiers replaced)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="a git revision to time as well (before)")
    parser.add_argument("--kb", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    lines = [f"de-identification speed (issue #22 item 3): a {args.kb} KB text of the example "
             f"records and cases, learned then de-identified; "
             f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"]
    if args.baseline:
        lines.append(line(f"before ({args.baseline[:10]})", at_revision(args.baseline, args.kb)))
    now = fresh(ROOT, args.kb)
    off = fresh(ROOT, args.kb, {"NECESSITY_DEID_MODEL": "off"})
    lines.append(line("now", now))
    lines.append(line("now, name model off", off))
    cost = now["seconds"] / off["seconds"] - 1
    lines.append(f"  the learned name model costs {cost:+.0%} of the time without it (both in "
                 f"fresh interpreters, one run)")
    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
