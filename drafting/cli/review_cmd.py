"""What a physician or QA reviewer does to a stored draft from the command line: edit a section,
regenerate sections, override a criterion or an outcome, sign off. Each needs an author (and,
but for sign-off, a reason), makes a new version or record, never overwrites one, and is
audited. Any change after sign-off voids the sign-off (see drafting/store/review.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from drafting.backends.base import BackendError
from drafting.case.vocab import Outcome
from drafting.cli.backend_options import AllowExternal, BackendName, BaseUrl, Model
from drafting.cli.output import err, error, out
from drafting.cli.store_options import EXIT_USAGE, DataDir, StoreUrl, stored
from drafting.criteria.results import Status

DraftId = Annotated[str, typer.Argument(help="Draft id (see 'necessity drafts list').")]
Author = Annotated[str, typer.Option(help="Who does this (name as it goes on the record).")]
Reason = Annotated[str, typer.Option(help="Why (required; kept in the history).")]


def _required(name: str, value: str) -> str:
    if not value.strip():
        error(f"{name} must not be empty")
        raise typer.Exit(EXIT_USAGE)
    return value.strip()


def edit(
    draft_id: DraftId,
    section: Annotated[str, typer.Argument(help="Section key (see 'necessity drafts show').")],
    file: Annotated[Path, typer.Option(
        "--file", help="The new text of the section ('-' reads standard input).")],
    author: Author, reason: Reason, data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Store new text for a section as its next version; earlier versions are kept."""
    author, reason = _required("--author", author), _required("--reason", reason)
    if str(file) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            error(f"--file {file}: cannot read it as UTF-8 text ({exc})")
            raise typer.Exit(EXIT_USAGE) from None
    if not text.strip():
        error(f"--file {file}: the text is empty; a section cannot be edited to nothing")
        raise typer.Exit(EXIT_USAGE)
    with stored(data_dir, store_url) as service:
        edited = service.review.edit(draft_id, section, text, author, reason)
    out.print(f"{section}: version {edited.version} by {author} ({reason})", markup=False,
              soft_wrap=True)
    for citation in edited.invalid_citations:
        error(f"warning: [{citation.marker}] in the edited text: {citation.problem}")


def regenerate(
    draft_id: DraftId, author: Author, reason: Reason,
    sections: Annotated[list[str] | None, typer.Argument(help="Section keys to draft again.")]
        = None,
    affected: Annotated[str | None, typer.Option(
        help="Also regenerate every section resting on these disputed items (comma list, "
             "e.g. I1,I2), as after an override.")] = None,
    backend: BackendName = None, model: Model = None, base_url: BaseUrl = None,
    allow_external: AllowExternal = None,
    retrieval: Annotated[bool | None, typer.Option(
        help="Search the guideline index for excerpts (default: as the draft was made).")] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Draft sections again with the backend, from the case and the current overrides. Each
    becomes the section's next version; an edited version is never overwritten."""
    author, reason = _required("--author", author), _required("--reason", reason)
    items = {i.strip() for i in (affected or "").split(",") if i.strip()}
    with stored(data_dir, store_url, backend=backend, model=model, base_url=base_url,
                allow_external=allow_external) as service:
        try:
            engine = service.drafting.backend()
        except (BackendError, KeyError) as exc:
            error(f"backend: {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        keys = service.review.sections_for(draft_id, list(sections or []), items)
        done = service.review.regenerate(draft_id, keys, author, reason, backend=engine.name,
                                         retrieval=retrieval)
    for r in done:
        kept = f"; version {r.previous_version} by {r.previous_author} is kept"
        out.print(f"{r.key}: version {r.version} by {engine.name} ({r.section.status}, "
                  f"{len(r.section.invalid_citations)} invalid citation(s)){kept}",
                  markup=False, soft_wrap=True)
    if any(r.section.status == "failed" for r in done):
        raise typer.Exit(1)


def override(
    draft_id: DraftId,
    item: Annotated[str, typer.Option("--item", help="Disputed item id, e.g. I1.")],
    reason: Reason, author: Author,
    criterion: Annotated[str | None, typer.Option(
        "--criterion", help="Criterion id (with --status); leave out to override the outcome.")]
        = None,
    status: Annotated[Status | None, typer.Option(help="New status of the criterion.")] = None,
    outcome: Annotated[Outcome | None, typer.Option(help="New outcome of the item.")] = None,
    data_dir: DataDir = None, store_url: StoreUrl = None,
) -> None:
    """Override a criterion's status (--criterion --status) or an item's outcome (--outcome),
    with a mandatory reason. Stored and audited; used when sections are regenerated; shown in
    the export."""
    author, reason = _required("--author", author), _required("--reason", reason)
    if outcome is not None:
        valid, value = criterion is None and status is None, outcome.value
    else:
        valid, value = criterion is not None and status is not None, status.value if status else ""
    if not valid:
        error("give either --criterion with --status (a criterion) or --outcome alone (the "
              "item's outcome)")
        raise typer.Exit(EXIT_USAGE)
    with stored(data_dir, store_url) as service:
        record, keys = service.review.override(draft_id, item, criterion, value, reason, author)
    what = f"criterion {criterion}" if criterion else "outcome"
    out.print(f"{item} {what} overridden to {record.value} by {record.author} ({record.reason})",
              markup=False, soft_wrap=True)
    err.print(f"sections resting on {item}: {', '.join(keys)}. The stored text is unchanged; to "
              f"draft them again with this override: necessity drafts regenerate {draft_id} "
              f"--affected {item} --author ... --reason ...", markup=False, soft_wrap=True)


def signoff(draft_id: DraftId, author: Author, data_dir: DataDir = None,
            store_url: StoreUrl = None) -> None:
    """Sign a draft off at its current section versions (any later change voids it)."""
    author = _required("--author", author)
    with stored(data_dir, store_url) as service:
        service.review.sign_off(draft_id, author)
    out.print(f"draft {draft_id} signed off by {author}", markup=False)
