"""De-identification on the blind set (issue #22 item 3): ``benchmarks/deid_blind/``, twelve
synthetic records with every planted identifier labelled (written by a session that had not read
``drafting/deid/``), and clinical terms that must be kept.

Each record goes through the ``Deidentifier`` as ``necessity intake`` runs it (names learned from
the record first; with ``--shift-dates``, dates moved by a fixed number of days). Model prompts
go through the same ``Deidentifier`` (``PromptGuard``), so the one measurement serves both. An
identifier counts as removed when every occurrence of its text is covered by replaced spans
(partly replaced is a leak: "[NAME_1]é Núñez"); a date or date of birth also counts as
protected when the date shift rewrites every occurrence where it stands ("08/2021" inside a
shifted "04/08/2021" is protected; a date that the shift of another one happens to produce is
not a leak, as it was before 2026-12-06 when the shifted text was searched for it). A kept
term counts as falsely redacted when any of its occurrences is touched.

Printed: recall per kind, overall and for names, SSNs, MRNs and phones (targets #22: >= 0.99
overall, 1.0 for those four), false redactions of kept terms, and the leaks. The result file
keeps its first-run block (before any change to the de-identifier) above the current one.

Run: ``python benchmarks/deid_blind_score.py [--set N] [--leaks FILE]`` (writes
``benchmarks/results/deid.txt``, or ``deid_N.txt`` for set N; set 5 is held out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.first_run import numbered_sets, write_beside_first_run  # noqa: E402
from drafting.deid import Deidentifier  # noqa: E402
from drafting.deid.dates import find_dates, find_partial_dates, month_years  # noqa: E402
from drafting.deid.phimap import PhiMap  # noqa: E402

# Set 1 was scored before the de-identifier was changed and then used to fix it; so was set 2,
# written afterwards by another session (held out at first, a development set since); set 3,
# written later still by another session, was held out and scored once before it became the
# development set of the next round; so was set 4; set 5, written by yet another session, is
# held out (only the lead scores it: its first run is kept above every later one). Any set whose
# folder exists (benchmarks/deid_blind_N/) is scored into results/deid_N.txt.
SETS = {1: (ROOT / "benchmarks" / "deid_blind", ROOT / "benchmarks" / "results" / "deid.txt"),
        **{int(n): paths for n, paths in numbered_sets(ROOT / "benchmarks", "deid_blind",
                                                         "deid").items()}}
SHIFT_DAYS = 37
STRICT = {"person_name", "relative_name", "provider_name", "accented_or_particle_name", "ssn",
          "mrn", "phone"}
DATE_KINDS = {"date", "date_of_birth"}


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def covered(spans: list[tuple[int, int]], start: int, end: int, text: str) -> bool:
    """Every non-space character of text[start:end] lies in a replaced span."""
    inside = [False] * (end - start)
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            inside[i - start] = True
    return all(flag or text[start + i].isspace() for i, flag in enumerate(inside))


def shifted_dates(text: str) -> list[tuple[int, int]]:
    """Where the date shift rewrites ``text``: full dates, months and days, months and years."""
    out = [(f.start, f.end) for f in find_dates(text)]
    out += [(p.start, p.end) for p in find_partial_dates(text)]
    out += [(a, b) for a, b, _ in month_years(text, SHIFT_DAYS)]
    return out


# A time of day written after a date ("02/11/2025 09:14", "Jan 7, 2025 at 11:18 AM", "1/3/25 @
# 9:30 AM", "11/09/2024 0115"): the de-identifier keeps a time of care beside its shifted date
# (drafting/deid/day_words.py); the writers of the blind sets label the whole stamp.
_TIME = re.compile(r"(?i)(?:,?\s*(?:at|@)\s*|\s+)(?:\d{1,2}:\d{2}(?::\d{2})?\s*"
                   r"(?:[ap]\.?m\.?|[ap])?(?:\s*(?:[A-Z]{2,4}|[+-]\d{4}))?|[01]\d[0-5]\d|"
                   r"2[0-3][0-5]\d)\s*$")


def time_only(label: dict[str, Any], text: str, spans: list[tuple[int, int]]) -> bool:
    """A date label left only for its time of day: every occurrence is covered (replaced or
    shifted) but for the time written after the date."""
    where = occurrences(text, label["text"])
    for a, b in where:
        time = _TIME.search(text, a, b)
        if time is None or time.end() != b or not covered(spans, a, time.start(), text):
            return False
    return bool(where)


def score(blind: Path, packet: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each record de-identified alone (names learned from that record), or, with ``packet``,
    after names are learned from every record of the set, as ``necessity intake`` learns them
    from a packet and the prompt guard from a case's whole text."""
    labels = yaml.safe_load((blind / "labels.yaml").read_text(encoding="utf-8"))
    results, kept = [], []
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(blind.glob("*.txt"))}
    shared = Deidentifier(PhiMap(SHIFT_DAYS)) if packet else None
    if shared is not None:
        shared.learn(texts.values())
    for path, text in texts.items():
        deid = shared or Deidentifier(PhiMap(SHIFT_DAYS))
        if shared is None:
            deid.learn([text])
        spans = [(s.start, s.end) for s in deid.spans(text)]
        moved = shifted_dates(text)  # a date the shift rewrites is protected where it stands
        for label in (x for x in labels["identifiers"] if x["file"] == path.name):
            where = occurrences(text, label["text"])
            removed = bool(where) and all(covered(spans, a, b, text) for a, b in where)
            if not removed and label["kind"] in DATE_KINDS and where and all(
                    covered(spans + moved, a, b, text) for a, b in where):
                removed = True
            timed = not removed and label["kind"] in DATE_KINDS and time_only(label, text,
                                                                             spans + moved)
            results.append({**label, "removed": removed, "found": len(where),
                            "time_only": timed})
        for label in (x for x in labels.get("keep", []) if x["file"] == path.name):
            touched = any(a < e and s < b for s, e in occurrences(text, label["text"])
                          for a, b in spans)
            kept.append({**label, "touched": touched})
    return results, kept


def table(results: list[dict[str, Any]], kept: list[dict[str, Any]]) -> list[str]:
    tried = Counter(r["kind"] for r in results)
    removed = Counter(r["kind"] for r in results if r["removed"])
    lines = [f"  {'kind':<28}{'planted':>8}{'removed':>9}{'recall':>8}"]
    for kind in sorted(tried):
        lines.append(f"  {kind:<28}{tried[kind]:>8}{removed[kind]:>9}"
                     f"{removed[kind] / tried[kind]:>8.2f}")
    total = sum(removed.values()) / len(results)
    strict = [r for r in results if r["kind"] in STRICT]
    strict_rate = sum(r["removed"] for r in strict) / len(strict)
    touched = sum(k["touched"] for k in kept)
    lines += [f"  {'all identifiers':<28}{len(results):>8}{sum(removed.values()):>9}"
              f"{total:>8.3f}  (target 0.99) {'met' if total >= 0.99 else 'MISSED'}",
              f"  {'names, SSNs, MRNs, phones':<28}{len(strict):>8}"
              f"{sum(r['removed'] for r in strict):>9}{strict_rate:>8.3f}  (target 1.0) "
              f"{'met' if strict_rate == 1.0 else 'MISSED'}",
              f"  clinical terms falsely redacted: {touched} of {len(kept)}"]
    timed = sum(r.get("time_only", False) for r in results)
    if timed:
        lines.append(f"  of the leaks, {timed} are dates shifted but for the time of day written "
                     f"after them (a time of care is kept by design); counting those as removed: "
                     f"{(sum(removed.values()) + timed) / len(results):.3f}")
    return lines


def packet_line(blind: Path) -> str:
    """Recall when the set is de-identified as one packet (``score(packet=True)``)."""
    results, kept = score(blind, packet=True)
    strict = [r for r in results if r["kind"] in STRICT]
    return (f"  as one packet (names learned from all {len(list(blind.glob('*.txt')))} records "
            f"first, as intake and the prompt guard learn them): all identifiers "
            f"{sum(r['removed'] for r in results) / len(results):.3f}, names, SSNs, MRNs, phones "
            f"{sum(r['removed'] for r in strict) / len(strict):.3f}, clinical terms falsely "
            f"redacted {sum(k['touched'] for k in kept)} of {len(kept)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaks", type=Path, help="write every leak and false redaction here")
    parser.add_argument("--set", type=int, choices=sorted(SETS), default=1)
    args = parser.parse_args()
    blind, result = SETS[args.set]
    results, kept = score(blind)
    records = len(list(blind.glob("*.txt")))
    stamp = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    block = [f"{len(results)} identifiers, {len(kept)} kept terms, {records} records; dates "
             f"shifted {SHIFT_DAYS} days; {stamp}", *table(results, kept), packet_line(blind)]
    if args.leaks:
        out = [f"LEAK {r['kind']} {r['file']}: {r['text']!r}" for r in results if not r["removed"]]
        out += [f"FALSE REDACTION {k['file']}: {k['text']!r}" for k in kept if k["touched"]]
        args.leaks.write_text("\n".join(out) + "\n", encoding="utf-8")
    text = write_beside_first_run(
        result, f"de-identification on the blind set {blind.relative_to(ROOT)} (issue #22 item "
        "3): recall per kind of planted identifier; intake and model prompts use the same "
        "Deidentifier",
        "the de-identifier made after reading this set" if args.set == 3 else "the de-identifier",
        block)
    print(text, end="")


if __name__ == "__main__":
    main()
