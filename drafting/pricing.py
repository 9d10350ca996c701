"""The price of model calls: one formula (USD per 1,000 prompt and completion tokens, from
``Settings``) for a call's cost, a dry run's estimate and a batch budget."""

from __future__ import annotations

from dataclasses import dataclass

from drafting.draft import Usage
from drafting.settings import Settings

# Completion tokens per section assumed before any section was drafted: a dry run's estimate
# and a batch budget's first guess (a fixed guess with no measurement behind it; a batch replaces
# it with its own average once sections finish).
FIRST_GUESS_COMPLETION_TOKENS = 450


@dataclass(frozen=True)
class Prices:
    prompt_per_1k: float
    completion_per_1k: float

    @classmethod
    def of(cls, settings: Settings) -> Prices:
        return cls(settings.price_prompt_per_1k, settings.price_completion_per_1k)

    def cost(self, prompt_tokens: float, completion_tokens: float) -> float:
        """USD for these tokens (unrounded; an estimate may pass fractional tokens)."""
        return (prompt_tokens / 1000 * self.prompt_per_1k
                + completion_tokens / 1000 * self.completion_per_1k)

    def charge(self, usage: Usage, prompt_tokens: int, completion_tokens: int,
               charged: bool = True) -> None:
        """Add one call's tokens to ``usage``, and its cost unless it is free (the offline
        composer costs nothing)."""
        usage.prompt_tokens += prompt_tokens
        usage.completion_tokens += completion_tokens
        if charged:
            usage.cost_usd = round(usage.cost_usd + self.cost(prompt_tokens, completion_tokens),
                                   6)
