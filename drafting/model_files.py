"""The weights files of the classifiers we ship (JSON, fitted by a script in benchmarks/): each is
chosen by an environment variable (``off``: none; a path: a site's own file; unset: the bundled
one) and refused, naming the file, when it is absent or is not a model file of its kind."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

Model = TypeVar("Model")
# What a file that is not a model file of its kind raises while being read.
_NOT_A_MODEL = (ValueError, KeyError, TypeError, AttributeError)


class ModelFileError(ValueError):
    """The model file an environment variable names is absent or not a model file."""


def chosen_file(env: str, bundled: Path) -> Path | None:
    """The file ``env`` names, else the bundled one; None when it says ``off``."""
    chosen = os.environ.get(env, "").strip()
    if chosen.lower() == "off":
        return None
    return Path(chosen) if chosen else bundled


def read_model(path: Path, bundled: Path, env: str, kind: str,
               parse: Callable[[dict[str, Any], str], Model]) -> Model | None:
    """``parse`` of the JSON at ``path``; None when the bundled file is absent (the rules
    alone), a ``ModelFileError`` naming the file when a named file is absent or unreadable."""
    if not path.is_file():
        if path == bundled:
            return None
        raise ModelFileError(f"{env}={path}: no such model file")
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")), str(path))
    except _NOT_A_MODEL as exc:
        raise ModelFileError(f"{path}: not a {kind} file ({type(exc).__name__}: "
                             f"{str(exc)[:120]})") from exc
