"""Checks that read drafts and case facts: citations, numbers, dates, sides, levels."""
