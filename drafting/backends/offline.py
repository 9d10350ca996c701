"""The offline backend: a deterministic composer, not a language model.

It writes each section from the structured context the prompt was rendered from (facts, criteria
results, excerpts) through the jinja2 templates in ``prompts/offline/``. Every draft it makes is
labelled as drafted without a language model.
"""

from __future__ import annotations

from drafting.backends.base import Completion
from drafting.backends.registry import register
from drafting.prompting import Prompt, render_text
from drafting.settings import Settings
from guideline_index.tokens import count_tokens


class OfflineBackend:
    name = "offline"
    model = "deterministic-composer"
    language_model = False
    base_url_host: str | None = None
    external = False

    async def complete(self, prompt: Prompt) -> Completion:
        context = dict(prompt.context)
        context["fact_by_id"] = {f["id"]: f for f in context["facts"]}
        context["excerpt_by_id"] = {e["id"]: e for e in context["excerpts"]}
        text = render_text(f"offline/{prompt.kind}.j2", context)
        return Completion(text=text, prompt_tokens=0, completion_tokens=count_tokens(text),
                          model=self.model)


@register("offline")
def _create(settings: Settings) -> OfflineBackend:
    return OfflineBackend()
