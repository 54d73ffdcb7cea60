"""The pathway pages: who sees them, what they show, and that bad input is explained next to its field and saves
nothing."""

import re

import pytest
from django.db import transaction
from django.test import Client

from samspill.access.selectors import access_pathway
from samspill.audit.models import AccessLog
from samspill.pathways import services
from samspill.pathways.models import Activity, ActivityComment, Goal, Pathway, PathwayEvent, PathwayMember
from samspill.pathways.stages import ActivityStatus, EventKind, PathwayRole, Stage
from samspill.pathways.tests.persona_cases import WEB_CASES, pathway_setup
from samspill.testing.database import fingerprint
from samspill.testing.personas import PERSONA_NAMES

pytestmark = pytest.mark.django_db

SEE = ["owner", "colleague_with_access", "coordinator"]
DO_NOT_SEE = [
    "colleague_without_access",
    "other_organisation",
    "employer_contact",
    "researcher",
    "administrator",
    "other_participant",
    "partner",
]


def _client(world, persona):
    client = Client(raise_request_exception=True, headers={"accept-language": "en"})
    if persona != "anonymous":
        client.force_login(world.user(persona))
    return client


@pytest.fixture
def setup(world):
    return pathway_setup(world)


def _url(setup, page=""):
    return f"/pathways/{setup.pathway.pk}/{page}"


# --- who sees what -------------------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


@pytest.mark.parametrize("case", WEB_CASES, ids=lambda c: f"{c.route}:{c.method}")
def test_persona_cases_hold(case, world):
    """The same check as tests/test_personas.py, for the pathway routes (until they are wired in there)."""

    class Fixture:
        pass

    fx = Fixture()
    fx.world = world
    for persona in PERSONA_NAMES:
        try:
            with transaction.atomic():
                client = _client(world, persona)
                url = case.url(fx)
                before, rows = fingerprint(), AccessLog.objects.count()
                response = getattr(client, case.method)(url, case.data)
                assert response.status_code == case.expected[persona], (
                    f"{case.method.upper()} {case.route} as {persona}: {response.status_code}, "
                    f"expected {case.expected[persona]}"
                )
                if response.status_code == 404 or (persona == "anonymous" and response.status_code == 302):
                    assert AccessLog.objects.count() == rows, f"{persona}: a denied request logged a read"
                    assert fingerprint() == before, f"{persona}: a denied request changed data"
                raise _Rollback
        except _Rollback:
            pass


def test_every_pathway_route_has_a_case():
    from samspill.pathways import urls, views

    names = {f"pathways:{p.name}" for p in urls.urlpatterns if p.callback.__module__ == views.__name__}
    assert names - {case.route for case in WEB_CASES} == set()


@pytest.mark.parametrize("page", ["", "plan/", "agreement/"])
@pytest.mark.parametrize("persona", SEE + ["participant"])
def test_the_pathway_pages_render_for_its_readers(world, setup, persona, page):
    response = _client(world, persona).get(_url(setup, page))
    assert response.status_code == 200
    assert "Amina Haddad" in response.content.decode()


@pytest.mark.parametrize("page", ["", "plan/", "agreement/", "stages/engagement/"])
@pytest.mark.parametrize("persona", DO_NOT_SEE)
def test_the_pathway_pages_are_not_found_for_others(world, setup, persona, page):
    client = _client(world, persona)
    before, rows = fingerprint(), AccessLog.objects.count()
    assert client.get(_url(setup, page)).status_code == 404
    assert (fingerprint(), AccessLog.objects.count()) == (before, rows)


def test_anonymous_is_sent_to_login(world, setup):
    response = Client().get(_url(setup))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_employer_on_the_team_sees_the_pathway(world, setup):
    owner = world.user("owner")
    services.pathway_member_add(
        actor=owner,
        access=access_pathway(owner, setup.pathway.pk),
        user=world.user("employer_contact"),
        role=PathwayRole.EMPLOYER,
    )
    client = _client(world, "employer_contact")
    assert client.get(_url(setup)).status_code == 200
    assert client.get(_url(setup, "plan/")).status_code == 200
    # A team member reads the pathway but does not manage it.
    assert client.post(_url(setup, "move/"), {"move": "close", "outcome": "other"}).status_code == 404
    assert setup.pathway.pk in {p.pk for p in Pathway.objects.filter(pk=setup.pathway.pk)}
    assert "Move forward" not in client.get(_url(setup)).content.decode()


def test_a_mentor_sees_the_plan_only_after_the_declaration(world, setup):
    client = _client(world, "mentor")
    assert client.get(_url(setup, "plan/")).status_code == 404
    page = client.get("/pathways/mine/").content.decode()
    assert f"/pathways/{setup.pathway.pk}/confidentiality/" in page
    assert "Amina" not in page and "Amina" not in client.get(_url(setup, "confidentiality/")).content.decode()
    # The declaration must be made, not just posted.
    response = client.post(_url(setup, "confidentiality/"), {})
    assert response.status_code == 422
    assert 'id="id_confirm_error"' in response.content.decode()
    assert PathwayMember.objects.get(pk=setup.mentor.pk).confidentiality_declared_at is None
    response = client.post(_url(setup, "confidentiality/"), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == _url(setup, "plan/")
    assert client.get(_url(setup, "plan/")).status_code == 200
    # The mentor is a party to the agreement now, and signs it.
    assert "Sign version 1" in client.get(_url(setup, "agreement/")).content.decode()
    assert client.post(_url(setup, "agreement/sign/")).status_code == 302
    assert setup.pathway.agreement_versions.get().signatures.filter(party=PathwayRole.MENTOR).exists()


# --- the pathway page ----------------------------------------------------------------------------------------------


def test_the_stage_progress_lists_every_stage_and_marks_the_current_one(world, setup):
    page = _client(world, "owner").get(_url(setup)).content.decode()
    steps = re.findall(r'<li class="stage stage-(\w+)"( aria-current="step")?>\s*([^<\n]+)', page)
    assert [label.strip() for _state, _current, label in steps] == [
        "Engagement and agreement",
        "Vocational profiling",
        "Job finding",
        "Employer engagement",
        "On- and off-the-job support",
        "Follow-up",
        "Closed",
    ]
    assert [label.strip() for _s, current, label in steps if current] == ["Engagement and agreement"]
    assert "Move forward to “Vocational profiling”" in page


def test_opening_a_pathway_from_the_profile(world):
    client = _client(world, "owner")
    profile = client.get(f"/participants/{world.participant.pk}/").content.decode()
    assert f"/participants/{world.participant.pk}/pathways/" in profile
    response = client.post(f"/participants/{world.participant.pk}/pathways/", {"path": "entrepreneurship"})
    pathway = Pathway.objects.get(participant=world.participant)
    assert response.status_code == 302 and response["Location"] == f"/pathways/{pathway.pk}/"
    assert pathway.stage == Stage.IDEA
    assert PathwayEvent.objects.filter(pathway=pathway, kind=EventKind.PATHWAY_START).count() == 1
    # A second one on the same path is explained, and nothing is saved.
    before = fingerprint(include_access_log=False)
    response = client.post(f"/participants/{world.participant.pk}/pathways/", {"path": "entrepreneurship"})
    assert response.status_code == 422
    assert "This participant already has a pathway on this path." in response.content.decode()
    assert fingerprint(include_access_log=False) == before


def test_the_participant_is_not_offered_to_open_a_pathway(world, setup):
    page = _client(world, "participant").get(f"/participants/{world.participant.pk}/pathways/").content.decode()
    assert "Open a pathway" not in page
    assert f"/pathways/{setup.pathway.pk}/" in page
    assert "/participants/" in _client(world, "participant").get("/me/").content.decode()


def test_moving_forward_without_the_entry_criteria_says_what_is_missing(world, setup):
    client = _client(world, "owner")
    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "move/"), {"move": "forward", "to_stage": "vocational_profiling"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "cannot enter “Vocational profiling” yet" in page
    assert "the agreement signed by the participant and the job specialist" in page
    assert fingerprint(include_access_log=False) == before


def test_moving_back_needs_a_reason_and_closing_an_outcome(world, setup):
    owner = world.user("owner")
    access = access_pathway(owner, setup.pathway.pk)
    services.pathway_member_remove(actor=owner, access=access, member_id=setup.mentor.pk)
    services.agreement_sign(actor=owner, access=access)
    services.agreement_sign(
        actor=world.user("participant"), access=access_pathway(world.user("participant"), setup.pathway.pk)
    )
    client = _client(world, "owner")
    assert client.post(_url(setup, "move/"), {"move": "forward", "to_stage": "vocational_profiling"}).status_code == 302

    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "move/"), {"move": "back", "to_stage": "engagement", "reason": ""})
    assert response.status_code == 422
    assert re.search(r'id="id_back_reason_error">Say why the pathway moves back.', response.content.decode())
    response = client.post(_url(setup, "move/"), {"move": "close", "outcome": ""})
    assert response.status_code == 422
    assert re.search(r'id="id_close_outcome_error">Choose the outcome to close the pathway.', response.content.decode())
    assert fingerprint(include_access_log=False) == before

    response = client.post(_url(setup, "move/"), {"move": "back", "to_stage": "engagement", "reason": "New agreement"})
    assert response.status_code == 302
    page = client.get(_url(setup)).content.decode()
    assert "Reason: New agreement" in page and "From “Vocational profiling” to “Engagement and agreement”" in page


def test_stage_notes_the_three_dimensions(world, setup):
    client = _client(world, "owner")
    response = client.post(
        _url(setup, "stages/engagement/"),
        {
            "interpreter_used": "on",
            "interpreter_language": "ar",
            "norwegian_level": "A2",
            "vocational_norwegian": "Bakery words",
            "participant_words": "I like baking",
            "participant_agrees": "on",
            "workplace_mediation": "Explained breaks",
        },
    )
    assert response.status_code == 302
    page = client.get(_url(setup)).content.decode()
    for text in ("Bakery words", "I like baking", "Explained breaks", "A2"):
        assert text in page
    # The participant writes only their own words.
    participant = _client(world, "participant")
    form = participant.get(_url(setup, "stages/engagement/")).content.decode()
    assert 'name="participant_words"' in form and 'name="workplace_mediation"' not in form
    assert participant.post(_url(setup, "stages/engagement/"), {"participant_words": "Mine"}).status_code == 302
    assert setup.pathway.stage_notes.get().participant_words == "Mine"
    assert setup.pathway.stage_notes.get().workplace_mediation == "Explained breaks"
    # A stage that is not on the path is not found.
    assert client.get(_url(setup, "stages/idea/")).status_code == 404


def test_stage_note_errors_save_nothing(world, setup):
    client = _client(world, "owner")
    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "stages/engagement/"), {"norwegian_level": "Z9"})
    assert response.status_code == 422
    assert 'id="id_norwegian_level_error"' in response.content.decode()
    assert fingerprint(include_access_log=False) == before


def test_the_team(world, setup):
    client = _client(world, "owner")
    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "team/add/"), {"username": "nobody", "role": "employer"})
    assert response.status_code == 422
    assert 'id="id_member_username_error">There is no active user with this username.' in response.content.decode()
    response = client.post(_url(setup, "team/add/"), {"username": "employer_contact", "role": ""})
    assert 'id="id_member_role_error">Choose the member' in response.content.decode()
    assert fingerprint(include_access_log=False) == before

    assert (
        client.post(_url(setup, "team/add/"), {"username": "employer_contact", "role": "employer"}).status_code == 302
    )
    member = PathwayMember.objects.get(pathway=setup.pathway, user=world.user("employer_contact"))
    assert member.organisation == world.organisations["employer"]
    page = client.get(_url(setup)).content.decode()
    assert "Employer Contact Testesen" in page and "Vestfold Bakeri AS" in page
    assert client.post(_url(setup, f"team/{member.pk}/remove/")).status_code == 302
    assert not PathwayMember.objects.get(pk=member.pk).active


# --- the agreement -------------------------------------------------------------------------------------------------


def test_agreement_versions_and_signatures(world, setup):
    client = _client(world, "owner")
    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "agreement/new/"), {"text": "", "language": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_text_error">Write the agreement text.' in page
    assert 'id="id_language_error">Choose the language the agreement is written in.' in page
    assert fingerprint(include_access_log=False) == before

    response = client.post(_url(setup, "agreement/new/"), {"text": "Version two", "language": "en"})
    assert response.status_code == 302
    page = client.get(_url(setup, "agreement/")).content.decode()
    assert "Current version (2)" in page and "Version two" in page and "Earlier versions" in page
    assert client.post(_url(setup, "agreement/sign/")).status_code == 302
    page = client.get(_url(setup, "agreement/")).content.decode()
    assert "Job specialist: Owner Testesen" in page
    assert "Sign version 2" not in page
    # The participant signs from their own page; a colleague is not a party.
    assert "Sign version 2" in _client(world, "participant").get(_url(setup, "agreement/")).content.decode()
    assert (
        "Sign version 2" not in _client(world, "colleague_with_access").get(_url(setup, "agreement/")).content.decode()
    )


# --- the plan ------------------------------------------------------------------------------------------------------


def test_the_participant_proposes_an_activity_adds_a_goal_and_comments(world, setup):
    client = _client(world, "participant")
    response = client.post(
        _url(setup, "plan/activities/add/"),
        {"kind": "language_course", "title": "Norwegian at the library", "due_date": "2030-01-31"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Norwegian at the library")
    assert activity.proposed_by_participant and activity.status == ActivityStatus.PROPOSED
    assert activity.owner_role == PathwayRole.PARTICIPANT
    assert client.post(_url(setup, "plan/goals/add/"), {"text": "أريد أن أعمل", "language": "ar"}).status_code == 302
    assert Goal.objects.get().by_participant
    url = _url(setup, f"activities/{activity.pk}/comment/")
    assert client.post(url, {"text": "I can go on Tuesdays"}).status_code == 302
    assert ActivityComment.objects.get().author == world.user("participant")
    page = client.get(_url(setup, "plan/")).content.decode()
    assert "I can go on Tuesdays" in page and 'lang="ar"' in page and "in the participant's own words" in page
    # The job specialist agrees and plans it.
    owner = _client(world, "owner")
    assert owner.post(_url(setup, f"activities/{activity.pk}/agree/")).status_code == 302
    assert set(activity.agreements.values_list("party", flat=True)) == {"participant", "job_specialist"}
    assert owner.post(_url(setup, f"activities/{activity.pk}/status/"), {"status": "planned"}).status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.PLANNED


def test_plan_form_errors_are_next_to_their_fields_and_save_nothing(world, setup):
    client, owner = _client(world, "participant"), _client(world, "owner")
    before = fingerprint(include_access_log=False)
    response = client.post(_url(setup, "plan/activities/add/"), {"kind": "", "title": "", "due_date": "soon"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_activity_due_date_error"' in page
    response = client.post(_url(setup, "plan/activities/add/"), {"kind": "", "title": ""})
    page = response.content.decode()
    assert 'id="id_activity_kind_error"' in page and 'id="id_activity_title_error"' in page
    response = client.post(_url(setup, "plan/goals/add/"), {"text": " "})
    assert 'id="id_goal_text_error">Write the goal.' in response.content.decode()
    response = client.post(_url(setup, f"activities/{setup.activity.pk}/comment/"), {"text": ""})
    assert f'id="id_comment_{setup.activity.pk}_text_error">Write a comment.' in response.content.decode()
    response = owner.post(_url(setup, f"activities/{setup.activity.pk}/status/"), {"status": "done"})
    assert response.status_code == 422
    assert f'id="id_status_{setup.activity.pk}_status_error">An activity cannot go from' in response.content.decode()
    assert fingerprint(include_access_log=False) == before


def test_final_activities_show_no_edit_controls(world, setup):
    owner = world.user("owner")
    access = access_pathway(owner, setup.pathway.pk)
    services.activity_set_status(actor=owner, access=access, activity_id=setup.activity.pk, status="cancelled")
    client = _client(world, "owner")
    page = client.get(_url(setup, "plan/")).content.decode()
    activity_html = page.split(f'id="activity-{setup.activity.pk}"')[1].split("</li>\n\n")[0].split("<h4>")[0]
    assert "Cancelled" in activity_html
    assert "/status/" not in activity_html and "/agree/" not in activity_html and "/edit/" not in activity_html
    assert client.get(_url(setup, f"activities/{setup.activity.pk}/edit/")).status_code == 404


def test_editing_an_activity(world, setup):
    client = _client(world, "owner")
    url = _url(setup, f"activities/{setup.activity.pk}/edit/")
    assert 'value="Write a CV"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": "meeting",
            "title": "CV meeting",
            "owner_role": "job_specialist",
            "meeting_at": "2030-02-01T10:00",
            "interpreter": "on",
            "meeting_language": "ar",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(pk=setup.activity.pk)
    assert (activity.title, activity.interpreter, activity.meeting_language) == ("CV meeting", True, "ar")
    page = client.get(_url(setup, "plan/")).content.decode()
    assert "with an interpreter" in page


# --- the caseload board --------------------------------------------------------------------------------------------


def test_the_board_shows_columns_in_process_order_and_filters(world, setup):
    client = _client(world, "owner")
    page = client.get("/pathways/").content.decode()
    columns = re.findall(r'<h2 id="column-(\w+)"', page)
    assert columns == [
        "engagement",
        "vocational_profiling",
        "job_finding",
        "employer_engagement",
        "job_support",
        "follow_up",
        "idea",
        "training",
        "business_plan",
        "registration",
        "launch",
    ]
    assert f"/pathways/{setup.pathway.pk}/" in page
    # The agreement is not signed: the pathway needs attention.
    assert f"/pathways/{setup.pathway.pk}/" in client.get("/pathways/?attention=unsigned_agreement").content.decode()
    assert f"/pathways/{setup.pathway.pk}/" not in client.get("/pathways/?attention=overdue").content.decode()
    only_entrepreneurship = client.get("/pathways/?path=entrepreneurship").content.decode()
    assert "column-engagement" not in only_entrepreneurship and "column-idea" in only_entrepreneurship
    # Colleagues without access see the board, without the pathway.
    assert (
        f"/pathways/{setup.pathway.pk}/"
        not in _client(world, "colleague_without_access").get("/pathways/").content.decode()
    )


def test_the_header_links_to_the_pathways(world, setup):
    assert 'href="/pathways/"' in _client(world, "owner").get("/").content.decode()
    assert 'href="/pathways/mine/"' in _client(world, "participant").get("/").content.decode()
    assert "/pathways/" not in _client(world, "researcher").get("/").content.decode()
