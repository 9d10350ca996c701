"""The summary of a batch run, one row per input file, as CSV and JSON (written atomically
into the output directory, and again after a resumed run)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from drafting.atomic_files import write_text_atomic
from drafting.store import RunItem, RunRecord

COLUMNS = ("case_path", "case_id", "status", "draft_id", "outcomes", "invalid_citations",
           "prompt_tokens", "completion_tokens", "cost_usd", "seconds", "outputs", "errors")


def row(item: RunItem, not_drafted: str) -> dict[str, Any]:
    """A summary row; ``not_drafted`` says why a pending case was not drafted."""
    status = item.status if item.status != "pending" else not_drafted
    return {"case_path": item.case_path, "case_id": item.case_id, "status": status,
            "draft_id": item.draft_id, "outcomes": item.outcomes,
            "invalid_citations": item.invalid_citations, "prompt_tokens": item.prompt_tokens,
            "completion_tokens": item.completion_tokens, "cost_usd": round(item.cost_usd, 6),
            "seconds": round(item.seconds, 3), "outputs": item.outputs, "errors": item.errors}


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return "" if value is None else str(value)


def write_summary(run: RunRecord, items: list[RunItem], out_dir: Path, not_drafted: str,
                  totals: dict[str, Any]) -> tuple[Path, Path]:
    """Write ``summary.csv`` and ``summary.json`` in ``out_dir``; returns their paths."""
    rows = [row(i, not_drafted) for i in items]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _flat(v) for k, v in r.items()})
    csv_path = write_text_atomic(out_dir / "summary.csv", buffer.getvalue())
    document = {"run_id": run.id, "status": run.status, "backend": run.backend,
                "model": run.model, "concurrency": run.concurrency, "budget_usd": run.budget_usd,
                "inputs": run.inputs, "totals": totals, "cases": rows}
    json_path = write_text_atomic(out_dir / "summary.json",
                                  json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return csv_path, json_path
