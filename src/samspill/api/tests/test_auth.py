"""Personal access tokens for integrations, the session (with CSRF) for the browser, 401 for everyone else."""

from datetime import timedelta

import pytest
from django.conf import settings

from samspill.accounts.models import PersonalAccessToken
from samspill.accounts.services import token_create, token_revoke
from samspill.api.tests.conftest import LIST_URL, detail_url, english_client
from samspill.core import clock
from samspill.people.models import Participant

pytestmark = pytest.mark.django_db


def _bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def owner_token(world) -> tuple[PersonalAccessToken, str]:
    return token_create(actor=world.user("owner"), name="Integration test")


def _new() -> dict:
    return {
        "given_name": "Olena",
        "family_name": "Kovalenko",
        "birth_date": "1984-02-29",
        "municipality_number": "3907",
    }


def test_a_token_authenticates_as_its_owner(world, owner_token):
    token, raw = owner_token
    response = english_client().get(detail_url(world.participant), **_bearer(raw))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_needs_no_csrf_token_for_writes(world, owner_token):
    client = english_client(enforce_csrf_checks=True)
    response = client.post(LIST_URL, _new(), content_type="application/json", **_bearer(owner_token[1]))
    assert response.status_code == 201, response.content


def _assert_401(response):
    assert response.status_code == 401
    assert response.json()["detail"].startswith("You are not signed in.")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("case", ["revoked", "expired", "garbage", "wrong_scheme", "inactive_user", "empty"])
def test_a_bad_token_is_a_401(world, owner_token, case):
    token, raw = owner_token
    header = f"Bearer {raw}"
    if case == "revoked":
        token_revoke(actor=world.user("owner"), token_id=token.pk)
    elif case == "expired":
        PersonalAccessToken.objects.filter(pk=token.pk).update(expires_at=clock.now() - timedelta(seconds=1))
    elif case == "garbage":
        header = "Bearer ssp_this-is-not-a-token"
    elif case == "wrong_scheme":
        header = f"Token {raw}"
    elif case == "inactive_user":
        world.user("owner").__class__.objects.filter(pk=world.user("owner").pk).update(is_active=False)
    elif case == "empty":
        header = "Bearer "
    _assert_401(english_client().get(LIST_URL, HTTP_AUTHORIZATION=header))


def test_a_bad_token_is_not_rescued_by_a_session(world, client_for):
    client = client_for("owner")
    assert client.get(LIST_URL).status_code == 200
    _assert_401(client.get(LIST_URL, **_bearer("ssp_not-a-real-token")))


def test_anonymous_gets_401_on_every_method_even_without_csrf(world):
    client = english_client(enforce_csrf_checks=True)
    _assert_401(client.get(LIST_URL))
    _assert_401(client.post(LIST_URL, _new(), content_type="application/json"))
    _assert_401(client.patch(detail_url(world.participant), {"phone": "1"}, content_type="application/json"))


def _csrf_token(client) -> str:
    client.get("/api/docs")  # any page that uses the token sets the cookie
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def test_session_reads_need_no_csrf_token(world, client_for):
    assert client_for("owner", enforce_csrf_checks=True).get(detail_url(world.participant)).status_code == 200


def test_session_writes_need_the_csrf_token(world, client_for):
    client = client_for("owner", enforce_csrf_checks=True)
    before = (Participant.objects.count(), Participant.objects.filter(pk=world.participant.pk).values().get())

    refused_post = client.post(LIST_URL, _new(), content_type="application/json")
    refused_patch = client.patch(detail_url(world.participant), {"phone": "1"}, content_type="application/json")
    for response in (refused_post, refused_patch):
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]
    assert (Participant.objects.count(), Participant.objects.filter(pk=world.participant.pk).values().get()) == before

    token = _csrf_token(client)
    assert client.post(LIST_URL, _new(), content_type="application/json", HTTP_X_CSRFTOKEN=token).status_code == 201
    patched = client.patch(
        detail_url(world.participant), {"phone": "1"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert patched.status_code == 200


def test_a_session_that_must_change_its_password_is_refused(world, client_for):
    owner = world.user("owner")
    owner.must_change_password = True
    owner.save(update_fields=["must_change_password"])
    response = client_for("owner").get(LIST_URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "Choose a new password before you continue."
