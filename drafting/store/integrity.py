"""What the audit log vouches for, checked against what is stored: case text (and the validated
case), section texts, criteria results, overrides and sign-offs. Each check yields the problems
it finds; ``checked_case`` refuses a draft's case whose text or identity has changed since it
was stored, so nothing is drafted (or regenerated) from edited case text.

Rows chained when an older store was upgraded (before ``boundary``, the id of the
``audit_chain_started`` row) hold fewer hashes; what they do not record is not checked."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from drafting.store.chain import sha256_text
from drafting.store.errors import TamperedError
from drafting.store.reading import current_sign_off
from drafting.store.records import IntegrityProblem, StoredCase

SECTION_ACTIONS = ("section_drafted", "section_regenerated", "section_edited")
OVERRIDE_ACTIONS = ("criterion_overridden", "outcome_overridden")
VERIFY_HINT = "run 'necessity store verify' for a full report"


def _problem(kind: Any, where: str, message: str) -> IntegrityProblem:
    return IntegrityProblem(kind, where, message)


def audit_details(conn: sqlite3.Connection, actions: tuple[str, ...]
                  ) -> Iterator[tuple[Any, dict]]:
    """The audit rows of these actions, oldest first, each with its detail (empty where the
    detail is not a JSON object)."""
    marks = ", ".join("?" for _ in actions)
    for row in conn.execute(f"SELECT * FROM audit_log WHERE action IN ({marks}) ORDER BY id",
                            actions):
        try:
            detail = json.loads(row["detail"])
        except (TypeError, ValueError):
            detail = {}  # an edited row: the chain walk reports it
        yield row, detail if isinstance(detail, dict) else {}


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def _names(row: Any) -> set[str]:
    """The names an audit row acted under: its principal, that principal's bare name, and the
    stated author."""
    actor = str(row["actor"])
    return {actor, actor.partition(":")[2], row["stated_author"] or actor}


def _created_row(conn: sqlite3.Connection, draft_id: str) -> Any:
    """The audit row that records the draft's creation (None if there is none)."""
    return conn.execute("SELECT id, detail FROM audit_log WHERE draft_id = ? AND action = "
                        "'draft_created' ORDER BY id LIMIT 1", (draft_id,)).fetchone()


def _created(conn: sqlite3.Connection, draft_id: str) -> dict[str, Any] | None:
    row = _created_row(conn, draft_id)
    if row is None:
        return None
    try:
        detail = json.loads(row["detail"])
    except (TypeError, ValueError):
        return {}
    return detail if isinstance(detail, dict) else {}


def validated_hash(conn: sqlite3.Connection, case_id: str, case_hash: str) -> str | None:
    """The hash of the case's validated form as stored now (recorded when a draft begins)."""
    row = conn.execute("SELECT validated FROM cases WHERE case_id = ? AND case_hash = ?",
                       (case_id, case_hash)).fetchone()
    return None if row is None or row["validated"] is None else sha256_text(row["validated"])


def checked_case(conn: sqlite3.Connection, draft: Any) -> StoredCase:
    """The draft's stored case, refused (``TamperedError``) if its text no longer hashes to the
    case hash, or the draft's case is not the one recorded when the draft was created. The
    validated form is returned only where the draft's creation recorded its hash (else the
    text, which is checked, is validated again)."""
    draft_id, case_id, case_hash = draft["id"], draft["case_id"], draft["case_hash"]
    created = _created(conn, draft_id)
    if created is None:
        raise TamperedError(f"draft {draft_id}: the audit row recording its creation is "
                            "missing, so its case cannot be checked; refusing to use it "
                            f"({VERIFY_HINT})")
    if created.get("case_hash") != case_hash:
        raise TamperedError(
            f"draft {draft_id} was created from case {created.get('case_id')} (sha256 "
            f"{str(created.get('case_hash'))[:12]}), but the store now gives it case {case_id} "
            f"(sha256 {case_hash[:12]}): its case was replaced after it was stored; refusing to "
            f"use it ({VERIFY_HINT})")
    case = conn.execute("SELECT * FROM cases WHERE case_id = ? AND case_hash = ?",
                        (case_id, case_hash)).fetchone()
    if case is None:
        raise TamperedError(f"draft {draft_id}: its case {case_id} (sha256 {case_hash[:12]}) is "
                            f"not in the store ({VERIFY_HINT})")
    content = case["content"]
    if content is not None and sha256_text(content) != case_hash:
        raise TamperedError(
            f"draft {draft_id}: the stored text of case {case_id} was edited after it was "
            f"stored: it hashes to {sha256_text(content)[:12]}, not to {case_hash[:12]} as "
            f"recorded; refusing to draft from it ({VERIFY_HINT})")
    validated = case["validated"]
    if validated is not None:
        recorded = created.get("validated_hash")
        if recorded is None:
            validated = None  # not vouched for: the (checked) text is validated again
        elif sha256_text(validated) != recorded:
            raise TamperedError(
                f"draft {draft_id}: the stored validated form of case {case_id} was edited "
                f"after it was stored (it no longer matches the hash recorded when the draft "
                f"was created); refusing to draft from it ({VERIFY_HINT})")
    return StoredCase(case_id=case_id, case_hash=case_hash, path=case["path"],
                      content=content, validated=validated)


def case_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Case texts that no longer hash to their case hash; drafts pointing to another case, or
    to an edited validated form, than their creation recorded."""
    for case in conn.execute("SELECT case_id, case_hash, content FROM cases "
                             "WHERE content IS NOT NULL ORDER BY id"):
        actual = sha256_text(case["content"])
        if actual != case["case_hash"]:
            yield _problem("case text", f"case {case['case_id']} (sha256 "
                           f"{case['case_hash'][:12]})", f"its stored text was edited: it "
                           f"hashes to {actual[:12]}, not to the hash it was stored under")
    for draft in conn.execute("SELECT id, case_id, case_hash FROM drafts ORDER BY created_at, id"
                              ).fetchall():
        created = _created(conn, draft["id"])
        where = f"draft {draft['id']}"
        if created is None:
            yield _problem("deleted", where, "no audit row records its creation")
            continue
        if created.get("case_hash") != draft["case_hash"]:
            yield _problem("case text", where, f"it was created from case sha256 "
                           f"{str(created.get('case_hash'))[:12]} but now points to "
                           f"{draft['case_hash'][:12]}: its case was replaced")
            continue
        recorded = created.get("validated_hash")
        now = validated_hash(conn, draft["case_id"], draft["case_hash"])
        if recorded is not None and now != recorded:
            yield _problem("case text", where, "the validated form of its case was edited "
                           "after the draft was created")


def version_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Section versions with no audit row, with text that no longer matches the hash their audit
    row recorded, or recorded but missing."""
    recorded: dict[tuple[str, str, int], tuple[int, str | None]] = {}
    for row, detail in audit_details(conn, SECTION_ACTIONS):
        if "key" in detail and "version" in detail:
            recorded[(row["draft_id"], str(detail["key"]), int(detail["version"]))] = (
                row["id"], detail.get("text_hash"))
    seen = set()
    for v in conn.execute("SELECT s.draft_id, s.key, v.version, v.text FROM sections s "
                          "JOIN section_versions v ON v.section_id = s.id "
                          "ORDER BY s.draft_id, s.position, v.version"):
        key = (v["draft_id"], v["key"], int(v["version"]))
        seen.add(key)
        where = f"draft {v['draft_id']}, section {v['key']} version {v['version']}"
        if key not in recorded:
            yield _problem("inserted", where, "no audit row records this version: it was "
                           "inserted by direct SQL, unless its audit row was deleted or edited "
                           "(see the audit rows reported)")
            continue
        audit_id, text_hash = recorded[key]
        if text_hash is not None and sha256_text(v["text"]) != text_hash:
            yield _problem("section text", where, f"its text was edited: it no longer matches "
                           f"the hash audit row {audit_id} recorded")
    for key, (audit_id, text_hash) in recorded.items():
        if key not in seen and text_hash is not None:
            yield _problem("deleted", f"draft {key[0]}, section {key[1]} version {key[2]}",
                           f"recorded by audit row {audit_id} but missing from the store")


def criteria_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Criteria results (the engine's outcomes) that no longer match the hash recorded when
    the draft finished."""
    finished = {row["draft_id"]: (row["id"], detail.get("criteria_hash"))
                for row, detail in audit_details(conn, ("draft_finished",))}
    for draft in conn.execute("SELECT id, criteria FROM drafts WHERE criteria IS NOT NULL "
                              "ORDER BY created_at, id"):
        where = f"draft {draft['id']}"
        if draft["id"] not in finished:
            yield _problem("criteria", where, "it has criteria results but no audit row "
                           "records it finishing: they were set by direct SQL")
            continue
        audit_id, expected = finished[draft["id"]]
        if expected is not None and sha256_text(draft["criteria"]) != expected:
            yield _problem("criteria", where, f"its criteria results (the engine's outcomes) "
                           f"were edited: they no longer match the hash audit row {audit_id} "
                           "recorded")


def override_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Overrides that no audit row records as they are now (an edited value, reason or author,
    or an inserted override), and recorded overrides that are missing."""
    by_id: dict[int, tuple[Any, dict]] = {}
    unnumbered: list[tuple[Any, dict]] = []  # recorded before overrides were numbered
    for row, detail in audit_details(conn, OVERRIDE_ACTIONS):
        if "override_id" in detail:
            by_id[int(detail["override_id"])] = (row, detail)
        else:
            unnumbered.append((row, detail))
    stored = set()
    for o in conn.execute("SELECT * FROM overrides ORDER BY id"):
        stored.add(int(o["id"]))
        target = f"criterion {o['criterion_id']}" if o["criterion_id"] else "outcome"
        where = f"override {o['id']} (draft {o['draft_id']}, {o['item_id']} {target})"
        wanted = {"item_id": o["item_id"], "criterion_id": o["criterion_id"],
                  "value": o["value"], "reason": o["reason"]}
        if int(o["id"]) in by_id:
            candidates = [by_id[int(o["id"])]]
        else:
            candidates = [(r, d) for r, d in unnumbered if r["draft_id"] == o["draft_id"]
                          and d.get("item_id") == o["item_id"]
                          and d.get("criterion_id") == o["criterion_id"]]
        if not candidates:
            yield _problem("override", where, "no audit row records it: it was inserted by "
                           "direct SQL")
            continue
        if any(row["draft_id"] == o["draft_id"] and o["author"] in _names(row)
               and all(detail.get(k) == v for k, v in wanted.items())
               for row, detail in candidates):
            continue
        row, detail = candidates[-1]
        differ = [f"{k} {v!r} (recorded {detail.get(k)!r})" for k, v in wanted.items()
                  if detail.get(k) != v]
        if o["author"] not in _names(row):
            recorded = row["stated_author"] or row["actor"]
            differ.append(f"author {o['author']!r} (recorded {recorded!r})")
        if row["draft_id"] != o["draft_id"]:
            differ.append(f"draft {o['draft_id']} (recorded {row['draft_id']})")
        yield _problem("override", where, f"edited: it differs from audit row {row['id']}, "
                       f"which recorded it: {'; '.join(differ)}")
    for override_id, (row, _) in by_id.items():
        if override_id not in stored:
            yield _problem("deleted", f"override {override_id} (draft {row['draft_id']})",
                           f"recorded by audit row {row['id']} but missing from the store")


def sign_off_problems(conn: sqlite3.Connection, boundary: int) -> Iterator[IntegrityProblem]:
    """Sign-offs no audit row records (forged), that differ from the audit row recording them
    (edited), recorded but missing (deleted); drafts whose sign-off columns say otherwise than
    their sign-off rows (a sign-off set by direct SQL)."""
    audits = {int(r["id"]): (r, d)
              for r, d in audit_details(conn, ("signed_off", "sign_off_voided"))}
    linked: set[int] = set()
    for s in conn.execute("SELECT * FROM sign_offs ORDER BY id").fetchall():
        what = "signed" if s["kind"] == "signed" else "voiding of the sign-off"
        where = f"sign-off {s['id']} (draft {s['draft_id']}, {what} by {s['signed_off_by']})"
        found = audits.get(int(s["audit_id"])) if s["audit_id"] is not None else None
        if found is None:
            yield _problem("sign-off", where, "no audit row records it: a forged sign-off, "
                           "inserted by direct SQL")
            continue
        row, detail = found
        if int(row["id"]) in linked:
            yield _problem("sign-off", where, f"audit row {row['id']} already records another "
                           "sign-off: this one was inserted by direct SQL")
            continue
        linked.add(int(row["id"]))
        differ = _sign_off_differences(s, row, detail)
        if differ:
            yield _problem("sign-off", where, f"edited: it differs from audit row {row['id']}, "
                           f"which recorded it: {'; '.join(differ)}")
    for audit_id, (row, detail) in audits.items():
        if audit_id > boundary and audit_id not in linked:
            yield _problem("sign-off", f"audit row {audit_id}", f"records a sign-off of draft "
                           f"{row['draft_id']} by {detail.get('signed_off_by')} ({row['action']}) "
                           "that is missing from sign_offs: deleted by direct SQL")
    for draft in conn.execute("SELECT id, signed_off_by, signed_off_at FROM drafts "
                              "ORDER BY created_at, id").fetchall():
        current = current_sign_off(conn, draft["id"])
        expected = (None, None) if current is None else (current["signed_off_by"], current["at"])
        if (draft["signed_off_by"], draft["signed_off_at"]) == expected:
            continue
        shown = f"{draft['signed_off_by']} at {draft['signed_off_at']}"
        yield _problem("sign-off", f"draft {draft['id']}", (
            f"it says it is signed off by {shown}, but no sign-off row records that: a forged "
            "sign-off" if current is None else f"it says signed off by {shown}, but its "
            f"sign-off rows say {expected[0]} at {expected[1]}: edited"))


def _sign_off_differences(s: Any, row: Any, detail: dict) -> list[str]:
    action = "signed_off" if s["kind"] == "signed" else "sign_off_voided"
    differ = []
    if row["action"] != action:
        differ.append(f"kind {s['kind']} (recorded {row['action']})")
    if row["draft_id"] != s["draft_id"]:
        differ.append(f"draft {s['draft_id']} (recorded {row['draft_id']})")
    name = detail.get("signed_off_by", row["stated_author"] or row["actor"])
    if s["signed_off_by"] != name:
        differ.append(f"signed off by {s['signed_off_by']!r} (recorded {name!r})")
    if "signed_off_by" not in detail:
        return differ  # recorded before the upgrade: only its name and draft are known
    if s["actor"] != row["actor"]:
        differ.append(f"actor {s['actor']!r} (recorded {row['actor']!r})")
    if s["at"] != row["at"]:
        differ.append(f"at {s['at']} (recorded {row['at']})")
    if s["kind"] == "signed" and _json(s["versions"]) != detail.get("versions"):
        differ.append("versions (differ from those recorded)")
    if s["kind"] == "signed" and s["credentials"] != \
            detail.get("signer_credentials"):
        differ.append(f"credentials {s['credentials']!r} (recorded "
                      f"{detail.get('signer_credentials')!r})")
    if s["kind"] == "voided" and s["reason"] != detail.get("reason"):
        differ.append(f"reason {s['reason']!r} (recorded {detail.get('reason')!r})")
    return differ


def ownership_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """API drafts whose organisation differs from the one the audit log recorded when the draft
    was requested (an edit that moves a draft to another tenant), rows no audit row records
    although the store recorded owners when they were made, and recorded owners whose row is
    gone. Stores older than the ``api_draft_owned`` rows are not checked for drafts made before
    the first of them."""
    owned = {str(row["draft_id"]): (int(row["id"]), detail)
             for row, detail in audit_details(conn, ("api_draft_owned",))}
    first = min((audit_id for audit_id, _ in owned.values()), default=None)
    seen = set()
    for row in conn.execute("SELECT draft_id, organisation FROM api_drafts ORDER BY draft_id"):
        draft_id, where = str(row["draft_id"]), f"API draft {row['draft_id']}"
        seen.add(draft_id)
        if draft_id in owned:
            audit_id, detail = owned[draft_id]
            if detail.get("organisation") != row["organisation"]:
                yield _problem("ownership", where, f"its organisation is "
                               f"{row['organisation']!r}, but audit row {audit_id} records "
                               f"{detail.get('organisation')!r}: it was moved to another tenant")
            continue
        created = _created_row(conn, draft_id)
        if first is not None and (created is None or int(created["id"]) > first):
            yield _problem("ownership", where, f"no audit row records its owner "
                           f"({row['organisation']!r}): it was inserted by hand")
    for draft_id, (audit_id, detail) in owned.items():
        if draft_id not in seen:
            yield _problem("deleted", where=f"API draft {draft_id}",
                           message=f"audit row {audit_id} records it for "
                                   f"{detail.get('organisation')!r}, but it is gone")
