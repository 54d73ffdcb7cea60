import pytest
from django.test import Client

from samspill.pathways.models import PathwayEvent
from samspill.pathways.stages import EventKind
from samspill.pathways.tests.test_stage_machine import _open
from samspill.testing.database import fingerprint


@pytest.mark.django_db
def test_the_job_specialist_records_a_benefit_period_as_two_events(world):
    pathway = _open(world)
    client = Client()
    client.force_login(world.user("owner"))
    response = client.post(
        f"/pathways/{pathway.pk}/benefit-periods/",
        {"benefit": "work_assessment", "start": "2026-02-01", "end": "2026-05-31"},
    )
    assert response.status_code == 302
    events = PathwayEvent.objects.filter(pathway=pathway, kind__in=[EventKind.BENEFIT_START, EventKind.BENEFIT_END])
    assert [(e.kind, e.effective_date.isoformat(), e.data) for e in events.order_by("effective_date")] == [
        (EventKind.BENEFIT_START, "2026-02-01", {"benefit": "work_assessment"}),
        (EventKind.BENEFIT_END, "2026-05-31", {"benefit": "work_assessment"}),
    ]
    page = client.get(f"/pathways/{pathway.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Benefit period started" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"benefit": "work_assessment", "start": "2026-05-01", "end": "2026-02-01"}, "cannot end before it starts"),
        ({"benefit": "lottery", "start": "2026-05-01"}, "Select a valid choice"),
        ({"benefit": "other", "start": ""}, "This field is required"),
    ],
)
def test_a_wrong_period_is_explained_and_nothing_is_stored(world, data, words):
    pathway = _open(world)
    client = Client()
    client.force_login(world.user("owner"))
    before = fingerprint(include_access_log=False)
    response = client.post(f"/pathways/{pathway.pk}/benefit-periods/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert words in response.content.decode()
    assert fingerprint(include_access_log=False) == before
