"""Turning user documents (PDF, Markdown, text) into cited, page-anchored chunks."""
