"""De-identify text with stable placeholders, and restore it: the step every record goes through
before a model that is not on this machine (or any model, at intake) sees it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from drafting.deid.dates import find_dates
from drafting.deid.phimap import PhiKind, PhiMap
from drafting.deid.recognizers import (
    Span,
    find_identifiers,
    labelled_names,
    name_tokens,
)


class Deidentifier:
    """Finds identifiers, replaces them with placeholders from one ``PhiMap`` and, when the map
    has a date shift, moves every other full date by that many days.

    Call ``learn`` with all the text of a packet first: names found in one document's header or
    signature are then replaced wherever they appear, in every document.
    """

    def __init__(self, phi_map: PhiMap | None = None, names: Iterable[str] = ()) -> None:
        self.map = phi_map if phi_map is not None else PhiMap()
        self.names: set[str] = set()
        for name in names:
            self.names |= name_tokens(name)
        for entry in self.map.entries:  # names from an earlier run stay protected
            if entry.kind is PhiKind.name:
                self.names |= name_tokens(entry.value)
        self.replaced: Counter[PhiKind] = Counter()

    def learn(self, texts: Iterable[str]) -> None:
        for text in texts:
            for span in labelled_names(text):
                self.names |= name_tokens(span.text(text))

    def spans(self, text: str) -> list[Span]:
        return find_identifiers(text, self.names)

    def deidentify(self, text: str) -> str:
        out, last = [], 0
        for span in self.spans(text):
            out.append(self._shifted(text[last:span.start]))
            out.append(self.map.placeholder(span.kind, span.text(text)))
            self.replaced[span.kind] += 1
            last = span.end
        out.append(self._shifted(text[last:]))
        return "".join(out)

    def restore(self, text: str) -> str:
        return self.map.restore(text)

    def _shifted(self, text: str) -> str:
        if not self.map.shift_days:
            return text
        out, last = [], 0
        for found in find_dates(text):
            out.append(text[last:found.start])
            out.append(found.rewritten(found.date + dt.timedelta(days=self.map.shift_days)))
            last = found.end
        out.append(text[last:])
        return "".join(out)


class PromptGuard:
    """What a backend calls around a request to a non-local model: ``protect`` the text that
    leaves, ``restore`` the reply. One guard per backend keeps placeholders stable across the
    sections of a draft; its map lives in memory only."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.deid = Deidentifier(PhiMap(), names)

    def protect(self, *texts: str) -> list[str]:
        self.deid.learn(texts)
        return [self.deid.deidentify(text) for text in texts]

    def restore(self, text: str) -> str:
        return self.deid.restore(text)
