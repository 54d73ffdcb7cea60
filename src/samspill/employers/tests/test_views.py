"""The employer contact's pages and the job specialist's employer pages."""

import pytest
from django.test import Client

from samspill.audit.models import AccessLog
from samspill.employers.tests.helpers import build_objects, withdraw_consent
from samspill.pathways.models import PathwayEvent
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def client_for(world, persona) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user(persona))
    return client


def test_the_employer_sees_the_consented_candidate_and_not_after_withdrawal(world):
    objects = build_objects(world)
    client = client_for(world, "employer_contact")
    url = f"/employers/opportunities/{objects.opportunity.pk}/"
    page = client.get(url).content.decode()
    assert "Amina Haddad" in page and "Keen baker." in page
    assert "Propose a candidate" not in page  # the employer does not propose

    withdraw_consent(world, objects.employer_consent)
    page = client.get(url).content.decode()
    assert "Amina" not in page
    assert "No candidates to show." in page


def test_the_employer_sees_the_placement_with_support_plan_and_follow_up(world):
    objects = build_objects(world)
    client = client_for(world, "employer_contact")
    listing = client.get("/employers/placements/").content.decode()
    assert "Amina Haddad" in listing
    reads = AccessLog.objects.count()
    page = client.get(f"/employers/placements/{objects.placement.pk}/").content.decode()
    assert AccessLog.objects.count() == reads + 1
    assert "Weekly check-in with the mentor." in page
    assert "Follow-up every 14 days." in page
    assert "End the placement" not in page  # the job specialist's work

    withdraw_consent(world, objects.employer_consent)
    reads = AccessLog.objects.count()
    page = client.get(f"/employers/placements/{objects.placement.pk}/").content.decode()
    assert "Amina" not in page and "Haddad" not in page
    assert "has not consented" in page
    assert AccessLog.objects.count() == reads  # no person shown, no read logged
    listing = client.get("/employers/placements/").content.decode()
    assert "Amina" not in listing and "Not shared" in listing


def test_the_job_specialist_logs_a_contact_on_a_pathway(world):
    objects = build_objects(world)
    client = client_for(world, "owner")
    page = client.get("/employers/contacts/").content.decode()
    assert "They can take one person in March." in page
    response = client.post(
        "/employers/contacts/",
        {
            "date": "2025-02-25",
            "kind": "meeting",
            "employer": str(world.organisations["employer"].pk),
            "pathway": str(objects.pathway.pk),
            "outcome": "Agreed on a work trial.",
        },
    )
    assert response.status_code == 302
    assert PathwayEvent.objects.filter(pathway=objects.pathway, kind="employer_contact").count() == 2


def test_a_bad_contact_shows_the_errors_and_stores_nothing(world):
    build_objects(world)
    client = client_for(world, "owner")
    before = fingerprint()
    response = client.post("/employers/contacts/", {"date": "yesterday", "kind": "fax", "outcome": ""})
    assert response.status_code == 422
    assert "Please correct the following" in response.content.decode()
    assert fingerprint() == before


def test_ending_a_placement_before_it_started_shows_the_error(world):
    objects = build_objects(world)
    client = client_for(world, "owner")
    before = fingerprint()
    response = client.post(
        f"/employers/placements/{objects.placement.pk}/end/", {"end_date": "2025-01-01", "end_reason": "hired"}
    )
    assert response.status_code == 200
    assert "cannot end before it started" in response.content.decode()
    assert fingerprint() == before
    response = client.post(
        f"/employers/placements/{objects.placement.pk}/end/", {"end_date": "2025-05-01", "end_reason": "hired"}
    )
    assert response.status_code == 302
    assert PathwayEvent.objects.filter(pathway=objects.pathway, kind="placement_end").exists()


def test_a_malformed_occupation_code_and_cefr_level_on_the_form(world):
    client = client_for(world, "employer_contact")
    before = fingerprint()
    response = client.post(
        "/employers/opportunities/new/",
        {
            "kind": "job",
            "title": "Baker",
            "occupation_code": "75",
            "occupation_title": "Baker",
            "norwegian_level": "D1",
            "hours_per_week": "20",
            "municipality_number": "3907",
            "positions": "1",
            "status": "open",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "four-digit STYRK-08 code" in page
    assert "Select a valid choice" in page  # the form offers only A1–C2
    assert fingerprint() == before


def test_the_job_specialist_registers_an_opportunity_and_starts_a_placement(world):
    objects = build_objects(world)
    client = client_for(world, "owner")
    response = client.post(
        "/employers/opportunities/new/",
        {
            "employer": str(world.organisations["employer"].pk),
            "kind": "work_trial",
            "title": "Warehouse trial",
            "occupation_code": "9321",
            "occupation_title": "Hand packers",
            "norwegian_level": "A2",
            "hours_per_week": "30",
            "municipality_number": "3907",
            "positions": "1",
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert client.get("/employers/placements/new/").status_code == 200
    profile = client.post(
        f"/employers/{world.organisations['employer'].pk}/",
        {
            "industry_code": "10.710",
            "size_band": "10-49",
            "municipality_number": "3907",
            "workplace_mentors": "2",
            "language_practice_places": "1",
        },
    )
    assert profile.status_code == 302
    assert objects.opportunity.pk
