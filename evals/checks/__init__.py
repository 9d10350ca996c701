"""The checks, each a function from an evaluation context to findings."""

from evals.checks.citations import check_citation_validity
from evals.checks.consistency import check_consistency, check_outcomes
from evals.checks.coverage import check_coverage
from evals.checks.currency import check_currency
from evals.checks.support import check_support
from evals.checks.uncited import check_uncited

ALL_CHECKS = {
    "citation_validity": check_citation_validity,
    "citation_support": check_support,
    "uncited_claims": check_uncited,
    "consistency": check_consistency,
    "outcomes": check_outcomes,
    "coverage": check_coverage,
    "currency": check_currency,
}
