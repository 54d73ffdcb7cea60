"""Every API route, every persona: the expected status. A denied request changes nothing and logs no read.

``API_EXPECTED_STATUS`` is the table ("METHOD /path" -> persona -> status); ``API_CASES`` are the same entries as
cases for the project's persona meta-test (tests/test_personas.py), which checks that every Django route has
one and that each names every persona. The world is the one of that meta-test: the fixed personas, and
world.participant has consented to share with the employer organisation (so employer_contact sees the shared
fields). What employer_contact sees *before* that consent is tested below.
"""

import pytest

from samspill.api.tests.conftest import detail_url, give_employer_consent
from samspill.audit.models import AccessLog
from samspill.testing.persona_cases import ApiCase, run_api_case
from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
REGISTRARS = CASE | {"colleague_without_access", "other_organisation"}
SIGNED_IN = set(PERSONA_NAMES) - {"anonymous"}


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 401, **special: int) -> dict[str, int]:
    table = {persona: ok if persona in allowed else denied for persona in SIGNED_IN}
    return {**table, "anonymous": anonymous, **special}


# "METHOD /path" -> persona -> status, with the employer consent given. Read by a meta-test: keep it one dict.
API_EXPECTED_STATUS = {
    "GET /api/v1/participants/": statuses(SIGNED_IN, 200),
    "POST /api/v1/participants/": statuses(REGISTRARS, 201, denied=403),
    "GET /api/v1/participants/{participant_id}": statuses(CASE | {"participant", "employer_contact"}, 200),
    # The employer contact sees the shared fields but may change nothing.
    "PATCH /api/v1/participants/{participant_id}": statuses(CASE | {"participant"}, 200, employer_contact=403),
    "GET /api/v1/organisations/": statuses(SIGNED_IN, 200),
    # Not personal data, and public: the schema, the docs page and its files.
    "GET /api/openapi.json": statuses(SIGNED_IN, 200, anonymous=200),
    "GET /api/docs": statuses(SIGNED_IN, 200, anonymous=200),
    "GET /api/docs/assets/{name}": statuses(SIGNED_IN, 200, anonymous=200),
    # Addresses with nothing behind them answer a JSON 404 to everyone.
    "GET /api/": {persona: 404 for persona in PERSONA_NAMES},
    "GET /api/{anything}": {persona: 404 for persona in PERSONA_NAMES},
}


def _participant(f) -> str:
    return detail_url(f.world.participant)


_ROUTES = {
    # key -> (Django URL name, url, body)
    "GET /api/v1/participants/": ("api:participants_list", lambda f: "/api/v1/participants/", {}),
    "POST /api/v1/participants/": (
        "api:participants_create",
        lambda f: "/api/v1/participants/",
        {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "1984-02-29", "municipality_number": "3907"},
    ),
    "GET /api/v1/participants/{participant_id}": ("api:participants_get", _participant, {}),
    # A field a participant may change on their own page too.
    "PATCH /api/v1/participants/{participant_id}": ("api:participants_update", _participant, {"phone": "+47 400"}),
    "GET /api/v1/organisations/": ("api:organisations_list", lambda f: "/api/v1/organisations/", {}),
    "GET /api/openapi.json": ("api:openapi-json", lambda f: "/api/openapi.json", {}),
    "GET /api/docs": ("api:openapi-view", lambda f: "/api/docs", {}),
    "GET /api/docs/assets/{name}": ("api-docs-asset", lambda f: "/api/docs/assets/docs.js", {}),
    "GET /api/": ("api:api-root", lambda f: "/api/", {}),
    "GET /api/{anything}": ("api-not-found", lambda f: "/api/v1/nothing-here/", {}),
}
assert set(_ROUTES) == set(API_EXPECTED_STATUS)

API_CASES = [
    ApiCase(route=name, method=key.split()[0].lower(), url=url, expected=API_EXPECTED_STATUS[key], data=body, key=key)
    for key, (name, url, body) in _ROUTES.items()
]


def test_every_entry_names_every_persona():
    for key, expected in API_EXPECTED_STATUS.items():
        assert set(expected) == set(PERSONA_NAMES), key


@pytest.mark.django_db
@pytest.mark.parametrize("case", API_CASES, ids=lambda case: case.key)
def test_each_persona_gets_the_expected_status(world, case):
    give_employer_consent(world)
    run_api_case(
        world, case, logged_routes={"api:participants_get", "api:participants_update", "api:participants_create"}
    )


@pytest.mark.django_db
def test_employer_contact_sees_nothing_before_the_consent(world, client_for):
    client = client_for("employer_contact")
    assert client.get("/api/v1/participants/").json()["count"] == 0
    assert client.get(detail_url(world.participant)).status_code == 404
    patch = client.patch(detail_url(world.participant), {"phone": "1"}, content_type="application/json")
    assert patch.status_code == 404
    assert not AccessLog.objects.filter(actor=world.user("employer_contact")).exists()

    give_employer_consent(world)

    assert client.get("/api/v1/participants/").json()["count"] == 1
    assert client.get(detail_url(world.participant)).status_code == 200
    patch = client.patch(detail_url(world.participant), {"phone": "1"}, content_type="application/json")
    assert patch.status_code == 403
