"""Drafting backends: the deterministic offline composer and OpenAI-compatible servers."""
