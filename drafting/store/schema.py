"""The SQL of the draft store, one tuple of statements per schema version. Never edit a released
version: add the next one (and its step in ``migrations.MIGRATIONS``) instead.

Drafts, sections and cases may change (status, position); everything that records what was
written or decided (section versions, citations, model calls, overrides, audit log) is
append-only, enforced by triggers."""

from __future__ import annotations


def _append_only(table: str) -> tuple[str, ...]:
    return tuple(
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END"
        for verb in ("UPDATE", "DELETE"))


V1: tuple[str, ...] = (
    """CREATE TABLE cases (
        id          INTEGER PRIMARY KEY,
        case_id     TEXT NOT NULL,
        case_hash   TEXT NOT NULL,
        path        TEXT,
        first_seen  TEXT NOT NULL,
        UNIQUE (case_id, case_hash)
    )""",
    """CREATE TABLE drafts (
        id             TEXT PRIMARY KEY,
        case_id        TEXT NOT NULL,
        case_hash      TEXT NOT NULL,
        title          TEXT NOT NULL DEFAULT '',
        document_type  TEXT NOT NULL,
        perspective    TEXT NOT NULL,
        setting        TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        finished_at    TEXT,
        status         TEXT NOT NULL DEFAULT 'in_progress'
                       CHECK (status IN ('in_progress', 'complete', 'incomplete')),
        backend        TEXT NOT NULL,
        model          TEXT NOT NULL,
        base_url_host  TEXT,
        external       INTEGER NOT NULL CHECK (external IN (0, 1)),
        language_model INTEGER NOT NULL CHECK (language_model IN (0, 1)),
        label          TEXT,
        provenance     TEXT CHECK (provenance IS NULL OR json_valid(provenance)),
        criteria       TEXT CHECK (criteria IS NULL OR json_valid(criteria)),
        sources        TEXT CHECK (sources IS NULL OR json_valid(sources)),
        signed_off_by  TEXT,
        signed_off_at  TEXT,
        FOREIGN KEY (case_id, case_hash) REFERENCES cases (case_id, case_hash)
    )""",
    "CREATE INDEX drafts_by_case ON drafts (case_id, created_at)",
    """CREATE TABLE sections (
        id        INTEGER PRIMARY KEY,
        draft_id  TEXT NOT NULL REFERENCES drafts (id),
        key       TEXT NOT NULL,
        kind      TEXT NOT NULL,
        title     TEXT NOT NULL,
        item_id   TEXT,
        position  INTEGER NOT NULL,
        UNIQUE (draft_id, key)
    )""",
    """CREATE TABLE section_versions (
        id                INTEGER PRIMARY KEY,
        section_id        INTEGER NOT NULL REFERENCES sections (id),
        version           INTEGER NOT NULL CHECK (version >= 1),
        text              TEXT NOT NULL,
        author            TEXT NOT NULL CHECK (trim(author) <> ''),
        origin            TEXT NOT NULL CHECK (origin IN ('model', 'human')),
        reason            TEXT,
        created_at        TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('ok', 'repaired', 'failed')),
        error             TEXT,
        prompt_hash       TEXT,
        template_hash     TEXT,
        fact_ids          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fact_ids)),
        excerpt_ids       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(excerpt_ids)),
        prompt_tokens     INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd          REAL NOT NULL DEFAULT 0,
        seconds           REAL NOT NULL DEFAULT 0,
        attempts          INTEGER NOT NULL DEFAULT 0,
        UNIQUE (section_id, version),
        CHECK (origin = 'model' OR trim(coalesce(reason, '')) <> '')
    )""",
    """CREATE TABLE citations (
        id          INTEGER PRIMARY KEY,
        version_id  INTEGER NOT NULL REFERENCES section_versions (id),
        position    INTEGER NOT NULL,
        marker      TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('fact', 'excerpt')),
        target      TEXT NOT NULL,
        sentence    INTEGER NOT NULL,
        valid       INTEGER NOT NULL CHECK (valid IN (0, 1)),
        problem     TEXT,
        UNIQUE (version_id, position)
    )""",
    """CREATE TABLE model_calls (
        id                INTEGER PRIMARY KEY,
        draft_id          TEXT NOT NULL REFERENCES drafts (id),
        section_key       TEXT NOT NULL,
        version_id        INTEGER REFERENCES section_versions (id),
        backend           TEXT NOT NULL,
        model             TEXT NOT NULL,
        prompt_hash       TEXT,
        prompt_tokens     INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd          REAL NOT NULL DEFAULT 0,
        seconds           REAL NOT NULL DEFAULT 0,
        attempts          INTEGER NOT NULL DEFAULT 0,
        status            TEXT NOT NULL CHECK (status IN ('ok', 'repaired', 'failed')),
        error             TEXT,
        created_at        TEXT NOT NULL
    )""",
    "CREATE INDEX model_calls_by_draft ON model_calls (draft_id)",
    """CREATE TABLE overrides (
        id            INTEGER PRIMARY KEY,
        draft_id      TEXT NOT NULL REFERENCES drafts (id),
        item_id       TEXT NOT NULL,
        criterion_id  TEXT,
        value         TEXT NOT NULL,
        reason        TEXT NOT NULL CHECK (trim(reason) <> ''),
        author        TEXT NOT NULL CHECK (trim(author) <> ''),
        created_at    TEXT NOT NULL,
        CHECK (CASE WHEN criterion_id IS NULL
                    THEN value IN ('necessary', 'not_necessary', 'insufficient_documentation')
                    ELSE value IN ('met', 'not_met', 'undocumented') END)
    )""",
    "CREATE INDEX overrides_by_draft ON overrides (draft_id)",
    """CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        draft_id  TEXT REFERENCES drafts (id),
        detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    )""",
    "CREATE INDEX audit_log_by_draft ON audit_log (draft_id, id)",
    *_append_only("section_versions"),
    *_append_only("citations"),
    *_append_only("model_calls"),
    *_append_only("overrides"),
    *_append_only("audit_log"),
)
