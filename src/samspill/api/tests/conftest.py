import json

import pytest
from django.test import Client

from samspill.access.selectors import access_participant
from samspill.consent.services import consent_give
from samspill.core.roles import ConsentPurpose, Purpose

LIST_URL = "/api/v1/participants/"
ORGANISATIONS_URL = "/api/v1/organisations/"


def english_client(**kwargs) -> Client:
    """A client that asks for English, the source language of the messages the tests compare."""
    return Client(HTTP_ACCEPT_LANGUAGE="en", **kwargs)


def detail_url(participant_or_id) -> str:
    return f"/api/v1/participants/{getattr(participant_or_id, 'pk', participant_or_id)}"


@pytest.fixture
def client_for(world):
    """``client_for(persona)``: a test client signed in as the persona (anonymous: not signed in)."""

    def make(persona: str, *, enforce_csrf_checks: bool = False) -> Client:
        client = Client(enforce_csrf_checks=enforce_csrf_checks, HTTP_ACCEPT_LANGUAGE="en")
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


def give_employer_consent(world):
    """world.participant shares their profile with the employer organisation."""
    actor = world.user("participant")
    access = access_participant(actor, world.participant.pk, Purpose.SELF_SERVICE)
    return consent_give(
        actor=actor,
        access=access,
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )


@pytest.fixture
def employer_consent(world):
    return give_employer_consent(world)


def send(client, method: str, address: str, data=None):
    """A JSON request: ``data`` a dict (sent as JSON), a str (sent as it is) or None (no body)."""
    payload = "" if data is None else data if isinstance(data, str) else json.dumps(data)
    return client.generic(method, address, data=payload, content_type="application/json")
