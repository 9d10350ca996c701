"""``necessity intake`` (records -> draft case file) and ``necessity deidentify`` (records ->
de-identified text with a local re-identification map, and back)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafting.backends.base import BackendError
from drafting.case.vocab import DocumentType, Perspective, Setting
from drafting.cli.backend_options import BaseUrl, Model
from drafting.cli.model_files import refuse
from drafting.cli.output import err, error, out
from drafting.deid import Deidentifier, PhiMap, PhiMapError
from drafting.intake.casefile import write
from drafting.intake.learned.model import ENV as MODEL_ENV
from drafting.intake.learned.model import ModelFileError
from drafting.intake.reading import read_record
from guideline_index.ingest.errors import IngestError

EXIT_NEEDS_REVIEW = 1  # written, but the case does not validate yet
EXIT_BAD_INPUT = 2  # some files could not be read (the rest were)


def intake(
    records: Annotated[list[Path], typer.Argument(help="Record files: PDF, DOCX, text, images.")],
    out_file: Annotated[Path, typer.Option("--out", help="Case file to write (.yaml).")],
    document_type: Annotated[DocumentType | None, typer.Option(
        "--type", help="Document type the case is for (default: review_determination).")] = None,
    perspective: Annotated[Perspective | None, typer.Option(
        help="Perspective (default: neutral).")] = None,
    setting: Annotated[Setting | None, typer.Option(
        help="Setting (default: detected from the records, else commercial).")] = None,
    case_id: Annotated[str | None, typer.Option("--id", help="Case id (default: from --out).")]
        = None,
    backend: Annotated[str | None, typer.Option(
        help="openai: also ask a language model for facts (marked proposed).")] = None,
    model: Model = None, base_url: BaseUrl = None,
    allow_external: Annotated[bool | None, typer.Option(
        "--allow-external", help="Consent to send de-identified record text to a non-local "
        "model host.")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Pages sent to the model at once.")]
        = None,
    map_file: Annotated[Path | None, typer.Option(
        "--map", help="Keep the re-identification map of the model pass in this file.")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a text layer.")] = True,
) -> None:
    """Read a packet of records and draft a case file: inventory, page-anchored facts,
    diagnoses, and disputed items proposed from requests and denials."""
    from drafting.intake.run import case_id_for, run_intake

    chosen_backend = None
    settings = None
    if backend not in (None, "offline"):
        from drafting.service import DraftingService
        from drafting.settings import Settings

        settings = Settings.load(backend=backend, model=model, base_url=base_url,
                                 allow_external=allow_external, concurrency=concurrency)
        try:
            chosen_backend = DraftingService(settings).drafting.backend(backend)
        except (KeyError, BackendError) as exc:
            error(f"--backend {backend}: {str(exc).strip(chr(39))}")
            raise typer.Exit(2) from None
    today = dt.date.today()
    try:
        with err.status(f"reading {len(records)} record file(s) ..."):
            outcome = run_intake(records, case_id=case_id or case_id_for(out_file.name),
                                 document_type=document_type, perspective=perspective,
                                 setting=setting, ocr=ocr, backend=chosen_backend,
                                 concurrency=settings.concurrency if settings else 4,
                                 today=today)
    except ModelFileError as exc:  # (also checked before any command)
        refuse(exc, MODEL_ENV)
    packet, drafted = outcome.packet, outcome.drafted
    for exc in packet.refused:
        error(f"{exc.file}: {exc.problem}." + (f" Fix: {exc.fix}" if exc.fix else ""))
    if not packet.documents:
        error(f"no record could be read; nothing written to {out_file}")
        raise typer.Exit(EXIT_BAD_INPUT)
    write(out_file, drafted.data, outcome.header)
    if map_file is not None and outcome.phi_map is not None:
        outcome.phi_map.save(map_file)
    _summary(outcome)
    for doc, page, problem in packet.unreadable_pages:
        err.print(f"warning: {doc.path}: page {page}: {problem}", markup=False, soft_wrap=True)
    for note in drafted.notes:
        err.print(f"check: {note}", markup=False, soft_wrap=True)
    facts = drafted.data["facts"]
    proposed = sum(1 for f in facts if f.get("proposed"))
    out.print(f"wrote {out_file}: {len(drafted.data['documents'])} documents, {len(facts)} facts"
              + (f" ({proposed} proposed, pending review)" if proposed else "")
              + f", {len(drafted.data['disputed_items'])} disputed item(s)", markup=False,
              soft_wrap=True)
    if packet.refused:
        error(f"{len(packet.refused)} of {len(records)} files could not be read (see above); "
              "the case was drafted from the rest")
        raise typer.Exit(EXIT_BAD_INPUT)
    if drafted.problems:
        for problem in drafted.problems:
            error(problem.render(out_file))
        error(f"{out_file} needs completing before it validates (see above)")
        raise typer.Exit(EXIT_NEEDS_REVIEW)


def _summary(outcome) -> None:  # type: ignore[no-untyped-def]
    from drafting.intake.run import inventory

    table = Table(title="Record inventory")
    for column in ("id", "file", "type", "date", "pages", "OCR pages", "facts"):
        table.add_column(column, overflow="fold")
    for row in inventory(outcome):
        table.add_row(row.id, row.file, row.type, row.date.isoformat(), str(row.pages),
                      ", ".join(map(str, row.ocr_pages)) or "-", str(row.facts))
    out.print(table)
    if outcome.proposals is not None:
        p = outcome.proposals
        out.print(f"model pass: {p.calls} page(s) read, {len(p.facts)} fact(s) proposed, "
                  f"{len(p.rejected)} proposal(s) refused", markup=False)


def deidentify(
    files: Annotated[list[Path], typer.Argument(help="Record files (PDF, DOCX, text, images).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the output text files.")],
    map_file: Annotated[Path | None, typer.Option(
        "--map", help="Re-identification map (JSON). Default: <out>.phimap.json beside the "
        "output directory, never inside it. An existing map is reused.")] = None,
    shift_dates: Annotated[int | None, typer.Option(
        "--shift-dates", help="Move every date except birth dates by this many days.")] = None,
    names: Annotated[list[str] | None, typer.Option(
        "--name", help="A name to replace wherever it appears (repeatable).")] = None,
    restore: Annotated[bool, typer.Option(
        "--restore", help="Put the real values back into de-identified text files.")] = False,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a text layer.")] = True,
) -> None:
    """Replace names, birth dates, addresses, phones, member/claim numbers and MRNs with stable
    placeholders, keeping the map locally; or, with --restore, put the real values back."""
    map_file = map_file or out_dir.parent / f"{out_dir.name}.phimap.json"
    if map_file.resolve().parent == out_dir.resolve():
        error(f"--map {map_file}: the map holds the real identifiers; keep it outside {out_dir}")
        raise typer.Exit(2)
    try:
        phi_map = PhiMap.load(map_file) if map_file.exists() or restore else PhiMap(shift_dates)
    except PhiMapError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    if shift_dates is not None and phi_map.shift_days not in (None, shift_dates):
        error(f"--shift-dates {shift_dates}: {map_file} was made with a shift of "
              f"{phi_map.shift_days} days; use the same shift or a new --map")
        raise typer.Exit(2)
    if shift_dates is not None:
        phi_map.shift_days = shift_dates
    out_dir.mkdir(parents=True, exist_ok=True)
    deid = Deidentifier(phi_map, names or [])
    texts: dict[Path, str] = {}
    failed = 0
    for path in files:
        try:
            if restore:
                texts[path] = path.read_text(encoding="utf-8")
            else:
                record = read_record(path, ocr=ocr)
                texts[path] = "\f".join(p.text for p in record.pages)
        except (IngestError, OSError, UnicodeDecodeError) as exc:
            failed += 1
            error(str(exc) if isinstance(exc, IngestError) else f"{path}: {exc}")
    if not restore:
        deid.learn(texts.values())
    for path, text in texts.items():
        target = out_dir / (path.name if restore else f"{path.stem}.txt")
        target.write_text(deid.restore(text) if restore else deid.deidentify(text),
                          encoding="utf-8")
        out.print(f"wrote {target}", markup=False, soft_wrap=True)
    if not restore:
        phi_map.save(map_file)
        kinds = ", ".join(f"{n} {k.value}" for k, n in sorted(deid.replaced.items()))
        out.print(f"replaced {sum(deid.replaced.values())} identifier(s) ({kinds or 'none'}); "
                  f"map kept in {map_file}"
                  + (f"; dates shifted by {phi_map.shift_days} days" if phi_map.shift_days
                     else ""), markup=False, soft_wrap=True)
    if failed:
        error(f"{failed} of {len(files)} files could not be read (see above)")
        raise typer.Exit(EXIT_BAD_INPUT)
