"""Fact extractors: sentences, sides and levels, findings, values, medications, decisions."""
