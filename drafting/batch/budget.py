"""Cost control for a batch: a case starts only if what the run has spent, plus what the cases
in flight are expected to cost, plus this case's estimate stays within the budget.

A case's estimate is its prompt tokens (counted on the rendered prompts before anything is sent)
at the prompt price, plus its completion tokens at the completion price, where completion tokens
per section start at a fixed guess and then follow the run's own average. Repair rounds are not
in the estimate; the running average of actual cost absorbs them once cases finish."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafting.pricing import FIRST_GUESS_COMPLETION_TOKENS, Prices


@dataclass
class Budget:
    limit_usd: float | None
    prices: Prices
    charged: bool  # False for the offline composer: it costs nothing
    spent_usd: float = 0.0
    reserved_usd: float = 0.0
    sections_seen: int = 0
    completion_tokens_seen: int = 0
    overrun_factor: float = 1.0  # actual cost / estimated cost of finished cases
    _estimated_done: float = field(default=0.0, repr=False)
    _actual_done: float = field(default=0.0, repr=False)

    def completion_per_section(self) -> float:
        if self.sections_seen == 0:
            return FIRST_GUESS_COMPLETION_TOKENS
        return self.completion_tokens_seen / self.sections_seen

    def estimate(self, prompt_tokens: int, sections: int) -> float:
        """Expected USD for a case with these prompt tokens and sections still to draft."""
        if not self.charged or sections == 0:
            return 0.0
        base = self.prices.cost(prompt_tokens, sections * self.completion_per_section())
        return base * max(self.overrun_factor, 1.0)

    def try_reserve(self, estimate: float) -> bool:
        """Reserve ``estimate`` for a case about to start, unless that could exceed the limit."""
        if self.limit_usd is not None and (
                self.spent_usd + self.reserved_usd + estimate > self.limit_usd):
            return False
        self.reserved_usd += estimate
        return True

    def section_done(self, completion_tokens: int) -> None:
        """A drafted section's completion tokens, for the next estimates."""
        self.sections_seen += 1
        self.completion_tokens_seen += completion_tokens

    def settle(self, estimate: float, actual_usd: float) -> None:
        """A case finished (or stopped): release its reservation, count what it cost."""
        self.reserved_usd = max(self.reserved_usd - estimate, 0.0)
        self.spent_usd += actual_usd
        self._estimated_done += estimate
        self._actual_done += actual_usd
        if self._estimated_done > 0:
            self.overrun_factor = self._actual_done / self._estimated_done
