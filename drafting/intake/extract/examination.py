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
    r"femoral (?:nerve )?stretch|"
    # the provocation and balance tests of other regions, and walking on toes or heels
    # ("Phalen's positive at 25 seconds", "Romberg positive", "Toe walk unable on L")
    r"phalen\S*|durkan\S*|tinel\S*|finkelstein\S*|romberg\S*|hoffmann?\S*|kemp\S*|"
    r"facet loading|tandem(?: gait| walk\w*)?|(?:toe|heel)[- ]?walk\w*)\b|" + _RANGE,
    re.IGNORECASE)
ABNORMAL = re.compile(r"\bpositive\b|(?<![\d+])\+(?!\d)|\b(?:decreased|diminished|dec|absent|"
                      r"trace|weak\w*|tender\w*|TTP|spasms?|reduced|impaired|unable|cannot)\b|"
                      r"\b[0-4]\+?/5\b|\bkg\b|" + _RANGE, re.IGNORECASE)
_NOT_EXAM = re.compile(r"\bpulses?\b|\b(?:XR|MRI|CT|x-?rays?|views?)\b", re.IGNORECASE)


def in_exam(sentence: Sentence) -> bool:
    return bool(EXAM_PLACES.search(sentence.section) or EXAM_PLACES.search(sentence.heading)
                or (sentence.label and EXAM_FIELDS.match(sentence.label)))


# What an examination measures or grades, normal or not: a strength grade, sensation, reflexes
# or dermatomes stated ("EHL and plantarflexion 5/5 bilaterally", "Sensation intact to light
# touch L2-S1", "DTRs 2+ and symmetric"): the neurological examination the criteria ask for.
# "Neuro intact" alone names no test, and a provocation test found negative alone ("SLR neg
# bilat.") is no finding.
_GRADED = re.compile(r"\b(?:strength|str|motor|myotomes?|EHL|dorsiflexion|plantar ?flexion|"
                     r"sensation|sens|light touch|LT|pinprick|dermatomes?|reflex(?:es)?|DTRs?|"
                     r"jerks?|patellar|achilles|biceps|triceps)\b[^;]{0,60}?(?:\b[0-5][+-]?/5\b|"
                     r"\bintact\b|\bsymm(?:etric(?:al)?)?\b|\b[0-4]\+|\bnormal\b|\bequal\b)|"
                     r"\b[0-5][+-]?/5\b[^;]{0,40}?\b(?:strength|motor|throughout|bilat\w*)\b",
                     re.IGNORECASE)
# A range of motion measured in degrees or limited to a landmark ("Lumbar flex ~30 deg",
# "Cervical AROM: flex 45/50", "rotation is limited to 50 degrees", "flexion limited to
# fingertips at mid-shin"), in any examination the record reports. (A share of normal, "flexion
# 50%", and a gait are often left unrecorded: not read.)
_MOTION = re.compile(r"\b(?:(?:lat(?:eral)? )?flex(?:ion)?|ext(?:ension)?|rot(?:ation)?|"
                     r"side[- ]?bend(?:ing)?)\b(?:[^;.]{0,30}?~?\d{1,3}\s*(?:°|deg\b|degrees\b)|"
                     r"\s*:?\s*\d{1,3}/\d{2,3}\b(?!/)|[^;.]{0,20}?\blimited to (?:finger ?tips|\d)|"
                     r"[^;.]{0,20}?\bto (?:mid-?shin|knees?|ankles?)\b)", re.IGNORECASE)
# A provocation test that reproduced (or relieved) the pain ("Spurling's maneuver to the right
# reproduces pain into the hand", "Extension-rotation reproduces her pain").
_PROVOKED = re.compile(r"\b(?:spurling\S*|slr|straight leg|faber|patrick\S*|thigh thrust|"
                       r"distraction|compression|gaenslen|kemp\S*|extension[- ]rotation|"
                       r"facet loading|ultt\w*|tinel\S*|phalen\S*|hoffmann?\S*|"
                       r"femoral (?:nerve )?stretch)\b"
                       r"(?:(?!\b(?:not?|without|neg\w*|never)\b|n't)[^.;]){0,60}?"
                       r"\b(?:reproduc\w+|produc(?:es|ed)|provok\w+|elicit\w+|relieves|relieved)\b",
                       re.IGNORECASE)
# Reflexes alone, normal: part of an examination, read only beside its strength and sensation.
_REFLEXES_ONLY = re.compile(r"^(?!.*\b(?:strength|str|motor|myotomes?|EHL|sensation|sens|"
                            r"dermatomes?|light touch|[0-5][+-]?/5)\b).*\b(?:reflex|DTR|jerk|"
                            r"patellar|achilles|biceps|triceps|brachiorad)",
                            re.IGNORECASE)


# A nerve study's grading ("Tibial motor normal bilat.", "EHL R incr 1+ poly reduced" under
# "Needle EMG"): the study's result, not an examination.
_STUDY_WORDS = re.compile(r"\b(?:EMG|NCS|NCV|nerve conduction|needle|electrodiagnostic|SNAPs?|"
                          r"CMAPs?|MUAPs?|poly\w*|fibs?|amplitudes?|latenc\w*)\b|"
                          r"\b(?:tibial|peroneal|fibular|sural|median|ulnar|radial) (?:motor|"
                          r"sensory)\b", re.IGNORECASE)


def exam_finding(sentence: Sentence, anywhere: bool = False) -> bool:
    """A sentence of an examination that states a finding the tags do not name: an abnormal
    one, a graded neurological examination, a range of motion measured, a provocation test
    that reproduced the pain. With ``anywhere`` (a note's text, not a study's report), a graded
    neurological examination or a range of motion measured is one wherever the note writes it
    ("Motor 5/5 BLE. DTR 2+ sym. Sensation intact." in a first report's narrative): it names the
    test and its grade."""
    text = sentence.text
    if _NOT_EXAM.search(text):
        return False
    if not in_exam(sentence):
        return anywhere and bool(_GRADED.search(text) or _MOTION.search(text)) and \
            not _STUDY_WORDS.search(f"{sentence.section} {text}")
    if FINDING.search(text) and ABNORMAL.search(text):
        return True
    return bool(_GRADED.search(text) or _MOTION.search(text) or _PROVOKED.search(text)
                or _GAIT.search(text) or _PAINFUL_MOTION.search(text))


# A gait found abnormal ("Gait slow, with a cane", "antalgic gait favoring the left", "walks
# with a walker, forward-flexed"); a normal one ("Gait non-antalgic", "without a cane") is none.
_GAIT_SIGN = (r"(?<!non-)(?<!non)\b(?:antalgic|slow\w*|cane|walker|wide-based|shuffl\w*|limp\w*|"
              r"unsteady|ataxic|steppage|trendelenburg|guarded|forward[- ]flexed|stooped)\b")
_GAIT = re.compile(rf"\bgait\b(?:(?!\b(?:not?|without|normal)\b)[^.;]){{0,40}}?{_GAIT_SIGN}|"
                   rf"{_GAIT_SIGN}\s+gait\b", re.IGNORECASE)
# A motion limited or painful, in words ("Cervical rotation to the left is limited to about 45
# degrees with pain", "Lumbar ext/rotation mildly painful bilat.").
_PAINFUL_MOTION = re.compile(r"\b(?:flex(?:ion)?|ext(?:ension)?|rot(?:ation)?|side[- ]?bend\w*|"
                             r"(?:range of motion|ROM))\b(?:(?!\b(?:not?|without|full|normal)\b)"
                             r"[^.;]){0,40}?\b(?:painful|limited to (?:about |approximately |~)"
                             r"?\d+|restricted|reproduces (?:his |her |the )?pain)\b",
                             re.IGNORECASE)


def graded_only(sentence: Sentence) -> bool:
    """An examination sentence grading strength, sensation or reflexes and stating nothing
    abnormal ("Sensation intact to light touch L2-S1."): told one after another, such
    sentences are one finding, the neurological examination."""
    text = sentence.text
    return bool(_GRADED.search(text)) and not ABNORMAL.search(text)


def reflexes_only(sentence: Sentence) -> bool:
    """Normal reflexes alone ("DTRs 2+ and equal in the arms."): a part of the examination,
    a finding only beside the strength and sensation told before it."""
    return graded_only(sentence) and bool(_REFLEXES_ONLY.search(sentence.text))
