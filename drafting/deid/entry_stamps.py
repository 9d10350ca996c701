"""The time stamp of an entry: a log's or a message thread's line that opens with a date and a
time, and a post signed ``-- name, date time``.

An export of a texting platform, a call log or an audit trail opens each entry with when it was
written (``3/4 8:15a  IN  is the office open``, ``[2024-05-06 09:14] agent:``): the time, to the
minute, finds the entry again in the system that wrote it, as a message's "Sent:" time does
(``day_words.stamp_times``), so it goes with its date. Two lines of a text opening that way make
it a log; one line alone is read as prose (``3/4 10:00 pain 6/10`` in a note stays). A guestbook
or a forum post signed with a name and a date-time (``-- jane d., 6/2/2024 7:45 PM``) is
stamped the same way, and its signer, a name or a handle, is replaced. The date itself is
shifted where the shift finds it, and replaced where it is a bare month and day the shift does
not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import find_dates, find_partial_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

# a clock time, with seconds, and "a"/"p" or "am"/"pm" as texting platforms write them, one space
# after its date at most (a table's date and time columns, apart by more, are a time of care)
TIME = re.compile(r"(?:[ ]?,)?[ ]?(?P<t>(?:(?:@|at|T)[ ]?)?\d{1,2}:\d{2}(?::\d{2})?"
                  r"(?:[ ]?(?:[AaPp]\.?[Mm]\.?|[AaPp])(?![\w]))?)(?![\w:])")
# what may stand before an entry's date: a bracket, a sequence number, a bullet
_LEAD = re.compile(r"[ \t]*(?:[\[(][ \t]*|\d{1,4}[.)]?[ \t]+|[-*•][ \t]+)?")
_BARE = re.compile(r"(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?:/(?:\d{4}|\d{2}))?(?![\w/])")
_SIGNED = re.compile(r"(?:--|—|–)[ ]?(?P<who>[^,:\n]{2,40}),[ ]?$")


def _dates(line: str) -> list[tuple[int, int, bool]]:
    """Dates in ``line``: where, and whether the shift moves them."""
    out = [(f.start, f.end, True) for f in find_dates(line)]
    out += [(p.start, p.end, True) for p in find_partial_dates(line)]
    out += [(m.start(), m.end(), False) for m in _BARE.finditer(line)
            if not any(a <= m.start() < b for a, b, _ in out)]
    return out


def _stamp(line: str, start: int, end: int, moved: bool) -> list[Span] | None:
    time = TIME.match(line, end)
    if time is None:
        return None
    spans = [Span(time.start("t"), time.end("t"), PhiKind.date, 3)]
    if not moved:
        spans.append(Span(start, end, PhiKind.date, 3))
    return spans


def entry_stamps(text: str) -> Iterator[Span]:
    if ":" not in text:
        return
    entries: list[Span] = []
    count, at = 0, 0
    for line in text.split("\n"):
        opened = False
        if re.search(r"\d:\d\d", line):
            lead = _LEAD.match(line)
            for start, end, moved in sorted(_dates(line)):
                found = None
                if lead and start == lead.end():
                    found = _stamp(line, start, end, moved)
                    opened = opened or found is not None
                elif signer := _SIGNED.search(line, 0, start):
                    found = _stamp(line, start, end, moved)
                    if found:  # a signed post stands alone; who signed it is a person
                        found.append(Span(signer.start("who"), signer.end("who"), PhiKind.name,
                                          4))
                        yield from (Span(s.start + at, s.end + at, s.kind, s.priority)
                                    for s in found)
                        found = None
                if found:
                    entries += [Span(s.start + at, s.end + at, s.kind, s.priority)
                                for s in found]
        count += opened
        at += len(line) + 1
    if count >= 2:
        yield from entries
