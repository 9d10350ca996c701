"""Text that states no fact of the patient's, wherever it sits in a record:

- about someone else or about no one: a relative's illness ("His father had back surgery"),
  the author's credentials, licence and signature, letterhead, contact and fax-header lines
  (anything holding a phone number), page headers and document separators, and the courtesy
  that opens a letter ("Thank you for asking me to see ...", "At your request I am providing
  this report"), a statute or regulation cited, the plan's coverage (benefit limits, visits
  remaining), the uninvolved side examined for comparison, vital signs, non-organic sign counts,
  the header line identifying the patient (a date of birth), a definition, a test's limits, a
  coverage policy's rule, and a table row of bare numbers;
- about what has not happened: a service asked for or authorised (a request, its billing codes),
  a plan, goal, wish, order or condition for the future ("Next UDT due by 11/2024", "would
  consider a repeat only if ...", "Goal: return to full duty", "Wants to return to full duty",
  "a course of PT is reasonable").

``NOT_ABOUT_THE_PATIENT`` is the first kind (never a fact, in any record); ``NOT_DONE_YET`` the
second (never care, a medication or a finding, though a letter may still tell it as a step of
the request's history)."""

from __future__ import annotations

import re

# A phone or fax number: "555-330-2200", "(555) 201-3344", "1-800-555-0188", "555.330.2200".
PHONE = (r"(?<![\d-])(?:1-)?(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\d-])|"
         # a local number without its area code ("Zanesville OH - 555-0185")
         r"(?<![\w/.-])\d{3}-\d{4}(?![\w/.-])")
_CREDENTIALS = (
    r"\bboard[- ]certified\b|\bfellowship[- ]trained\b|\bfellowship in\b|\bdiplomate\b|"
    r"\b(?:e-?|electronically )signed\b|\bcertified in\b|\blicensed (?:in|to practice)\b|"
    r"\byears (?:of (?:clinical )?experience|in (?:practice|clinical practice))\b|"
    r"\b(?:physician|reviewer|clinician|consultant)s? who reviewed\b|\bin active practice\b|"
    r"\blic(?:ense|ence)?\b\.?\s*(?:no\.?|number|#)?\s*:?\s*[A-Z]{0,3}[- ]?\d{3,}|"
    r"\bCAQ\b|\bDEA\b\s*#?\s*[A-Z]{2}\d")
_CONTACT = (PHONE + r"|\b(?:tel|phone|ph|fax|fx)\b\.?:?\s*\(?\d{3}|\bsuite \d+\b|"
            r"^fax\b|\bext\.?\s*\d{3,}|\bif received in error\b")
_LAYOUT = (r"\bpage \d+ of \d+\b|^-{3,}|^={3,}|\bdocument \d+\s*(?:of \d+)?\s*:|"
           r"^date\b[^\d]*$")  # (a table's header row: "Date  PDMP  UDT  Pill count")
# A relative as the sentence's subject ("Her father had ...", "Mother had hip fracture at 80.").
_RELATIVE = (r"^(?:(?:his|her|their|the patient'?s|pt'?s|a)\s+)?(?:father|mother|brother|"
             r"sister|sibling|son|daughter|parent|grand(?:mother|father|parent)|aunt|uncle|"
             r"cousin|twin|husband|wife|spouse|partner|child(?:ren)?)s?\b|"
             r"^(?:family history|FHx?|fam(?:ily)? hx)\b")
# The courtesy opening a letter to the one who asked for it.
_COURTESY = (r"^(?:at your request\b|thank you for (?:asking|referring|the referral|your "
             r"referral|allowing|the opportunity)|i am (?:writing|providing) (?:to|this)|"
             r"please find\b|this (?:letter|report) (?:is|summari[sz]es) )")

# A letterhead's name line ("Pretendwell Physical Therapy - Westside Clinic"), in title case.
_LETTERHEAD = (r"(?-i:^(?:[A-Z][\w'&.-]+\s+){1,5}(?:Clinic|Center|Centre|Institute|Hospital|"
               r"Associates|Group|Services|Rehab\w*|Therapy|Imaging|Health)\b[^.]{0,40}$)")
# A business's name line ends in its legal form ("SAMPLE SPINE CHIROPRACTIC, P.A.").
_ENTITY = r"^[^.:]{0,60}(?:,\s*|\s)(?:P\.A\.|P\.C\.|P\.?L\.?L\.?C\.?|LLC|Inc\.|LLP)$"

# A statute or regulation cited ("under Section 1862(a)(1)(A) of the Social Security Act",
# "8 CCR 9792.24.1(c)(1)", "42 CFR 405.940"): the rule a decision or a note invokes.
_CITATION = (r"\bsection \d+\s*\([a-z0-9]\)|\b\d+\s*(?:CCR|C\.?F\.?R|U\.?S\.?C)\b\.?|"
             r"\bsocial security act\b|\blabor code\b|\u00a7\s*\d")
# The plan's coverage, not care received ("Payer: ... PPO", "20 visits/calendar yr, 9 remaining").
_COVERAGE = (r"^(?:payer|insurer|insurance|carrier|health plan)\s*:|\b(?:visits?|sessions?|"
             r"treatments?|units?) (?:remaining|left)\b|"
             r"\bvisits?\s*/\s*(?:calendar )?(?:yr|year)\b|\bbenefit (?:limit|maximum|max)\b")
# The other side, examined for comparison ("L UE normal throughout (contralateral comparison)").
_CONTRALATERAL = (r"\bcontralateral (?:comparison|side|limb|extremity)\b|\b(?:uninvolved|"
                  r"unaffected|uninjured|non-?involved|non-?affected) (?:side|limb|extremity|arm|"
                  r"leg|knee|shoulder|hip)\b")
# Vital signs ("T 98.4  HR 96  BP 148/92"): no finding of the case, and their numbers are no
# relief, strength or score (a line that also gives the BMI is kept for it).
_VITALS = (r"^(?!.*\bBMI\b).*(?:\bBP\s*:?\s*\d{2,3}/\d{2,3}\b|\bSp\s?O2\b|"
           r"\b(?:HR|pulse)\s*:?\s*\d{2,3}\b.*\b(?:RR|resp)\s*:?\s*\d)")
# The one finding of a vital-signs line kept for its BMI ("O: BP 138/84  HR 76  BMI 31.2"): the
# BMI (with the weight and height before it), stated without the blood pressure and pulse.
_VITAL_SIGN = re.compile(r"\bBP\s*:?\s*\d{2,3}/\d{2,3}\b|\b(?:HR|pulse)\s*:?\s*\d{2,3}\b|"
                         r"\bSp\s?O2\b|\bT(?:emp)?\s*:?\s*9\d(?:\.\d)?\b", re.IGNORECASE)
# (with the weight and height it is computed from, when they come just before it)
_BMI_SPAN = re.compile(r"\b(?:(?:wt|weight|ht|height)\b[^A-Za-z]*(?:kg|lbs?|cm|in|m)?[\s,;]*"
                       r"){0,2}(?:BMI|body mass index)\s*(?:of|is|was|:|=)?\s*\d{2}(?:\.\d{1,2})?",
                       re.IGNORECASE)


def bmi_among_vitals(text: str) -> str | None:
    """The BMI a line of vital signs gives, in its own words, else None."""
    bmi = _BMI_SPAN.search(text)
    return bmi.group(0) if bmi and _VITAL_SIGN.search(text) else None


# A behavioural screen, not an organic finding ("Waddell signs 1/5", "nonorganic signs 3/5").
_SCREEN = r"\bwaddell\b|\bnon-?organic (?:signs?|findings?)\b"

# The line that says who the patient is ("Claimant: ...  DOB: 03/03/1970  Date of injury: ..."):
# an identification header, never a finding (its dates are a birth date and the claim's).
_IDENTITY = (r"\bDOB\b|\bD\.O\.B\b|\bdate of birth\b|"
             # a field naming the person ("1. Injured Employee's Name: Doe, J.", "Patient name:")
             r"\b(?:patient|employee|worker|claimant|member|veteran|applicant|insured|"
             r"beneficiary|enrollee)(?:'s|s')?\s+(?:full\s+)?name\s*[:.]|^name\s*[:.]")
# A record's title line with its own date field and nothing else ("SPINE SURGERY CONSULTATION
# Visit date: 06/03/2026", "PHYSICAL THERAPY PROGRESS NOTE (Re-assessment) Date of service:
# 09/29/2025"): what the record is and when, no fact of the patient's.
_TITLE_DATED = (r"(?-i:^[A-Z][A-Z0-9/&,'-]*(?:\s+[A-Z0-9/&,'-]+)+)\s*(?:\([^)]{0,30}\)\s*)?"
                r"(?:visit date|date of (?:service|visit|exam|consultation)|DOS|date)\s*:\s*"
                r"[\d/.-]{6,10}\s*$")
# What a term means or a test can show, said of no one: a definition ("success is generally
# defined as at least 50% relief"), a test's limits ("Nerve conduction studies cannot exclude a
# purely sensory lesion"), a plan's coverage rule ("Under the formulary policy, compounds are
# not covered when ...").
_GENERIC = (r"\b(?:is|are)\s+(?:\w+ly\s+)?defined as\b|"
            r"\b(?:EMG|NCS|studies|study|tests?|testing|imaging|examination|MRI|CT)\s+(?:cannot|"
            r"can not|does not|do not|may not)\s+(?:exclude|rule out|detect)\b|"
            r"\bpolicy\b[^.]*\bcovered\b|\b(?:is|are) not covered (?:when|if|unless|for)\b")
# What a guideline, a society or a payer's criteria say, said of no one ("ASIPP guidelines
# recommend ...", "ODG criteria require ...", "The MTUS (Opioids, pp. 76-80) supports ..."), and
# what is generally held ("a positive response is generally considered at least 50% relief"):
# their numbers are thresholds, never the patient's measures. The guideline is the subject, named
# in the sentence's first words (not "approved per ODG", "fall within the guideline").
_GUIDELINE = (r"^(?:\W*\w+\W+){0,3}?(?:\w+\s+){0,3}(?:guidelines?|ODG|MTUS|ACOEM|ASIPP|NASS|ASRA|"
              r"CDC|LCD|NCD|criteria|(?:clinical |coverage |medical )?polic(?:y|ies))\b[^;]{0,140}?"
              r"\b(?:recommends?|require[sd]?|allows?|supports?|advises?|permits?|endorses?|"
              r"defines?|limits?|includes?|states?|cautions?)\b|"
              r"\bgenerally (?:considered|accepted|regarded|held)\b")
# Reference values beside a measure ("(Norms for age: 105-115 lb.)", "Normal range 60-80"): the
# population's, never the patient's.
_NORMS = (r"^\W*(?:age[- ](?:matched|based) )?(?:norms?|normative (?:data|values?)|normal (?:range|"
          r"values?|limits?)|reference (?:range|values?)|predicted (?:values?|normal))\b")
# A line of numbers with no word ("6  05/10  2  3  1  30  7"): a table's row without its header.
_NO_WORDS = r"^[^A-Za-z]*$"

# A notice of review rights, said of anyone who disagrees ("If the request is denied, the
# claimant may request review by a judge within 30 days of receipt", "You have the right to an
# independent review"): what may be done, never what was.
_RIGHTS = (r"\b(?:may|can|could)\s+(?:request|ask for|file|seek|submit)\b[^.;]{0,60}?\b(?:review|"
           r"hearing|appeal|reconsideration|arbitrat\w*|redetermination)\b|"
           r"\bha(?:s|ve) the right to\b|\bwithin \d+ (?:business |calendar |working )?days of "
           r"(?:receipt|receiving|the date)\b")
# A clock time on a claim form ("Date of injury 10/30/2026  Time 0630", "Time of Injury. approx
# 2:15 pm"): when the injury happened, never a dose, a score or a measure.
_CLOCK = r"\btime(?: of injury)?\W{0,3}(?:approx\.?\s*)?\d{1,2}:?\d{2}\b"
# A claim's or an authorisation's number ("Insurer Claim # GPM-25-0418873", "(ref
# PA-55810933)"): administration, never care or a measure.
_REFERENCE = (r"\bclaim\s*(?:#|no\b\.?|number)|\bref(?:erence)?\b\.?\s*(?:#|no\.?)?\s*:?\s*"
              r"[A-Z]{1,4}-?\d{4,}")
# A question or a prompt, on a form or in a transcript ("Are your findings consistent with ...?",
# "Q. Are you doing physical therapy?", "Describe injury and part of body affected."): asked,
# never stated (a "?" that doubts a word, "L5?", "20 visits?", is no question).
_QUESTION = (r"^Q\b\.?\s|^describe\b[^.:]{0,80}\.?$|^(?:are|is|do|does|did|was|were|have|has|"
             r"can|could|will|would|should|what|when|where|why|how|which)\b[^?]*\?\W{0,3}$")
# What a rule or the evidence says of a treatment, said of no one ("A second injection is
# supported only after documented 50% relief", "the Respondent's criteria call for at least six
# months", "ketoprofen is not approved for topical use"): thresholds and regulatory facts.
_RULE = (r"\b(?:is|are) (?:supported|indicated|recommended|appropriate|covered) only (?:after|if|"
         r"when|for)\b|\b(?:criteria|guidelines?|polic(?:y|ies))\s+(?:call|calls|called) for\b|"
         r"\b(?:is|are) not (?:FDA[- ])?approved for\b")
NOT_ABOUT_THE_PATIENT = re.compile("|".join((_CREDENTIALS, _CONTACT, _LAYOUT, _RELATIVE,
                                             _COURTESY, _LETTERHEAD, _ENTITY, _CITATION, _COVERAGE,
                                             _CONTRALATERAL, _VITALS, _SCREEN, _IDENTITY,
                                             _TITLE_DATED,
                                             _GENERIC, _NO_WORDS, _GUIDELINE,
                                             _NORMS, _RIGHTS, _CLOCK, _REFERENCE,
                                             _QUESTION, _RULE)), re.IGNORECASE)

# Sections holding another person's history.
FAMILY_SECTIONS = r"\bfamily (?:history|hx)\b|^fh\b|\bfam hx\b"

NOT_DONE_YET = re.compile(
    # asked for, authorised, billed: the request (the disputed item), not care received
    r"\brequest(?:ed|s|ing)?\b|\bCPT\b|\bauth(?:orization)?\s*#|\bauthori[sz]ation valid\b|"
    r"\bapproved (?:through|per|for \d)|"
    # a plan, an order, a goal, a condition for the future
    r"\b(?:would|may|might|will) (?:consider|need|return|start|begin|refer|schedule)\b|"
    r"\bconsider(?! \w+ed\b)(?:ing)?\s+(?!that\b)\w|\bdue (?:by|on|in)\b|\bnext (?:\w+ ){0,2}"
    r"(?:due|in \d)|\bnot (?:yet )?started\b|\bplan(?:ned)? (?:to|discussed)\b|"
    r"\bgoals?\b(?! not met)|\b(?:wants?|wish(?:es)?|hop(?:es|ing)|would like|eager) to\b|"
    r"\bordered\b|\bto schedule\b|\bappt (?:set|scheduled)\b|\bonly if\b|"
    # a check to come ("pill counts at next visit", "recheck at next appt")
    r"\b(?:at|by|on|before) (?:the )?next (?:visit|appointment|appt|f/?u|follow-?up|"
    r"office visit)\b|"
    # the terms of an agreement, not what happened
    r"\bagrees? to\b|\bmay result in\b|"
    # an evaluator's view of care to come ("a short course of PT is reasonable"), not care given
    r"\b(?:is|are|would be|seems?) (?:medically )?reasonable\b(?! and necessary)|"
    # an order in a plan ("Continue HEP.", "Cont celecoxib, APAP.")
    r"^(?:cont\.?|continue)\s|"
    # a test's result or a step still awaited ("UDS: collected today, result pending", "psych
    # clearance pending", "order placed, pending auth"): no result, nothing done yet (a read
    # given before an over-read, "over-read pending", is still a result)
    r"\bresults?\s+(?:is\s+|are\s+)?pending\b|\bawaiting (?:the )?results?\b|"
    r"\bpending\s+(?:the\s+)?(?:results?|(?:carrier |insurance |payer )?(?:auth\w*|approval|"
    r"review|clearance|evaluation|consult\w*))\b|"
    r"\b(?:clearance|approval|authori[sz]ation|auth|consult\w*|evaluation)\s+(?:is\s+)?"
    r"pending\b|"
    # a plan under a condition ("If the psychology evaluation is favorable we will submit ...")
    r"^if\b[^.;]{3,}?\b(?:we|I|he|she|they)(?: will|'ll| would| plan to)\b|"
    # a recommendation ("Recommend correlation with the prior MRI ...", "Recommended: ...")
    r"^recommend(?:s|ed|ations?)?\b|"
    # a test or a visit to repeat later ("Repeat UDS in 3 months.", "RTC in 4 wks")
    r"^(?:repeat|recheck|re-check|rtc|f/?u|follow[- ]?up)\b[^.;]{0,40}?\bin \d+(?:\s*-\s*\d+)?\s*"
    r"(?:days?|d|wks?|weeks?|mos?|months?)\b|"
    # return precautions ("Return to ER for new weakness")
    r"\breturn to (?:the )?(?:ER|ED|emergency|urgent care)\b|\breturn precautions\b|"
    # an instruction to the patient ("If you have new weakness ... call 555-0114")
    r"^if you\b|"
    # a step still to take: prescribed, discussed, sent or come for later ("Prescribe naloxone
    # 4 mg nasal spray", "Discuss slow alprazolam taper", "script to be sent with discharge
    # meds", "Pt to come in 11/4 for visit + UDS", "PT 2x/wk x 6 wks (order given)", "Pending:
    # neurosurgery consult", "P: PFPT 1x/wk x 8-10 wks", "likely to need one or two further
    # injections")
    r"^(?:\W*[a-z][.)]\s*)?(?:prescribe|discuss|pending)\b|\bto be (?:sent|given|scheduled|"
    r"started|done|ordered|obtained|arranged)\b|^(?:pt|patient|she|he) (?:is )?to (?:come|return|"
    r"follow|call|schedule|start|begin)\b|\border (?:given|placed|sent|written)\b|"
    r"^P\s*:\s|\b(?:likely|expected|anticipated) to (?:need|require|benefit)\b",
    re.IGNORECASE)
