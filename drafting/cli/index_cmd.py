"""``necessity index ...``: build the guideline index, add documents, search, and report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from drafting.case.vocab import ProcedureFamily, Setting
from drafting.cli.output import error, out
from drafting.settings import Settings
from guideline_index.corpus import CorpusError
from guideline_index.filters import SearchFilters
from guideline_index.ingest.document import ALL_SETTINGS, DocumentSpec
from guideline_index.ingest.errors import IngestError

app = typer.Typer(help="Build and search the guideline excerpt index.", no_args_is_help=True)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data directory "
                                              "(env NECESSITY_DATA_DIR).")]
ChromaHost = Annotated[str | None, typer.Option("--chroma-host", help="Chroma server host "
                                                "(default: embedded store in the data dir).")]
ChromaPort = Annotated[int | None, typer.Option("--chroma-port", help="Chroma server port.")]


def open_index(data_dir: Path | None, chroma_host: str | None, chroma_port: int | None):
    from guideline_index.search import GuidelineIndex  # loads chromadb and torch: only when used

    settings = Settings.load(data_dir=data_dir, chroma_host=chroma_host, chroma_port=chroma_port)
    return GuidelineIndex(settings.index_dir, settings.chroma_host, settings.chroma_port)


@app.command()
def build(data_dir: DataDir = None, chroma_host: ChromaHost = None,
          chroma_port: ChromaPort = None) -> None:
    """Load the bundled excerpt corpus into the index (idempotent)."""
    try:
        index = open_index(data_dir, chroma_host, chroma_port)
        count = index.build()
    except CorpusError as exc:
        for problem in exc.problems:
            error(problem.render(exc.file))
        raise typer.Exit(2) from None
    out.print(f"indexed {count} bundled excerpts in {index.directory}", markup=False)


@app.command()
def add(
    file: Annotated[Path, typer.Argument(help="A PDF, Markdown or text document.")],
    source: Annotated[str, typer.Option(help="Name citations give the document.")],
    setting: Annotated[list[Setting] | None, typer.Option(help="Setting(s) it governs "
                                                          "(default: all).")] = None,
    procedure: Annotated[list[ProcedureFamily] | None, typer.Option(
        help="Procedure families it covers (default: general).")] = None,
    effective_from: Annotated[dt.datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="First day in force.")] = None,
    effective_to: Annotated[dt.datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="Last day in force.")] = None,
    data_dir: DataDir = None, chroma_host: ChromaHost = None, chroma_port: ChromaPort = None,
) -> None:
    """Ingest a document: token-aware chunks with page and heading kept. Re-adding is a no-op."""
    spec = DocumentSpec(
        source=source,
        settings=[str(s) for s in setting] if setting else list(ALL_SETTINGS),
        procedures=[str(p) for p in procedure] if procedure else ["general"],
        effective_from=effective_from.date() if effective_from else dt.date(1900, 1, 1),
        effective_to=effective_to.date() if effective_to else None,
    )
    try:
        with out.status(f"reading and embedding {file.name} ..."):
            result = open_index(data_dir, chroma_host, chroma_port).add(file, spec)
    except IngestError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    verb = "added" if result.added else "already indexed (same content):"
    out.print(f"{verb} {file} as {len(result.excerpt_ids)} chunks", markup=False)
    if result.empty_pages:
        error(f"warning: {file}: pages without a text layer were not indexed: "
              f"{', '.join(map(str, result.empty_pages))} (OCR needed)")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    setting: Annotated[Setting | None, typer.Option(help="Only excerpts for this setting.")] = None,
    procedure: Annotated[ProcedureFamily | None, typer.Option(help="Procedure family.")] = None,
    guideline: Annotated[str | None, typer.Option(help="Guideline short name.")] = None,
    on: Annotated[dt.datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="Date of service: only excerpts in force that day.")] = None,
    k: Annotated[int, typer.Option("-k", help="How many results.")] = 5,
    data_dir: DataDir = None, chroma_host: ChromaHost = None, chroma_port: ChromaPort = None,
) -> None:
    """Hybrid (BM25 + vector) search with filters; prints id, citation, score and text."""
    filters = SearchFilters(str(setting) if setting else None,
                            str(procedure) if procedure else None, guideline,
                            on.date() if on else None)
    hits = open_index(data_dir, chroma_host, chroma_port).search_hits(query, filters, k)
    if not hits:
        error("no excerpt matches (is the index built? run: necessity index build)")
        raise typer.Exit(1)
    table = Table(show_lines=True)
    for column in ("id", "citation", "score", "text"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(hit.excerpt.id, hit.excerpt.citation, f"{hit.score:.4f}", hit.excerpt.text)
    out.print(table)


@app.command()
def stats(data_dir: DataDir = None, chroma_host: ChromaHost = None,
          chroma_port: ChromaPort = None) -> None:
    """Counts of excerpts by origin and guideline."""
    info = open_index(data_dir, chroma_host, chroma_port).stats()
    by_guideline = info.pop("by_guideline")
    for key, value in info.items():
        out.print(f"{key}: {value}", markup=False)
    table = Table("guideline", "excerpts")
    for name, count in by_guideline.items():  # type: ignore[union-attr]
        table.add_row(name, str(count))
    out.print(table)
