"""Entry point of the ``necessity`` command: one group per stage of the pipeline."""

from __future__ import annotations

from typing import Annotated

import typer

from drafting import __version__
from drafting.cli import case_cmd, criteria_cmd, draft_cmd, index_cmd
from drafting.cli.output import error

app = typer.Typer(
    help="Draft medical-necessity opinions for pain-management care, and prove they are grounded.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(case_cmd.app, name="case")
app.add_typer(index_cmd.app, name="index")
app.add_typer(criteria_cmd.app, name="criteria")


def _planned(name: str, issue: int, what: str) -> typer.Typer:
    group = typer.Typer(help=f"{what} (not built yet: issue #{issue}).")

    @group.callback(invoke_without_command=True)
    def _not_yet() -> None:
        error(f"'necessity {name}' is not built yet; it is tracked in issue #{issue}.")
        raise typer.Exit(1)

    return group


app.command(name="draft")(draft_cmd.draft)
app.add_typer(_planned("eval", 8, "Check drafts against their case and the index"), name="eval")
app.add_typer(_planned("ui", 9, "Start the physicians' Streamlit app"), name="ui")


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
