"""``necessity draft CASE``: draft an opinion, check its citations, store it, export it.

Every draft goes to the draft store (drafts.sqlite in the data directory, or --store-url): the
draft is begun there first, each section is saved as soon as it is drafted (with its model call),
and the finished draft gets its criteria and provenance. Ctrl-C or SIGTERM marks the draft
incomplete and keeps the sections already drafted."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from drafting import sources
from drafting.backends.base import BackendError
from drafting.backends.registry import create
from drafting.case import Case, case_file_hash
from drafting.case.vocab import DocumentType, Perspective
from drafting.cli.backend_options import AllowExternal, BackendName, BaseUrl, Model
from drafting.cli.case_cmd import load_or_exit
from drafting.cli.output import err, error, out
from drafting.cli.store_options import StoreUrl, current_user, open_store, sigterm_as_interrupt
from drafting.context import Retriever
from drafting.pipeline import DraftRequestError, prepare, with_overrides
from drafting.recording import begin_stored_draft, draft_into_store
from drafting.settings import Settings
from drafting.stages import StageLog
from guideline_index.excerpt import Excerpt

FORMATS = ("md", "docx", "pdf", "json")
# Rough completion size used only by --dry-run's cost estimate.
ESTIMATED_COMPLETION_TOKENS = 450


def open_index(settings: Settings):  # type: ignore[no-untyped-def]
    """The guideline index (built first, with a spinner, if missing or the corpus changed)."""
    return sources.open_index(settings, _building)


def excerpts_for(settings: Settings, case: Case, retrieval: bool
                 ) -> tuple[Retriever | None, dict[str, Excerpt]]:
    """The retriever (None without retrieval) and every excerpt a section may be given."""
    return sources.excerpts_for(settings, case, retrieval, _building)


def _building():  # type: ignore[no-untyped-def]
    return err.status("building the guideline index (first run or corpus changed) ...")


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
        "md,docx,pdf,json",
    retrieval: Annotated[bool, typer.Option(
        help="Add excerpts found by searching the guideline index.")] = True,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print per-section prompt tokens and estimated cost; call nothing.")]
        = False,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory.")] = None,
    store_url: StoreUrl = None,
) -> None:
    """Draft an opinion section by section, check every citation, store it, and export it."""
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        error(f"--format: unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(2)
    settings = Settings.load(backend=backend, model=model, base_url=base_url,
                             allow_external=allow_external, concurrency=concurrency,
                             data_dir=data_dir, store_url=store_url)
    case = load_or_exit(case_file)
    case_bytes = case_file.read_bytes()
    case_hash = case_file_hash(case_bytes)
    try:
        case = with_overrides(case, document_type, perspective)
    except DraftRequestError as exc:
        error(f"{case_file}: {exc}")
        raise typer.Exit(2) from None
    retrieve, excerpts = excerpts_for(settings, case, retrieval)
    if dry_run:
        _dry_run(case, excerpts, retrieve, settings)
        return
    try:
        engine = create(settings.backend, settings)
    except (BackendError, KeyError) as exc:
        error(f"backend: {exc}")
        raise typer.Exit(2) from None
    actor = current_user()
    with open_store(settings) as store:
        draft_id = begin_stored_draft(
            store, case, case_file.resolve(), case_bytes.decode("utf-8"), case_hash, engine,
            actor=actor, options={"retrieval": retrieval, "formats": chosen})
        err.print(f"draft {draft_id} (store: {store.path})", markup=False, soft_wrap=True)
        try:
            result = _run(store, draft_id, case, case_hash, engine, settings, excerpts, retrieve,
                          actor)
        except KeyboardInterrupt:
            store.interrupt_draft(draft_id, actor, "interrupted (Ctrl-C or SIGTERM)")
            kept = len(store.load_draft(draft_id).sections)
            error(f"interrupted: draft {draft_id} is stored as incomplete with {kept} finished "
                  "section(s)")
            raise typer.Exit(130) from None
        from drafting.export import export

        written = export(result, out_dir, chosen)
        store.record_exports(draft_id, written, actor)
    _summary(result, written)
    out.print(f"draft id: {draft_id}", markup=False)
    if not result.complete:
        raise typer.Exit(1)


def _run(store, draft_id, case, case_hash, engine, settings, excerpts,  # type: ignore[no-untyped-def]
         retrieve, actor):
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/"
                  "{task.total}"), TimeElapsedColumn(), console=err, transient=False) as bar:
        task = bar.add_task(f"drafting {case.id} ({engine.name})", total=None)

        def progress(key: str, event: str) -> None:
            if event == "started":
                return
            bar.advance(task)
            if event == "failed":
                err.print(f"  section {key}: failed", style="red")

        from drafting.outline import plan_sections

        bar.update(task, total=len(plan_sections(case, case.document_type)))
        with sigterm_as_interrupt():
            return asyncio.run(draft_into_store(store, draft_id, case, case_hash, engine,
                                                settings, excerpts, retrieve, actor=actor,
                                                progress=progress))


def _dry_run(case, excerpts, retrieve, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    _, prepared = prepare(case, excerpts, retrieve, StageLog())
    table = Table(title=f"Dry run: {case.id} ({case.document_type.value}), nothing sent")
    for column in ("section", "kind", "facts", "excerpts", "prompt tokens"):
        table.add_column(column, justify="right" if column != "section" else "left")
    total = 0
    for section in prepared:
        context = section.prompt.context
        table.add_row(section.planned.key, section.planned.spec.kind, str(len(context["facts"])),
                      str(len(context["excerpts"])), f"{section.prompt_tokens:,}")
        total += section.prompt_tokens
    out.print(table)
    completion = ESTIMATED_COMPLETION_TOKENS * len(prepared)
    cost = total / 1000 * settings.price_prompt_per_1k + \
        completion / 1000 * settings.price_completion_per_1k
    out.print(f"prompt tokens {total:,}; estimated completion tokens {completion:,}; estimated "
              f"cost ${cost:.4f} at ${settings.price_prompt_per_1k}/1k prompt and "
              f"${settings.price_completion_per_1k}/1k completion ({settings.model})", markup=False)


def _summary(result, written: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
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
