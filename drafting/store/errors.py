"""What the draft store raises, beyond ValueError for a request it refuses."""

from __future__ import annotations


class StoreError(Exception):
    """The store file cannot be used (not a draft store, unreadable, ...)."""


class StoreVersionError(StoreError):
    """The store file was written by a newer version of necessity than this one."""

    def __init__(self, path: str, found: int, supported: int):
        super().__init__(
            f"draft store {path} has schema version {found}, but this version of necessity "
            f"only knows schema versions up to {supported}; upgrade necessity to open it")
        self.path, self.found, self.supported = path, found, supported


class NotStoredError(KeyError):
    """Something asked for by id or key is not in the store."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class UnknownDraftError(NotStoredError):
    def __init__(self, draft_id: str):
        super().__init__(f"no draft {draft_id!r} in the draft store")
        self.draft_id = draft_id


class UnknownSectionError(NotStoredError):
    """The draft has no section with this key (or not that version of it)."""

    def __init__(self, draft_id: str, key: str, version: int | None = None):
        what = f"section {key!r}" if version is None else f"version {version} of section {key!r}"
        super().__init__(f"draft {draft_id!r} has no {what}")
        self.draft_id, self.key, self.version = draft_id, key, version


class UnknownCriterionError(NotStoredError):
    """The draft's criteria results have no such item, or the item no such criterion."""

    def __init__(self, draft_id: str, item_id: str, criterion_id: str | None = None):
        what = (f"disputed item {item_id!r}" if criterion_id is None
                else f"criterion {criterion_id!r} under disputed item {item_id!r}")
        super().__init__(f"draft {draft_id!r} has no {what} in its criteria results")
        self.draft_id, self.item_id, self.criterion_id = draft_id, item_id, criterion_id


class TamperedError(StoreError):
    """Stored content no longer matches the hash recorded when it was stored: it was changed
    by direct SQL, outside necessity. Nothing is drafted from it."""


class StaleSectionError(ValueError):
    """A save named a section version that is no longer the latest: someone else saved the
    section since the text was started. Nothing is stored; the caller keeps the text and shows
    what changed (``current_text`` at ``current_version`` by ``current_author``)."""

    def __init__(self, draft_id: str, key: str, base_version: int, current_version: int,
                 current_author: str, current_text: str):
        super().__init__(
            f"section {key!r} of draft {draft_id!r} was changed by {current_author} (version "
            f"{current_version}) since you started from version {base_version}; your text was "
            "not saved")
        self.draft_id, self.key, self.base_version = draft_id, key, base_version
        self.current_version, self.current_author = current_version, current_author
        self.current_text = current_text
