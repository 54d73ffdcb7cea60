"""A job specialist accepts and rejects suggestions in the browser, by keyboard; a coordinator sets the weights.
axe-core on each page."""

import re

import pytest
from playwright.sync_api import expect

from samspill.matching.models import OrganisationWeights, SuggestionFeedback, Wishes
from samspill.matching.tests.helpers import prepare_matching
from samspill.pathways.models import Activity
from samspill.testing.personas import build_world


@pytest.fixture
def matching_world(live_server, transactional_db):
    return prepare_matching(build_world())


def test_a_job_specialist_accepts_a_job_suggestion(sign_in, page, live_server, matching_world, assert_accessible):
    world = matching_world
    sign_in(world.user("owner"))
    page.goto(f"{live_server.url}/participants/{world.participant.pk}/")
    page.get_by_role("link", name=re.compile("Suggestions")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggestions for Amina Haddad")
    # The participant's wishes, recorded with them: the preference factor then counts for the baker's job.
    page.get_by_label("Wished occupations").fill("7512")
    page.get_by_role("group", name="Kinds of opportunity").get_by_label("Job", exact=True).check()
    page.get_by_role("button", name="Save the wishes").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("The wishes are saved")
    assert Wishes.objects.get().occupations == ["7512"]
    job = page.get_by_role("article", name=re.compile("Baker"))
    expect(job.get_by_role("row", name=re.compile("Own wishes"))).to_contain_text("0.200")
    expect(job.get_by_role("table", name="How the score is made up")).to_be_visible()
    assert_accessible(page, "suggestions")

    job.get_by_role("button", name="Accept Opportunities 1").focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(page.get_by_role("status")).to_contain_text("Accepted: the next step is in the plan")
    application = Activity.objects.get(kind="application")
    assert "Baker" in application.title
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.decision, feedback.created_object) == ("accepted", str(application.pk))

    # The programme does not fit: rejected with a reason, typed and sent from the keyboard.
    service = page.get_by_role("article", name=re.compile("Norwegian"))
    service.get_by_label("Reason for rejecting").fill("Starts only in August.")
    service.get_by_label("Reason for rejecting").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Rejected; the reason is kept")
    assert SuggestionFeedback.objects.get(decision="rejected").reason == "Starts only in August."
    assert_accessible(page, "suggestions after deciding")


def test_a_coordinator_sets_the_weights(sign_in, page, live_server, matching_world, assert_accessible):
    world = matching_world
    sign_in(world.user("coordinator"))
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Matching weights").click()
    assert_accessible(page, "matching weights")
    section = page.get_by_role("region", name=re.compile("^Opportunities"))
    section.get_by_role("spinbutton", name="Job quality").fill("50")
    section.get_by_role("button", name=re.compile("^Save the weights")).click()
    expect(page.get_by_role("status")).to_contain_text("The weights are saved.")
    assert OrganisationWeights.objects.get(matcher="job").weights["job_quality"] == 50
    assert_accessible(page, "matching weights, saved")
