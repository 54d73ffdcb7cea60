import datetime as dt

import pytest
from django.test import Client

from samspill.pathways.models import Pathway
from samspill.pathways.stages import Path, Stage
from samspill.pathways.tests.test_stage_machine import _open
from samspill.testing.database import fingerprint


@pytest.mark.django_db
def test_the_launch_form_asks_for_the_organisation_number_and_checks_it(world):
    pathway = _open(world, Path.ENTREPRENEURSHIP)
    Pathway.objects.filter(pk=pathway.pk).update(stage=Stage.REGISTRATION, stage_since=dt.date(2026, 2, 1))
    client = Client()
    client.force_login(world.user("owner"))
    page = client.get(f"/pathways/{pathway.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="org_number"' in page
    before = fingerprint(include_access_log=False)
    response = client.post(
        f"/pathways/{pathway.pk}/move/",
        {"move": "forward", "to_stage": "launch", "org_number": "12345"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422 and "nine digits" in response.content.decode()
    assert fingerprint(include_access_log=False) == before
    response = client.post(
        f"/pathways/{pathway.pk}/move/", {"move": "forward", "to_stage": "launch", "org_number": "923456789"}
    )
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert (pathway.stage, pathway.org_number) == (Stage.LAUNCH, "923456789")
    # The next form (follow-up) does not ask for it again.
    assert 'name="org_number"' not in client.get(f"/pathways/{pathway.pk}/").content.decode()
