"""``JobMatcher.factor_values``: the factors' values for any pair, which the evaluation of the matcher compares
between suggestions and placements (also for a placement the matcher would have excluded)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from samspill.matching.engine import Exclusion, JobMatcher, Suggestion
from samspill.matching.engine.config import FACTORS

from .strategies import TAXONOMY, catalogue, opportunities, participants


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(participants(), catalogue(opportunities, max_size=8))
def test_factor_values_are_the_explained_values_and_exist_for_excluded_pairs_too(p, opps):
    matcher = JobMatcher(taxonomy=TAXONOMY).fit(opps)
    for o in opps:
        values = matcher.factor_values(p, o.id)
        assert list(values) == list(FACTORS["job"])
        assert all(0.0 <= v <= 1.0 for v in values.values())
        verdict = matcher.explain(p, o)
        if isinstance(verdict, Suggestion):
            assert values == dict(verdict.values)
        else:
            assert isinstance(verdict, Exclusion)
