"""``necessity criteria ...``: check a case against the criteria, or list the criteria."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafting.case.vocab import ProcedureFamily
from drafting.cli.case_cmd import load_or_exit
from drafting.cli.output import error, out
from drafting.criteria.loader import CriteriaError, load_criteria

app = typer.Typer(help="Evaluate guideline criteria against case facts.", no_args_is_help=True)

STYLE = {"met": "green", "not_met": "red", "undocumented": "yellow"}


def _criteria_or_exit():  # type: ignore[no-untyped-def]
    try:
        return load_criteria()
    except CriteriaError as exc:
        for problem in exc.problems:
            error(problem.render(exc.file))
        raise typer.Exit(2) from None


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="A case file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Decide every criterion for every disputed item (met / not met / undocumented)."""
    from drafting.service import DraftingService
    from drafting.settings import Settings

    case = load_or_exit(file)
    _criteria_or_exit()
    results = DraftingService(Settings.load()).drafting.criteria(case)
    if as_json:
        typer.echo(json.dumps({"case": case.id, "items": [r.model_dump(mode="json")
                                                          for r in results]}, indent=2))
        return
    for result in results:
        title = f"{result.item_id}  {result.service}"
        if result.criteria_set is None:
            out.print(f"[bold]{title}[/bold]\n  {result.summary}", markup=True)
            continue
        table = Table(title=f"{title}\n[dim]{result.criteria_title} ({result.criteria_set})[/dim]",
                      show_lines=True, title_justify="left")
        for column in ("criterion", "result", "evidence", "guideline", "reason"):
            table.add_column(column, overflow="fold")
        for r in result.criteria:
            status = f"[{STYLE[r.status]}]{r.status.value}[/]"
            status += "" if r.required else "\n(supporting)" if not r.decides_if_contradicted \
                else "\n(decides if contradicted)"
            if r.gap:
                status += f"\n{r.gap.value} gap"
            evidence = ", ".join(r.supporting_facts) + (
                f"\nagainst: {', '.join(r.contradicting_facts)}" if r.contradicting_facts else "")
            table.add_row(r.criterion_id, status, evidence, "\n".join(r.basis) or "(none in force)",
                          r.reason)
        out.print(table)
        if result.request_type:
            out.print(f"request type: {result.request_type.value} ({result.request_type_basis})",
                      markup=False)
        if result.missing_documents:
            out.print("records cited but not in the packet: "
                      f"{', '.join(result.missing_documents)}", markup=False)
        out.print(f"[bold]outcome: {result.outcome.value if result.outcome else 'none'}[/bold] "
                  f"(confidence {result.confidence}): {result.summary}")
        for objection in result.objections:
            out.print(f"  objection ({objection.raised_by}): {objection.argument}\n"
                      f"  answer: {objection.answer}", markup=False)
        out.print()


@app.command(name="list")
def list_criteria(
    procedure: Annotated[ProcedureFamily | None, typer.Option(help="Only this family.")] = None,
) -> None:
    """Show the criteria sets, their criteria, thresholds and sources."""
    for spec in _criteria_or_exit():
        if procedure and spec.procedure != procedure:
            continue
        table = Table(title=f"{spec.title} ({spec.id})", show_lines=True, title_justify="left")
        for column in ("criterion", "required", "statement", "rests on"):
            table.add_column(column, overflow="fold")
        for c in spec.criteria:
            where = f" [{', '.join(c.settings)}]" if c.settings else ""
            table.add_row(c.id, "yes" if c.required else "supporting", c.statement + where,
                          "\n".join(c.basis))
        out.print(table)
        for name, values in spec.thresholds.items():
            for v in values:
                scope = ", ".join(v.settings) or "all settings"
                out.print(f"  threshold {name} = {v.value:g} {v.unit} ({scope}; source "
                          f"{v.source})", markup=False)
        out.print()
