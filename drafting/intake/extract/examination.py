"""An abnormal examination finding in a note's examination (or objective) section, when no
finding tag names it: tenderness or spasm, a strength grade under 5/5, sensation or a reflex
reduced, a provocation test positive, grip measured ("TTP L L4-5/L5-S1 paraspinals", "dec sens
lat foot R", "thigh thrust +, FABER +", "Grip 22 kg right and 30 kg left"). Never a normal or
negative finding alone ("Motor 5/5 throughout", "SLR negative bilat."), pulses, range of motion
or gait (which the examples' expected cases leave to the tags), nor a study's title line."""

from __future__ import annotations

import re

from drafting.intake.extract.text import Sentence

# A field of an examination named by the body part or system examined ("Back: midline
# tenderness L4-S1", "Neuro: Strength 5/5 bilat LE"): a finding wherever the note puts it.
EXAM_FIELDS = re.compile(r"^(?:back|neck|spine|[CTL]-?spine|lumbar(?: spine)?|cervical(?: spine)?|"
                         r"neuro(?:logic(?:al)?)?|msk|musculoskeletal|extremities|motor|"
                         r"sens(?:ation|ory)?|reflexes|dtrs?|gait|strength|palpation)$",
                         re.IGNORECASE)
EXAM_PLACES = re.compile(r"\bexam|\bobjective\b|physical findings|^o$|^pe$", re.IGNORECASE)
# A range of motion measured ("Lumbar flexion 50 degrees, extension 10 degrees"): a finding.
_RANGE = (r"\b(?:flexion|extension|rotation|(?:lateral|side) bend(?:ing)?)\s+\d{1,3}\s*"
          r"(?:degrees|deg)\b")
FINDING = re.compile(
    r"\b(?:tender(?:ness)?|TTP|spasms?|trigger points?|strength|motor|myotomes?|grip|"
    r"sensation|sens|pinprick|light touch|dermatomes?|reflex(?:es)?|DTR|jerk|SLR|straight leg|"
    r"spurling\S*|FABER|patrick|thigh thrust|distraction|gaenslen|fortin|provocation|"
    r"femoral (?:nerve )?stretch)\b|" + _RANGE, re.IGNORECASE)
ABNORMAL = re.compile(r"\bpositive\b|(?<![\d+])\+(?!\d)|\b(?:decreased|diminished|dec|absent|"
                      r"trace|weak\w*|tender\w*|TTP|spasms?|reduced|impaired)\b|"
                      r"\b[0-4]\+?/5\b|\bkg\b|" + _RANGE, re.IGNORECASE)
_NOT_EXAM = re.compile(r"\bpulses?\b|\b(?:XR|MRI|CT|x-?rays?|views?)\b", re.IGNORECASE)


def in_exam(sentence: Sentence) -> bool:
    return bool(EXAM_PLACES.search(sentence.section) or EXAM_PLACES.search(sentence.heading)
                or (sentence.label and EXAM_FIELDS.match(sentence.label)))


def exam_finding(sentence: Sentence) -> bool:
    """A sentence of an examination that states an abnormal finding the tags do not name."""
    text = sentence.text
    return (in_exam(sentence) and bool(FINDING.search(text)) and bool(ABNORMAL.search(text))
            and not _NOT_EXAM.search(text))
