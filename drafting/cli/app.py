"""Entry point of the ``necessity`` command: one group per stage of the pipeline."""

from __future__ import annotations

from typing import Annotated

import typer

from drafting import __version__
from drafting.cli import (
    batch_cmd,
    case_cmd,
    criteria_cmd,
    draft_cmd,
    drafts_cmd,
    eval_cmd,
    index_cmd,
    intake_cmd,
    serve_cmd,
    ui_cmd,
)

app = typer.Typer(
    help="Draft medical-necessity opinions for pain-management care, and prove they are grounded.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(case_cmd.app, name="case")
app.add_typer(index_cmd.app, name="index")
app.add_typer(criteria_cmd.app, name="criteria")


app.command(name="intake")(intake_cmd.intake)
app.command(name="deidentify")(intake_cmd.deidentify)
app.command(name="draft")(draft_cmd.draft)
app.add_typer(drafts_cmd.app, name="drafts")
app.command(name="draft-batch")(batch_cmd.draft_batch)
app.add_typer(eval_cmd.app, name="eval")
app.command(name="ui")(ui_cmd.ui)
app.command(name="serve")(serve_cmd.serve)
app.add_typer(serve_cmd.keys, name="keys")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"necessity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """necessity: grounded medical-necessity opinions."""


def main() -> None:
    app()
