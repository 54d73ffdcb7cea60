"""The evaluation of the job matcher (matching.evaluation) on the demo's placements, on the build shared with the
other content tests (conftest.py): most placements can be evaluated without look-ahead, and the matcher finds the
placement among its top 10 more often than 10 opportunities drawn at random."""

import pytest

from samspill.accounts.models import User
from samspill.employers.models import Opportunity, Placement
from samspill.matching.evaluation import evaluate_placements, matcher_evaluation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def test_the_matcher_beats_random_choice_on_the_demo_placements():
    placements = Placement.objects.select_related(
        "opportunity__employer__employer_profile", "pathway__participant"
    ).prefetch_related(
        "pathway__participant__languages",
        "pathway__participant__educations",
        "pathway__participant__experiences",
        "pathway__participant__skills",
        "pathway__participant__pathways__activities",
    )
    result = evaluate_placements(placements, Opportunity.objects.all())
    print(
        f"demo: {result.evaluated} of {result.placements} placements evaluated, skipped {result.skipped}; "
        f"hit rate @10 {result.hit_rate} (as listed {result.hit_rate_as_listed}), random {result.baseline_random}, "
        f"random among eligible {result.baseline_random_eligible}; mean rank of hits {result.mean_rank_of_hits}, "
        f"median rank {result.median_rank}; left out by constraints {result.excluded} {result.excluded_by}; "
        f"open {result.mean_open}, eligible {result.mean_eligible}; profiles rebuilt {result.profiles_rebuilt}"
    )
    assert result.placements >= 250
    assert result.evaluated >= 0.9 * result.placements
    assert result.hit_rate > result.baseline_random
    assert result.hit_rate > result.baseline_random_eligible
    # The demo's participants change: Norwegian is assessed again, courses end. Some profiles must be rebuilt.
    assert result.profiles_rebuilt > 0


def test_the_demo_coordinator_sees_their_office_only():
    result = matcher_evaluation(actor=User.objects.get(username="koordinator"))
    assert 5 <= result.evaluated < Placement.objects.count()
