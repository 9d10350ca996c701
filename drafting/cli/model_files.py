"""Before any command runs, every classifier's model file is read: the one its environment
variable names, else the bundled one (unless the variable says ``off``). One that cannot be read
stops the command (exit 2), naming the file and the variable, before any record, case or draft
is touched: a damaged bundled file as much as a wrong named one (reading all three takes some
60 ms, once per process; each reader caches what it read)."""

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

# Each variable with the reader of the model it chooses.
NAMED: tuple[tuple[str, Callable[[], object]], ...] = (
    (intake_model.ENV, intake_model.sentence_model),
    (eval_model.ENV, eval_model.sentence_model),
    (learned_names.ENV, learned_names.name_model),
)


def refuse(exc: ModelFileError, env: str) -> NoReturn:
    """Say which model file cannot be read and how to fix it; exit 2."""
    if os.environ.get(env, "").strip():
        fix = (f"point {env} at a model file written by its script in benchmarks/, or set it "
               "to 'off'")
    else:
        fix = (f"the file shipped with necessity is damaged: reinstall necessity, or set {env} "
               "to 'off' to run on the rules alone")
    error(f"{exc}. Fix: {fix}")
    raise typer.Exit(2)


def check_model_files() -> None:
    for env, read in NAMED:
        if os.environ.get(env, "").strip().lower() == "off":
            continue
        try:
            read()
        except ModelFileError as exc:
            refuse(exc, env)
