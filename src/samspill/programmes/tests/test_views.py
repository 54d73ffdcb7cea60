"""The catalogue and the partner's referral inbox."""

import pytest
from django.test import Client

from samspill.employers.tests.helpers import build_objects, withdraw_consent
from samspill.pathways.models import PathwayEvent
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def client_for(world, persona) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user(persona))
    return client


def test_the_partner_works_through_the_inbox(world):
    objects = build_objects(world)
    client = client_for(world, "partner")
    page = client.get("/programmes/referrals/").content.decode()
    assert "Referral inbox" in page and "Amina Haddad" in page
    base = f"/programmes/referrals/{objects.referral.pk}"
    assert client.post(f"{base}/accept/").status_code == 302
    assert client.post(f"{base}/start/", {"effective_date": "2025-04-01"}).status_code == 302
    assert client.post(f"{base}/complete/", {"effective_date": "2025-08-01"}).status_code == 302
    kinds = list(PathwayEvent.objects.filter(pathway=objects.pathway).values_list("kind", flat=True))
    assert "enrolment_start" in kinds and "enrolment_end" in kinds


def test_an_illegal_move_in_the_inbox_is_a_clear_message_and_changes_nothing(world):
    objects = build_objects(world)
    client = client_for(world, "partner")
    before = fingerprint()
    response = client.post(
        f"/programmes/referrals/{objects.referral.pk}/complete/", {"effective_date": "2025-04-01"}, follow=True
    )
    assert "cannot become completed" in response.content.decode()
    assert fingerprint() == before


def test_the_partner_no_longer_sees_the_person_after_withdrawal(world):
    objects = build_objects(world)
    withdraw_consent_of_partner = objects.partner_consent
    withdraw_consent(world, withdraw_consent_of_partner)
    page = client_for(world, "partner").get("/programmes/referrals/").content.decode()
    assert "Amina" not in page and "Haddad" not in page
    assert "Not shared" in page


def test_a_referral_without_consent_on_the_programme_page(world):
    objects = build_objects(world)
    withdraw_consent(world, objects.partner_consent)
    client = client_for(world, "owner")
    other = client_for(world, "partner").post(
        "/programmes/new/",
        {
            "provider": str(world.organisations["school"].pk),
            "name": "Job club",
            "kind": "qualification",
            "seats": "4",
            "active": "on",
        },
    )
    assert other.status_code == 302
    programme_url = other["Location"]
    before = fingerprint()
    response = client.post(f"{programme_url}refer/", {"pathway": str(objects.pathway.pk)})
    assert response.status_code == 422
    assert "must consent to share their profile with Sandefjord voksenopplæring" in response.content.decode()
    assert fingerprint() == before


def test_the_catalogue_lists_free_seats(world):
    build_objects(world)
    page = client_for(world, "mentor").get("/programmes/").content.decode()
    assert "Norwegian for work" in page
    assert "Add a programme" not in page
