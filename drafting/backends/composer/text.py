"""The offline composer's wording: dates, the patient, facts quoted in full, as a gist or by a
mention, the criteria engine's notes in plain words, and lists.

A section is written through a ``Writer``, which keeps what the section has said: a fact is
quoted in full once in the draft (where the section context says so), then given as a gist,
then only mentioned; no sentence is written twice; and no internal id (a fact id, a document
id, a field name) is ever written outside a citation marker."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from drafting.case.partial_dates import long_day
from drafting.citations import sentences

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_APPROX = re.compile(r"^about (\d{4}-\d{2}-\d{2})(?: \((.*)\))?$")
_FACT_ID = re.compile(r"\bF\d+\b")
_FACT_LIST = re.compile(r"\bF\d+(?:(?:, | and |, and )F\d+)*\b")
_DOC_ID = re.compile(r"\s*\(D\d+\)")
_CLAUSE = re.compile(r"; |: (?=[a-z])")
_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


# --------------------------------------------------------------------------------- dates


def longdate(value: str | dt.date | None) -> str:
    """'2016-04-12' as '12 April 2016'; a month or year as written; None as not stated."""
    if value is None or value == "":
        return "a date not stated in the record"
    if isinstance(value, dt.date):
        return long_day(value)
    if _ISO.match(value):
        return long_day(dt.date.fromisoformat(value))
    approx = _APPROX.match(value)
    if approx:
        basis = approx.group(2) or ""
        if "undated" in basis.lower():
            return "a date not stated in the record"
        when = longdate(approx.group(1))
        return f"about {when}" + (f" ({basis})" if basis else "")
    return value


def undated(value: str) -> bool:
    approx = _APPROX.match(value or "")
    return bool(approx and "undated" in (approx.group(2) or "").lower()) or not value


def on_date(value: str | dt.date | None) -> str:
    """'on 12 April 2016', 'in August 2011', 'on a date not stated in the record'."""
    text = longdate(value)
    if text.startswith(("about ", "a date")):
        return f"on {text}" if text.startswith("a date") else text
    if isinstance(value, str) and not _ISO.match(value) and not _APPROX.match(value):
        return f"in {text}"
    return f"on {text}"


def date_label(value: str) -> str:
    """A chronology entry's date, as precise as the record gives it."""
    if undated(value):
        # the basis ("after the November 2009 note") would read as the fact's own date
        return "Date not stated in the record"
    return upper_first(longdate(value))


# --------------------------------------------------------------------------------- words


# Abbreviations whose full stop would end a sentence where a reader (and the citation check,
# which splits sentences at a stop before a capital or a digit) sees none: a record's title is
# written with the month in full and titles without the stop ("Sept. 2000" -> "September 2000",
# "Dr. Lee" -> "Dr Lee").
_MONTH_ABBREVIATIONS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April",
                        "Jun": "June", "Jul": "July", "Aug": "August", "Sep": "September",
                        "Sept": "September", "Oct": "October", "Nov": "November",
                        "Dec": "December"}
_ABBREVIATED_MONTH = re.compile(r"\b(" + "|".join(_MONTH_ABBREVIATIONS) + r")\.(?=\s+\d)")
_ABBREVIATED_TITLE = re.compile(r"\b(Dr|Mr|Mrs|Ms|St|Drs|Prof)\.(?=\s+[A-Z])")


def doc_title(title: str) -> str:
    """A record's title as the letter writes it: no abbreviation's stop inside it."""
    title = _ABBREVIATED_MONTH.sub(lambda m: _MONTH_ABBREVIATIONS[m.group(1)], title)
    return _ABBREVIATED_TITLE.sub(r"\1", title)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name with capitals
    inside (MRI, L5-S1, TENS)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:2].isupper() or any(c.isdigit() for c in first)):
        return text
    return text[:1].lower() + text[1:]


def joined(parts: Sequence[str], word: str = "and") -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def strip_end(text: str) -> str:
    return text.rstrip().rstrip(".;:")


def patient(case: Mapping[str, Any], article: bool = True) -> str:
    """'a 44-year-old man'; sex other or unknown: 'a 52-year-old patient'; no age: 'the
    patient'."""
    info = case.get("patient") or {}
    noun = {"male": "man", "female": "woman"}.get(str(info.get("sex")), "patient")
    age = info.get("age")
    if age is None:
        return "the patient"
    return f"{'a ' if article else ''}{age}-year-old {noun}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return word if count == 1 else (many or f"{word}s")


# --------------------------------------------------------------------------------- facts


GIST_MIN_WORDS = 8


def gist(statement: str) -> str:
    """A fact in short: its first clause (up to a semicolon or a colon), with the next ones
    while it has fewer than eight words (a bare score says little), never past its first
    sentence: a gist is one sentence, and the fact's later sentences, said in full where the
    draft quotes it, are not said again with it."""
    first = next(iter(sentences_of(statement)), statement.strip())
    clauses = _CLAUSE.split(first)
    text = clauses[0]
    for clause in clauses[1:]:
        if word_count(text) >= GIST_MIN_WORDS:
            break
        text = f"{text}; {clause}"
    return strip_end(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(re.sub(r"\[[^\]]*\]", "", text)))


def humanize_note(note: str) -> str:
    """A criteria engine note in plain words: fact ids become 'the record' (the evidence the
    note is about is cited where the section gives it), document ids go, and talk of fields
    is said in words ('give', not 'state': a note's verb is not read as a state's rule)."""
    text = _DOC_ID.sub("", note)
    text = re.sub(r"^supporting: not documented; recording it would strengthen the rationale "
                  r"but does not decide the item$",
                  "documenting it would strengthen the case but does not decide it", text)
    text = text.replace("the case file does not record the request's",
                        "the request as recorded does not give its")
    match = re.match(r"^(F\d+): (.*)$", text)
    if match:
        text = match.group(2)
    else:
        text = _FACT_LIST.sub(lambda m: "the records" if len(_FACT_ID.findall(m.group(0)))
                              > 1 else "the record", text)
    return text.replace("do not record the value", "do not give the value").replace(
        "does not record the value", "does not give the value")


_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100}
# what names a date or a provision, not a value read from the record: '2001-06-12', '§85-20-53',
# a year
_NOT_VALUES = re.compile(r"\d{4}-\d{2}-\d{2}|§\s*[\d.-]+|\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOTE_STOPWORDS = frozenset("with from that this than were have been only does what which "
                            "their there into over under after before about".split())


def _values(text: str) -> set[float]:
    text = _NOT_VALUES.sub(" ", text)
    found = {float(n) for n in _NUMBER.findall(text)}
    return found | {float(_NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower())
                    if w in _NUMBER_WORDS}


def _stems(text: str) -> set[str]:
    return {w.lower()[:6] for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", text)
            if w.lower() not in _NOTE_STOPWORDS}


def reads_record(clause: str, sources: Sequence[str]) -> bool:
    """Whether a criteria engine note's clause restates what ``sources`` (the statements of the
    facts a paragraph quotes) say: a value they hold ('12 weeks documented', '4 of 12 weeks'),
    or most of its words ('contains baclofen, lidocaine'). Said beside them without their
    citation, it would be the record's claim uncited; the record's own cited sentence says it."""
    if not sources:
        return False
    said = " ".join(sources)
    if _values(clause) & _values(said):
        return True
    words = _stems(clause)
    return len(words) >= 2 and len(words & _stems(said)) * 2 >= len(words)


def markers(ids: Iterable[str], allowed: Iterable[str] | None = None) -> str:
    keep = set(allowed) if allowed is not None else None
    return "".join(f"[{i}]" for i in dict.fromkeys(ids) if keep is None or i in keep)


def cited(text: str, marker: str) -> str:
    """``[marker]`` before the stop of every sentence of ``text``."""
    out = []
    for part in sentences_of(text):
        match = re.search(r"([.!?][\"”’)]?)$", part)
        if match:
            out.append(f"{part[:match.start()]} [{marker}]{match.group(1)}")
        else:
            out.append(f"{part} [{marker}].")
    return " ".join(out)


def sentences_of(text: str) -> list[str]:
    """The sentences of a text as the draft's readers split them (``drafting.citations``): an
    abbreviation's stop ("W. Va. Code R.", "Dr. Lee", "e.g.") ends none."""
    text = text.strip()
    return [text[start:end].strip() for start, end in sentences(text)]


def relevant_sentences(text: str, wanted: str, limit: int = 1) -> list[str]:
    """The sentences of a guideline excerpt that bear most on ``wanted`` (a criterion), in
    their order; the first sentence when none does."""
    parts = sentences_of(text)
    if len(parts) <= limit:
        return parts
    want = {w.lower()[:6] for w in _WORD.findall(wanted) if len(w) > 3}
    scored = [(len(want & {w.lower()[:6] for w in _WORD.findall(p) if len(w) > 3}), -n, p)
              for n, p in enumerate(parts)]
    best = sorted(scored, reverse=True)[:limit]
    if best[0][0] == 0:
        return parts[:limit]
    keep = {p for _, _, p in best}
    return [p for p in parts if p in keep]


class Writer:
    """What one section has said: the facts it has quoted (a fact quoted again is only
    mentioned) and its sentences (none written twice)."""

    def __init__(self, context: Mapping[str, Any]):
        self.context = context
        self.facts: dict[str, dict[str, Any]] = {f["id"]: f for f in context["facts"]}
        self.excerpts: dict[str, dict[str, Any]] = {e["id"]: e for e in context["excerpts"]}
        self.refs: Mapping[str, str] = context.get("refs", {})
        self.used: set[str] = set()
        self.said: set[str] = set()

    def has(self, fact_id: str) -> bool:
        return fact_id in self.facts

    def level(self, fact_id: str) -> str:
        """full, gist or mention: how this section refers to the fact now."""
        if fact_id in self.used:
            return "mention"
        return self.refs.get(fact_id, "gist")

    def fact(self, fact_id: str, *, lead: str = "") -> str:
        """One sentence giving the fact as the section should (``lead`` frames a gist)."""
        fact = self.facts[fact_id]
        level = self.level(fact_id)
        self.used.add(fact_id)
        if level == "full":
            return cited(fact["statement"], fact_id)
        if level == "gist":
            short = gist(fact["statement"])
            return f"{lead}{lower_first(short) if lead else upper_first(short)} [{fact_id}]."
        return ""

    def evidence(self, ids: Sequence[str], *, lead: str = "", mention: str = "",
                 together: bool = False) -> str:
        """The facts given as the section should; those only mentioned are cited together in
        one short sentence ``mention`` (it must stay under eight words). ``together``: gists in
        one sentence after ``lead``, separated by semicolons."""
        text, mentioned, gists = [], [], []
        for fact_id in ids:
            if not self.has(fact_id):
                continue
            if together and self.level(fact_id) == "gist":
                self.used.add(fact_id)
                gists.append(f"{lower_first(gist(self.facts[fact_id]['statement']))} [{fact_id}]")
                continue
            said = self.fact(fact_id, lead=lead)
            if said:
                text.append(said)
            else:
                mentioned.append(fact_id)
        if gists:
            text[:0] = [f"{lead}{gists[0]}."] + [f"Also in the record: {g}." for g in gists[1:]]
        if mentioned and mention:
            text.append(f"{mention} {markers(mentioned)}.")
        return " ".join(text)

    def unique(self, text: str) -> str:
        """``text`` without the sentences this section already wrote."""
        kept = []
        for part in sentences_of(text):
            key = re.sub(r"\W+", " ", re.sub(r"\[[^\]]*\]", "", part)).strip().lower()
            if word_count(part) >= 8 and key in self.said:
                continue
            self.said.add(key)
            kept.append(part)
        return " ".join(kept)
