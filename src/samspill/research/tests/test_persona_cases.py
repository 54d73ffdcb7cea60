"""The research routes' persona table, played as the project's persona meta-test plays every app's."""

import pytest

from samspill.research.tests.persona_cases import LOGGING_ROUTES, WEB_CASES, prepare
from samspill.testing.persona_cases import run_web_cases

pytestmark = pytest.mark.django_db


def test_it_checks_ownership(world):
    prepare(world)
    run_web_cases(world, WEB_CASES, logging_routes=LOGGING_ROUTES)
