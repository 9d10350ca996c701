"""Exporting: a draft written in each chosen format (stage ``export``), and for a stored draft
the reviewed draft (latest versions, overrides and sign-off shown) with every file written
recorded in its audit log."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from drafting.draft import Draft
from drafting.export import FORMATS, LABELS, MEDIA_TYPES, to_markdown
from drafting.service.review import Review
from drafting.stages import Export

# The export formats for front ends (which never import the exporters): name -> label, name ->
# media type, both in drafting.export's order.
FORMAT_LABELS = {name: LABELS[name] for name in FORMATS}
FORMAT_MEDIA_TYPES = {name: MEDIA_TYPES[name] for name in FORMATS}


class UnknownFormatError(ValueError):
    pass


def chosen_formats(formats: str | Iterable[str]) -> list[str]:
    """The formats named (a comma list or a list), each checked; at least one."""
    names = [f.strip() for f in (formats.split(",") if isinstance(formats, str) else formats)
             if f.strip()]
    unknown = sorted(set(names) - set(FORMATS))
    if unknown or not names:
        raise UnknownFormatError(f"unknown format(s) {', '.join(unknown) or '(none given)'}; "
                                 f"choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(names))


class Exports:
    def __init__(self, review: Review):
        self.review = review

    def write(self, draft: Draft, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
        return Export(Path(out_dir), chosen_formats(formats)).run(draft)

    @staticmethod
    def markdown(draft: Draft) -> str:
        """The draft as Markdown text (what ``drafts show --text`` prints)."""
        return to_markdown(draft)

    def record(self, draft_id: str, written: dict[str, Path], actor: str) -> None:
        self.review.store.review.record_exports(draft_id, written, actor)

    def stored(self, draft_id: str, out_dir: Path, formats: Iterable[str], actor: str
               ) -> tuple[Draft, dict[str, Path]]:
        """Write the reviewed stored draft in each format and log every file in its audit
        log; returns the draft as exported and the files."""
        draft = self.review.reviewed(draft_id)
        written = self.write(draft, out_dir, formats)
        self.record(draft_id, written, actor)
        return draft, written
