"""Jinja2 prompt templates (one file per section kind); this package holds no prompt text."""
