"""The evaluation of the job matcher on past placements (matching.evaluation), on a small history built through the
services at known dates, where every number can be worked out by hand.

NAV Sandefjord's history (2025; the employer is Vestfold Bakeri; weights: the defaults):

====  ===============================  ===========  ======================================================
P     profile at the start             start        placed in (all opportunities registered 01-10)
====  ===============================  ===========  ======================================================
P1    baker (7512) 5 years, B1         03-03        A: 7513, the closest occupation open then
P2    cleaner (9112) 3 years, A1       03-10        B: 9112 asking for B1; the profile says B2 only from 04-01
P3    cook (5120) 4 years, B1          03-17        C1: 5120, with C2 the same job registered a moment later
P4    driver (8322) 4 years, B1        03-24        D: 8322
P5    office clerk (4110) 4 years, B1  03-31        E: 4110
====  ===============================  ===========  ======================================================

Besides: X (9112) closed on 02-01; F (9629) filled only on 04-15; L (7512, P1's own occupation) registered on 03-10,
after P1 started. Open on 03-03: A, B, C1, C2, D, E, F = 7; from 03-10 on, L too = 8. Ålesund kommune (another
organisation) has one placement of its own.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client

from samspill.accounts.services import membership_add, user_create
from samspill.core.roles import Role
from samspill.employers.models import Opportunity
from samspill.employers.selectors import opportunities_for_actor
from samspill.employers.services import opportunity_update
from samspill.matching.evaluation import (
    SKIP_PARTICIPANT_LATER,
    UNKNOWN,
    evaluate_placements,
    matcher_evaluation,
    matcher_evaluation_cached,
    placements_in_scope,
)
from samspill.matching.tests.evaluation_history import History, at, build_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world) -> History:
    cache.clear()
    return build_history(world)


def one(history: History, key: str, *, top: int):
    """The evaluation of one placement, as the coordinator's evaluation computes it."""
    coordinator = history.world.user("coordinator")
    placements = placements_in_scope(coordinator).filter(pk=history.placements[key].pk)
    return evaluate_placements(placements, opportunities_for_actor(coordinator), top=top)


def test_the_best_fit_open_at_the_start_is_a_hit(history):
    result = one(history, "P1", top=1)
    assert (result.evaluated, result.hits, result.hit_rate, result.mean_rank_of_hits) == (1, 1, 1, 1)
    # Open when P1 started: A, B, C1, C2, D, E, F (X was closed, L not yet registered). Random: 1 of 7.
    assert result.mean_open == 7
    assert result.baseline_random == round(1 / 7, 4)


def test_an_opportunity_registered_after_the_start_is_never_seen(history):
    # L (7512, P1's own occupation) outranks A (7513) for P1 ...
    later = Opportunity.objects.get(pk=history.opportunities["L"].pk)
    Opportunity.objects.filter(pk=later.pk).update(created_at=dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC))
    looking_ahead = one(history, "P1", top=1)
    assert (looking_ahead.hit_rate, looking_ahead.mean_open, looking_ahead.median_rank) == (0, 8, 2)
    # ... but it was registered on 03-10, after P1 started on 03-03: the evaluation never sees it.
    Opportunity.objects.filter(pk=later.pk).update(created_at=later.created_at)
    result = one(history, "P1", top=1)
    assert (result.hit_rate, result.mean_open, result.median_rank) == (1, 7, 1)


def test_the_profile_is_read_as_it_was_at_the_start(history):
    # P2 had A1 when placed in B (asking for B1): the matcher would have left B out. Today's B2 would pass.
    result = one(history, "P2", top=10)
    assert (result.excluded, result.excluded_by, result.hits) == (1, {"norwegian": 1}, 0)
    assert result.profiles_rebuilt == 1
    assert result.baseline_random_eligible == 0  # excluded: a miss for a random draw among the eligible too


def test_an_opportunity_is_read_as_it_was_at_the_start(history):
    # D asks for C1 Norwegian since 04-20; when P4 started there (03-24) it asked for A2.
    with at("04-20"):
        opportunity_update(
            actor=history.world.user("employer_contact"),
            opportunity=history.opportunities["D"],
            data={"norwegian_level": "C1"},
        )
    result = one(history, "P4", top=1)
    assert (result.hit_rate, result.excluded, result.opportunities_rebuilt) == (1, 0, 1)


def test_equally_scored_opportunities_share_the_places(history):
    # C1 and C2 are the same job: with one place, C1 is first with probability 1/2. The page lists the newer (C2)
    # first, so in the page's order C1 was not shown.
    result = one(history, "P3", top=1)
    assert (result.hit_rate, result.hit_rate_as_listed, result.median_rank) == (0.5, 0, 1.5)
    assert result.mean_rank_of_hits == 1
    assert one(history, "P3", top=2).hit_rate == 1


def test_the_coordinators_evaluation_over_their_organisation(history):
    result = matcher_evaluation(actor=history.world.user("coordinator"), top=1)
    # P1 1, P2 0 (left out), P3 1/2, P4 1, P5 1: 3.5 of 5.
    assert (result.placements, result.evaluated, result.skipped) == (5, 5, {})
    assert (result.hits, result.hit_rate) == (3.5, 0.7)
    # Random: 1/7 for P1, 1/8 for the four others (L is registered by then).
    assert result.baseline_random == round((1 / 7 + 4 / 8) / 5, 4)
    assert result.mean_open == round((7 + 4 * 8) / 5, 4)
    assert result.excluded == 1


def test_counts_under_five_are_hidden_in_the_distributions(history):
    result = matcher_evaluation(actor=history.world.user("coordinator"), top=10)
    quality, qualification = result.job_quality, result.qualification
    # No job-exposure matrix in the test database: every job quality is "not assessed".
    assert [row.key for row in quality.rows][-1] == UNKNOWN
    assert quality.rows[-1].placements == 5 and quality.placements_quartiles is None
    for distribution in (quality, qualification):
        for row in distribution.rows:
            for count in (row.suggestions, row.placements):
                assert count is None or count == 0 or count >= 5, (distribution.factor, row)
    # Five placements, all with a known education: the use of qualifications has quartiles, and the placements'
    # counts (five spread over the bins) are hidden where they are 1 to 4.
    assert qualification.placements_total == 5 and qualification.placements_quartiles is not None
    assert sum(row.placements or 0 for row in qualification.rows) <= 5


def test_another_organisation_sees_none_of_it(history):
    world = history.world
    kommune_coordinator = user_create(
        actor=None, username="kommune_coordinator", password=None, first_name="K", last_name="T"
    )
    membership_add(
        actor=None, user=kommune_coordinator, organisation=world.organisations["kommune"], role=Role.COORDINATOR
    )
    result = matcher_evaluation(actor=kommune_coordinator)
    # Only Ålesund's own placement, and Yonas was registered after it started: nothing to evaluate.
    assert (result.placements, result.evaluated, result.skipped) == (1, 0, {SKIP_PARTICIPANT_LATER: 1})
    assert result.hit_rate is None
    # NAV's coordinator does not see Ålesund's placement.
    assert matcher_evaluation(actor=world.user("coordinator")).placements == 5


@pytest.mark.parametrize("persona", ["owner", "participant", "employer_contact", "researcher", "administrator"])
def test_only_coordinators_get_an_evaluation(history, persona):
    assert matcher_evaluation(actor=history.world.user(persona)) is None
    assert matcher_evaluation_cached(actor=history.world.user(persona)) is None


def test_the_evaluation_is_kept_for_ten_minutes(history):
    coordinator = history.world.user("coordinator")
    first = matcher_evaluation_cached(actor=coordinator)
    again = matcher_evaluation_cached(actor=coordinator)
    assert (first.cached, again.cached) == (False, True)
    assert again.hit_rate == first.hit_rate and again.computed_at == first.computed_at


def test_the_coordinators_page_shows_the_section(history):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(history.world.user("coordinator"))
    page = client.get("/pathways/indicators/").content.decode()
    assert 'hx-get="/matching/evaluation/"' in page and 'href="/matching/evaluation/"' in page
    section = client.get("/matching/evaluation/", HTTP_HX_REQUEST="true")
    assert section.status_code == 200
    html = section.content.decode()
    assert "<html" not in html and "How good are the job suggestions?" in html
    assert "<caption" in html and '<th scope="row">' in html and '<th scope="col">' in html
    assert "The placements against the top 10 suggestions" in html
    assert "Use of qualifications in the top 10 suggestions" in html
    # No job-exposure matrix: a sentence instead of the job-quality table.
    assert "no job-exposure matrix is loaded" in html
    full = client.get("/matching/evaluation/")
    assert full.status_code == 200 and "<h1>" in full.content.decode()


@pytest.mark.parametrize("persona", ["owner", "participant", "employer_contact"])
def test_others_get_no_section(history, persona):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(history.world.user(persona))
    page = client.get("/pathways/indicators/")
    assert page.status_code == (200 if persona == "owner" else 404)  # the owner sees their own caseload's indicators
    assert b"/matching/evaluation/" not in page.content
    assert client.get("/matching/evaluation/", HTTP_HX_REQUEST="true").status_code == 404


def test_a_small_office_gets_no_numbers(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user("coordinator"))
    html = client.get("/matching/evaluation/", HTTP_HX_REQUEST="true").content.decode()
    assert "Fewer than 5 placements could be evaluated" in html and "<table" not in html


def test_the_api_gives_the_same_numbers_with_the_same_protection(history):
    coordinator = Client(HTTP_ACCEPT_LANGUAGE="en")
    coordinator.force_login(history.world.user("coordinator"))
    data = coordinator.get("/api/v1/matching/evaluation").json()
    result = matcher_evaluation(actor=history.world.user("coordinator"))
    assert (data["placements"], data["evaluated"], data["enough_to_judge"]) == (5, 5, True)
    assert (data["hit_rate"], data["baseline_random"]) == (result.hit_rate, result.baseline_random)
    assert data["excluded"] is None  # one placement: a count from 1 to 4 is not given
    for distribution in data["distributions"]:
        for row in distribution["rows"]:
            assert all(n is None or n == 0 or n >= 5 for n in (row["suggestions"], row["placements"]))
    owner = Client(HTTP_ACCEPT_LANGUAGE="en")
    owner.force_login(history.world.user("owner"))
    assert owner.get("/api/v1/matching/evaluation").status_code == 404


def test_the_api_gives_no_rates_for_a_small_office(world):
    coordinator = Client(HTTP_ACCEPT_LANGUAGE="en")
    coordinator.force_login(world.user("coordinator"))
    data = coordinator.get("/api/v1/matching/evaluation").json()
    assert data["enough_to_judge"] is False and data["hit_rate"] is None and data["distributions"] == []
