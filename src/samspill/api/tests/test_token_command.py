"""``samspill token create|list|revoke``: the token is printed once, works against the API, and can be revoked."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samspill.accounts.models import PersonalAccessToken
from samspill.api.tests.conftest import LIST_URL, english_client

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def _status(raw: str) -> int:
    return english_client().get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_create_prints_a_working_token_once_and_stores_only_its_digest(world):
    raw, note = _run("create", "--username", "owner", "--name", "Case system", "--days", "30")
    assert raw.startswith("ssp_") and "\n" not in raw
    assert "shown only now" in note
    token = PersonalAccessToken.objects.get(user=world.user("owner"))
    assert token.name == "Case system" and raw not in (token.digest, token.prefix)
    assert abs((token.expires_at - token.created_at).total_seconds() - 30 * 86400) < 60
    assert _status(raw) == 200


def test_list_shows_tokens_without_the_secret(world):
    raw, _ = _run("create", "--username", "owner", "--name", "Case system")
    listing, _ = _run("list", "--username", "owner")
    token = PersonalAccessToken.objects.get()
    assert str(token.pk) in listing and token.prefix in listing and "Case system" in listing
    assert raw not in listing
    assert "valid until" in listing


@pytest.mark.parametrize("by", ["id", "prefix"])
def test_revoke_stops_the_token_at_once(world, by):
    raw, _ = _run("create", "--username", "owner", "--name", "Case system")
    token = PersonalAccessToken.objects.get()
    selector = ["--id", str(token.pk)] if by == "id" else ["--prefix", token.prefix]
    assert _run("revoke", "--username", "owner", *selector)[0] == "Revoked."
    assert _status(raw) == 401
    assert "revoked" in _run("list", "--username", "owner")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "--username", "nobody", "--name", "x"], "no active user"),
        (["create", "--username", "owner", "--name", "x", "--days", "400"], "1 to 366 days"),
        (["create", "--username", "owner", "--name", "  "], "Give the token a name"),
        (["revoke", "--username", "owner", "--prefix", "ssp_nope"], "No active token"),
        (["revoke", "--username", "owner", "--id", "not-an-id"], "no active token with this id"),
    ],
)
def test_mistakes_are_explained(world, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not PersonalAccessToken.objects.exists()


def test_someone_else_cannot_revoke_a_token(world):
    _run("create", "--username", "owner", "--name", "Case system")
    token = PersonalAccessToken.objects.get()
    with pytest.raises(CommandError):
        _run("revoke", "--username", "coordinator", "--id", str(token.pk))
    token.refresh_from_db()
    assert token.revoked_at is None
