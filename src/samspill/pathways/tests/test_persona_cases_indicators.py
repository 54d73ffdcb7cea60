"""Runs persona_cases_indicators the way the project's persona meta-tests do, until they are wired in there."""

import json
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client

from samspill.api.tests.conftest import give_employer_consent
from samspill.audit.models import AccessLog
from samspill.pathways.tests.persona_cases_indicators import API_CASES, WEB_CASES, prepare
from samspill.testing.database import fingerprint
from samspill.testing.personas import PERSONA_NAMES


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("case", WEB_CASES + API_CASES, ids=lambda c: f"{c.route}:{c.method}")
def test_each_persona_gets_the_expected_status(world, case):
    give_employer_consent(world)
    prepare(world)
    fx = SimpleNamespace(world=world)
    actual = {}
    for persona in PERSONA_NAMES:
        try:
            with transaction.atomic():
                client = Client(HTTP_ACCEPT_LANGUAGE="en")
                if persona != "anonymous":
                    client.force_login(world.user(persona))
                url = case.url(fx)
                before, reads = fingerprint(include_access_log=False), AccessLog.objects.count()
                if case.json:
                    body = json.dumps(case.data) if case.method == "post" else ""
                    response = client.generic(case.method.upper(), url, data=body, content_type="application/json")
                else:
                    response = getattr(client, case.method)(url, case.data)
                actual[persona] = response.status_code
                if response.status_code >= 300:
                    assert AccessLog.objects.count() == reads, f"{persona}: a refused request logged a read"
                    assert fingerprint(include_access_log=False) == before, f"{persona}: a refused request wrote"
                raise _Rollback
        except _Rollback:
            pass
    assert actual == case.expected
