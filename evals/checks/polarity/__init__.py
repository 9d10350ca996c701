"""A cited sentence does not reverse the polarity of what its cited facts say: done / not done,
positive / negative, improved / worsened, stopped / continued, working / off work, smoker /
non-smoker, upheld / reversed, present / absent (issue #19).

No parser or language model (spaCy's models are not installable here, and medspacy's ConText
costs milliseconds a text): the text is normalised into tokens, and the lexicon of
``evals/data/polarity.yaml`` decides, for every content word, whether the text states it,
denies it or leaves it unsure. Negation cues work as in NegEx / ConText, with a narrower reach:

- a nominal cue ("no", "without", "denies", "negative for") denies the head of each noun phrase
  of the list that follows ("no recurrent disc herniation" denies a recurrent disc herniation,
  not every herniation);
- a verbal cue ("not", "never", "failed to") denies the word it governs ("did not reduce pain"
  denies the reduction, not the pain);
- a trailing cue ("SLR negative", "a trial was not documented") denies the phrase before it;
- the rest of a cue's clause, a qualified negation ("no lasting relief", "no other opioid") and
  any clause with a condition, prediction or recommendation ("if", "should", "will") are unsure.

Status pairs (rose / fell, stopped / continued, working / off work...) say one pole or the
other of a concept; they are compared with a mention about the same words (the drug stopped,
the test positive), or, for the patient's own status (work, smoking), with any mention.

A sentence is flagged for a concept it states one way when every mention of that concept in its
cited facts says the other (and none is unsure): "a trial was completed" against "no trial is
documented", "tramadol was continued" against "tramadol was stopped". A stated phrase
contradicts a denied one only when it carries all the denied phrase's modifiers ("home TENS use
was recorded" against "no home TENS use", but not "prescribed for home use"). Hedges and
reasoning add words the facts do not contain, and such words are never compared.

The check is made of: ``words`` (states and classes of function words), ``lexicon`` (the cue
lexicon), ``text`` (normalised tokens and stems), ``scope`` (what the cues say of each token),
``mentions`` (each concept's mentions, ``analyse``) and ``check`` (comparing a sentence with its
cited facts). Texts are analysed once each (cached): facts are read for many sentences and many
drafts."""

from __future__ import annotations

from evals.checks.polarity.check import FOUND, check_polarity, quotes_its_sources, reversals
from evals.checks.polarity.lexicon import lexicon
from evals.checks.polarity.mentions import Analysis, Mention, analyse
from evals.checks.polarity.text import is_concept, normalise, stem

__all__ = ["Analysis", "Mention", "analyse", "check_polarity", "clear_caches", "lexicon",
           "normalise", "quotes_its_sources", "reversals", "stem"]


def clear_caches() -> None:
    """Forget every text read (for timing on cold caches); the cue lexicon stays loaded."""
    for cached in (stem, is_concept, analyse):
        cached.cache_clear()
    FOUND.clear()
