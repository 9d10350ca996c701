"""Guideline excerpts, criteria sets, ingestion and hybrid retrieval."""
