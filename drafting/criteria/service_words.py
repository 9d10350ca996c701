"""The words that name an item's care (its modality or drug), and whether a fact names it.

A service outside the modelled families (``other``) carries no procedure family its facts
could share, and records rarely set one: "the massage therapy and chiropractic treatments gave
only temporary relief" is about massage and chiropractic because it names them. The naming
words are the service name's own words before what it is for, where or how often ("Botulinum
toxin (botox) injections for thoracic outlet syndrome": botulinum, toxin, botox), less the words
any care shares (therapy, treatment, injections, further ...) and body sites."""

from __future__ import annotations

import re
from functools import cache

from drafting.case import DisputedItem, Fact
from drafting.case.vocab import FactCategory, ProcedureFamily

# What follows these in a service's name says what the care is for, where, of what or how often.
_QUALIFIER = re.compile(r"\s(?:for|at|to|of|on|in|with|after|as|x|per|twice|once)\s|[,;:]",
                        re.I)
# Words that qualify a request and never name its care.
QUALIFIERS = {
    "further", "additional", "ongoing", "continued", "continuing", "continuation", "past",
    "future", "repeat", "initial", "requested", "request", "prescribed", "lowest", "higher",
    "above", "daily", "weekly", "monthly", "plus", "alone", "and", "with", "from", "this",
    "that", "option", "alternative", "recommended", "proposed", "treating", "surgeon",
    "physician", "right", "left", "bilateral", "the", "for", "its", "his", "her", "their",
    "new", "one", "two", "all", "any", "per", "day", "use",
}
# Words any care's name may carry, and body sites: they name no modality.
GENERIC = QUALIFIERS | {
    "therapy", "therapies", "therapeutic", "treatment", "treatments", "care", "session",
    "sessions", "visit", "visits", "injection", "injections", "pain", "medication",
    "medications", "medicine", "medicines", "program", "programme", "service", "services",
    "procedure", "procedures", "lumbar", "cervical", "thoracic", "spine", "spinal", "back",
    "neck", "shoulder", "knee", "knees", "hip", "hips", "wrist", "hand", "ankle", "foot",
    "elbow", "lower", "upper", "extremity", "both", "leg", "legs", "arm", "arms", "trial",
    "prescription", "dose", "doses", "tablets", "tablet", "capsules", "cream", "evaluation",
    "surgery", "surgical", "management",
}


@cache
def naming_words(service: str) -> tuple[str, ...]:
    """The words of the service's name that name its care; where every word is one any care
    shares ('Cervical spine surgery'), those words less the qualifiers (possibly none)."""
    head = _QUALIFIER.split(f" {service} ", maxsplit=1)[0]
    words = re.findall(r"[a-z][a-z\-]{2,}", head.lower())  # 'MRI', 'EMG', 'PRP' too
    named = [w for w in words if w not in GENERIC] or [w for w in words if w not in QUALIFIERS]
    return tuple(dict.fromkeys(named))


def names_service(fact: Fact, service: str) -> bool:
    """Whether the fact's statement (or drug) names the service's care."""
    words = naming_words(service)
    text = f"{fact.statement} {fact.dose.drug if fact.dose else ''}".lower()
    return bool(words) and any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def same_care(fact: Fact, item: DisputedItem, procedure: object) -> bool:
    """A fact with no family is about the same care (a test's ``procedure: same``) as a
    service outside the modelled families when it names that care. So is a response the case
    file lists among the item's own facts, with no family of its own, that names the item's
    care ("the opiate medications reduce his pain and improve his overall function", "no
    objective evidence showed he had benefited from the stimulator"): the prior response a
    continuation, repeat or revision is judged on (#25 class 3). A listed response that names
    only other care ("the medial branch blocks and the ablation gave no relief", listed for a
    joint injection) stays about that care."""
    if procedure != "same" or fact.procedure is not None:
        return False
    if item.procedure is ProcedureFamily.other:
        return names_service(fact, item.service)
    return (fact.category is FactCategory.response and fact.id in item.facts
            and (names_service(fact, item.service) or names_family(fact, item.procedure)))


# The words by which a record names a modelled family's care, where the request's own name
# ('Replacement of the generator') does not: the device, drug class or procedure.
FAMILY_WORDS: dict[ProcedureFamily, tuple[str, ...]] = {
    ProcedureFamily.scs_trial: ("stimulator", "stimulation", "neurostimulator"),
    ProcedureFamily.scs_implant: ("stimulator", "stimulation", "neurostimulator"),
    ProcedureFamily.pns: ("stimulator", "stimulation", "neurostimulator"),
    ProcedureFamily.itp: ("pump", "intrathecal"),
    ProcedureFamily.opioids: ("opioid", "opioids", "opiate", "opiates", "narcotic",
                              "narcotics"),
    ProcedureFamily.esi: ("epidural", "epidurals"),
    ProcedureFamily.mbb: ("medial branch", "facet"),
    ProcedureFamily.rfa: ("ablation", "radiofrequency", "rhizotomy", "neurotomy"),
    ProcedureFamily.tens: ("tens", "stimulator unit", "electrical stimulation"),
}


def names_family(fact: Fact, family: ProcedureFamily) -> bool:
    """Whether the fact's statement names the family's device, drug class or procedure."""
    text = fact.statement.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in FAMILY_WORDS.get(family, ()))


# The names by which a request names a modelled family's device or procedure outright. A
# service the case file leaves under 'other' ("Explant of the existing spinal cord
# stimulator") is still that family's care, judged on its sets (a revision on the revision
# criteria), never on the general standard. Only unambiguous names: a pulsed radiofrequency of
# a peripheral nerve is no facet neurotomy, a cervical fusion no lumbar one.
FAMILY_NAMES: dict[ProcedureFamily, tuple[str, ...]] = {
    ProcedureFamily.scs_implant: ("spinal cord stimulator", "dorsal column stimulator",
                                  "dorsal root ganglion stimulator"),
    ProcedureFamily.itp: ("intrathecal pump", "intrathecal drug delivery", "pain pump"),
    ProcedureFamily.esi: ("epidural steroid injection",),
    ProcedureFamily.mbb: ("medial branch block",),
    ProcedureFamily.tens: ("transcutaneous electrical nerve stimulation", "tens unit"),
}


def named_family(service: str) -> ProcedureFamily | None:
    """The one modelled family whose device or procedure the service names, else None."""
    text = service.lower()
    found = {family for family, names in FAMILY_NAMES.items()
             if any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)}
    return found.pop() if len(found) == 1 else None


# Nerves outside the spine. A block or an ablation of one (an occipital nerve block, a genicular
# radiofrequency ablation) is no facet, medial branch or epidural procedure, whatever family a
# record files it under: the spinal sets' criteria (dual medial branch blocks, axial spinal
# pain, levels) do not apply to it, and it is judged as a service of its own ('other').
PERIPHERAL_NERVES = ("occipital", "genicular", "suprascapular", "cluneal", "intercostal",
                     "ilioinguinal", "iliohypogastric", "genitofemoral", "pudendal",
                     "trigeminal", "sphenopalatine", "stellate", "saphenous")
SPINAL_FAMILIES = (ProcedureFamily.rfa, ProcedureFamily.mbb, ProcedureFamily.esi)


def names_peripheral_nerve(service: str) -> bool:
    """Whether the service names a nerve outside the spine (its block or ablation)."""
    text = service.lower()
    return any(re.search(rf"\b{n}\b", text) for n in PERIPHERAL_NERVES)


def with_named_family(item: DisputedItem) -> DisputedItem:
    """The item as its service names it: one left under 'other' whose service names a modelled
    family's device or procedure belongs to that family; a spinal injection family's item that
    names a nerve outside the spine is 'other'."""
    if item.procedure in SPINAL_FAMILIES and names_peripheral_nerve(item.service):
        return item.model_copy(update={"procedure": ProcedureFamily.other})
    family = named_family(item.service) if item.procedure is ProcedureFamily.other else None
    return item if family is None else item.model_copy(update={"procedure": family})
