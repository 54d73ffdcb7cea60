"""Browser-test infrastructure: Playwright (sync API) driving the system's Debian chromium.

Never a browser downloaded by ``playwright install``: the browser is ``/usr/bin/chromium`` from apt (``make test``
installs it). Without it the browser tests are skipped with a message, except under ``CI=true``, where that is a
failure.

Fixtures:
- ``browser``: one chromium for the whole session;
- ``page``: a fresh context (locale ``en``) and page per test;
- ``login``: ``login(page, live_server, username, password)`` logs in through the login form;
- ``assert_accessible``: ``assert_accessible(page, context_name)`` runs axe-core (WCAG 2.1 A and AA) on the page
  and fails listing every serious or critical violation.

Every test in this folder is marked ``browser`` (``pytest -m "not browser"`` leaves them out).
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django would then refuse ORM calls from tests
# (SynchronousOnlyOperation). The tests really are synchronous, so this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
DEFAULT_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    return os.environ.get("SAMSPILL_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        message = (
            "Debian chromium is not installed (no `chromium` on PATH): browser tests need it. "
            "Install it with `apt-get install chromium`, or run `make test`, which does."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            # /dev/shm is tiny in containers; Playwright already passes --no-sandbox (we may run as root in CI).
            args=["--disable-dev-shm-usage"],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def context(browser):
    # The app sends "script-src 'self'" (no inline scripts). axe-core is injected with page.evaluate(), which
    # Chromium runs through the DevTools protocol, outside the page's CSP: checked to work with the real header,
    # so bypass_csp stays off and every page is tested under the policy it ships with. Should a future axe or
    # Playwright version be blocked, use a separate browser.new_context(bypass_csp=True) for the axe run only.
    context = browser.new_context(locale="en")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def _login(page, live_server, username: str, password: str) -> None:
    login_url = live_server.url + "/accounts/login/"
    page.goto(login_url)
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(username)
    form.locator("input[name='password']").fill(password)
    form.locator("button[type='submit'], input[type='submit']").first.click()
    page.wait_for_load_state()
    if urlparse(page.url).path == "/accounts/login/":
        errors = page.locator("[role='alert'], .errorlist, .form-errors").all_inner_texts()
        raise AssertionError(f"login as {username!r} failed; the page says: {' | '.join(errors) or page.title()}")


@pytest.fixture
def login():
    """``login(page, live_server, username, password)``: log in through the form; fails if the login fails."""
    return _login


@pytest.fixture
def sign_in(context, live_server):
    """``sign_in(user)``: the browser context gets the user's session cookie, without the login form (the tests
    that need the form itself use ``login``)."""
    from django.conf import settings
    from django.test import Client

    def sign_in(user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])

    return sign_in


def _axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return results.response.get("violations", [])


def _assert_accessible(page, context_name: str) -> None:
    violations = [v for v in _axe_violations(page) if v.get("impact") in BLOCKING_IMPACTS]
    if not violations:
        return
    lines = [f"{len(violations)} serious or critical accessibility violation(s) on {context_name} ({page.url}):"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page, context_name)``: axe-core with WCAG 2.1 A/AA rules; serious or critical fail."""
    return _assert_accessible
