"""The HTTP API (``necessity serve``): firms' and review organisations' systems submit case files,
request drafts (drafted in the background, bounded), poll them, edit sections, export, and run
eval checks; every key sees only its own organisation's cases and drafts."""
