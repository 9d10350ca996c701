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


V2: tuple[str, ...] = (
    # The case file itself, so a stored draft can be regenerated (and a batch resumed) without
    # the original file, and a changed file is never mistaken for the one drafted.
    "ALTER TABLE cases ADD COLUMN content TEXT",
    # The validated case as JSON: loading it skips parsing and checking the text again (a resumed
    # batch, a worker process); the text stays the authority if the case model has changed.
    "ALTER TABLE cases ADD COLUMN validated TEXT "
    "CHECK (validated IS NULL OR json_valid(validated))",
    # How the draft was made (retrieval on or off, formats), so regeneration can do the same.
    "ALTER TABLE drafts ADD COLUMN options TEXT CHECK (options IS NULL OR json_valid(options))",
    # host:pid of the process drafting it while in progress, to tell a live run from a dead one.
    "ALTER TABLE drafts ADD COLUMN worker TEXT",
    """CREATE TABLE runs (
        id           TEXT PRIMARY KEY,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'interrupted', 'budget_stopped', 'finished')),
        inputs       TEXT NOT NULL CHECK (json_valid(inputs)),
        backend      TEXT NOT NULL,
        model        TEXT NOT NULL,
        concurrency  INTEGER NOT NULL CHECK (concurrency >= 1),
        budget_usd   REAL,
        out_dir      TEXT NOT NULL,
        options      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        worker       TEXT
    )""",
    "ALTER TABLE drafts ADD COLUMN run_id TEXT REFERENCES runs (id)",
    # A run drafts each case (by content) at most once: the guard against a resumed run
    # duplicating a draft that a killed process had already begun.
    "CREATE UNIQUE INDEX drafts_one_per_run_case ON drafts (run_id, case_hash) "
    "WHERE run_id IS NOT NULL",
    """CREATE TABLE run_items (
        id                 INTEGER PRIMARY KEY,
        run_id             TEXT NOT NULL REFERENCES runs (id),
        position           INTEGER NOT NULL,
        case_path          TEXT NOT NULL,
        case_id            TEXT,
        case_hash          TEXT,
        status             TEXT NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'invalid', 'done', 'failed')),
        errors             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(errors)),
        draft_id           TEXT REFERENCES drafts (id),
        outcomes           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(outcomes)),
        invalid_citations  INTEGER NOT NULL DEFAULT 0,
        prompt_tokens      INTEGER NOT NULL DEFAULT 0,
        completion_tokens  INTEGER NOT NULL DEFAULT 0,
        cost_usd           REAL NOT NULL DEFAULT 0,
        seconds            REAL NOT NULL DEFAULT 0,
        outputs            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(outputs)),
        finished_at        TEXT,
        UNIQUE (run_id, case_path)
    )""",
    "CREATE UNIQUE INDEX run_items_one_per_case ON run_items (run_id, case_hash) "
    "WHERE case_hash IS NOT NULL AND status <> 'invalid'",
)


V3: tuple[str, ...] = (
    # The HTTP API (``necessity serve``): keys, each of one organisation, stored as a hash of the
    # secret (the secret is shown once, when the key is created). ``webhook_secret`` signs the
    # key's webhook calls, so it is kept as is.
    """CREATE TABLE api_keys (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL CHECK (trim(name) <> ''),
        organisation    TEXT NOT NULL CHECK (trim(organisation) <> ''),
        key_hash        TEXT NOT NULL UNIQUE,
        webhook_secret  TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        revoked_at      TEXT
    )""",
    # A case file an organisation submitted; the same file from two organisations is two rows.
    """CREATE TABLE api_cases (
        id            TEXT PRIMARY KEY,
        organisation  TEXT NOT NULL,
        case_id       TEXT NOT NULL,
        case_hash     TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        created_by    TEXT NOT NULL REFERENCES api_keys (id),
        UNIQUE (organisation, case_id, case_hash),
        FOREIGN KEY (case_id, case_hash) REFERENCES cases (case_id, case_hash)
    )""",
    # A draft requested over the API: whose it is, where its background job stands, and its
    # response body as last built (by the worker that drafted it), valid while ``view_key``
    # (the draft's fingerprint) is unchanged.
    """CREATE TABLE api_drafts (
        draft_id        TEXT PRIMARY KEY REFERENCES drafts (id),
        organisation    TEXT NOT NULL,
        api_case_id     TEXT NOT NULL REFERENCES api_cases (id),
        created_by      TEXT NOT NULL REFERENCES api_keys (id),
        state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'running', 'finished', 'failed')),
        error           TEXT,
        retrieval       INTEGER NOT NULL DEFAULT 0 CHECK (retrieval IN (0, 1)),
        webhook_url     TEXT,
        webhook_result  TEXT,
        view_key        TEXT,
        view            TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    )""",
    "CREATE INDEX api_drafts_by_state ON api_drafts (state)",
    # A POST's Idempotency-Key and the response it got, stored in the same transaction as what
    # the request changed: a retried request gets that response again and changes nothing.
    """CREATE TABLE api_idempotency (
        organisation  TEXT NOT NULL,
        key           TEXT NOT NULL,
        fingerprint   TEXT NOT NULL,
        status_code   INTEGER NOT NULL,
        response      TEXT NOT NULL CHECK (json_valid(response)),
        created_at    TEXT NOT NULL,
        PRIMARY KEY (organisation, key)
    )""",
)


def _write_once(table: str, changed: str, what: str) -> tuple[str, ...]:
    """``table``'s rows may change in other columns, never in ``changed`` (a condition on OLD and
    NEW), and are never deleted."""
    return (
        f"CREATE TRIGGER {table}_write_once BEFORE UPDATE ON {table} WHEN {changed} "
        f"BEGIN SELECT RAISE(ABORT, '{table}: {what} cannot change once stored'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are never deleted: DELETE refused'); END")


# Step 4 (audit you can trust): the audit log's actor is the authenticated principal, with the
# name a caller stated beside it; its rows form a hash chain (chain.py); a sign-off is a row of
# its own, append-only, instead of two columns of the draft anyone could set. Between V4 and
# V4_AFTER the migration chains the rows already stored (``chain.backfill``).
V4: tuple[str, ...] = (
    "ALTER TABLE audit_log ADD COLUMN stated_author TEXT",
    "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
    "ALTER TABLE audit_log ADD COLUMN row_hash TEXT",
    # kind 'signed': signed_off_by signed the draft at versions; 'voided': that sign-off was
    # voided (reason). actor: the principal who did it; audit_id: the audit row recording it.
    """CREATE TABLE sign_offs (
        id             INTEGER PRIMARY KEY,
        draft_id       TEXT NOT NULL REFERENCES drafts (id),
        audit_id       INTEGER REFERENCES audit_log (id),
        kind           TEXT NOT NULL CHECK (kind IN ('signed', 'voided')),
        signed_off_by  TEXT NOT NULL CHECK (trim(signed_off_by) <> ''),
        actor          TEXT NOT NULL,
        at             TEXT NOT NULL,
        versions       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(versions)),
        reason         TEXT
    )""",
    "CREATE INDEX sign_offs_by_draft ON sign_offs (draft_id, id)",
    "DROP TRIGGER audit_log_no_update",
)

V4_AFTER: tuple[str, ...] = (
    _append_only("audit_log")[0],  # the UPDATE trigger again, once the rows are chained
    *_append_only("sign_offs"),
    # A case file's text, hash and validated form never change once stored (the hash names
    # the text); a draft's case and, once finished, its criteria results never change.
    *_write_once("cases", "NEW.case_id IS NOT OLD.case_id OR NEW.case_hash IS NOT OLD.case_hash "
                 "OR (OLD.content IS NOT NULL AND NEW.content IS NOT OLD.content) "
                 "OR (OLD.validated IS NOT NULL AND NEW.validated IS NOT OLD.validated)",
                 "the case id, hash, text and validated case"),
    *_write_once("drafts", "NEW.case_id IS NOT OLD.case_id OR NEW.case_hash IS NOT OLD.case_hash "
                 "OR (OLD.criteria IS NOT NULL AND NEW.criteria IS NOT OLD.criteria)",
                 "the case and the criteria results"),
)
