"""The matcher in the demo, on the build shared with the other content tests (conftest.py): wishes recorded, and
the demo job specialist sees explained suggestions of every kind for a participant of theirs."""

import pytest

from samspill.access.selectors import access_participant
from samspill.accounts.models import User
from samspill.core.roles import Purpose
from samspill.matching.models import Wishes
from samspill.matching.selectors import suggestions_for
from samspill.pathways.models import Pathway

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def test_wishes_are_recorded_for_open_employment_pathways_only():
    wishes = Wishes.objects.all()
    open_pathways = Pathway.objects.filter(path="employment", closed_on__isnull=True)
    assert 0.5 * open_pathways.count() < wishes.count() <= open_pathways.count()
    assert set(wishes.values_list("participant_id", flat=True)) <= set(
        open_pathways.values_list("participant_id", flat=True)
    )
    assert wishes.exclude(occupations=[]).exists()


def test_the_demo_job_specialist_gets_explained_suggestions_of_every_kind():
    specialist = User.objects.get(username="jobbspesialist")
    pathways = Pathway.objects.filter(
        participant__assigned_specialist=specialist, path="employment", closed_on__isnull=True
    ).order_by("pk")
    found = {"job": 0, "mentor": 0, "service": 0}
    for pathway in pathways[:5]:
        access = access_participant(specialist, pathway.participant_id, Purpose.CASE_MANAGEMENT)
        for kind in found:
            shown = suggestions_for(actor=specialist, access=access, kind=kind)
            found[kind] += len(shown)
            for item in shown:
                assert sum(item.suggestion.contributions.values()) == pytest.approx(item.suggestion.score, abs=1e-12)
                assert item.suggestion.constraints
    assert all(found.values()), found
