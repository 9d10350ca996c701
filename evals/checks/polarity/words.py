"""The polarity check's built-in vocabulary: the three states a text gives a word, and the
classes of function words the scope analysis and the mentions read (the cue lexicon itself is
data: ``lexicon.py``)."""

from __future__ import annotations

import re

POSITIVE, NEGATED, UNSURE = 1, -1, 0

ADVERB = re.compile(r"[a-z]{3,}ly")
PARTICIPLE = re.compile(r"[a-z]{3,}ed|taken|given|done|seen|shown|made|begun|undergone|written")
HARD = frozenset(";:.?!")
SEPARATORS = frozenset({",", "or", "nor", "and", "/", "(", ")"})
DETERMINERS = frozenset("""a an the any his her their its this that these those prior previous
earlier documented - such as including e g eg ie""".split())
# What a record does with a fact, not the fact ("documents", "records"): never a concept.
REPORTING = frozenset("""document documents documented documenting record records recorded note
notes noted report reports reported show shows showed shown mention mentions mentioned
describe describes described list lists listed state states stated indicate indicates indicated
find finds found appear appears appeared seem seems seemed suggest suggests suggested
reflect reflects reflected confirm confirms confirmed name names named give gives gave given
contain contains contained include includes included""".split())
AUXILIARIES = frozenset("""is are was were be been being has have had do does did will would
shall should can could may might must remain remains remained become became becomes becoming
stay stays stayed""".split())
PREPOSITIONS = frozenset("""of in on at to for from with by during after before over under into
onto about per via since until within across through throughout among between around beyond
despite against toward towards upon like as below above near than""".split())
FUNCTION_WORDS = frozenset("""a an the and or of to in on for with at by from as is was were be
been are this that these those it its their his her they he she which who whom than then there
here into onto about after before during over under not no nor but if so such per each any all
both more most other some only same very can could may might must should would will shall has
have had do does did done also them him you your our my me us what where how why much many
least less own whose none nothing something anything everything someone one ones still every
again now well already ever never just even yet soon later
patient patients case file packet page dated date day days week weeks month months year years
time times visit visits""".split())
# After a denied word, these limit the denial to a degree or a place ("no lifting over 10
# pounds", "no pain below the buttocks"): the word itself is not denied.
LIMITS = frozenset("over above beyond exceeding past below under more longer greater".split())
PRONOUNS = frozenset({"it", "they", "this", "these", "which", "both", "he", "she", "him",
                      "them", "we", "i", "who", "there"})
BASE_NOT_CONCEPT = FUNCTION_WORDS | REPORTING | AUXILIARIES | PREPOSITIONS | DETERMINERS
# What a written date is made of besides its digits ("February 18, 2025", "2025-02-18").
DATE_WORDS = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec , - /""".split())
# Verbs of arguing: what one "will argue that ..." is a prediction of an argument, not a fact.
SAYING = frozenset("""argue argues argued contend contends contended claim claims claimed say
says said assert asserts asserted insist insists insisted object objects objected
maintain maintains""".split())
# People and parties by their role: "no physician says X", "no reviewer disagreed" denies what
# they did, not that there are any (the act is the polarity check's concept, not the person).
PERSONS = frozenset("""physician physicians doctor doctors surgeon surgeons provider providers
clinician clinicians reviewer reviewers examiner examiners evaluator evaluators specialist
specialists expert experts therapist therapists witness witnesses consultant consultants
party parties one anyone someone nobody""".split())
