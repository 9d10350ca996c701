"""What the patient can do, told with its measure rather than with a finding's words: how far
or how long they walk, sit, stand or drive ("Walks 2 miles daily", "can now sit at the computer
about 2 hrs", "Can walk: abt 2 blocks"), how long they sleep ("sleeping 5-6
hrs"), whether and how they work ("working 6 hrs/day", "working full duty but turning down
overhead jobs", "has not worked since 08/2023", "off work 3 days"), and things dropped from the
hands ("dropped tools twice"). Each is a statement of function; none holds when negated
("no work restrictions" is no limit), nor when it is a goal or a plan (not_patient.py)."""

from __future__ import annotations

import re

from drafting.intake.extract.negation import negated

_AMOUNT = (r"(?:~|about |abt\.? |approx\.? |approximately |roughly |around |only |up to |"
           r"less than |<\s?|>\s?)?(?:\d+(?:\.\d+)?(?:\s?[-\u2013]\s?\d+)?|one|two|three|four|five|"
           r"six|half an?|a few|a couple of)")
_SPAN = (r"\s*(?:min(?:ute)?s?|hrs?|hours?|h|blocks?|miles?|mi|feet|ft|yards?|"
         r"laps?)\b")
# walking, sitting, standing or driving with its distance or time ("Walks dog 20 min",
# "sit at computer ~2 hrs", "Can walk: abt 2 blocks", "yard work ~1 hr")
_TOLERANCE = re.compile(
    r"\b(?:walk(?:s|ed|ing)?|sit(?:s|ting)?|stand(?:s|ing)?|driv(?:e|es|ing)|yard ?work|"
    r"garden(?:s|ing)?|cook(?:s|ing)?|shop(?:s|ping)?|exercis(?:e|es|ing)|swim(?:s|ming)?|"
    r"bik(?:e|es|ing)|hik(?:e|es|ing))\b[^.;]{0,40}?" + _AMOUNT + _SPAN, re.IGNORECASE)
# sleep with its hours ("sleeping 5-6 hrs", "sleeps through the night"; a count of wakings,
# "wakes 2-3x/night", is often left unrecorded and is not read)
_SLEEP = re.compile(
    r"\b(?:sleep(?:s|ing)?|slept)\b[^.;]{0,30}?(?:" + _AMOUNT
    + r"\s*(?:hrs?|hours?|h)\b|\bthrough the night\b)", re.IGNORECASE)
# work: duty, hours, restrictions, or none ("working full duty", "working 6 hrs/day", "works
# part-time", "has not worked since 08/2023", "off work 3 days", "stopped working in 2021")
_WORK = re.compile(
    r"\b(?:work(?:s|ing)?|employed)\b[^.;]{0,30}?\b(?:full[- ]duty|modified[- ]duty|light[- ]duty|"
    r"restricted duty|part[- ]time|full[- ]time|\d+\s*(?:hrs?|hours|h)\s*(?:/|a |per )\s*"
    r"(?:day|d|wk|week|shift)|\d+\s*(?:hr|hour)\s+shifts|with (?:a |an )?[^.;]{0,20}?"
    r"restrictions?)\b|"
    r"\b(?:has not|hasn't|have not|not) work(?:ed)?\b[^.;]{0,40}\bsince\b|"
    r"\bstopped work(?:ing)?\b|\boff work\b(?! until)|"
    r"\breturn(?:ed)? to (?:full|modified|light|regular) duty\b", re.IGNORECASE)
# dropping things ("drops objects from the left hand", "dropped tools twice")
_DROPS = re.compile(r"\b(?:drops?|dropped|dropping)\b[^.;]{0,25}?\b(?:objects?|things|items|"
                    r"tools?|cups?|keys|dishes|glass(?:es)?|pens?)\b", re.IGNORECASE)

# going somewhere or doing a chore on one's own ("walking to the mailbox and back", "drove to
# his daughter's", "does her own grocery shopping", "does the laundry herself")
_OUTING = re.compile(r"\b(?:walk(?:s|ed|ing)?|driv(?:es|ing)|drove|drive)\s+(?:back\s+)?to\s+"
                     r"(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?!work\b)[a-z']{3,}|"
                     r"\bdo(?:es|ing)? (?:all )?(?:her|his|their) own\s+(?:\w+\s+)?(?:shopping|"
                     r"housework|cooking|cleaning|laundry|yard ?work|errands)\b", re.IGNORECASE)

_PATTERNS = (_TOLERANCE, _SLEEP, _WORK, _DROPS, _OUTING)


# What brings a symptom on ("worse w/ sitting > 20 min", "leg sx only after sitting > 45 min",
# "standing > 10 min -> leg heaviness"): the pain's trigger, a history, not a measure of function.
_TRIGGER = re.compile(r"\b(?:worse|worsens|worsened|after|aggravat\w*|with|w/|provoked|brought on|"
                      r"exacerbat\w*|increases?|on)\s*$", re.IGNORECASE)
_LEADS_TO = re.compile(r"^[^.;]{0,30}?(?:->|\u2192|\bcauses?\b|\bbrings? on\b)")


def activity_told(text: str) -> bool:
    """True when ``text`` tells what the patient does or can do with its measure, or how they
    work or sleep, and does not negate it or name it as what brings the pain on."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if negated(text, match.start()):
                continue
            if pattern in (_TOLERANCE, _OUTING) and (_TRIGGER.search(text[:match.start()][-25:])
                                          or _LEADS_TO.match(text[match.end():])
                                          or ">" in match.group(0)):
                continue
            return True
    return False
