"""Batch drafting: many cases into the draft store, concurrently, resumable."""
