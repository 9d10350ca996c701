"""The offline composer: deterministic section text from the section's context (facts, criteria
results, excerpts, and what the draft as a whole has said), one function per section kind."""

from drafting.backends.composer.sections import compose

__all__ = ["compose"]
