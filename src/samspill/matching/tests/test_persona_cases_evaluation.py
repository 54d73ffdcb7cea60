"""The evaluation route's persona table, played as the project's persona meta-test plays every app's."""

import pytest

from samspill.matching.tests.persona_cases_evaluation import WEB_CASES
from samspill.testing.persona_cases import run_web_cases

pytestmark = pytest.mark.django_db


def test_only_a_coordinator_sees_the_evaluation(world):
    run_web_cases(world, WEB_CASES)
