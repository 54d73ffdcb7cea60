"""The browser stack works end to end: Debian chromium, the live server, static files and axe-core."""

import pytest


@pytest.mark.browser
def test_login_page_loads_and_is_accessible(page, live_server, assert_accessible):
    response = page.goto(live_server.url + "/accounts/login/")

    assert response is not None and response.status == 200
    assert page.locator("input[name='username']").count() == 1
    assert page.locator("input[name='password']").count() == 1
    assert_accessible(page, "the login page")
