"""``necessity draft-batch DIR_OR_GLOB``: draft many cases into the draft store, concurrently,
within a budget, resumable after Ctrl-C or a kill (``--resume RUN_ID``).

Exit codes: 0 every case drafted completely; 1 some case invalid, failed, or not drafted
(budget reached); 2 bad usage (no case files, unknown run, bad option); 130 interrupted."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from drafting.backends.base import Backend, BackendError
from drafting.batch.claims import Claims
from drafting.batch.inputs import NoCaseFilesError, check_cases, find_case_files
from drafting.batch.jobs import claimed_job, new_run_jobs, resumed_run_jobs
from drafting.batch.runner import Job, Tally
from drafting.batch.session import (
    EXIT_INTERRUPTED,
    Ended,
    draft_here,
    draft_jobs,
    draft_with_workers,
)
from drafting.batch.workers import parse_shard
from drafting.cli.backend_options import AllowExternal, BackendName, BaseUrl, Model
from drafting.cli.output import err, error, out
from drafting.cli.store_options import (
    EXIT_USAGE,
    DataDir,
    StoreUrl,
    open_store,
    sigterm_as_interrupt,
    store_settings,
)
from drafting.service import (
    DEFAULTS,
    DraftingService,
    UnknownFormatError,
    chosen_formats,
    current_user,
)
from drafting.settings import Settings
from drafting.store import DraftStore, RunBusyError, RunRecord, UnknownRunError
from drafting.store.runs import new_run_id


def _usage(message: str) -> typer.Exit:
    error(message)
    return typer.Exit(EXIT_USAGE)


def draft_batch(
    cases: Annotated[str | None, typer.Argument(
        help="A directory of case files, or a glob (quote it: 'cases/**/*.yaml').")] = None,
    concurrency: Annotated[int | None, typer.Option(
        help="Backend calls in flight at once across the batch (default 4).")] = None,
    backend: BackendName = None, model: Model = None, base_url: BaseUrl = None,
    allow_external: AllowExternal = None,
    budget: Annotated[float | None, typer.Option(
        help="Stop starting cases before the run's cost would exceed this many USD.")] = None,
    resume: Annotated[str | None, typer.Option(
        "--resume", metavar="RUN_ID", help="Resume an interrupted or stopped run.")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Output directory (default: out/batch-<run id>).")] = None,
    formats: Annotated[str | None, typer.Option(
        "--format", help="Comma list of md,docx,pdf,json (default md,json).")] = None,
    retrieval: Annotated[bool | None, typer.Option(
        help="Add excerpts found by searching the guideline index (default: off).")] = None,
    workers: Annotated[int, typer.Option(
        help="Worker processes sharing the concurrency, each drafting the cases it claims "
             "first (one process tops out near 70-90 backend calls per second of CPU; use "
             "up to one per core for concurrency above ~16).")] = 1,
    shard: Annotated[str | None, typer.Option(hidden=True)] = None,  # worker i/P of a run
    shard_budget: Annotated[float | None, typer.Option(hidden=True)] = None,
    claims: Annotated[Path | None, typer.Option(hidden=True)] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Draft every case in a directory or glob: validate all first, then draft concurrently into
    the draft store with a progress bar, running totals and an optional budget; writes
    summary.csv and summary.json. Ctrl-C or a kill leaves a run that --resume continues."""
    if (cases is None) == (resume is None):
        raise _usage("give either the cases (a directory or glob) or --resume RUN_ID, not both")
    if concurrency is not None and not 1 <= concurrency <= 256:
        raise _usage(f"--concurrency must be between 1 and 256, not {concurrency}")
    if budget is not None and budget <= 0:
        raise _usage(f"--budget must be a positive amount in USD, not {budget}")
    if not 1 <= workers <= 32:
        raise _usage(f"--workers must be between 1 and 32, not {workers}")
    chosen = None
    if formats is not None:
        try:
            chosen = chosen_formats(formats)
        except UnknownFormatError as exc:
            raise _usage(f"--format: {exc}") from None
    actor = current_user()
    flags = {"backend": backend, "model": model, "base_url": base_url,
             "allow_external": allow_external}
    settings = store_settings(data_dir, store_url)
    with open_store(settings) as store:
        if shard is not None:  # one worker process of a --workers run
            raise typer.Exit(_worker(store, resume or "", shard, claims, shard_budget,
                                     concurrency, flags, data_dir, store_url, actor))
        if resume is not None:
            try:
                run = store.batches.take_over_run(resume, actor, budget_usd=budget,
                                          concurrency=concurrency)
            except (UnknownRunError, RunBusyError) as exc:
                raise _usage(str(exc)) from None
            settings = _run_settings(run, flags, data_dir, store_url)
            engine = _backend(settings)
            err.print(f"resuming run {run.id} ({run.status})", markup=False)
            jobs = resumed_run_jobs(store, run.id) if workers == 1 else []
        else:
            settings = store_settings(data_dir, store_url, **flags)
            engine = _backend(settings)
            run, jobs = _new_run(store, cases or "", engine, actor, concurrency or 4, budget,
                                 out_dir, chosen or list(DEFAULTS.batch_formats),
                                 DraftingService(settings).drafting.retrieval(retrieval,
                                                                              bulk=True))
        if workers == 1:
            ended = draft_here(store, run, jobs, settings, engine, actor, err,
                               sigterm_as_interrupt)
        else:
            ended, crashed = draft_with_workers(store, run, workers,
                                                *_child_args(settings, flags), actor, err,
                                                sigterm_as_interrupt)
            if crashed:
                error(f"{len(crashed)} worker process(es) ended abnormally (exit "
                      f"{', '.join(map(str, crashed))}); resume the run to finish it")
    _report(run, ended)
    raise typer.Exit(ended.exit_code)


def _backend(settings: Settings) -> Backend:
    try:
        return DraftingService(settings).drafting.backend()
    except (BackendError, KeyError) as exc:
        raise _usage(f"backend: {exc}") from None


def _run_settings(run: RunRecord, flags: dict[str, Any], data_dir: Path | None,
                  store_url: str | None) -> Settings:
    """Settings for resuming a run: the flags given now, else what the run was started with."""
    return store_settings(data_dir, store_url, backend=flags["backend"] or run.backend,
                          model=flags["model"] or run.model,
                          base_url=flags["base_url"] or run.options.get("base_url"),
                          allow_external=flags["allow_external"])


def _child_args(settings: Settings, flags: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """What a worker process needs besides --resume/--shard/--concurrency, as arguments and
    environment: secrets (API keys, a database password in the store URL) travel in the
    environment, never on a command line that others can read."""
    args = ["--data-dir", str(settings.data_dir)]
    env = {"NECESSITY_STORE_URL": str(settings.store_location)}
    for name in ("backend", "model", "base_url"):
        if flags[name]:
            args += [f"--{name.replace('_', '-')}", str(flags[name])]
    if flags["allow_external"]:
        args.append("--allow-external")
    return args, env


def _new_run(store: DraftStore, spec: str, engine: Backend, actor: str, concurrency: int,
             budget: float | None, out_dir: Path | None, formats: list[str],
             retrieval: bool) -> tuple[RunRecord, list[Job]]:
    try:
        paths = find_case_files(spec)
    except NoCaseFilesError as exc:
        raise _usage(str(exc)) from None
    started = time.perf_counter()
    with err.status(f"validating {len(paths)} case file(s) ..."):
        checked = check_cases(paths)
    bad = [c for c in checked if c.case is None]
    for c in bad:
        for problem in c.item.errors:
            error(problem)
    err.print(f"validated {len(paths)} case file(s) in {time.perf_counter() - started:.1f} s: "
              f"{len(paths) - len(bad)} valid, {len(bad)} invalid (skipped)", markup=False)
    run_id = new_run_id()
    out_dir = out_dir or Path("out") / f"batch-{run_id}"
    options = {"formats": formats, "retrieval": retrieval,
               "base_url": getattr(engine, "base_url", None),
               "validation_seconds": round(time.perf_counter() - started, 3)}
    store.batches.create_run([spec], engine.name, engine.model, concurrency, budget,
                     str(out_dir.resolve()), options, [c.item for c in checked], actor,
                     run_id=run_id)
    err.print(f"run {run_id}: drafting into {out_dir}; if stopped, continue it with: "
              f"necessity draft-batch --resume {run_id}", markup=False, soft_wrap=True)
    return store.batches.run(run_id), new_run_jobs(checked, store.batches.run_items(run_id))


def _worker(store: DraftStore, run_id: str, shard_text: str, claims_dir: Path | None,
            budget: float | None, concurrency: int | None, flags: dict[str, Any],
            data_dir: Path | None, store_url: str | None, actor: str) -> int:
    """One worker process of a --workers run: the cases it claims before the other workers, its
    share of the concurrency and of the budget left; the parent records the run's end and
    summary."""
    if claims_dir is None:
        raise _usage(f"--shard {shard_text} needs --claims: the worker processes of a run "
                     "share its cases through a claims directory")
    try:
        index, count = parse_shard(shard_text)
        claims = Claims(claims_dir)
        run = store.batches.run(run_id)
    except (ValueError, UnknownRunError, FileNotFoundError) as exc:
        raise _usage(f"--shard {shard_text} --claims {claims_dir} --resume {run_id}: "
                     f"{exc}") from None
    settings = _run_settings(run, flags, data_dir, store_url)
    engine = _backend(settings)
    jobs = resumed_run_jobs(store, run.id, defer=True)
    tally = Tally()
    interrupted, outcome = draft_jobs(
        store, run, jobs, settings, engine, actor, err, sigterm_as_interrupt,
        concurrency=concurrency or run.concurrency, budget_usd=budget, spent_usd=0.0,
        tally=tally, bar=False, claim=lambda job: claimed_job(store, claims, job),
        worker=f"{index + 1}/{count}")
    if interrupted:
        return EXIT_INTERRUPTED
    return 0 if tally.failed == 0 and not outcome.not_started else 1


def _report(run: RunRecord, ended: Ended) -> None:
    t = ended.totals
    out.print(f"run {run.id} {ended.status}: {t['done']} done, {t['failed']} failed, "
              f"{t['invalid']} invalid, {t['not_drafted']} not drafted; tokens "
              f"{t['prompt_tokens']:,} in / {t['completion_tokens']:,} out; cost "
              f"${t['cost_usd']:.4f}", markup=False, soft_wrap=True)
    out.print(f"summary: {ended.csv_path} and {ended.json_path}", markup=False, soft_wrap=True)
    if ended.status != "finished":
        out.print(f"continue with: necessity draft-batch --resume {run.id}"
                  + (" --budget <higher USD>" if ended.status == "budget_stopped" else ""),
                  markup=False, soft_wrap=True)
