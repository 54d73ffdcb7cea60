"""The issue's browser scenario: a job specialist logs in, finds a participant, edits a field and switches the
language to English and to Arabic; the participant reads their own pages right-to-left. axe-core checks every page
on the way (WCAG 2.1 A/AA: no serious or critical violation)."""

import re

import pytest

from samspill.testing.personas import PASSWORD, build_world


@pytest.fixture
def people(live_server, transactional_db):
    return build_world(with_passwords=frozenset({"owner", "participant"}))


def _switch_language(page, code):
    page.select_option("#language-select", code)
    page.get_by_role("button", name=re.compile("Change language|Bytt språk|تغيير اللغة")).click()
    page.wait_for_load_state()


def test_job_specialist_finds_edits_and_switches_language(page, live_server, people, login, assert_accessible):
    login(page, live_server, "owner", PASSWORD)
    assert_accessible(page, "start page")

    page.get_by_role("link", name="Caseload", exact=True).first.click()
    assert_accessible(page, "caseload")
    page.get_by_label("Search by name").fill("Haddad")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Haddad, Amina").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Amina Haddad"
    assert_accessible(page, "participant profile")

    page.get_by_role("link", name="Edit profile").click()
    assert_accessible(page, "edit form")
    page.get_by_label("Phone").fill("+47 412 34 567")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "+47 412 34 567" in page.locator("dl.facts").first.inner_text()
    assert page.get_by_role("status").inner_text().strip() == "The profile is saved."

    # A wrong value is explained next to its field and saves nothing.
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("National identity number").fill("12345678901")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "edit form with errors")

    _switch_language(page, "nb")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("button", name="Bytt språk").is_visible()
    _switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    _switch_language(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert_accessible(page, "edit form in Arabic")


def test_the_participant_uses_their_pages_in_arabic_right_to_left(page, live_server, people, login, assert_accessible):
    login(page, live_server, "participant", PASSWORD)
    _switch_language(page, "ar")
    page.goto(live_server.url + "/me/")
    html = page.locator("html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar")
    assert "Amina" in page.get_by_role("heading", level=1).inner_text()
    # The page is translated, not only mirrored: no English left in the main text.
    assert "Who has seen my data" not in page.locator("main").inner_text()
    assert_accessible(page, "participant's own page (ar)")
    # Right-to-left: the main column's text starts at the right edge.
    assert page.locator("main h1").evaluate("e => getComputedStyle(e).direction") == "rtl"
    for url in [
        "/me/access-log/",
        f"/participants/{people.participant.pk}/consents/",
        f"/participants/{people.participant.pk}/",
    ]:
        page.goto(live_server.url + url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert_accessible(page, f"{url} (ar)")


def test_everything_on_the_way_works_by_keyboard(page, live_server, people):
    page.goto(live_server.url + "/accounts/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.get_by_label("Username").focus()
    page.keyboard.type("owner")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    # Tab through the header to the caseload link and follow it with Enter.
    for _step in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Caseload":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/participants/$"))
    focused_outline = page.evaluate(
        "() => { const a = document.querySelector('main a'); a.focus(); return getComputedStyle(a).outlineStyle; }"
    )
    assert focused_outline != "none"
