"""The offline backend: a deterministic composer, not a language model.

It writes each section from the structured context the prompt was rendered from (facts, criteria
results, excerpts, and the draft-wide context: each criterion's evidence, how to refer to each
fact, the document type's stance and words) through ``drafting.backends.composer``. Every draft
it makes is labelled as drafted without a language model.
"""

from __future__ import annotations

from drafting.backends.base import Completion
from drafting.backends.composer import compose
from drafting.backends.registry import register
from drafting.prompting import Prompt
from drafting.settings import Settings
from guideline_index.tokens import count_tokens


class OfflineBackend:
    name = "offline"
    model = "deterministic-composer"
    language_model = False
    base_url_host: str | None = None
    external = False

    async def complete(self, prompt: Prompt) -> Completion:
        text = compose(prompt.kind, prompt.context)
        return Completion(text=text, prompt_tokens=0, completion_tokens=count_tokens(text),
                          model=self.model)


@register("offline")
def _create(settings: Settings) -> OfflineBackend:
    return OfflineBackend()
