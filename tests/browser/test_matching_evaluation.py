"""A coordinator's indicators page with the evaluation of the job suggestions, which htmx loads into it; and the
evaluation on a page of its own (what a browser without JavaScript follows). axe-core on both."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from samspill.matching.tests.evaluation_history import build_history
from samspill.testing.personas import build_world


@pytest.fixture
def history(live_server, transactional_db):
    cache.clear()
    return build_history(build_world())


def test_the_indicators_page_shows_how_good_the_suggestions_are(sign_in, page, live_server, history, assert_accessible):
    sign_in(history.world.user("coordinator"))
    page.goto(f"{live_server.url}/pathways/indicators/")
    summary = page.get_by_role("table", name="The placements against the top 10 suggestions")
    expect(summary).to_be_visible()  # loaded by htmx in place of the placeholder
    expect(page.get_by_role("heading", name="How good are the job suggestions?")).to_have_count(1)
    expect(summary.get_by_role("rowheader", name="Placements evaluated")).to_be_visible()
    assert_accessible(page, "indicators with the evaluation of the suggestions")

    page.goto(f"{live_server.url}/matching/evaluation/")
    expect(page.get_by_role("table", name="The placements against the top 10 suggestions")).to_be_visible()
    assert_accessible(page, "the evaluation of the suggestions on its own page")
