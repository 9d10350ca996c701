"""``necessity store verify``: check that the draft store's audit log and what it vouches for (case
texts, section texts, criteria results, overrides, sign-offs) are as written. Exit 0 when
intact, 1 with each problem (where, what, how it shows), 2 for bad usage."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer

from drafting.cli.output import error, out
from drafting.cli.store_options import EXIT_USAGE, DataDir, open_store, store_settings
from drafting.store import IntegrityReport

app = typer.Typer(help="The draft store itself: verify its audit chain.", no_args_is_help=True)

_HEAD = re.compile(r"^(\d+):([0-9a-f]{64})$")


def _head(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    match = _HEAD.match(value.strip().lower())
    if match is None:
        error(f"--head {value!r}: give it as ROW:SHA256, as 'store verify' printed it "
              "(e.g. 42:3f5a...; 64 hex digits)")
        raise typer.Exit(EXIT_USAGE)
    return int(match[1]), match[2]


@app.command()
def verify(
    store: Annotated[str | None, typer.Option(
        "--store", "--store-url", help="The store: a SQLite file path, sqlite:///path or "
        "postgresql://... (default: the configured one).")] = None,
    data_dir: DataDir = None,
    head: Annotated[str | None, typer.Option(
        help="A head an earlier run printed (ROW:SHA256): it must still be in the chain.")]
        = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Walk the audit log's hash chain and report edited, deleted, inserted or back-dated rows,
    forged or edited sign-offs, and edited case text, section text, criteria or overrides."""
    expected = _head(head)
    settings = store_settings(data_dir, store)
    try:
        location = settings.store_location
    except ValueError as exc:
        error(f"--store: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if isinstance(location, Path) and not location.is_file():  # never create one to verify it
        error(f"no draft store at {location}: nothing to verify (give the store with --store)")
        raise typer.Exit(EXIT_USAGE)
    with open_store(settings) as opened:
        report = opened.verify(expected)
        shown = str(opened.path)
    if as_json:
        out.print_json(data=_data(shown, report))
    else:
        _print(shown, report)
    raise typer.Exit(0 if report.ok else 1)


def _data(store: str, report: IntegrityReport) -> dict[str, Any]:
    return {"store": store, "ok": report.ok, "audit_rows": report.rows,
            "rows_chained_at_upgrade": report.upgraded_rows,
            "head": None if report.head_id is None else f"{report.head_id}:{report.head_hash}",
            "checked": report.checked,
            "problems": [{"where": p.where, "kind": p.kind, "message": p.message}
                         for p in report.problems]}


def _print(store: str, report: IntegrityReport) -> None:
    checked = ", ".join(f"{count} {name}" for name, count in report.checked.items())
    upgraded = (f" ({report.upgraded_rows} of them chained when the store was upgraded, not as "
                "written)" if report.upgraded_rows else "")
    for problem in report.problems:
        out.print(f"{problem.where}: {problem.kind}: {problem.message}", markup=False,
                  soft_wrap=True)
    verdict = ("intact" if report.ok
               else f"NOT intact: {len(report.problems)} problem(s) listed above")
    out.print(f"draft store {store}: {verdict}. Checked {report.rows} audit row(s){upgraded}; "
              f"{checked}.", markup=False, soft_wrap=True)
    if report.ok and report.head_id is not None:
        out.print(f"head: {report.head_id}:{report.head_hash} (keep it elsewhere; "
                  "'necessity store verify --head' checks the chain still holds it)",
                  markup=False, soft_wrap=True)
