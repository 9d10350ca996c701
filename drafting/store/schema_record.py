"""Step 6 of the schema, for SQLite and PostgreSQL: a draft's own record is written once.

Once a draft has finished, its title, label, provenance, sources and finishing time never
change, and its status only moves forward (in progress -> complete or incomplete; complete ->
incomplete when a regenerated section fails). A section's kind, heading and item never change.
``store verify`` checks the same columns against the audit log (``draft_record.py``) for a file
whose triggers were dropped."""

from __future__ import annotations

_RECORD = ("OLD.finished_at IS NOT NULL AND (NEW.title IS NOT OLD.title OR NEW.label IS NOT "
           "OLD.label OR NEW.provenance IS NOT OLD.provenance OR NEW.sources IS NOT OLD.sources "
           "OR NEW.finished_at IS NOT OLD.finished_at)")
_STATUS = ("NEW.status IS NOT OLD.status AND OLD.status <> 'in_progress' AND NOT "
           "(OLD.status = 'complete' AND NEW.status = 'incomplete')")
_HEADING = ("NEW.kind IS NOT OLD.kind OR NEW.title IS NOT OLD.title OR NEW.item_id IS NOT "
            "OLD.item_id OR NEW.draft_id IS NOT OLD.draft_id OR NEW.key IS NOT OLD.key")
_WHAT = {"drafts_record_once": "a finished draft's title, label, provenance and sources",
         "drafts_status_forward": "a finished draft's status (only complete -> incomplete)",
         "sections_heading_once": "a section's draft, key, kind, heading and item"}
_WHEN = {"drafts_record_once": ("drafts", _RECORD), "drafts_status_forward": ("drafts", _STATUS),
         "sections_heading_once": ("sections", _HEADING)}

V6: tuple[str, ...] = tuple(
    f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} WHEN {when} "
    f"BEGIN SELECT RAISE(ABORT, '{table}: {_WHAT[name].replace(chr(39), chr(39) * 2)} cannot "
    "change once stored'); END"
    for name, (table, when) in _WHEN.items())

V6_PG: tuple[str, ...] = tuple(
    f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW "
    f"WHEN ({when.replace(' IS NOT ', ' IS DISTINCT FROM ')}) "
    f"EXECUTE FUNCTION necessity_write_once('{_WHAT[name].replace(chr(39), chr(39) * 2)}')"
    for name, (table, when) in _WHEN.items())
