"""axe-core (WCAG 2.1 A/AA) on every page of employers/ and programmes/, for the personas who use them, with
forms showing errors too."""

import pytest

from samspill.employers.tests.persona_cases import prepare
from samspill.testing.personas import build_world


@pytest.fixture
def world_with_objects(live_server, transactional_db):
    world = build_world()
    prepare(world)
    return world


def _check(page, live_server, assert_accessible, path, name):
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, (path, response and response.status)
    assert_accessible(page, name)


def test_the_employer_contacts_pages(sign_in, page, live_server, world_with_objects, assert_accessible):
    world = world_with_objects
    objects = world.employers_prepared.objects
    sign_in(world.user("employer_contact"))
    for path, name in [
        ("/employers/opportunities/", "opportunities"),
        (f"/employers/opportunities/{objects.opportunity.pk}/", "opportunity with candidates"),
        ("/employers/opportunities/new/", "new opportunity"),
        ("/employers/placements/", "placements"),
        (f"/employers/placements/{objects.placement.pk}/", "placement with support plan"),
        (f"/employers/{world.organisations['employer'].pk}/", "employer profile"),
    ]:
        _check(page, live_server, assert_accessible, path, name)
    page.goto(live_server.url + "/employers/opportunities/new/")
    page.get_by_label("Occupation code (STYRK-08)").fill("12")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "opportunity form with errors")


def test_the_job_specialists_pages(sign_in, page, live_server, world_with_objects, assert_accessible):
    world = world_with_objects
    objects = world.employers_prepared.objects
    sign_in(world.user("owner"))
    for path, name in [
        ("/employers/contacts/", "contact log"),
        (f"/employers/opportunities/{world.employers_prepared.second_opportunity.pk}/", "opportunity, propose form"),
        ("/employers/placements/new/", "start a placement"),
        (f"/employers/placements/{objects.placement.pk}/edit/", "support plan form"),
        (f"/employers/placements/{objects.placement.pk}/end/", "end the placement"),
        ("/programmes/", "catalogue"),
        (f"/programmes/{world.employers_prepared.second_programme.pk}/", "programme with referral form"),
        ("/programmes/referrals/", "referrals"),
    ]:
        _check(page, live_server, assert_accessible, path, name)
    page.goto(live_server.url + "/employers/contacts/")
    page.get_by_role("button", name="Log the contact").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "contact log with errors")


def test_the_partners_pages(sign_in, page, live_server, world_with_objects, assert_accessible):
    sign_in(world_with_objects.user("partner"))
    for path, name in [
        ("/programmes/referrals/", "referral inbox"),
        ("/programmes/new/", "new programme"),
        (f"/programmes/{world_with_objects.employers_prepared.objects.programme.pk}/edit/", "edit programme"),
    ]:
        _check(page, live_server, assert_accessible, path, name)
