"""Stage ``render``: each section's prompt from its jinja2 template (hashed), with its token
count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from drafting.outline import PlannedSection
from drafting.prompting import Prompt, render_prompt
from drafting.stages.context import SectionContext
from guideline_index.tokens import count_prompt_tokens


@dataclass(frozen=True)
class PreparedSection:
    planned: PlannedSection
    prompt: Prompt
    prompt_tokens: int


class Render:
    name: ClassVar[str] = "render"

    def run(self, contexts: list[SectionContext]) -> list[PreparedSection]:
        prepared = []
        for context in contexts:
            prompt = render_prompt(context.planned.spec.kind, context.data)
            tokens = count_prompt_tokens(f"{prompt.system}\n{prompt.user}")
            prepared.append(PreparedSection(context.planned, prompt, tokens))
        return prepared
