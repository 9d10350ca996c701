"""De-identify text with stable placeholders, and restore it: the step every record goes through
before a model that is not on this machine (or any model, at intake) sees it."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

from drafting.deid.dates import shift_text
from drafting.deid.learned_names import NameModel, learned_names, name_model, with_learned
from drafting.deid.marks import fold, folded_name
from drafting.deid.name_joins import joined_names
from drafting.deid.ordinary_words import without_ordinary_words
from drafting.deid.phimap import PhiKind, PhiMap
from drafting.deid.recognizers import Found, Span, name_tokens, scan
from drafting.deid.word_surnames import WordSurnames, taught, with_word_surnames


class Deidentifier:
    """Finds identifiers, replaces them with placeholders from one ``PhiMap`` and, when the map
    has a date shift, moves every other date by that many days.

    Call ``learn`` with all the text of a packet (or a case) first: a name, an employer or a
    record number found in one document's header, label or signature is then replaced wherever
    it appears, in every document. ``names`` are names known beforehand (``--name``).

    ``ner`` adds the names a spaCy NER model finds (``drafting.deid.ner``), for names that no
    rule marks; None reads ``NECESSITY_DEID_NER`` (1/true/yes). It needs the ``[ner]`` extra: a
    Deidentifier asked for it without spaCy or its model raises ``NerUnavailable`` at once.

    ``model`` is the learned name finder (``learned_names.py``) run after the rules: True reads
    ``NECESSITY_DEID_MODEL`` (the bundled model unless it says ``off`` or names another file; a
    bad file raises ``ModelFileError`` here), False is the rules alone.
    """

    def __init__(self, phi_map: PhiMap | None = None, names: Iterable[str] = (),
                 ner: bool | None = None, model: NameModel | bool = True) -> None:
        self.map = phi_map if phi_map is not None else PhiMap()
        self.ner = ner_wanted() if ner is None else ner
        self.model = name_model() if model is True else (model or None)
        if self.ner:
            from drafting.deid.ner import load

            load()  # fails here, with the install command, if the model is missing
        self.names: set[str] = set()
        self.values: dict[str, PhiKind] = {}
        for name in map(folded_name, names):
            self.names |= name_tokens(name) | {name.strip()}
        for entry in self.map.entries:  # identifiers from an earlier run stay protected
            if entry.kind is PhiKind.name:
                self.names |= name_tokens(folded_name(entry.value))
            elif entry.kind in (PhiKind.employer, PhiKind.mrn, PhiKind.member_id,
                                PhiKind.license, PhiKind.device, PhiKind.ssn, PhiKind.id):
                self.values[entry.value] = entry.kind
        self.surnames = WordSurnames()  # surnames that are also words (``word_surnames.py``)
        self.replaced: Counter[PhiKind] = Counter()
        self._last: tuple[tuple[str, int, int, int], Found] | None = None

    def learn(self, texts: Iterable[str]) -> None:
        """Learn the names, employers and labelled numbers of ``texts`` (what a text teaches
        does not depend on what was learned before, so one pass is enough)."""
        for text in texts:
            found = self._scan(text)
            self.names |= found.names
            self.values.update(found.values)
            self.values.update({e: PhiKind.employer for e in found.employers})
            self.surnames |= found.surnames
            # scanning this text again with what it taught finds the same (a scan adds what a
            # text teaches before it finds anything), so the last text is not scanned twice
            self._last = ((text, len(self.names), len(self.values), len(self.surnames)), found)

    def spans(self, text: str) -> list[Span]:
        return self._scan(text).spans

    def _scan(self, text: str) -> Found:
        # what was learned only grows: the same text with as much learned scans the same
        key = (text, len(self.names), len(self.values), len(self.surnames))
        if self._last is None or self._last[0] != key:
            self._last = (key, self._scan_folded(text))
        return self._last[1]

    def _scan_folded(self, text: str) -> Found:
        """``scan`` of the text with its combining marks folded (``marks.py``), its spans
        mapped back to the text as given."""
        folded = fold(text)
        source = text if folded is None else folded.text
        found = scan(source, self.names, self.values, self.ner)
        if self.model is not None:  # after the rules, never instead of them
            found.spans, more = with_learned(source, found.spans, found.names | self.names,
                                             learned_names(source, found.spans, self.model))
            found.names |= more
        found.surnames = taught(source)
        learned = WordSurnames(set(self.surnames.surnames), set(self.surnames.given))
        learned |= found.surnames
        found.spans = joined_names(with_word_surnames(
            source, without_ordinary_words(found.spans, source), learned), source)
        if folded is None:
            return found
        found.spans = [Span(*folded.span(s.start, s.end), s.kind, s.priority)
                       for s in found.spans]
        return found

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
        return shift_text(text, self.map.shift_days) if self.map.shift_days else text


def ner_wanted() -> bool:
    """Whether ``NECESSITY_DEID_NER`` asks for NER names."""
    return os.environ.get("NECESSITY_DEID_NER", "").strip().lower() in ("1", "true", "yes", "on")


class PromptGuard:
    """What a backend calls around a request to a non-local model: ``protect`` the text that
    leaves, ``restore`` the reply. One guard per case keeps placeholders stable across the
    sections of a draft; its map lives in memory only.

    ``names`` and ``texts`` are learned before the first prompt: give the case's whole text (its
    record, facts, document authors) so that a name is replaced in the first prompt even where
    nothing in that prompt marks it as a name."""

    def __init__(self, names: Iterable[str] = (), texts: Iterable[str] = (),
                 ner: bool | None = None) -> None:
        self.deid = Deidentifier(PhiMap(), names, ner=ner)
        self.deid.learn(texts)

    def learn(self, texts: Iterable[str]) -> None:
        self.deid.learn(texts)

    def protect(self, *texts: str) -> list[str]:
        self.deid.learn(texts)
        return [self.deid.deidentify(text) for text in texts]

    def restore(self, text: str) -> str:
        return self.deid.restore(text)
