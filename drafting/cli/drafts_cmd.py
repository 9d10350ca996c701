"""``necessity drafts ...``: read the draft store (list, show, history, diff, runs), export a
stored draft, and the review actions (edit, regenerate, override, signoff in review_cmd)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from drafting.cli import review_cmd
from drafting.cli.output import error, out
from drafting.cli.store_options import EXIT_USAGE, DataDir, StoreUrl, stored
from drafting.service import (
    DEFAULTS,
    DraftingService,
    UnknownFormatError,
    chosen_formats,
    current_user,
)
from drafting.store import AuditEntry, DraftSummary

app = typer.Typer(help="Stored drafts: list, show, history, diff, export, and review actions "
                       "(edit, regenerate, override, signoff).", no_args_is_help=True)

DraftId = Annotated[str, typer.Argument(help="Draft id (see 'necessity drafts list').")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
status_of = DraftingService.status_of


@app.command("list")
def list_drafts(
    case: Annotated[str | None, typer.Option(help="Only drafts of this case id.")] = None,
    as_json: Json = False, data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """List stored drafts, newest first."""
    with stored(data_dir, store_url) as service:
        drafts = service.store.list_drafts(case)
    if as_json:
        out.print_json(data=[_summary_data(d) for d in drafts])
        return
    table = Table(title=f"{len(drafts)} stored draft(s)")
    table.add_column("id", no_wrap=True)
    table.add_column("created (UTC)", no_wrap=True)
    for column in ("case", "status", "backend", "sections", "signed off"):
        table.add_column(column, overflow="fold")
    for d in drafts:
        sections = f"{d.sections}" + (f", {d.failed_sections} failed" if d.failed_sections
                                      else "") + (f", {d.edited_sections} edited"
                                                  if d.edited_sections else "")
        table.add_row(d.draft_id, f"{d.created_at:%Y-%m-%d %H:%M}", d.case_id, status_of(d),
                      d.backend, sections, d.signed_off_by or "")
    out.print(table)


@app.command()
def show(draft_id: DraftId, text: Annotated[bool, typer.Option(
             "--text", help="Also print the draft as Markdown (overrides applied).")] = False,
         as_json: Json = False, data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Show a draft: status, provenance, cost, criteria outcomes with overrides, sections."""
    with stored(data_dir, store_url) as service:
        store = service.store
        summary = store.summary(draft_id)
        draft = service.review.reviewed(draft_id)
        calls = store.model_calls(draft_id)
        history = store.history(draft_id)
    if as_json:
        out.print_json(data={"summary": _summary_data(summary),
                             "draft": draft.model_dump(mode="json")})
        return
    p = draft.provenance
    lines = [
        f"{draft.title}: draft {summary.draft_id} of case {summary.case_id} "
        f"(sha256 {summary.case_hash[:12]})",
        f"{summary.document_type}, {summary.perspective}, {summary.setting}; status "
        f"{status_of(summary)}; created {summary.created_at:%Y-%m-%d %H:%M:%S} UTC"
        + (f", run {summary.run_id}" if summary.run_id else ""),
        f"backend {p.backend} ({p.model})" + (f" at {p.base_url_host}" if p.base_url_host else "")
        + f"; {len(calls)} model call(s): {sum(c.prompt_tokens for c in calls):,} prompt + "
        f"{sum(c.completion_tokens for c in calls):,} completion tokens, "
        f"${sum(c.cost_usd for c in calls):.4f}, {sum(c.seconds for c in calls):.1f} s",
        "signed off by " + f"{summary.signed_off_by}"
        + (f", {summary.signer_credentials}" if summary.signer_credentials else "")
        + f" at {summary.signed_off_at:%Y-%m-%d %H:%M} UTC"
        if summary.signed_off_by else "not signed off",
    ]
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)
    if draft.label:
        out.print(draft.label, markup=False, soft_wrap=True)
    outcomes = Table(title="Outcomes (reviewer overrides applied)")
    for column in ("item", "service", "outcome", "confidence"):
        outcomes.add_column(column)
    for item in draft.criteria:
        outcomes.add_row(item.item_id, item.service,
                         item.outcome.value if item.outcome else "-", item.confidence)
    out.print(outcomes)
    for override in draft.overrides:
        what = f"criterion {override.criterion_id}" if override.criterion_id else "outcome"
        out.print(f"override: {override.item_id} {what} -> {override.value} (engine: "
                  f"{override.engine_value}) by {override.author}: {override.reason}",
                  markup=False, soft_wrap=True)
    latest = {h.key: h for h in history}  # history is in version order: the last one wins
    sections = Table(title="Sections (latest versions)")
    for column in ("key", "version", "author", "status", "citations", "invalid", "tokens"):
        sections.add_column(column)
    for s in draft.sections:
        h = latest[s.key]
        sections.add_row(s.key, str(h.version), h.author, s.status, str(len(s.citations)),
                         str(len(s.invalid_citations)),
                         f"{s.usage.prompt_tokens + s.usage.completion_tokens:,}")
    out.print(sections)
    if text:
        out.print(service.exports.markdown(draft), markup=False, soft_wrap=True)


@app.command()
def history(draft_id: DraftId, as_json: Json = False, data_dir: DataDir = None,
            store_url: StoreUrl = None) -> None:
    """Everything that happened to a draft, oldest first: who, when, what, and why."""
    with stored(data_dir, store_url) as service:
        entries = service.store.audit(draft_id)
    rows = [_history_row(e) for e in entries]
    if as_json:
        out.print_json(data=rows)
        return
    table = Table(title=f"History of draft {draft_id} (times UTC)")
    table.add_column("time", no_wrap=True)
    table.add_column("who")
    table.add_column("action", no_wrap=True)
    for column in ("what", "reason"):
        table.add_column(column, overflow="fold")
    for row in rows:
        who = (f"{row['stated_author']} ({row['principal']})" if row["stated_author"]
               else row["principal"])
        table.add_row(row["at"][:19].replace("T", " "), who,
                      _SHORT.get(row["action"], row["action"]), row["what"], row["reason"] or "")
    out.print(table)


@app.command()
def diff(draft_id: DraftId, section: Annotated[str, typer.Argument(help="Section key.")],
         v1: Annotated[int, typer.Argument(help="Old version.")],
         v2: Annotated[int, typer.Argument(help="New version.")],
         data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """A unified diff of a section between two versions."""
    with stored(data_dir, store_url) as service:
        text = service.store.diff(draft_id, section, v1, v2)
    out.print(text or f"no differences between versions {v1} and {v2} of {section}",
              markup=False, soft_wrap=True, highlight=False)


@app.command("export")
def export_draft(
    draft_id: DraftId,
    formats: Annotated[str, typer.Option("--format", help="Comma list of md,docx,pdf,json.")] =
        ",".join(DEFAULTS.formats),
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Output directory (default: out/<draft id>).")] = None,
    author: Annotated[str | None, typer.Option(
        help="Who exports, for the audit log (default: the current user).")] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Export a stored draft at its latest versions, with overrides and sign-off shown."""
    try:
        chosen = chosen_formats(formats)
    except UnknownFormatError as exc:
        error(f"--format: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    with stored(data_dir, store_url) as service:
        _, written = service.exports.stored(draft_id, out_dir or Path("out") / draft_id, chosen,
                                            author or current_user())
    for kind, path in written.items():
        out.print(f"wrote {kind}: {path}", markup=False, soft_wrap=True)


@app.command()
def runs(as_json: Json = False, data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Batch runs (necessity draft-batch), newest first, with their cases' progress."""
    with stored(data_dir, store_url) as service:
        store = service.store
        records = [(r, store.batches.run_items(r.id)) for r in store.batches.runs()]
    rows = []
    for run, items in records:
        count = {s: sum(i.status == s for i in items) for s in ("done", "failed", "pending",
                                                               "invalid")}
        rows.append({"run_id": run.id, "status": run.status,
                     "created_at": run.created_at.isoformat(), "backend": run.backend,
                     "model": run.model, **count,
                     "cost_usd": round(sum(i.cost_usd for i in items), 6),
                     "out_dir": run.out_dir})
    if as_json:
        out.print_json(data=rows)
        return
    table = Table(title=f"{len(rows)} batch run(s)")
    table.add_column("run", no_wrap=True)
    table.add_column("created (UTC)", no_wrap=True)
    for column in ("status", "backend", "done/failed/pending/invalid", "cost", "output"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["run_id"], r["created_at"][:16].replace("T", " "), r["status"],
                      r["backend"], f"{r['done']}/{r['failed']}/{r['pending']}/{r['invalid']}",
                      f"${r['cost_usd']:.4f}", r["out_dir"])
    out.print(table)


app.command()(review_cmd.edit)
app.command()(review_cmd.regenerate)
app.command()(review_cmd.override)


@app.command()
def signoff(draft_id: DraftId, author: review_cmd.Author,
            credentials: Annotated[str | None, typer.Option(
                help="The signer's credentials as they go under the name on the signature "
                     "(e.g. 'MD, FAAOS'); kept with the sign-off.")] = None,
            data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Sign a draft off at its current section versions (any later change voids it)."""
    author = review_cmd._required("--author", author)
    with stored(data_dir, store_url) as service:
        service.review.sign_off(draft_id, author, credentials)
    shown = f"{author}, {credentials.strip()}" if credentials and credentials.strip() else author
    out.print(f"draft {draft_id} signed off by {shown}", markup=False)


_SHORT = {"draft_created": "created", "section_drafted": "drafted", "draft_finished": "finished",
          "section_regenerated": "regenerated", "section_edited": "edited",
          "criterion_overridden": "overrode", "outcome_overridden": "overrode",
          "signed_off": "signed off", "sign_off_voided": "unsigned", "draft_interrupted":
          "interrupted", "draft_resumed": "resumed"}


def _summary_data(d: DraftSummary) -> dict[str, Any]:
    return {"draft_id": d.draft_id, "case_id": d.case_id, "case_hash": d.case_hash,
            "document_type": d.document_type, "perspective": d.perspective,
            "setting": d.setting, "status": status_of(d), "backend": d.backend, "model": d.model,
            "created_at": d.created_at.isoformat(),
            "finished_at": d.finished_at.isoformat() if d.finished_at else None,
            "sections": d.sections, "failed_sections": d.failed_sections,
            "edited_sections": d.edited_sections, "signed_off_by": d.signed_off_by,
            "signed_off_at": d.signed_off_at.isoformat() if d.signed_off_at else None,
            "signer_credentials": d.signer_credentials, "run_id": d.run_id}


def _history_row(entry: AuditEntry) -> dict[str, Any]:
    d = entry.detail
    if "key" in d:
        what = f"{d['key']} v{d['version']}" if "version" in d else str(d["key"])
        if entry.action == "section_regenerated" and "previous_author" in d:
            what += (f" (by {d.get('backend', '?')}; previous v{d['previous_version']} by "
                     f"{d['previous_author']} kept)")
        elif entry.action == "section_edited":
            what += f" (previous v{d['previous_version']} kept)"
    elif "item_id" in d:
        target = f"criterion {d['criterion_id']}" if d.get("criterion_id") else "outcome"
        what = f"{d['item_id']} {target}: {d.get('engine_value')} -> {d['value']}"
    elif entry.action == "exported":
        what = f"{d['format']}: {d['path']}"
    elif entry.action == "draft_finished":
        what = f"{d['status']}, {d['sections']} section(s)"
    elif entry.action == "sign_off_voided":
        what = f"sign-off by {d['signed_off_by']} voided"
    elif entry.action in ("draft_created", "draft_resumed"):
        what = (f"case {d['case_id']} ({d['backend']}, {d['model']})" if "case_id" in d
                else f"by {d.get('worker')}; {len(d.get('stored', []))} section(s) kept")
    else:
        what = ", ".join(f"{k}={v}" for k, v in d.items() if k not in {"reason"}
                         and not isinstance(v, dict | list))
    # "actor": the name on the record (the stated author, else the principal); "principal":
    # who was authenticated (os:<user>, api-key:<id>), as the audit log's actor column holds it.
    return {"at": entry.at.isoformat(), "actor": entry.stated_author or entry.actor,
            "principal": entry.actor, "stated_author": entry.stated_author,
            "action": entry.action, "what": what, "reason": d.get("reason"), "detail": d}
