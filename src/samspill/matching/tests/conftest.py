import pytest

from samspill.matching.tests.helpers import prepare_matching


@pytest.fixture
def matching_world(world):
    return prepare_matching(world)
