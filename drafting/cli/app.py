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
    store_cmd,
    ui_cmd,
)
from drafting.cli.model_files import check_model_files
from drafting.store import act_as, os_principal

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
app.add_typer(store_cmd.app, name="store")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"necessity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """necessity: grounded medical-necessity opinions."""
    check_model_files()
    # Whatever a command writes to the audit log is done by the account running it: its
    # --author is kept as the stated author beside it. (Put back when the command ends, for a
    # caller running several commands in one process.)
    previous = act_as(os_principal())
    ctx.call_on_close(lambda: act_as(previous))


def main() -> None:
    app()
