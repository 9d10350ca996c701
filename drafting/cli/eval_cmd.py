"""``necessity eval``: run a suite or check draft files (table, JSON, HTML; exit 1 when a
threshold is missed), and ``eval mutate`` for the mutation study."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafting.cli.output import err, error, out
from drafting.cli.store_options import DataDir, StoreUrl, open_store, store_settings
from drafting.service import DraftingService
from drafting.settings import Settings
from evals.checks import CHECKS
from evals.context import Judge
from evals.runner import DraftFileError, SuiteReport, write_json
from evals.suite import BUNDLED_SUITES, SuiteError, load_suite

app = typer.Typer(help="Check drafts against their case and the index; gate on thresholds.",
                  no_args_is_help=True)
BUNDLED = BUNDLED_SUITES


def _judge(service: DraftingService, model: str | None, base_url: str | None,
           allow_external: bool) -> Judge | None:
    if not base_url:
        return None
    return service.evaluation.judge(model=model, base_url=base_url,
                                    allow_external=allow_external)


def _print(report: SuiteReport) -> None:
    table = Table(title=f"{report.name}: {len(report.runs)} draft(s)")
    for column in ("check", "units", "failed", "score", "threshold"):
        table.add_column(column, justify="left" if column == "check" else "right")
    gates = {g.check: g for g in report.gates}
    for s in report.scores:
        gate = gates.get(s.check)
        mark = "" if gate is None else (" ok" if gate.passed else " MISSED")
        table.add_row(s.check, f"{s.units} {s.unit}", str(s.failed), f"{s.score:.4f}",
                      f"{gate.threshold:.2f}{mark}" if gate else "-")
    out.print(table)
    if report.detection:
        d = report.detection
        study = Table(title=f"mutation study: {d.drafts} drafts, false alarms "
                            f"{d.clean_errors}/{d.clean_sentences} sentences "
                            f"({d.false_alarm_rate:.2%})")
        for column in ("mutation", "tried", "caught", "detection", "target"):
            study.add_column(column, justify="left" if column == "mutation" else "right")
        for c in d.classes:
            target = "-" if c.target is None else f"{c.target:.0%}" + (
                " ok" if c.passed else " MISSED")
            study.add_row(c.mutation, str(c.tried), str(c.caught), f"{c.rate:.1%}", target)
        out.print(study)
    shown = 0
    for run in report.runs:
        for f in run.errors:
            if shown < 20:
                where = f"{f.section}" + (f", sentence {f.sentence + 1}" if f.sentence is not None
                                          else "")
                out.print(f"[red]{run.name}[/red] {where}: {f.check}: {f.message}",
                          markup=True, highlight=False)
            shown += 1
    if shown > 20:
        out.print(f"... and {shown - 20} more error finding(s); see the JSON or HTML report")
    for problem in report.problems:
        error(problem)
    out.print("[bold green]PASSED[/]" if report.passed else "[bold red]FAILED[/]")


def _write(report: SuiteReport, json_path: Path | None, html_path: Path | None) -> None:
    if json_path:
        write_json(report, json_path)
        err.print(f"JSON report: {json_path}")
    if html_path:
        from evals.html import write_html

        write_html(report, html_path)
        err.print(f"HTML report: {html_path}")


@app.command("run")
def run(
    targets: Annotated[list[Path] | None, typer.Argument(
        help="A suite file (.yaml), or draft files (.json exports of 'necessity draft').")]
        = None,
    draft_id: Annotated[list[str] | None, typer.Option(
        "--draft-id", help="Check draft(s) in the draft store, as reviewed (latest versions, "
                           "overrides applied).")] = None,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    case: Annotated[list[Path] | None, typer.Option(
        "--case", help="Case file(s) the draft files were made from (matched by case id).")]
        = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write a JSON report.")]
        = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="Write an HTML report.")]
        = None,
    embeddings: Annotated[bool | None, typer.Option(
        help="Embedding similarity in the support check (default: the suite's, else on).")]
        = None,
    judge_model: Annotated[str | None, typer.Option(help="Model of the LLM judge.")] = None,
    judge_url: Annotated[str | None, typer.Option(
        help="OpenAI-compatible URL of an LLM judge for citation support (off by default).")]
        = None,
    allow_external: Annotated[bool, typer.Option(
        "--allow-external", help="Consent to send draft text to a non-local judge.")] = False,
    min_score: Annotated[list[str] | None, typer.Option(
        help="CHECK=SCORE thresholds for draft files (suites carry their own).")] = None,
) -> None:
    """Check drafts; exit 1 when a threshold is missed or a draft could not be checked."""
    service = DraftingService(Settings.load())
    try:
        judge = _judge(service, judge_model, judge_url, allow_external)
        targets = targets or []
        if draft_id:
            if targets:
                raise SuiteError("give --draft-id or files, not both")
            settings = store_settings(data_dir, store_url)
            with open_store(settings) as store, DraftingService(settings, store=store) as stored:
                report = stored.evaluation.stored(draft_id, embeddings is not False, judge,
                                                  _thresholds(min_score or []))
            _finish(report, json_path, html_path)
        if not targets:
            raise SuiteError("give a suite file, draft files, or --draft-id ID")
        suites = [t for t in targets if t.suffix.lower() in (".yaml", ".yml")]
        drafts = [t for t in targets if t not in suites]
        if suites and drafts:
            raise SuiteError("give either one suite file or draft files, not both")
        if suites:
            if len(suites) > 1:
                raise SuiteError("one suite file at a time")
            suite = load_suite(suites[0])
            if embeddings is not None:
                suite = suite.model_copy(update={"embeddings": embeddings})
            with err.status("drafting and checking ...") as status:
                report = service.evaluation.suite(suite, lambda message: status.update(message),
                                                  judge)
        else:
            report = service.evaluation.files(drafts, case or [], embeddings is not False, judge,
                                              _thresholds(min_score or []))
    except (SuiteError, DraftFileError) as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    _finish(report, json_path, html_path)


def _finish(report: SuiteReport, json_path: Path | None, html_path: Path | None) -> None:
    _print(report)
    _write(report, json_path, html_path)
    raise typer.Exit(0 if report.passed else 1)


def _thresholds(pairs: list[str]) -> dict[str, float]:
    found = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in CHECKS:
            raise SuiteError(f"--min-score {pair}: unknown check '{name}'; choose from "
                             f"{', '.join(CHECKS)}")
        try:
            found[name] = float(value)
        except ValueError:
            raise SuiteError(f"--min-score {pair}: '{value}' is not a number") from None
    return found


@app.command("mutate")
def mutate(
    suite_path: Annotated[Path, typer.Argument(help="A suite with a 'mutations' section.")]
        = BUNDLED / "mutation-study.yaml",
    tries: Annotated[int | None, typer.Option(help="Mutations per class per draft.")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write a JSON report.")]
        = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="Write an HTML report.")]
        = None,
) -> None:
    """Inject known errors into clean drafts; print detection per class and false alarms."""
    try:
        suite = load_suite(suite_path)
    except SuiteError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    if suite.mutations is None:
        error(f"{suite_path}: mutations: missing; a mutation study needs this section")
        raise typer.Exit(2)
    if tries is not None:
        suite.mutations.tries = tries
    with err.status("drafting, mutating and checking ...") as status:
        report = DraftingService(Settings.load()).evaluation.suite(
            suite, lambda message: status.update(message))
    _print(report)
    _write(report, json_path, html_path)
    raise typer.Exit(0 if report.passed else 1)
