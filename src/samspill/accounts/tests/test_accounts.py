import pytest
from django.test import Client

from samspill.accounts.models import User
from samspill.accounts.services import token_authenticate, token_create, token_revoke
from samspill.testing.personas import PASSWORD, build_world


@pytest.fixture
def world_with_passwords(db):
    return build_world(with_passwords=frozenset({"owner", "other_organisation"}))


def test_passwords_are_stored_with_argon2(world_with_passwords):
    assert User.objects.get(username="owner").password.startswith("argon2")


def test_login_and_logout(world_with_passwords):
    client = Client()
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.get("/accounts/logout/").status_code == 405  # logging out needs a POST with CSRF
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_gives_a_clear_error(world_with_passwords):
    response = Client().post("/accounts/login/", {"username": "owner", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while(world_with_passwords):
    client = Client()
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
    assert response.status_code == 429


def test_coordinator_resets_a_password_and_the_person_must_choose_a_new_one(world_with_passwords):
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    owner = User.objects.get(username="owner")
    response = coordinator.post(f"/accounts/users/{owner.pk}/reset-password/")
    assert response.status_code == 200
    temporary = response.context["temporary_password"]
    assert temporary and temporary in response.content.decode()

    person = Client()
    assert person.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 200
    assert person.post("/accounts/login/", {"username": "owner", "password": temporary}).status_code == 302
    # Everything leads to the password page until a new password is chosen.
    assert person.get("/participants/")["Location"] == "/accounts/password/"
    response = person.post("/accounts/password/", {"old_password": temporary, "new_password": "short"})
    assert response.status_code == 200 and response.context["form"].errors["new_password"]
    response = person.post(
        "/accounts/password/", {"old_password": temporary, "new_password": "a-much-longer-new-passphrase"}
    )
    assert response.status_code == 302
    assert person.get("/participants/").status_code == 200


def test_coordinator_cannot_reset_someone_in_another_organisation(world_with_passwords):
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    other = User.objects.get(username="other_organisation")
    assert coordinator.post(f"/accounts/users/{other.pk}/reset-password/").status_code == 404
    assert (
        Client().post("/accounts/login/", {"username": "other_organisation", "password": PASSWORD}).status_code == 302
    )


def test_tokens_are_shown_once_stored_hashed_and_revocable(world):
    owner = world.user("owner")
    token, raw = token_create(actor=owner, name="HR system")
    assert raw.startswith("ssp_") and raw not in token.digest and token.prefix == raw[:10]
    assert token_authenticate(raw) == owner
    assert token_authenticate(raw + "x") is None
    token_revoke(actor=owner, token_id=token.pk)
    assert token_authenticate(raw) is None


def test_the_token_page_creates_a_token(world):
    client = Client()
    client.force_login(world.user("owner"))
    response = client.post("/accounts/tokens/", {"name": "Integration", "days_valid": 30})
    assert response.status_code == 200
    assert token_authenticate(response.context["new_token"]) == world.user("owner")
    response = client.post("/accounts/tokens/", {"name": "", "days_valid": 999})
    assert response.context["form"].errors.keys() == {"name", "days_valid"}
