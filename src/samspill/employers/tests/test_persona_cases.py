"""Runs this app's persona cases the way the project's persona meta-test does (until it imports them): each
persona's request in a savepoint that is rolled back; a refusal changes nothing and logs no read; a success logs
exactly one read on the routes that show a person, none elsewhere."""

import json

import pytest
from django.db import transaction
from django.test import Client

from samspill.accounts.services import token_create
from samspill.api.tests.conftest import give_employer_consent
from samspill.audit.models import AccessLog
from samspill.employers.tests.persona_cases import _F, API_CASES, LOGGING_ROUTES, WEB_CASES, prepare
from samspill.testing.database import fingerprint
from samspill.testing.personas import PERSONA_NAMES

DENIED = {401, 403, 404}


class _Rollback(Exception):
    pass


@pytest.fixture
def fx(world):
    # As the meta-tests' fixtures: a token, and the employer consent given before prepare() runs.
    token_create(actor=world.user("owner"), name="integration")
    give_employer_consent(world)
    prepare(world)
    return _F(world)


def _run(case, fx, *, api: bool):
    actual = {}
    for persona in PERSONA_NAMES:
        try:
            with transaction.atomic():
                client = Client(HTTP_ACCEPT_LANGUAGE="en")
                if persona != "anonymous":
                    client.force_login(fx.world.user(persona))
                url = case.url(fx)
                refused = case.expected[persona] in DENIED | {422} or persona == "anonymous"
                before = fingerprint(include_access_log=False) if refused else None
                reads = AccessLog.objects.count()
                if api:
                    body = json.dumps(case.data) if case.method in ("post", "patch", "put") else ""
                    response = client.generic(case.method.upper(), url, data=body, content_type="application/json")
                else:
                    response = getattr(client, case.method)(url, case.data)
                status = actual[persona] = response.status_code
                logged = AccessLog.objects.count() - reads
                if status in DENIED or status == 422 or (persona == "anonymous" and status == 302):
                    assert logged == 0, f"{case.route} {persona}: a refused request logged a read"
                    assert fingerprint(include_access_log=False) == before, f"{case.route} {persona}: changed data"
                    if api:
                        assert "detail" in response.json()
                elif case.route in LOGGING_ROUTES:
                    assert logged == 1, f"{case.route} {persona}: showing a person logs one read, got {logged}"
                elif case.method == "get":
                    assert logged == 0, f"{case.route} {persona}: lists and catalogues log no read"
                raise _Rollback
        except _Rollback:
            pass
    assert actual == case.expected, case.route


def test_every_case_names_every_persona():
    for case in WEB_CASES + API_CASES:
        assert set(case.expected) == set(PERSONA_NAMES), case.route


def test_every_route_of_these_apps_has_a_case():
    from django.urls import URLPattern, URLResolver, get_resolver

    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    mine = {n for n in names if n.startswith(("employers:", "programmes:"))}
    from samspill.api.routers import employers, programmes

    for router in (employers.router, programmes.router):
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                mine.add(f"api:{operation.url_name}")
    covered = {case.route for case in WEB_CASES + API_CASES}
    assert not mine - covered


@pytest.mark.django_db
@pytest.mark.parametrize("case", WEB_CASES, ids=lambda c: f"{c.route}:{c.method}")
def test_web_case(case, fx):
    _run(case, fx, api=False)


@pytest.mark.django_db
@pytest.mark.parametrize("case", API_CASES, ids=lambda c: c.key)
def test_api_case(case, fx):
    _run(case, fx, api=True)
