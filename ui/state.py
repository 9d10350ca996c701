"""What one browser session holds: which draft is open (mirrored in the URL, ``?draft=ID``, so
a refresh reopens it), the data directory and external-model consent chosen this session, and
messages to show after a rerun. Everything else is read from the store on every run. Errors are
shown as messages naming the file and field, never as tracebacks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from pydantic import ValidationError

from drafting.backends.base import BackendError
from drafting.case import CaseFileError
from drafting.settings import Settings
from drafting.store import NotStoredError, StoreError
from drafting.store.users import User
from ui import service
from ui.prefs import Prefs, PrefsError, load_prefs, settings_for

log = logging.getLogger("necessity.ui")

DRAFT = "draft_pick"  # the sidebar's draft selector (a widget key)
NEXT_DRAFT = "next_draft"  # a page asks the sidebar to open this draft on the next run
DATA_DIR = "data_dir"  # chosen on the Settings page for this session
CONSENT = "allow_external"  # consent to external model hosts, this session only
FLASH = "flash"
LOADED_CASE = "loaded_case"  # (name, text, case): the case file open on the Cases page
USER = "session_user"  # this run's User (ui.identity), set by app.py before any page runs
MISSING_DRAFT = "missing_draft"  # the URL named a draft the store does not have


def data_dir() -> Path:
    chosen = st.session_state.get(DATA_DIR)
    return Path(chosen) if chosen else Settings.load().data_dir


def prefs() -> Prefs:
    return load_prefs(data_dir())


def settings() -> Settings:
    return settings_for(st.session_state.get(DATA_DIR), prefs(),
                        st.session_state.get(CONSENT))


def user() -> User:
    """This browser session's user (app.py stops every run before the pages without one)."""
    found = st.session_state.get(USER)
    if found is None:
        raise RuntimeError("no user in this session: app.py signs one in before any page runs")
    return found  # type: ignore[no-any-return]


def reviewer() -> str:
    """Who acts, as it goes on the record: this session's user's display name."""
    return user().display_name


def draft_id() -> str | None:
    return st.session_state.get(DRAFT)


def open_next(draft: str) -> None:
    """Open ``draft`` in the sidebar on the next run (call st.rerun after)."""
    st.session_state[NEXT_DRAFT] = draft


def flash(kind: str, message: str) -> None:
    """A message to show at the top of the page after the next rerun."""
    st.session_state.setdefault(FLASH, []).append((kind, message))


def show_flash() -> None:
    """The messages left by the last run, in one container that is always there: a message
    never shifts the elements below it (and the state the browser keeps for them)."""
    with st.container():
        for kind, message in st.session_state.pop(FLASH, []):
            getattr(st, kind)(message)


def pick_draft() -> str | None:
    """The sidebar's draft selector: the URL's ``?draft=``, else the session's choice, else the
    newest draft. The choice is written back to the URL."""
    drafts = service.list_drafts(settings())
    if not drafts:
        st.caption("No drafts stored yet: open a case on the Cases page and draft it.")
        st.session_state.pop(DRAFT, None)
        return None
    ids = [d.draft_id for d in drafts]
    asked = st.query_params.get("draft")
    wanted = st.session_state.pop(NEXT_DRAFT, None) or (
        None if st.session_state.get(DRAFT) in ids else asked)
    if asked and asked not in ids and wanted == asked:
        # A wrong id in the URL: say so, and open nothing rather than another patient's draft.
        st.session_state[MISSING_DRAFT] = asked
        st.session_state.pop(DRAFT, None)
        st.error(f"No draft `{asked}` in the draft store. Pick one below.")
        st.selectbox("Open draft", ids, index=None, key="draft_pick_missing",
                     format_func=lambda d: d, placeholder="choose a draft",
                     on_change=_picked_instead)
        return None
    st.session_state.pop(MISSING_DRAFT, None)
    if wanted in ids:
        st.session_state[DRAFT] = wanted
    elif st.session_state.get(DRAFT) not in ids:
        st.session_state[DRAFT] = ids[0]
    by_id = {d.draft_id: d for d in drafts}

    def label(draft: str) -> str:
        d = by_id[draft]
        return f"{d.case_id} · {d.document_type.replace('_', ' ')} · {d.created_at:%Y-%m-%d %H:%M}"

    chosen = st.selectbox("Open draft", ids, key=DRAFT, format_func=label,
                          help="Drafts in the store, newest first. The URL keeps the choice.")
    st.query_params["draft"] = chosen
    summary = by_id[chosen]
    st.caption(f"draft `{chosen}` · {service.status_of(summary)} · {summary.sections} sections"
               + (f" · signed off by {summary.signed_off_by}" if summary.signed_off_by else ""))
    return chosen


def _picked_instead() -> None:
    chosen = st.session_state.get("draft_pick_missing")
    if chosen:
        st.session_state[NEXT_DRAFT] = chosen
        st.query_params["draft"] = chosen


def need_draft() -> str | None:
    """The open draft, or a note saying how to get one."""
    missing = st.session_state.get(MISSING_DRAFT)
    if missing:
        st.error(f"The link names draft `{missing}`, which is not in the draft store (mistyped, "
                 "or from another store). No draft is open: pick one in the sidebar.")
        return None
    chosen = draft_id()
    if chosen is None:
        st.info("No draft is open. Open a case on the **Cases** page and draft it, or pick a "
                "stored draft in the sidebar.")
    return chosen


def open_draft_page(title: str) -> service.OpenDraft | None:
    """The start of every page about the open draft: its title, the messages left by the last
    run, and the draft read from the store; None (with a note or an error shown) if no draft is
    open or it cannot be read."""
    st.title(title)
    show_flash()
    chosen = need_draft()
    if chosen is None:
        return None
    with shown_errors():
        return service.open_draft(settings(), chosen)
    return None  # shown_errors showed why


@contextmanager
def shown_errors(what: str = "") -> Iterator[None]:
    """Show what goes wrong inside the block as an error message: a case file's problems one
    per line (file, line, field, fix), refusals of the store or backend as their message.
    Streamlit's own rerun and stop signals are BaseExceptions and pass through."""
    prefix = f"{what}: " if what else ""
    try:
        yield
    except CaseFileError as exc:
        lines = "\n".join(f"- `{p.render(exc.file.name)}`" for p in exc.problems)
        st.error(f"{prefix}{exc.file.name} cannot be used ({len(exc.problems)} problem(s)):\n\n"
                 f"{lines}")
    except ValidationError as exc:
        lines = "\n".join(f"- {'.'.join(map(str, e['loc'])) or '(value)'}: {e['msg']}"
                          for e in exc.errors())
        st.error(f"{prefix}invalid setting(s):\n\n{lines}")
    except (BackendError, NotStoredError, StoreError, PrefsError, ValueError, KeyError,
            OSError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        st.error(f"{prefix}{message}")
    except Exception as exc:
        log.exception("unexpected error in the app")
        st.error(f"{prefix}unexpected error ({type(exc).__name__}): {exc}. The details are in "
                 "the log of the terminal that started `necessity ui`.")
