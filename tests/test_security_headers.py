import re

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/participants/", "/me/"])
def test_security_headers_on_every_response(world, url):
    client = Client()
    client.force_login(world.user("owner"))
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_script(world):
    client = Client()
    client.force_login(world.user("owner"))
    for url in ["/", "/participants/", f"/participants/{world.participant.pk}/", "/accounts/tokens/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script[^>]*>.*?</script>", html, flags=re.S):
            assert re.search(r'src="/static/', tag) and re.search(r">\s*</script>", tag), tag
        assert " on" not in "".join(re.findall(r"<[^>]+ on[a-z]+=", html))


@pytest.mark.django_db
def test_every_form_needs_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("owner"))
    response = client.post(f"/participants/{world.participant.pk}/skills/add/", {"name": "Baking"})
    assert response.status_code == 403
    page = client.get(f"/participants/{world.participant.pk}/").content.decode()
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", page, flags=re.S)
    assert forms and all("csrfmiddlewaretoken" in form for form in forms)


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly_and_samesite(client, world):
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"
    response = client.get("/accounts/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_oversized_bodies_are_refused_with_a_reason(client):
    response = client.post("/accounts/login/", {"username": "x" * 300_000, "password": "y"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "too large" in response.content.decode()
