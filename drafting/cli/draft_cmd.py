"""``necessity draft CASE``: draft an opinion, check its citations, store it, export it.

Every draft goes to the draft store (drafts.sqlite in the data directory, or --store-url): the
draft is begun there first, each section is saved as soon as it is drafted (with its model call),
and the finished draft gets its criteria and provenance. Ctrl-C or SIGTERM marks the draft
incomplete and keeps the sections already drafted. All of it is the drafting service's; this
module translates flags in and prints results out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from drafting.backends.base import Backend, BackendError
from drafting.case import Case, DraftRequestError
from drafting.case.vocab import DocumentType, Perspective
from drafting.cli.backend_options import AllowExternal, BackendName, BaseUrl, Model
from drafting.cli.case_cmd import EXIT_INVALID, load_or_exit
from drafting.cli.output import err, error, out
from drafting.cli.store_options import StoreUrl, building, open_store, sigterm_as_interrupt
from drafting.draft import Draft
from drafting.elements import check_elements
from drafting.service import (
    DEFAULTS,
    DraftingService,
    DraftRequest,
    LoadedCase,
    Preparation,
    UnknownFormatError,
    chosen_formats,
    current_user,
)
from drafting.settings import Settings

EXIT_INTERRUPTED = 130


def draft(
    case_file: Annotated[Path, typer.Argument(help="A case file (.yaml or .json).")],
    document_type: Annotated[DocumentType | None, typer.Option(
        "--type", help="Document type (default: the case's).")] = None,
    perspective: Annotated[Perspective | None, typer.Option(
        help="Perspective (default: the case's).")] = None,
    backend: BackendName = None, model: Model = None, base_url: BaseUrl = None,
    allow_external: AllowExternal = None,
    concurrency: Annotated[int | None, typer.Option(help="Sections drafted at once.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("out"),
    formats: Annotated[str, typer.Option("--format", help="Comma list of md,docx,pdf,json.")] =
        ",".join(DEFAULTS.formats),
    retrieval: Annotated[bool | None, typer.Option(
        help="Add excerpts found by searching the guideline index (default: on).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print per-section prompt tokens and estimated cost; call nothing.")]
        = False,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory.")] = None,
    store_url: StoreUrl = None,
) -> None:
    """Draft an opinion section by section, check every citation, store it, and export it."""
    try:
        chosen = chosen_formats(formats)
    except UnknownFormatError as exc:
        error(f"--format: {exc}")
        raise typer.Exit(EXIT_INVALID) from None
    settings = Settings.load(backend=backend, model=model, base_url=base_url,
                             allow_external=allow_external, concurrency=concurrency,
                             data_dir=data_dir, store_url=store_url)
    loaded = LoadedCase.of(load_or_exit(case_file), case_file.read_text(encoding="utf-8"),
                           case_file.resolve())
    request = DraftRequest(loaded, actor=current_user(), document_type=document_type,
                           perspective=perspective, retrieval=retrieval,
                           options={"formats": chosen})
    if dry_run:
        with DraftingService(settings, building=building) as service:
            case = _case_or_exit(service, request, case_file)
            _dry_run(service, service.drafting.prepare(
                case, service.drafting.retrieval(retrieval)), settings)
        return
    with open_store(settings) as store, DraftingService(settings, building=building,
                                                        store=store) as service:
        _case_or_exit(service, request, case_file)
        try:
            engine = service.drafting.backend(settings.backend)
        except (BackendError, KeyError) as exc:
            error(f"backend: {exc}")
            raise typer.Exit(EXIT_INVALID) from None
        begun: list[str] = []
        try:
            result = _run(service, request, engine, begun)
        except KeyboardInterrupt:
            kept = len(service.store.load_draft(begun[0]).sections) if begun else 0
            error(f"interrupted: draft {begun[0] if begun else '(not begun)'} is stored as "
                  f"incomplete with {kept} finished section(s)")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        draft_id, drafted = result
        written = service.exports.write(drafted, out_dir, chosen)
        service.exports.record(draft_id, written, request.actor)
    _summary(drafted, written)
    out.print(f"draft id: {draft_id}", markup=False)
    if not drafted.complete:
        raise typer.Exit(1)


def _case_or_exit(service: DraftingService, request: DraftRequest, case_file: Path) -> Case:
    try:
        return service.drafting.case_of(request)
    except DraftRequestError as exc:
        error(f"{case_file}: {exc}")
        raise typer.Exit(EXIT_INVALID) from None


def _run(service: DraftingService, request: DraftRequest, engine: Backend,
         begun: list[str]) -> tuple[str, Draft]:
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/"
                  "{task.total}"), TimeElapsedColumn(), console=err, transient=False) as bar:
        task = bar.add_task(f"drafting {request.loaded.case.id} ({engine.name})", total=None)

        def started(draft_id: str, sections: int) -> None:
            begun.append(draft_id)
            err.print(f"draft {draft_id} (store: {service.store.path})", markup=False,
                      soft_wrap=True)
            bar.update(task, total=sections)

        def progress(key: str, event: str) -> None:
            if event == "started":
                return
            bar.advance(task)
            if event == "failed":
                err.print(f"  section {key}: failed", style="red")

        with sigterm_as_interrupt():
            return service.drafting.draft(
                request, backend=engine, progress=progress, on_begun=started,
                interrupted_because="interrupted (Ctrl-C or SIGTERM)")


def _dry_run(service: DraftingService, preparation: Preparation, settings: Settings) -> None:
    case, prepared = preparation.case, preparation.prepared
    table = Table(title=f"Dry run: {case.id} ({case.document_type.value}), nothing sent")
    for column in ("section", "kind", "facts", "excerpts", "prompt tokens"):
        table.add_column(column, justify="right" if column != "section" else "left")
    for section in prepared.sections:
        context = section.prompt.context
        table.add_row(section.planned.key, section.planned.spec.kind, str(len(context["facts"])),
                      str(len(context["excerpts"])), f"{section.prompt_tokens:,}")
    out.print(table)
    estimate = service.drafting.estimate(prepared)
    out.print(f"prompt tokens {estimate.prompt_tokens:,}; estimated completion tokens "
              f"{estimate.completion_tokens:,}; estimated cost ${estimate.cost_usd:.4f} at "
              f"${settings.price_prompt_per_1k}/1k prompt and "
              f"${settings.price_completion_per_1k}/1k completion ({settings.model})", markup=False)


def _summary(result: Draft, written: dict[str, Path]) -> None:
    failed = [s.key for s in result.sections if s.status == "failed"]
    invalid = result.invalid_citations
    cited = sum(len(s.citations) for s in result.sections)
    usage = result.provenance.usage
    out.print(f"{len(result.sections)} sections ({len(failed)} failed), {cited} citations "
              f"({len(invalid)} invalid); tokens {usage.prompt_tokens:,} in / "
              f"{usage.completion_tokens:,} out; cost ${usage.cost_usd:.4f}", markup=False)
    for kind, path in written.items():
        out.print(f"wrote {kind}: {path}", markup=False)
    if result.label:
        out.print(result.label, markup=False)
    for key, citation in invalid:
        error(f"invalid citation in {key}: [{citation.marker}] {citation.problem}")
    for key in failed:
        section = next(s for s in result.sections if s.key == key)
        error(f"section {key} failed: {section.error}")
    # What the physician must add or decide before sending (the signer's own block is filled
    # at sign-off, so it is not listed here; the information page lists every element).
    for check in check_elements(result):
        if not check.present and not check.element.signer:
            err.print(f"check: {check.line}", markup=False, soft_wrap=True)
