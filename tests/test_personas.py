"""Every URL and API route, every persona: the expected status. A route without an entry fails the meta-test.

Each denied request must change nothing and write no access-log row; each case is run in a savepoint that is
rolled back, so personas do not see each other's writes.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from samspill.access.selectors import access_participant
from samspill.accounts.services import token_create
from samspill.audit.models import AccessLog
from samspill.consent.services import consent_give
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.people.services import language_skill_save, profile_item_add
from samspill.testing.database import fingerprint
from samspill.testing.persona_cases import Case, statuses
from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
SPECIALISTS = {"owner", "colleague_with_access", "colleague_without_access", "other_organisation"}
CASE_ROLES = SPECIALISTS | {"coordinator"}
SHARING = {"employer_contact", "partner", "mentor"}
PARTICIPANTS = {"participant", "other_participant"}
LOGGED_IN = set(PERSONA_NAMES) - {"anonymous"}
DENIED = {404, 401, 403}


def _p(f):
    return f"/participants/{f.world.participant.pk}"


WEB_CASES = [
    Case("web:home", "get", lambda f: "/", statuses(LOGGED_IN, 200)),
    Case(
        "set_language",
        "post",
        lambda f: "/i18n/setlang/",
        statuses(LOGGED_IN, 302, anonymous=302),
        data={"language": "en", "next": "/"},
    ),
    Case("accounts:login", "get", lambda f: "/accounts/login/", statuses(set(), 302, denied=302, anonymous=200)),
    Case("accounts:logout", "post", lambda f: "/accounts/logout/", statuses(LOGGED_IN, 302)),
    Case("accounts:password_change", "get", lambda f: "/accounts/password/", statuses(LOGGED_IN, 200)),
    Case("accounts:tokens", "get", lambda f: "/accounts/tokens/", statuses(LOGGED_IN, 200)),
    Case("accounts:token_revoke", "post", lambda f: f"/accounts/tokens/{f.token.pk}/revoke/", statuses({"owner"}, 302)),
    Case("accounts:users", "get", lambda f: "/accounts/users/", statuses({"coordinator"}, 200)),
    Case(
        "accounts:user_password_reset",
        "post",
        lambda f: f"/accounts/users/{f.world.user('owner').pk}/reset-password/",
        statuses({"coordinator"}, 200),
    ),
    Case("people:caseload", "get", lambda f: "/participants/", statuses(CASE_ROLES, 200)),
    Case("people:participant_create", "get", lambda f: "/participants/new/", statuses(CASE_ROLES, 200)),
    Case(
        "people:participant_detail",
        "get",
        lambda f: f"{_p(f)}/",
        statuses(CASE | {"participant", "employer_contact"}, 200),
    ),
    Case("people:participant_edit", "get", lambda f: f"{_p(f)}/edit/", statuses(CASE | {"participant"}, 200)),
    Case("people:health_edit", "get", lambda f: f"{_p(f)}/health/", statuses({"owner", "colleague_with_access"}, 200)),
    Case(
        "people:language_save",
        "post",
        lambda f: f"{_p(f)}/languages/",
        statuses(CASE | {"participant"}, 302),
        data={"language": "nb", "listening": "B1", "reading": "A2"},
    ),
    Case(
        "people:item_add",
        "post",
        lambda f: f"{_p(f)}/skills/add/",
        statuses(CASE | {"participant"}, 302),
        data={"name": "Forklift driving"},
    ),
    Case(
        "people:item_remove",
        "post",
        lambda f: f"{_p(f)}/skills/{f.skill.pk}/remove/",
        statuses(CASE | {"participant"}, 302),
    ),
    Case("people:shared", "get", lambda f: "/shared/", statuses(SHARING, 200)),
    Case("people:me", "get", lambda f: "/me/", statuses(PARTICIPANTS, 200)),
    Case("audit:my_access_log", "get", lambda f: "/me/access-log/", statuses(PARTICIPANTS, 200)),
    Case("consent:participant_consents", "get", lambda f: f"{_p(f)}/consents/", statuses(CASE | {"participant"}, 200)),
    Case(
        "consent:withdraw",
        "post",
        lambda f: f"{_p(f)}/consents/{f.consent.pk}/withdraw/",
        statuses(CASE | {"participant"}, 302),
    ),
]
# Extra cases for the same routes, with other sections or bodies.
EXTRA_CASES = [
    Case(
        "people:item_add",
        "post",
        lambda f: f"{_p(f)}/educations/add/",
        statuses(CASE, 302),
        data={"level": "bachelor", "country": "SY", "recognition_status": "pending"},
    ),
]


def _all_route_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


# Each app keeps the persona table of its own routes next to its code, with a runner that plays every case the
# way test_it_checks_ownership does here (statuses, nothing changed and nothing logged on denial).
PERSONA_CASE_MODULES = [
    "samspill.api.tests.test_personas_api",
    "samspill.api.tests.persona_cases_pathways",
    "samspill.api.tests.persona_cases_matching",
    "samspill.employers.tests.persona_cases",
    "samspill.pathways.tests.persona_cases",
    "samspill.pathways.tests.persona_cases_indicators",
    "samspill.research.tests.persona_cases",
    "samspill.peers.tests.persona_cases",
    "samspill.matching.tests.persona_cases",
    "samspill.matching.tests.persona_cases_evaluation",
]


def _app_cases() -> list:
    import importlib

    cases = []
    for name in PERSONA_CASE_MODULES:
        module = importlib.import_module(name)
        cases += list(getattr(module, "WEB_CASES", [])) + list(getattr(module, "API_CASES", []))
    return cases


def test_every_route_has_an_entry_for_every_persona():
    cases = WEB_CASES + EXTRA_CASES + _app_cases()
    covered = {case.route for case in cases}
    missing = sorted(_all_route_names() - covered)
    assert not missing, f"routes without persona expectations: {missing}"
    for case in cases:
        assert set(case.expected) == set(PERSONA_NAMES), case.route


@dataclass
class Fixture:
    world: object
    token: object = None
    skill: object = None
    consent: object = None


@pytest.fixture
def fixture(world):
    owner = world.user("owner")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    language_skill_save(actor=owner, access=access, data={"language": "ar", "is_mother_tongue": True})
    skill = profile_item_add(actor=owner, access=access, section="skills", data={"name": "Baking"})
    consent = consent_give(
        actor=world.user("participant"),
        access=access_participant(world.user("participant"), world.participant.pk, Purpose.SELF_SERVICE),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    token, _raw = token_create(actor=owner, name="integration")
    return Fixture(world=world, token=token, skill=skill, consent=consent)


class _Rollback(Exception):
    pass


def run_case(case: Case, fx: Fixture, persona: str):
    client = Client(raise_request_exception=True)
    if persona != "anonymous":
        client.force_login(fx.world.user(persona))
    url = case.url(fx)
    before, access_rows = fingerprint(), AccessLog.objects.count()
    kwargs = {"content_type": "application/json"} if case.json else {}
    response = getattr(client, case.method)(url, case.data, **kwargs)
    return response, before, access_rows


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", WEB_CASES + EXTRA_CASES, ids=lambda c: f"{c.route}:{c.method}:{c.url.__code__.co_firstlineno}"
)
def test_it_checks_ownership(case, fixture):
    for persona in PERSONA_NAMES:
        try:
            with transaction.atomic():
                response, before, access_rows = run_case(case, fixture, persona)
                assert response.status_code == case.expected[persona], (
                    f"{case.method.upper()} {case.route} as {persona}: {response.status_code}, "
                    f"expected {case.expected[persona]}"
                )
                if response.status_code in DENIED or (
                    persona == "anonymous"
                    and response.status_code == 302
                    and case.expected["anonymous"] == 302
                    and "/accounts/login/" in response.get("Location", "")
                ):
                    assert AccessLog.objects.count() == access_rows, f"{persona}: a denied request logged a read"
                    assert fingerprint() == before, f"{persona}: a denied request changed data"
                raise _Rollback
        except _Rollback:
            pass
