"""The draft as JSON: the full model, indented, with the label first so it heads the file."""

from __future__ import annotations

import json
from pathlib import Path

from drafting.atomic_files import write_text_atomic
from drafting.draft import Draft


def to_json(draft: Draft) -> str:
    data = draft.model_dump(mode="json")
    ordered = {"label": data.pop("label"), **data}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def write_json(draft: Draft, path: Path) -> Path:
    return write_text_atomic(path, to_json(draft))
