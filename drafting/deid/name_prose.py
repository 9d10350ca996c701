"""Names that prose, letters and message threads mark without a title or a label of a form.

- The sender of a message in an exported thread (``[5/9/25, 5:46 PM] Dana:``, ``3/4/24, 9:02 -
  Dana:``, ``Tue, Mar 5, 7:58 AM  Dana:``) and the name a thread is saved under (``Thread:
  "Dana K. (cousin)"``), but not what a phone saves a relative as (``Mom``, ``Abuela``).
- The name under a letter's closing (``Sincerely,`` then ``Jo Ann Pruitt``).
- A name followed by its role in parentheses: ``Wendell (our shift lead)``, ``Ana P. (neighbor)``.
- A name written in lower case after a title, a relation or role, a person's label or "his name
  is" (``officer kaminski``, ``dr. de la rosa``, ``Witness: mina park, MA``): only words that are
  in no English dictionary count (``words.py``), so "her son drove" names no one.
- A name of two words or more, the last in no dictionary, after a weaker cue (``roles.yaml``
  ``weak_before``: ``contact``, ``owner``, ``law office of``).
- In a message of a thread, a learned name that is also a word, written in lower case where a
  name stands: before "'s" or a verb of saying or doing ("rose's car", "toby is coming"), or
  before a surname in no dictionary ("peg o'neill"); not after "the", "my" or "a".
- A person's initials after "initials" (``initials RK``).
- A name after a relation and a few words and a colon (``Neighbor who can drive me: Ana
  Quispe``), its last word in no dictionary.
- A given name of the list (``given_names.py``) and a surname in no dictionary, in prose
  (``Tomasina Holyan-Ruiz``, ``Rose Padilla``), outside an eponym phrase.
- A given name inside a sentence before a verb of saying or doing (``because Bill was at
  work``), not after "the" or "my": replaced, not learned.
- A title before an initial alone (``Dr. B.``, ``Dr. B's``): replaced, not learned.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from drafting.deid import names as name_rules
from drafting.deid.chat_names import chat_names, lower_marks
from drafting.deid.given_names import is_given_name
from drafting.deid.names import (
    _CAP,
    _PERSON_LABELS,
    _PWORD,
    _RELATION,
    _ROLE_AFTER,
    PARTICLE,
    TITLE,
)
from drafting.deid.terms import HYPHEN, LOWER, UPPER, U, fold, is_clinical_word, protected_spans
from drafting.deid.words import is_word, lower_name_ok, unlearned_name_ok


@cache
def _kin() -> frozenset[str]:
    return frozenset(fold(w).lower() for w in name_rules._roles()["kin_words"])


@cache
def _closing() -> re.Pattern[str]:
    words = "|".join(re.escape(w).replace(r"\ ", "[ ]")
                     for w in sorted(name_rules._roles()["closings"], key=len, reverse=True))
    return re.compile(
        rf"(?im)^[ \t]*(?:{words})[ \t]*[,.!]?[ \t]*\n(?:[ \t]*\n){{0,3}}[ \t]*(?:/s/[ \t]*)?"
        rf"(?P<name>{_PWORD}(?:[ ]{_PWORD}){{1,4}})[ \t]*(?=,|\n|$)")


# A message's time stamp: in brackets, or a date and a time and a dash ("3/4/24, 9:02 -"); or,
# in an export without the dash, a day (3/4/24, Tue, Mar 5) and a time, then a gap of two
# spaces or a tab ("Tue, Mar 5, 7:58 AM  Dana:"), which a log of a clinic shares ("3/19/24
# 2:15 PM  Dispo: home"), so its sender must send twice and be written as a name.
_STAMP = r"(?:\[[^\]\n]{4,40}\]|\d{1,2}/\d{1,2}/\d{2,4},?[ ]\d{1,2}:\d{2}(?:[ ]?[AaPp][Mm])?[ ]-)"
_STAMP_DAY = r"(?:\d{1,2}/\d{1,2}/\d{2,4}|(?:[A-Z][a-z]{2,8},?[ ])?[A-Z][a-z]{2}\.?[ ]\d{1,2})"
_GAP_STAMP = (rf"(?P<gap>{_STAMP_DAY},?[ ]\d{{1,2}}:\d{{2}}(?:[ ]?[AaPp][Mm])?"
              r"(?=[ ]{2}|\t))")
SENDER = re.compile(rf"(?m)^[ \t]*(?:{_STAMP}|{_GAP_STAMP})[ \t]*(?P<who>[^:\n\[\]]{{1,40}}):")
_NAME_ONLY = re.compile(rf"{_PWORD}(?:[ ]{_PWORD}){{0,2}}[^\w:]{{0,6}}")
THREAD = re.compile(r"(?i)\b(?:thread|chat|conversation|messages)(?:[ ]with)?[ ]?:?[ ]*"
                    r"[\"“](?P<who>[^\"”\n]{1,40})[\"”]")
ROLE_PAREN = re.compile(
    rf"(?<![\w'’-])(?P<name>{_PWORD}(?:[ ]{_PWORD}){{0,2}})[ ]\((?:(?:our|my|his|her|their|the|"
    rf"a|an)[ ])?(?:[a-z]+[ ]){{0,2}}(?i:{_RELATION}|{_ROLE_AFTER})\)")
TITLE_INITIAL = re.compile(r"(?<![\w'’-])(?:Dr|Mr|Mrs|Ms|Mx)\.?[ ]" + U
                           + r"(?:\.(?![\w])|(?=['’]s\b))")  # "Dr. B.", "Dr. B's office"
# The name a title and its initial stand for, in parentheses after them: "Dr. A's (Anantharaman".
SPELLED_OUT = re.compile(rf"(?:['’]s)?[ ]\((?P<name>{_CAP}(?:-{_CAP})?)(?![\w'’-])")
_LWORD = rf"[{LOWER}](?:[{LOWER}'’‐-]*[{LOWER}])?"
# A lower-case word in no dictionary, and the cue that must stand before the name it opens or
# ends (found backwards from the word: far fewer such words than places a cue could start).
_ODD_WORD = re.compile(rf"(?<![\w'’.@/#-]){_LWORD}(?![\w@/#]|[.'’-]\w)")
_CUE_BEFORE = re.compile(
    rf"(?:(?P<title>(?<![\w'’-])(?i:{TITLE})\.?[ ])|\b(?i:{_RELATION})[ ]|(?i:\bname[ ]is)[ ]"
    rf"|(?P<label>(?<![A-Za-z])(?i:{_PERSON_LABELS})[ \t]*:[ \t]*[\"“']?))$")
# a cue's last word, to test first ("law": "sister in law")
_CUE_WORD = re.compile(rf"(?i:{TITLE}|{_RELATION}|is|law)")
_LOWER_RUN = re.compile(rf"(?:[{LOWER}]\.[ ])?{_LWORD}(?:[ ]{_LWORD}){{0,3}}")


# A product's or a firm's name written in camel case ("via Epic MyChart", "LabCorp"), not a
# surname's prefix ("McNulty", "DeShawn", "LaToya", "VanDyke")
_PRODUCT = re.compile(r"\b(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|St)[A-Z][a-z]{1,3}[A-Z]")


@cache
def _weak() -> re.Pattern[str]:
    cues = "|".join(re.escape(w).replace(r"\ ", "[ ]")
                    for w in sorted(name_rules._roles()["weak_before"], key=len, reverse=True))
    # an initial may open the name: "attn. M. Quintero-Baez", "via J. Okafor"
    return re.compile(rf"\b(?i:{cues})\.?[ ]?[:,]?[ ](?P<name>(?:{U}\.[ ])?{_PWORD}"
                      rf"(?:[ ]{_PWORD}){{0,3}})")


def _runs(who: str, offset: int) -> Iterator[tuple[int, int]]:
    """The name words of a sender or a thread's name, without kin words or acronyms."""
    for match in re.finditer(rf"{_PWORD}(?:[ ]{_PWORD}){{0,3}}", who):
        words = match.group(0).split()
        while words and (fold(words[0]).lower().strip(".") in _kin()):
            words.pop(0)
        if not words:
            continue
        text = " ".join(words)
        if re.fullmatch(rf"[{UPPER}]{{2,4}}", text) and who[match.start() - 1:match.start()] \
                == "(":
            continue  # "Ngoc (SIL)": a relation written short
        start = offset + match.start() + match.group(0).index(words[0])
        span = name_rules.trim(text, start, strict=True)
        if span and name_rules._name_like(text):
            yield span


def _lower_ok(word: str) -> bool:
    # a given name of the Census lists in no dictionary, clinical as its ending looks ("lucia")
    return unlearned_name_ok(word) or (is_given_name(word) and lower_name_ok(word))


def _lower_name(raw: str, strict_first: bool) -> int:
    """The length of the lower-case name at the start of ``raw`` (0 if none): its words up to
    the last that is in no dictionary, particles between; with ``strict_first`` the first word
    must be one too."""
    words = list(re.finditer(r"\S+", raw))
    end, seen = 0, False
    for i, match in enumerate(words):
        word = match.group(0)
        particle = re.fullmatch(rf"{PARTICLE}|st", word, re.IGNORECASE)
        if name_rules._is_stop(word) and not particle:
            break
        if _lower_ok(word):
            end, seen = match.end(), True
        elif particle:
            continue
        elif i == 0 and strict_first:
            return 0
        elif not is_word(word):
            break
    return end if seen else 0


def prose_marks(text: str) -> Iterator[tuple[int, int]]:
    """Names marked by a message thread, a closing, a role in parentheses or, in lower case, a
    cue: each learned."""
    senders = [m for m in SENDER.finditer(text)]
    sent = Counter(m.group("who").strip() for m in senders)
    for match in [*senders, *THREAD.finditer(text)]:
        if match.re is SENDER and match.group("gap") and (
                sent[match.group("who").strip()] < 2
                or not _NAME_ONLY.fullmatch(match.group("who").strip())):
            continue
        yield from _runs(match.group("who"), match.start("who"))
    for match in _closing().finditer(text):
        span = name_rules.trim(match.group("name"), match.start("name"), strict=True)
        if span:
            yield span
    for match in ROLE_PAREN.finditer(text):
        span = name_rules.trim(match.group("name"), match.start("name"), strict=True)
        if span and name_rules._name_like(text[span[0]:span[1]]):
            yield span
    guarded = [(a, b) for a, b, level in protected_spans(text) if level == 2]
    for match in FIRST_LAST.finditer(text):  # "Dana Kowalczyk" without a title or a label
        first, last = match.group("first"), match.group("last")
        if is_given_name(first) and not name_rules._is_stop(first) \
                and not is_clinical_word(first) and lower_name_ok(last) \
                and not name_rules._is_stop(last) and not any(
                    match.start() < y and x < match.end() for x, y in guarded):
            yield match.start(), match.end()
    for match in RELATION_COLON.finditer(text):  # "Neighbor who can drive me: Ana Quispe"
        span = name_rules.trim(match.group("name"), match.start("name"), strict=True)
        if span and not is_word(text[span[0]:span[1]].split()[-1]):
            yield span
    for match in _weak().finditer(text):  # "contact Dana Kowalczyk", not "Contact Us Today"
        span = name_rules.trim(match.group("name"), match.start("name"), strict=True)
        if span and not is_word(text[span[0]:span[1]].split()[-1]) \
                and len(text[span[0]:span[1]].split()) >= 2 \
                and not _PRODUCT.search(text[span[0]:span[1]]):
            yield span
    yield from _lower_names(text)


def _lower_names(text: str) -> Iterator[tuple[int, int]]:
    """Lower-case names after a cue: from each word in no dictionary, back over up to two
    lower-case words, to a cue."""
    done: set[int] = set()
    for odd in _ODD_WORD.finditer(text):
        if not _lower_ok(odd.group(0)):
            continue
        start = odd.start()
        for _ in range(3):
            before = text[max(0, start - 30):start]
            last = re.search(r"(\w+)\.?[ ]$", before)
            if start not in done and (before.rstrip(" \t\"“'").endswith(":") or (
                    last and _CUE_WORD.fullmatch(last.group(1)))):
                cue = _CUE_BEFORE.search(text, max(0, start - 60), start)
                if cue:
                    done.add(start)
                    run = _LOWER_RUN.match(text, start)
                    labelled = bool(cue.group("label") or cue.group("title"))
                    length = _lower_name(run.group(0), strict_first=not labelled) if run else 0
                    if length:
                        yield start, start + length
                    break
            # back over a word, or an initial ("witness: m. oyelaran-reyes")
            back = re.search(rf"(?:^|(?<=[ ]))(?:{_LWORD}|[{LOWER}]\.)[ ]$",
                             text[max(0, start - 40):start])
            if not back:
                break
            start -= len(back.group(0))


FIRST_LAST = re.compile(rf"(?<![\w'’-])(?P<first>{_CAP})[ ](?:{U}\.[ ])?"
                        rf"(?P<last>{_CAP}(?:{HYPHEN}{_CAP})*)(?![\w'’-])")
INITIALS = re.compile(r"\b(?i:initials|initialed[ ]by|initialled[ ]by)[ ]?:?[ ]"
                      r"(?P<value>[A-Z]{2,3}|(?:[A-Z]\.){2,3})(?![\w])")
RELATION_COLON = re.compile(
    rf"\b(?i:{_RELATION})\b[^:\n]{{0,30}}:[ \t]*(?P<name>{_PWORD}(?:[ ]{_PWORD}){{1,3}})")
_DETERMINER = re.compile(r"(?i)\b(?:the|a|an|my|your|his|her|our|their|this|that|its|no|any|"
                         r"some|of|to|in|on|at|for|with)[ ]$")
_ACTS = (r"(?:['’]s\b|[ ](?:is|was|has|had|said|says|can|could|will|would|told|called|texted|"
         r"came|comes|went|gave|took|drove|drives|driving|coming|picked|dropped|saved|brought|"
         r"visited|wants|wanted|found|fell|helped|stayed|asked|sent|wrote|stopped|come|go|"
         r"bring|drive|visit|stay|help|and[ ]i|and[ ]me)"
         r"\b)")


# A given name inside a sentence (not at its start) before a verb of saying or doing.
GIVEN_ACTS = re.compile(rf"(?<=[a-z,;][ ])(?P<given>{_CAP})(?={_ACTS})")


def passing_marks(text: str, learned: Iterable[str] = ()) -> Iterator[tuple[int, int]]:
    """Names replaced where they stand, not learned: a title before an initial alone ("Dr. B."),
    initials after "initials", a learned name that is a word written in lower case in a
    message, a given name inside a sentence before a verb ("and Hope had class")."""
    for pattern in (TITLE_INITIAL, INITIALS):
        for match in pattern.finditer(text):
            at = match.start("value") if pattern is INITIALS else match.start()
            yield at, match.end()
            spelled = SPELLED_OUT.match(text, match.end()) if pattern is TITLE_INITIAL else None
            if spelled and not is_word(spelled.group("name")):  # "Dr. A's (Anantharaman - ..."
                yield spelled.start("name"), spelled.end("name")
    yield from _word_names(text, learned)
    yield from chat_names(text, _bodies(text))
    yield from lower_marks(text)
    for match in GIVEN_ACTS.finditer(text):  # "because Bill was at work and Hope had class"
        word = match.group("given")
        if is_given_name(word) and not is_clinical_word(word) and not name_rules._is_stop(word) \
                and fold(word).lower() not in name_rules.given_months() \
                and not _DETERMINER.search(text[max(0, match.start() - 8):match.start()]):
            yield match.start("given"), match.end("given")


def _bodies(text: str) -> Iterator[tuple[int, int]]:
    """The text of each message of a thread, after its sender."""
    for line in SENDER.finditer(text):
        end_of_line = text.find("\n", line.end())
        yield line.end(), len(text) if end_of_line < 0 else end_of_line


def _word_names(text: str, learned: Iterable[str]) -> Iterator[tuple[int, int]]:
    words = {fold(t).lower() for t in learned
             if re.fullmatch(rf"[{UPPER}][{LOWER}{UPPER}]{{2,}}", t) and is_word(t)
             and not name_rules._is_stop(t) and fold(t).lower() not in _kin()
             and not re.fullmatch(rf"(?i:{_RELATION}|{_ROLE_AFTER})", t)}
    if not words:
        return
    pattern = re.compile(rf"(?<![\w'’-])(?:{'|'.join(sorted(words))})"
                         rf"(?={_ACTS}|[ ]{_LWORD}(?![\w]))")
    for line in SENDER.finditer(text):
        end_of_line = text.find("\n", line.end())
        body = (line.end(), len(text) if end_of_line < 0 else end_of_line)
        for match in pattern.finditer(fold(text), *body):
            after = re.match(rf"[ ](?P<surname>{_LWORD})(?![\w])", text[match.end():])
            if _DETERMINER.search(text[max(0, match.start() - 8):match.start()]):
                continue
            if after and unlearned_name_ok(after.group("surname")):
                yield match.start(), match.end() + after.end()
            elif re.match(_ACTS, text[match.end():]):
                yield match.start(), match.end()
