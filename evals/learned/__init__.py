"""A learned second opinion on each sentence of a draft: a logistic regression fitted on the
labelled paraphrase sets (``evals/data/paraphrase*``) that reads a sentence beside what it cites
and says how likely the sentence is to misstate it. It is a classifier, not a language model; it
adds findings where the rule checks found none and never removes one."""
