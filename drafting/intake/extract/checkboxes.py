"""Form check boxes: a box left empty is an option not chosen, never a fact of the record.

Forms print every option with its box ("[X] Modified duty   [ ] Full duty", "☐ Chiropractic"),
or a question with its answers to circle ("Weakness in legs?   Y / (N)").
Only the ticked options are kept, as the form's answer; a line of empty boxes only is no text at
all. The box stands before its option ("[ ] Full duty"), or after it when the line ends with a
box ("Prior surgery: Yes [ ] No [x]"); then the field's label before the first option is kept.
"""

from __future__ import annotations

import re

_BOX = re.compile(r"(\[ ?\]|\[[xX✓✔]\]|[☐☑☒])")
_EMPTY = frozenset({"[ ]", "[]", "☐"})


# A ticked "Other" is the write-in after it ("[X] Other: acetaminophen 1 g" -> "acetaminophen 1 g").
_WRITE_IN = re.compile(r"^\s*(?:other|specify)\b[^:\n]{0,20}:\s*", re.IGNORECASE)
_GAP = re.compile(r"\s{3,}|\t")


def _after_gap(option: str) -> str:
    parts = _GAP.split(option.strip(), maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


# A yes/no question with its circled answer ("Weakness in legs?   Y / (N)", "Smoke?  (Y) / N"):
# the question runs back to a column gap or a field's colon.
_CIRCLED = re.compile(r"(?P<q>[A-Za-z](?:[\w,/'-]| (?! ))*\?)?\s*(?:\((?P<yes>y(?:es)?)\)\s*/\s*"
                      r"no?\b|\by(?:es)?\s*/\s*\(no?\))", re.IGNORECASE)


def circled_only(text: str) -> str:
    """The line with each question answered "no" by its circled answer taken out with its
    answer, and a circled "yes" written as "yes" ("Numbness?   (Y) / N   rt foot" -> "Numbness?
    yes   rt foot"): the question alone is never a finding."""
    if "(" not in text or "/" not in text:
        return text
    return _CIRCLED.sub(lambda m: f"{m.group('q') or ''} yes" if m.group("yes") else "", text)


def ticked_only(text: str) -> str:
    """The line (as laid out: column gaps of three spaces or a tab end an option) with every
    unticked option, and every box, taken out; so is a question answered "no" by a circled
    answer (``circled_only``)."""
    text = circled_only(text)
    if "[" not in text and not any(b in text for b in "☐☑☒"):
        return text
    parts = _BOX.split(text)
    if len(parts) == 1:
        return text
    texts, boxes = parts[0::2], parts[1::2]
    if texts[-1].strip():  # box before its option: "Work status: [x] Modified [ ] Full"
        # an unticked option ends at a column gap; what follows it is the form's next field
        kept = [texts[0]] + [_WRITE_IN.sub("", t) if box not in _EMPTY else _after_gap(t)
                             for box, t in zip(boxes, texts[1:], strict=True)]
    else:  # option before its box: "Prior surgery: Yes [ ] No [x]"
        field, _, first = texts[0].rpartition(":")
        options = [first, *texts[1:-1]]
        kept = ([field + ":"] if field else []) + [
            option for option, box in zip(options, boxes, strict=True) if box not in _EMPTY]
    return " ".join(" ".join(k.split()) for k in kept if k.strip())
