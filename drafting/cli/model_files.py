"""Before any command runs: a classifier's model file that the environment names (not ``off``)
is read, and one that cannot be read stops the command (exit 2), naming the file and the
variable, before any record, case or draft is touched."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NoReturn

import typer

from drafting.cli.output import error
from drafting.deid import learned_names
from drafting.intake.learned import model as intake_model
from drafting.model_files import ModelFileError
from evals.learned import model as eval_model

# Each variable with the reader of the model it names.
NAMED: tuple[tuple[str, Callable[[], object]], ...] = (
    (intake_model.ENV, intake_model.sentence_model),
    (eval_model.ENV, eval_model.sentence_model),
    (learned_names.ENV, learned_names.name_model),
)


def refuse(exc: ModelFileError, env: str) -> NoReturn:
    """Say which model file cannot be read and how to fix it; exit 2."""
    error(f"{exc}. Fix: point {env} at a model file written by its script in benchmarks/, or "
          "set it to 'off'")
    raise typer.Exit(2)


def check_named_model_files() -> None:
    for env, read in NAMED:
        value = os.environ.get(env, "").strip()
        if not value or value.lower() == "off":
            continue  # the bundled model (read when first used) or none
        try:
            read()
        except ModelFileError as exc:
            refuse(exc, env)
