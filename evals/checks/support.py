"""The cited fact or excerpt actually supports the sentence: lexical overlap of content words,
and (when enabled) embedding similarity with the shipped MiniLM model (evals/vectors.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, combinations

import numpy as np

from evals import claims, vectors
from evals.checks.absence_claims import absent_text
from evals.checks.consistency_dates import SPAN_SLACK
from evals.context import EvalContext, Sentence
from evals.findings import Finding, Severity
from guideline_index.excerpt import Excerpt

STOPWORDS = set("""a an the and or of to in on for with at by from as is was were be been are this
that these those it its their his her they he she which who whom than then there here into onto
about after before during over under not no nor but if so such per each any all both more most
other some only same very can could may might must should would will shall has have had do does
did done also""".split())
LEXICAL_FLOOR = 0.35  # share of the sentence's content words found in the cited source
# Below this overlap no paraphrase is plausible: the sentence fails without asking the model.
PARAPHRASE_FLOOR = 0.15
SEMANTIC_FLOOR = 0.45  # cosine similarity with the cited source, when embeddings are used
# How much better another source of the record must support a doubtful sentence for it to be
# cited to the wrong source (an error) rather than the draft's own reasoning (a warning).
BETTER_BY = 0.15
# ... and by this many of the sentence's content words at least.
MORE_WORDS = 2


# A word of three characters or more (a shorter one is never a content word): a letter, then
# letters, digits or hyphens.
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")


def stem(word: str) -> str:
    """A word cut to six letters (a crude stem), less a plural "s" that would fall within them
    ("legs" is "leg", "visits" "visit"; not "status", "process" or "analysis")."""
    if len(word) <= 7 and len(word) > 3 and word[-1] == "s" and word[-2] not in "siu":
        word = word[:-1]
    return word[:6]


@lru_cache(maxsize=8192)
def content_words(text: str) -> tuple[str, ...]:
    """Content words cut to six letters (a crude stem), cached: sources are read many times.
    (The overlap of a cited sentence with its source reads plurals too: ``_units``.)"""
    return tuple([w[:6] for w in _WORD.findall(text.lower()) if w not in STOPWORDS])


def _both_stems(text: str) -> frozenset[str]:
    """A word list's words cut to six letters and as ``stem`` reads them."""
    return frozenset(content_words(text)) | {unit[0] for unit in _units(text)}


@lru_cache(maxsize=8192)
def word_set(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


@lru_cache(maxsize=8192)
def _units(text: str) -> tuple[tuple[str, ...], ...]:
    """The text's content words, each with the parts of a hyphenated word as alternatives
    ("left-sided": left, sided; "non-opioid": opioid): a part found in the source finds it."""
    return tuple([unit for word in _WORD.findall(text.lower())
                  if (unit := _unit(word)) is not None])


@lru_cache(maxsize=65536)
def _unit(word: str) -> tuple[str, ...] | None:
    """One word's unit (``_units``), None for a stop word."""
    if word in STOPWORDS:
        return None
    if "-" in word:
        parts = [stem(p) for p in word.split("-") if len(p) > 2 and p[0].isalpha() and
                 p not in STOPWORDS and p not in _PREFIXES]
        return (stem(word), *parts)
    return (stem(word),)


_PREFIXES = frozenset({"non", "pre", "post", "anti", "sub", "semi", "multi", "self", "well"})


# The opinion's own vocabulary of argument: how a reviewer weighs, objects and answers. Such
# words say nothing a source could support, so they are not counted against a sentence.
ARGUMENT_WORDS = frozenset(_both_stems(
    "argue argues argued argument stress stresses contend contends objection objections answer "
    "answers rebut rebuts premature payer plaintiff defense defence reviewer reader hostile "
    "establish established establishes shows show showing supports supported support "
    "necessary necessity medically reasonable likeliest likely remains remain remaining "
    "option options exhausted failed extensive prior whether because although however yet "
    "still therefore thus here gap gaps clinical submission paperwork missing documentation "
    "documented record records appear appears exists exist standard satisfies satisfied meets "
    "met weighs weigh favour favor against point points"))
# Numbers, units and hedges on them: the consistency check reads those against the source.
QUANTITY_WORDS = frozenset(_both_stems(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred twice thrice half third thirds quarter day days week weeks month months year years "
    "hour hours minute minutes percent times daily weekly monthly about roughly approximately "
    "nearly almost some later earlier after before january february march april may june july "
    "august september october november december"))


_LOOSE_KINDS = frozenset({"region", "condition"})


@lru_cache(maxsize=8192)
def source_words(source: str) -> frozenset[str]:
    """What a source's words support: its content words, the parts of its hyphenated words,
    and the names of every concept of the lexicon (``evals/data/lexicon.yaml``) it names, with
    their classes ("gabapentin" supports "anticonvulsant", "EMG" "electrodiagnostic")."""
    from evals.checks.entities import lexicon

    # (not a root's names: "procedure" or "drug" say nothing of a source; nor a region's or
    # a condition's, whose names run wider than synonyms, "knee" is not "meniscus"; nor those
    # of a concept whose names are not synonyms: "off work" is not "full duty")
    return frozenset(chain.from_iterable(_units(source))) | \
        _names_words(lexicon().names(source))


@lru_cache(maxsize=4096)
def _names_words(concepts: frozenset[str]) -> frozenset[str]:
    """The words of the names of these concepts that a source naming them supports
    (``source_words``; cached: many sources name the same concepts)."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    names = " ".join(form for cid in concepts if lex.concepts[cid].parents and
                     lex.concepts[cid].kind not in _LOOSE_KINDS and lex.concepts[cid].synonyms
                     for form in lex.forms[cid])
    return frozenset(w for unit in _units(names) for w in unit)


def lexical_support(sentence: str, source: str, known: frozenset[str] = frozenset(),
                    record: frozenset[str] | None = None, optional: str = "") -> float:
    """Share of the sentence's content words found in its source (``support_counts``)."""
    return _share(*support_counts(sentence, source, known, record, optional))


def _share(found: int, missing: int) -> float:
    return found / (found + missing) if found + missing else 1.0


@lru_cache(maxsize=16384)
def support_counts(sentence: str, source: str, known: frozenset[str] = frozenset(),
                   record: frozenset[str] | None = None, optional: str = "") -> tuple[int, int]:
    """How many of the sentence's content words its source has (``source_words``), and how many
    it lacks that count against it; a word it
    does not have is not held against the sentence when it is a word of argument, one the
    case file states anyway (``known``: services, titles) or, given the ``record``'s words, one
    that neither the record nor the lexicon holds (the opinion's own reasoning: "rescue",
    "regardless", "bridge"), which no citation could supply. The words of ``optional`` (the
    sentence's clauses saying the record lacks something, which the absences check reads
    against every fact) count when the source has them and are not held against it when not."""
    have, terms = source_words(source), _terms()
    spare = {unit[0] for unit in _units(optional)} if optional else ()
    found = missing = 0
    for unit in _units(sentence):  # (``isdisjoint``: ``any(word in ...)`` without a loop)
        if not have.isdisjoint(unit):
            found += 1
        elif unit[0] not in spare and unit[0] not in ARGUMENT_WORDS and \
                unit[0] not in QUANTITY_WORDS and unit[0] not in known and (
                    record is None or not record.isdisjoint(unit) or
                    not terms.isdisjoint(unit)):
            missing += 1
    return found, missing


@lru_cache(maxsize=1)
def _terms() -> frozenset[str]:
    """The words of the lexicon's names (not its roots'): clinical terms, which a sentence
    must take from its sources whether or not the record uses them."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    return frozenset(w for cid, forms in lex.forms.items() if lex.concepts[cid].parents
                     for form in forms for unit in _units(form) for w in unit)


def record_words(ctx: EvalContext) -> frozenset[str]:
    """The words of the record a draft was written from: every fact of the case and the
    excerpts its sections were given."""
    given = {e for section in ctx.draft.sections for e in section.excerpt_ids}
    return _record_words(_record_words(tuple(f.statement for f in ctx.case.facts)),
                         tuple(ctx.excerpts[e].text for e in sorted(given) if e in ctx.excerpts))


@lru_cache(maxsize=256)
def _record_words(texts: tuple[str, ...] | frozenset[str], more: tuple[str, ...] = ()
                  ) -> frozenset[str]:
    """The words of a record's texts, or of ``more`` texts with the words already found
    (kept per record: a case's drafts share their facts and most of their excerpts)."""
    if isinstance(texts, frozenset):
        return texts.union(*(source_words(t) for t in more))
    return frozenset().union(*(source_words(t) for t in texts))


@lru_cache(maxsize=64)
def _known(services: tuple[str, ...], titles: tuple[str, ...]) -> frozenset[str]:
    """What the request and the inventory name, with the names of what the request is for and
    its classes ("neuromodulation" for a stimulator trial): words a sentence may use without a
    source saying them (not the criteria's wording, which a sentence could borrow to claim
    what its source does not say)."""
    from evals.checks.entities import lexicon

    lex = lexicon()
    text = " ".join(services + titles)
    names = " ".join(form for cid in lex.names(" ".join(services)) if lex.concepts[cid].parents
                     and lex.concepts[cid].kind in _REQUESTED_KINDS for form in lex.forms[cid])
    return frozenset(w for t in (text, names) for unit in _units(t) for w in unit)


_REQUESTED_KINDS = frozenset({"procedure", "device"})


def check_support(ctx: EvalContext) -> list[Finding]:
    """Cited sentences whose words mostly do not come from their sources are doubtful, unless
    the embedding similarity (when enabled) says they paraphrase it; an LLM judge (when enabled)
    decides the doubtful ones and may add warnings on the rest. A doubtful sentence is an error
    where another fact or excerpt of the draft's record supports it clearly better (the claim
    is cited to the wrong source, and the finding names the right one); where none does, it is
    the draft's own reasoning or a claim no source states, a warning for the reader."""
    findings = []
    cited = []
    # what the request and the inventory name (not the criteria's wording, which a sentence
    # could borrow to claim what its source does not say)
    known = _known(tuple(i.service for i in ctx.case.disputed_items),
                   tuple(d.title for d in ctx.case.documents))
    record = record_words(ctx)
    sources: dict[tuple[str, ...], str] = {}  # what each set of markers cites, joined
    for sentence in ctx.sentences:
        if not sentence.markers:
            continue
        source = sources.get(sentence.markers)
        if source is None:
            texts = [t for t in (ctx.source_text(m) for m in sentence.markers) if t]
            source = sources[sentence.markers] = " ".join(texts)
        timed = _timed(ctx, sentence) if source else []
        if timed:
            source = " ".join([source, *timed])
        if source:
            cited.append((sentence, source,
                          lexical_support(sentence.plain, source, known, record,
                                          absent_text(sentence.plain))))
    pending = [c for c in cited if c[2] < LEXICAL_FLOOR]
    similarity = [0.0] * len(pending)
    plausible = [i for i, c in enumerate(pending) if c[2] >= PARAPHRASE_FLOOR]
    if ctx.use_embeddings and plausible:
        scores = _similarities(ctx, [pending[i][0] for i in plausible])
        for i, score in zip(plausible, scores, strict=True):
            similarity[i] = score
    doubtful = [(c, cos) for c, cos in zip(pending, similarity, strict=True)
                if cos < SEMANTIC_FLOOR]
    verdicts = ctx.judge.verdicts([(s.plain, src) for s, src, _ in cited]) if ctx.judge else []
    judged = {id(c[0]): v for c, v in zip(cited, verdicts, strict=False)}
    failed = set()
    for (sentence, cited_text, score), cosine in doubtful:
        detail = "" if not ctx.use_embeddings else (
            f"; embedding similarity {cosine:.2f}" if score >= PARAPHRASE_FLOOR else
            "; too little in common to be a paraphrase")
        verdict = judged.get(id(sentence))
        if verdict is not None and verdict[0]:
            continue  # the judge read it as a fair paraphrase
        detail += f"; judge: {verdict[1]}" if verdict else ""
        failed.add(id(sentence))
        better = _better_source(ctx, sentence, score, known, record, cited_text)
        if better is None and verdict is None:  # (a judge's "unsupported" stays an error)
            findings.append(_finding(sentence, "warning", f"no fact or excerpt of the record "
                                     f"states this sentence's words (word overlap with the "
                                     f"cited source {score:.0%}{detail}): the draft's own "
                                     f"reasoning, or a claim to check"))
            continue
        findings.append(_finding(sentence, "error", f"the cited source does not support the "
                                 f"sentence (word overlap {score:.0%}{detail})"
                                 + (f"; {better[0]} does ({better[1]:.0%})" if better else "")))
    for sentence, _, _ in cited:
        verdict = judged.get(id(sentence))
        if verdict is not None and not verdict[0] and id(sentence) not in failed:
            findings.append(_finding(sentence, "warning", f"judge: {verdict[1]}"))
    return findings


def _better_source(ctx: EvalContext, sentence: Sentence, score: float, known: frozenset[str],
                   record: frozenset[str], cited: str) -> tuple[str, float] | None:
    """The fact or excerpt of the draft's record, not cited by the sentence, that supports it
    best, when it reaches the lexical floor, beats the cited source by ``BETTER_BY`` and has
    ``MORE_WORDS`` of the sentence's words more than it: in a sentence of reasoning with three
    or four content words, one word another fact shares ("the 2013 refusal" beside "2013")
    is a wide share but no sign that the claim belongs to that fact."""
    absent = absent_text(sentence.plain)
    # (a sentence saying the record lacks something: the one fact that has it is enough)
    least = support_counts(sentence.plain, cited, known, record, absent)[0] + (
        1 if absent else MORE_WORDS)
    markers = [f.id for f in ctx.case.facts]
    # excerpts only for a sentence that cites one: the draft's reasoning shares the general
    # words of guideline prose, which would find it a 'better' source
    if any(m.startswith("G:") for m in sentence.markers):
        markers += sorted({f"G:{e}" for section in ctx.draft.sections for e in section.excerpt_ids})
    best: tuple[str, float] | None = None
    for marker in markers:
        if marker in sentence.markers or not (text := ctx.source_text(marker)):
            continue
        found, missing = support_counts(sentence.plain, text, known, record, absent)
        overlap = _share(found, missing)
        if overlap >= max(LEXICAL_FLOOR, score + BETTER_BY) and found >= least and (
                best is None or overlap > best[1]):
            best = (marker, overlap)
    return best


def _timed(ctx: EvalContext, sentence: Sentence) -> list[str]:
    """The documents of the cited facts a sentence times against each other ("the October
    visit came eleven weeks after the July MRI [F1][F4]"): where a span it states is the time
    between two cited facts' dates, the events it names are those facts' documents (a visit
    note, an MRI report), which their statements rarely name."""
    facts = [f for m in sentence.markers if (f := ctx.facts.get(m))]
    dates = sorted({d for f in facts for d in (f.date, f.end_date) if d})
    if len(dates) < 2:
        return []
    gaps = [(b - a).days for a, b in combinations(dates, 2)]
    spans = claims.durations(sentence.plain)
    if not any(abs(gap - value * claims.DAYS_PER[unit]) <= claims.DAYS_PER[unit] * SPAN_SLACK
               for value, unit in spans for gap in gaps):
        return []
    return [d for f in facts if (d := ctx.fact_documents.get(f.id, ""))]


def _finding(sentence: Sentence, severity: Severity, message: str) -> Finding:
    return Finding(check="citation_support", severity=severity, section=sentence.section.key,
                   sentence=sentence.index, text=sentence.text, message=message)


def _similarities(ctx: EvalContext, sentences: list[Sentence]) -> list[float]:
    """Cosine similarity of each sentence with what it cites: the normalised sum of the unit
    vectors of its cited facts and excerpts (one source: that source's vector). Sentences and
    facts are encoded, all in one model call; excerpt vectors come from the guideline index."""
    facts: dict[str, str] = {}
    cited: dict[str, Excerpt] = {}
    for sentence in sentences:
        for marker in sentence.markers:
            if marker.startswith("G:"):
                if marker[2:] in ctx.excerpts:
                    cited[marker] = ctx.excerpts[marker[2:]]
            elif (text := ctx.source_text(marker)) is not None:
                facts[marker] = text
    excerpt_vectors, text_vectors = vectors.excerpt_vectors(
        list(cited.values()), ctx.index_dir,
        encode_also=tuple(s.plain for s in sentences) + tuple(facts.values()))
    sources = {m: text_vectors[t] for m, t in facts.items()}
    sources |= {m: excerpt_vectors[e.id] for m, e in cited.items()}
    scores = []
    for sentence in sentences:
        total = np.sum([sources[m] for m in dict.fromkeys(sentence.markers) if m in sources],
                       axis=0)
        scores.append(float(text_vectors[sentence.plain] @ total) / float(np.linalg.norm(total)))
    return scores


def clear_caches() -> None:
    """Forget every text read (for timing on cold caches)."""
    for cached in (content_words, word_set, support_counts, _units, source_words, _known,
                   _record_words, _names_words, _unit):
        cached.cache_clear()


def clear_vectors() -> None:
    """Forget every sentence, fact and excerpt vector (the next check starts cold)."""
    vectors.clear()
