"""Step 5 of the schema (the physician app, issue #21), for SQLite and PostgreSQL alike: the
app's users and their profiles (the name and credentials a sign-off carries), unsaved edits and
regeneration proposals kept per user, draft and section until saved or discarded, and the
signer's credentials on a sign-off.

``users`` and ``unsaved_edits`` are working state, not the record: a user's profile may change
(each change is audited), an unsaved edit is replaced as it is typed and deleted when it is
saved or discarded. What is saved becomes a section version as before."""

from __future__ import annotations

USERS = """CREATE TABLE users (
    username       TEXT PRIMARY KEY CHECK (trim(username) <> ''),
    display_name   TEXT NOT NULL CHECK (trim(display_name) <> ''),
    credentials    TEXT NOT NULL DEFAULT '',
    password_hash  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
)"""

# kind 'edit': text a user typed and has not saved; 'proposal': a regenerated section not yet
# accepted (``section``: the SectionDraft as JSON). base_version: the section version the text
# was started from (a save names it; a stale one is refused).
UNSAVED_EDITS = """CREATE TABLE unsaved_edits (
    username      TEXT NOT NULL,
    draft_id      TEXT NOT NULL REFERENCES drafts (id),
    section_key   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('edit', 'proposal')),
    base_version  INTEGER NOT NULL,
    text          TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    section       TEXT,
    backend       TEXT,
    model         TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (username, draft_id, section_key, kind)
)"""

V5: tuple[str, ...] = (
    USERS,
    UNSAVED_EDITS,
    "CREATE INDEX unsaved_edits_by_draft ON unsaved_edits (draft_id, username)",
    "ALTER TABLE sign_offs ADD COLUMN credentials TEXT",
)
V5_PG: tuple[str, ...] = V5  # plain types only: the same statements on PostgreSQL
