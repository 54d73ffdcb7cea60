"""The programmes API: the referral workflow, its errors, enrolment events and what consent shows the provider."""

import pytest

from samspill.api.tests.conftest import english_client
from samspill.audit.models import AccessLog
from samspill.employers.tests.helpers import build_objects, make_pathway, make_programme, withdraw_consent
from samspill.pathways.models import PathwayEvent
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


def _client(world, persona):
    client = english_client()
    client.force_login(world.user(persona))
    return client


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _msg(response, field):
    return {tuple(item["loc"]): item["msg"] for item in response.json()["detail"]}[("body", field)]


def test_a_referral_without_consent_is_422_and_changes_nothing(world):
    pathway = make_pathway(world)
    programme = make_programme(world)
    client = _client(world, "owner")
    before = fingerprint()
    response = _post(client, f"{V1}/referrals/", {"pathway": str(pathway.pk), "programme": str(programme.pk)})
    assert response.status_code == 422
    assert "must consent to share their profile with Sandefjord voksenopplæring" in _msg(response, "pathway")
    assert fingerprint() == before


def test_the_workflow_through_the_api(world):
    objects = build_objects(world)
    url = f"{V1}/referrals/{objects.referral.pk}/transitions"
    partner, owner = _client(world, "partner"), _client(world, "owner")

    before = fingerprint()
    response = _post(partner, url, {"to": "completed", "effective_date": "2025-04-01"})
    assert response.status_code == 422
    assert "cannot become completed. It can become: accepted, declined." in _msg(response, "to")
    assert _post(partner, url, {"to": "on_hold"}).status_code == 422
    assert _post(owner, url, {"to": "accepted"}).status_code == 403
    assert fingerprint() == before

    assert _post(partner, url, {"to": "accepted"}).json()["allowed_transitions"] == ["declined", "started"]
    response = _post(partner, url, {"to": "started"})
    assert response.status_code == 422 and "effective_date" in str(response.json())
    body = _post(partner, url, {"to": "started", "effective_date": "2025-04-01"}).json()
    assert body["status"] == "started" and body["participant"]["given_name"] == "Amina"
    assert body["pathway"] is None  # the provider does not get the pathway
    assert partner.get(f"{V1}/programmes/{objects.programme.pk}").json()["free_seats"] == 4
    body = _post(owner, url, {"to": "completed", "effective_date": "2025-09-01"}).json()
    assert body["status"] == "completed" and body["pathway"] == str(objects.pathway.pk)
    final = _post(partner, url, {"to": "declined"})
    assert final.status_code == 422 and "final" in _msg(final, "to")
    events = PathwayEvent.objects.filter(pathway=objects.pathway, kind__startswith="enrolment")
    assert [(e.kind, e.effective_date.isoformat()) for e in events] == [
        ("enrolment_start", "2025-04-01"),
        ("enrolment_end", "2025-09-01"),
    ]


def test_the_provider_sees_the_person_only_while_the_consent_is_active(world):
    objects = build_objects(world)
    partner = _client(world, "partner")
    assert partner.get(f"{V1}/referrals/{objects.referral.pk}").json()["participant"]["family_name"] == "Haddad"
    withdraw_consent(world, objects.partner_consent)
    reads = AccessLog.objects.count()
    body = partner.get(f"{V1}/referrals/{objects.referral.pk}").json()
    assert body["participant"] is None and body["status"] == "proposed"
    assert AccessLog.objects.count() == reads
    (item,) = partner.get(f"{V1}/referrals/").json()["items"]
    assert item["participant"] is None


def test_programme_catalogue_crud(world):
    partner = _client(world, "partner")
    response = _post(
        partner,
        f"{V1}/programmes/",
        {
            "name": "Business start-up course",
            "kind": "business_start_up",
            "seats": 10,
            "eligibility": "Has a business idea.",
        },
    )
    assert response.status_code == 201, response.json()
    programme = response.json()
    assert programme["provider"]["name"] == "Sandefjord voksenopplæring" and programme["free_seats"] == 10
    patched = partner.patch(f"{V1}/programmes/{programme['id']}", {"active": False}, content_type="application/json")
    assert patched.json()["active"] is False
    assert _client(world, "mentor").get(f"{V1}/programmes/?kind=business_start_up").json()["count"] == 1
    bad = _post(partner, f"{V1}/programmes/", {"name": "X", "kind": "yoga", "seats": -1})
    assert bad.status_code == 422
    assert {tuple(i["loc"]) for i in bad.json()["detail"]} == {("body", "kind"), ("body", "seats")}


def test_the_routes_are_documented(world):
    schema = english_client().get("/api/openapi.json").json()
    for path in ("/api/v1/programmes/", "/api/v1/referrals/", "/api/v1/referrals/{referral_id}/transitions"):
        assert path in schema["paths"], path
