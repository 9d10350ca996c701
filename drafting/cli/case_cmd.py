"""``necessity case ...``: validate, show, and publish the schema of case files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafting.case import Case, CaseFileError, load_case
from drafting.cli.output import error, out

app = typer.Typer(help="Validate, inspect and describe case files.", no_args_is_help=True)

EXIT_INVALID = 2


def load_or_exit(path: Path) -> Case:
    """Load a case for a command, or print every problem and exit 2."""
    try:
        return load_case(path)
    except CaseFileError as exc:
        for problem in exc.problems:
            error(problem.render(exc.file))
        raise typer.Exit(EXIT_INVALID) from None


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Case files (.yaml, .yml, .json).")],
) -> None:
    """Check case files; print every problem with file, line, path and fix. Exit 2 if any fail."""
    failed = 0
    for path in files:
        try:
            case = load_case(path)
        except CaseFileError as exc:
            failed += 1
            for problem in exc.problems:
                error(problem.render(exc.file))
            continue
        out.print(
            f"ok  {path}  ({len(case.facts)} facts, {len(case.disputed_items)} disputed item(s))",
            markup=False, soft_wrap=True,
        )
    if failed:
        error(f"{failed} of {len(files)} case files invalid")
        raise typer.Exit(EXIT_INVALID)


@app.command()
def schema(
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print (or write) the JSON Schema of a case file."""
    text = json.dumps(Case.model_json_schema(), indent=2) + "\n"
    if out_file is None:
        typer.echo(text, nl=False)
    else:
        out_file.write_text(text, encoding="utf-8")
        out.print(f"wrote {out_file}", markup=False)


@app.command()
def show(file: Annotated[Path, typer.Argument(help="A case file.")]) -> None:
    """Show a case: summary, disputed items and a table of facts."""
    case = load_or_exit(file)
    out.print(f"[bold]{case.title}[/bold]  ({case.id})")
    out.print(
        f"{case.document_type} | {case.perspective} | {case.setting} | {case.jurisdiction} | "
        f"patient {case.patient.age} {case.patient.sex}",
        markup=False,
    )
    items = Table(title="Disputed items")
    for column in ("id", "service", "procedure", "code", "date of service", "status"):
        items.add_column(column)
    for item in case.disputed_items:
        items.add_row(item.id, item.service, str(item.procedure), item.code or "",
                      item.date_of_service.isoformat(), str(item.status))
    out.print(items)
    facts = Table(title="Facts")
    for column in ("id", "date", "category", "statement", "side/level", "source"):
        facts.add_column(column, overflow="fold")
    for fact in case.facts:
        where = " ".join(filter(None, [str(fact.laterality or ""), ", ".join(fact.levels)]))
        doc = case.document(fact.source.document)
        facts.add_row(fact.id, fact.date.isoformat(), str(fact.category), fact.statement, where,
                      f"{doc.id} p.{fact.source.page}")
    out.print(facts)
