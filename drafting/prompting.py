"""Render section prompts from the jinja2 templates in ``prompts/`` (sandboxed, strict), and hash
them so every draft records exactly which prompt text produced it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

import prompts


@dataclass(frozen=True)
class Prompt:
    """A rendered section prompt. ``context`` is the data the prompt was rendered from; a
    language model reads ``system`` and ``user``, the offline composer reads ``context``."""

    kind: str
    system: str
    user: str
    hash: str
    context: Mapping[str, Any] = field(default_factory=dict)


PROMPTS_DIR = Path(prompts.__file__).resolve().parent


def as_data(value: Any) -> str:
    """JSON for the data block; '<' is escaped so record text can never close the block."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def as_data_rows(value: Mapping[str, Any]) -> str:
    """``as_data`` of a mapping, laid out one field per line and one list element per line (still
    one JSON value): a reader finds each fact or excerpt on its own row, and the prompt's token
    count is taken row by row, each row encoded once per case however many sections repeat it
    (``guideline_index.tokens.count_prompt_tokens``)."""
    rows = []
    for key, item in value.items():
        name = as_data(key)
        if isinstance(item, list) and item:
            rows.append(f"{name}:[\n" + ",\n".join(as_data(element) for element in item) + "]")
        else:
            rows.append(f"{name}:{as_data(item)}")
    return "{" + ",\n".join(rows) + "}"


SETTING_LABELS = {
    "ca_workers_comp": "California workers' compensation",
    "medicare": "Medicare",
    "commercial": "commercial health plan",
    "personal_injury": "personal injury",
    "state_external_review": "state external review",
    "other_workers_comp": "workers' compensation",
}


def setting_label(value: str) -> str:
    return SETTING_LABELS.get(value, value.replace("_", " "))


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=FileSystemLoader(str(PROMPTS_DIR)),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               autoescape=False)
    env.filters.update(as_data=as_data, as_data_rows=as_data_rows)
    return env


@cache
def template_hash(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update((PROMPTS_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def section_template_hash(kind: str) -> str:
    return template_hash("system.j2", "_case_record.j2", f"{kind}.j2")


def make_prompt(kind: str, system: str, user: str,
                context: dict[str, Any] | None = None) -> Prompt:
    """A prompt with its hash: the first 16 hex digits of SHA-256 over system and user text,
    the same for every prompt the project sends (sections, repairs, intake, the judge)."""
    digest = hashlib.sha256(f"{system}\n\n{user}".encode()).hexdigest()[:16]
    return Prompt(kind=kind, system=system, user=user, hash=digest, context=context or {})


def render_prompt(kind: str, context: dict[str, Any]) -> Prompt:
    env = environment()
    system = env.get_template("system.j2").render(**context).strip()
    user = env.get_template(f"{kind}.j2").render(**context).strip()
    return make_prompt(kind, system, user, context)


def render_text(name: str, context: dict[str, Any]) -> str:
    """Render a non-prompt template (offline composer, repair request) to tidy text."""
    text = environment().get_template(name).render(**context)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
