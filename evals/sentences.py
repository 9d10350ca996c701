"""A section's sentences and citation markers, exactly as ``drafting.citations`` finds them: the
eval context, the outcome and coherence checks and the drafting stages split one way."""

from __future__ import annotations

from drafting.citations import find_citations, sentences

__all__ = ["find_citations", "sentences"]
