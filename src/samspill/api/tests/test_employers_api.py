"""The employers API: errors in the API's shape, events, and what consent shows the employer."""

import pytest

from samspill.api.tests.conftest import english_client
from samspill.audit.models import AccessLog
from samspill.employers.tests.helpers import OPPORTUNITY_DATA, build_objects, withdraw_consent
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


def _locs(response):
    return {tuple(item["loc"]): item for item in response.json()["detail"]}


@pytest.mark.parametrize(
    ("field", "value", "type_", "message"),
    [
        ("norwegian_level", "D1", "cefr_level", "is not a CEFR level"),
        ("occupation_code", "51", "invalid", "four-digit STYRK-08"),
        ("municipality_number", "39a7", "invalid", "four digits"),
        ("kind", "volunteering", "literal_error", "Choose one of"),
    ],
)
def test_bad_opportunities_are_422_naming_the_field(world, field, value, type_, message):
    client = _client(world, "employer_contact")
    before = fingerprint()
    response = _post(client, f"{V1}/opportunities/", {**OPPORTUNITY_DATA, field: value})
    assert response.status_code == 422
    item = _locs(response)[("body", field)]
    assert item["type"] == type_ and message in item["msg"]
    assert fingerprint() == before


def test_an_employer_contact_registers_and_closes_an_opportunity(world):
    client = _client(world, "employer_contact")
    response = _post(client, f"{V1}/opportunities/", OPPORTUNITY_DATA)  # their only employer
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["employer"]["name"] == "Vestfold Bakeri AS" and body["norwegian_level"] == "A2"
    patched = client.patch(f"{V1}/opportunities/{body['id']}", {"status": "closed"}, content_type="application/json")
    assert patched.json()["status"] == "closed"
    assert client.get(f"{V1}/opportunities/?status=closed").json()["count"] == 1


def test_a_bad_industry_code_is_422(world):
    client = _client(world, "employer_contact")
    url = f"{V1}/employers/{world.organisations['employer'].pk}/profile"
    response = client.patch(url, {"industry_code": "5610", "size_band": "1-9"}, content_type="application/json")
    assert response.status_code == 422
    assert "SN2007" in _locs(response)[("body", "industry_code")]["msg"]
    response = client.patch(url, {"industry_code": "56.101", "size_band": "1-9"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["industry_code"] == "56.101"
    assert client.get(url).json()["size_band"] == "1-9"


def test_candidates_follow_the_consent(world):
    objects = build_objects(world)
    client = _client(world, "employer_contact")
    url = f"{V1}/opportunities/{objects.opportunity.pk}/candidates"
    (candidate,) = client.get(url).json()
    assert candidate["participant"]["given_name"] == "Amina"
    withdraw_consent(world, objects.employer_consent)
    assert client.get(url).json() == []


def test_placements_follow_the_consent(world):
    objects = build_objects(world)
    client = _client(world, "employer_contact")
    detail = client.get(f"{V1}/placements/{objects.placement.pk}").json()
    assert detail["participant"]["family_name"] == "Haddad"
    assert detail["pathway"] is None  # the employer does not get the pathway
    assert detail["on_the_job_supports"] == "Weekly check-in with the mentor."
    assert len(detail["next_follow_ups"]) == 4
    withdraw_consent(world, objects.employer_consent)
    reads = AccessLog.objects.count()
    detail = client.get(f"{V1}/placements/{objects.placement.pk}").json()
    assert detail["participant"] is None
    assert AccessLog.objects.count() == reads
    (item,) = client.get(f"{V1}/placements/").json()["items"]
    assert item["participant"] is None


def test_placement_start_and_end_write_events_and_refuse_an_end_before_the_start(world):
    objects = build_objects(world)
    client = _client(world, "owner")
    url = f"{V1}/placements/{objects.placement.pk}/end"
    before = fingerprint()
    response = _post(client, url, {"end_date": "2025-03-02", "end_reason": "completed"})
    assert response.status_code == 422
    assert "cannot end before it started" in _locs(response)[("body", "end_date")]["msg"]
    assert fingerprint() == before
    response = _post(client, url, {"end_date": "2025-06-30", "end_reason": "hired"})
    assert response.status_code == 200 and response.json()["end_date"] == "2025-06-30"
    assert _post(client, url, {"end_date": "2025-07-01", "end_reason": "hired"}).status_code == 422

    response = _post(
        client,
        f"{V1}/placements/",
        {
            "pathway": str(objects.pathway.pk),
            "opportunity": str(objects.opportunity.pk),
            "start_date": "2025-08-01",
            "hours_per_week": 37.5,
            "subsidy_kind": "wage_subsidy",
            "follow_up_interval_days": 30,
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["participant"]["given_name"] == "Amina"
    kinds = list(PathwayEvent.objects.filter(pathway=objects.pathway).values_list("kind", "effective_date"))
    assert [k for k, _d in kinds].count("placement_start") == 2
    assert ("placement_end", __import__("datetime").date(2025, 6, 30)) in kinds


def test_employer_contact_log_with_a_pathway_is_an_event(world):
    objects = build_objects(world)
    client = _client(world, "colleague_with_access")
    response = _post(
        client,
        f"{V1}/employer-contacts/",
        {
            "employer": str(world.organisations["employer"].pk),
            "date": "2025-02-28",
            "kind": "visit",
            "outcome": "Met the manager.",
            "pathway": str(objects.pathway.pk),
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["pathway"] == str(objects.pathway.pk)
    assert PathwayEvent.objects.filter(pathway=objects.pathway, kind="employer_contact").count() == 2
    listing = client.get(f"{V1}/employer-contacts/").json()
    assert listing["count"] == 2


def test_a_pathway_not_followed_up_is_a_field_error(world):
    objects = build_objects(world)
    client = _client(world, "colleague_without_access")
    response = _post(
        client, f"{V1}/opportunities/{objects.opportunity.pk}/candidates", {"pathway": str(objects.pathway.pk)}
    )
    assert response.status_code == 422
    assert ("body", "pathway") in _locs(response)


def test_the_routes_are_documented(world):
    schema = english_client().get("/api/openapi.json").json()
    for path in (
        "/api/v1/opportunities/",
        "/api/v1/placements/{placement_id}/end",
        "/api/v1/employer-contacts/",
        "/api/v1/employers/{organisation_id}/profile",
        "/api/v1/opportunities/{opportunity_id}/candidates",
    ):
        assert path in schema["paths"], path
