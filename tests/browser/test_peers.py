"""A mentor accepts a proposal in the browser, and the job specialist sees the mentors page with the network of
ties; axe-core on each page."""

import pytest
from playwright.sync_api import expect

from samspill.peers.models import Mentorship, MentorshipStatus, Tie
from samspill.peers.tests.persona_cases import prepare
from samspill.testing.personas import build_world


@pytest.fixture
def peers_world(live_server, transactional_db):
    world = build_world()
    prepare(world)
    return world


def test_a_mentor_accepts_a_proposal(sign_in, page, live_server, peers_world, assert_accessible):
    world = peers_world
    sign_in(world.user("mentor"))
    page.goto(live_server.url + "/mentoring/")
    assert_accessible(page, "mentoring, a proposal")
    page.get_by_role("button", name="Accept").focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(page.get_by_role("status").filter(has_text="You are now the participant's mentor.")).to_be_visible()
    assert Mentorship.objects.get().status == MentorshipStatus.ACTIVE and Tie.objects.count() == 1
    page.get_by_text("Record a session").click()
    assert_accessible(page, "mentoring, an active mentorship")
    page.goto(live_server.url + "/mentoring/profile/")
    assert_accessible(page, "mentor profile")


def test_the_job_specialist_sees_mentors_and_the_network(sign_in, page, live_server, peers_world, assert_accessible):
    world = peers_world
    sign_in(world.user("owner"))
    page.goto(f"{live_server.url}/participants/{world.participant.pk}/mentors/")
    expect(page.get_by_role("table", name="Ties by month")).to_be_visible()
    assert_accessible(page, "mentors and network")
