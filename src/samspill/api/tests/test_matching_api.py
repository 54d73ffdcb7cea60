"""The matching routes: suggestions with their explanation and the decisions on them, mentorships, and the
occupation search — who may do what, what they return and log, and that refused or bad requests change nothing."""

import uuid

import pytest
from django.test import Client

from samspill.access.selectors import access_participant, access_pathway
from samspill.accounts.services import membership_add, user_create
from samspill.api.routers import matching as matching_router
from samspill.api.tests.conftest import send
from samspill.api.tests.persona_cases_matching import (
    API_CASES,
    API_EXPECTED_STATUS,
    LOGGED_ROUTES,
    MENTOR_PROFILE,
    prepare,
    share_with_mentor,
)
from samspill.audit.models import AccessLog
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.employers.tests.helpers import give_consent, make_opportunity, make_programme
from samspill.matching.models import SuggestionFeedback
from samspill.pathways.models import Activity
from samspill.pathways.services import activity_propose
from samspill.peers.models import Mentorship, Tie
from samspill.peers.services import mentor_profile_save
from samspill.people.services import language_skill_save
from samspill.testing.database import fingerprint
from samspill.testing.persona_cases import run_api_case
from samspill.testing.personas import PERSONA_NAMES

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


@pytest.fixture
def setup(world):
    return prepare(world)


@pytest.fixture
def client_for(world):
    """``client_for(persona)``: a client signed in as the persona (or as any user given). Everyone signs in before
    the test starts, as signing in records the time of the last login."""
    clients = {}
    for persona in PERSONA_NAMES:
        clients[persona] = Client(HTTP_ACCEPT_LANGUAGE="en")
        if persona != "anonymous":
            clients[persona].force_login(world.user(persona))

    def get(persona_or_user):
        if isinstance(persona_or_user, str):
            return clients[persona_or_user]
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(persona_or_user)
        return client

    return get


def post(client, address: str, data=None):
    return send(client, "POST", address, data or {})


def suggestions_url(world, rest: str = "") -> str:
    return f"{V1}/participants/{world.participant.pk}/suggestions{rest}"


def errors(response, status: int = 422) -> dict[tuple, str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["detail"]
    assert isinstance(items, list) and items
    for item in items:
        assert set(item) == {"loc", "msg", "type"} and item["msg"]
    return {tuple(item["loc"]): item["msg"] for item in items}


def with_language_and_needs(world):
    """Arabic as mother tongue (a peer mentor must share a language), a Norwegian course in the plan (a need a
    Norwegian programme meets) and a programme at the school, which the participant shares with."""
    owner = world.user("owner")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    language_skill_save(actor=owner, access=access, data={"language": "ar", "is_mother_tongue": True})
    activity_propose(
        actor=owner,
        access=access_pathway(owner, world.matching_api.pathway.pk),
        data={"kind": "language_course", "title": "Norsk B1"},
    )
    give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    return make_programme(world)


def new_mentor(world, username: str):
    """A mentor with a profile whom the participant has *not* consented to share with."""
    user = user_create(actor=None, username=username, password=None, first_name="Nadia", last_name="Mentor")
    membership_add(actor=None, user=user, organisation=world.organisations["ngo"], role=Role.MENTOR)
    mentor_profile_save(actor=user, data=MENTOR_PROFILE)
    return user


# --- every route, every persona --------------------------------------------------------------------------------


def test_every_entry_names_every_persona():
    for key, expected in API_EXPECTED_STATUS.items():
        assert set(expected) == set(PERSONA_NAMES), key
    assert {case.key for case in API_CASES} == set(API_EXPECTED_STATUS)


def test_every_route_of_the_router_has_a_case():
    names = {
        f"api:{operation.url_name}"
        for path_view in matching_router.router.path_operations.values()
        for operation in path_view.operations
    }
    assert names == {case.route for case in API_CASES}


@pytest.mark.parametrize("case", API_CASES, ids=lambda case: case.key)
def test_each_persona_gets_the_expected_status(world, case):
    prepare(world)
    run_api_case(world, case, logged_routes=LOGGED_ROUTES)


# --- suggestions ----------------------------------------------------------------------------------------------


def test_the_owner_sees_explained_suggestions_and_the_read_is_logged(world, setup, client_for):
    reads = AccessLog.objects.count()
    response = client_for("owner").get(suggestions_url(world, "?kind=job"))
    assert response.status_code == 200, response.content
    assert AccessLog.objects.count() == reads + 1
    result = response.json()
    assert (result["participant"], result["kind"]) == (str(world.participant.pk), "job")
    (item,) = result["items"]
    assert (item["rank"], item["kind"]) == (1, "job")
    assert item["target"] == {"id": str(setup.opportunity.pk), "title": "Baker", "detail": "Vestfold Bakeri AS"}
    assert sum(c["contribution"] for c in item["factors"]) == pytest.approx(item["score"], abs=1e-9)
    factors = {c["factor"]: c for c in item["factors"]}
    assert {"skills", "occupation", "preferences"} <= set(factors)
    assert factors["preferences"]["label"] == "Own wishes"
    assert all(0 <= c["value"] <= 1 for c in item["factors"])
    assert any(constraint.startswith("norwegian") for constraint in item["constraints"])


def test_mentors_and_programmes_are_suggested_with_their_names(world, setup, client_for):
    programme = with_language_and_needs(world)
    client = client_for("owner")
    mentors = client.get(suggestions_url(world, "?kind=mentor&top=10")).json()["items"]
    by_id = {item["target"]["id"]: item["target"] for item in mentors}
    assert str(setup.mentor_free.pk) in by_id and str(world.user("mentor").pk) in by_id
    assert by_id[str(world.user("mentor").pk)] == {
        "id": str(world.user("mentor").pk),
        "title": "Mentor Testesen",
        "detail": "Peer with own migration background",
    }
    (service,) = client.get(suggestions_url(world, "?kind=service")).json()["items"]
    assert service["target"] == {
        "id": str(programme.pk),
        "title": "Norwegian for work",
        "detail": "Sandefjord voksenopplæring",
    }
    assert client.get(suggestions_url(world, "?kind=mentor&top=1")).json()["items"][0]["rank"] == 1


def test_bad_queries_are_named_and_nothing_is_logged(world, setup, client_for):
    client = client_for("owner")
    reads = AccessLog.objects.count()
    assert set(errors(client.get(suggestions_url(world)))) == {("query", "kind")}
    assert set(errors(client.get(suggestions_url(world, "?kind=house")))) == {("query", "kind")}
    assert errors(client.get(suggestions_url(world, "?kind=job&top=11")))[("query", "top")] == (
        "Enter a value of at most 10."
    )
    assert set(errors(client.get(suggestions_url(world, "?kind=job&top=0")))) == {("query", "top")}
    assert AccessLog.objects.count() == reads


@pytest.mark.parametrize(
    "persona, status",
    [
        ("owner", 200),
        ("colleague_with_access", 200),
        ("coordinator", 200),
        ("colleague_without_access", 404),
        ("other_organisation", 404),
        ("participant", 404),
        ("mentor", 404),
        ("employer_contact", 404),
        ("researcher", 404),
        ("anonymous", 401),
    ],
)
def test_it_checks_ownership(world, setup, client_for, persona, status):
    client = client_for(persona)
    reads = AccessLog.objects.count()
    response = client.get(suggestions_url(world, "?kind=job"))
    assert response.status_code == status
    if status == 200:
        assert response.json()["items"][0]["target"]["title"] == "Baker"
    else:
        assert "Baker" not in response.content.decode()
    decided = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(setup.opportunity.pk), "decision": "rejected", "reason": "Too far."},
    )
    assert decided.status_code == (201 if status == 200 else status)
    assert SuggestionFeedback.objects.exists() == (status == 200)
    feedback = client.get(suggestions_url(world, "/feedback"))
    assert feedback.status_code == status
    if status != 200:
        assert "detail" in feedback.json()
        assert AccessLog.objects.count() == reads, "a refused request logs no read"


def test_a_rejection_without_a_reason_is_422_naming_the_reason_and_nothing_is_stored(world, setup, client_for):
    client = client_for("owner")
    before = fingerprint()  # the access log included: the failed request's read is rolled back with it
    response = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(setup.opportunity.pk), "decision": "rejected"},
    )
    assert errors(response) == {("body", "reason"): "Say why the suggestion does not fit: it teaches the matcher."}
    blank = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(setup.opportunity.pk), "decision": "rejected", "reason": "   "},
    )
    assert set(errors(blank)) == {("body", "reason")}
    bad = post(client, suggestions_url(world, "/decisions"), {"kind": "car", "target": "x", "decision": "maybe"})
    assert set(errors(bad)) == {("body", "kind"), ("body", "target"), ("body", "decision")}
    assert fingerprint() == before and not SuggestionFeedback.objects.exists()


def test_accepting_a_job_plans_an_application_and_the_feedback_lists_it(world, setup, client_for):
    client = client_for("owner")
    response = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(setup.opportunity.pk), "decision": "accepted"},
    )
    assert response.status_code == 201, response.content
    stored = response.json()
    assert (stored["decision"], stored["rank"], stored["kind"], stored["reason"]) == ("accepted", 1, "job", "")
    assert stored["target"] == str(setup.opportunity.pk) and 0 < stored["score"] <= 1
    assert stored["explanation"]["contributions"] and stored["explanation"]["constraints"]
    assert stored["decided_by"] == {"id": str(world.user("owner").pk), "name": "Owner Testesen"}
    activity = Activity.objects.get(pk=stored["created_object"])
    assert activity.kind == "application" and "Baker" in activity.title
    assert activity.pathway_id == setup.pathway.pk

    rejected = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(setup.opportunity.pk), "decision": "rejected", "reason": "Works nights."},
    )
    assert rejected.status_code == 201 and rejected.json()["created_object"] == ""
    listed = client_for("coordinator").get(suggestions_url(world, "/feedback")).json()
    assert listed["count"] == 2
    assert [item["id"] for item in listed["items"]] == [rejected.json()["id"], stored["id"]]
    assert listed["items"][0]["reason"] == "Works nights."
    assert client.get(suggestions_url(world, "/feedback?kind=mentor")).json()["count"] == 0


def test_accepting_without_an_open_pathway_is_422_and_stores_nothing(world, client_for):
    opportunity = make_opportunity(world, kind="job", title="Baker", norwegian_level="")
    client = client_for("owner")
    before = fingerprint()
    response = post(
        client,
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(opportunity.pk), "decision": "accepted"},
    )
    assert errors(response) == {("body",): "The participant has no open pathway: open one first."}
    assert fingerprint() == before


def test_a_target_that_is_not_suggested_is_422_naming_the_target(world, setup, client_for):
    before = fingerprint()
    response = post(
        client_for("owner"),
        suggestions_url(world, "/decisions"),
        {"kind": "job", "target": str(uuid.uuid4()), "decision": "rejected", "reason": "No."},
    )
    assert "not among the participant's suggestions now" in errors(response)[("body", "target")]
    # The opportunity is a job, not a mentor: not among the mentor suggestions either.
    response = post(
        client_for("owner"),
        suggestions_url(world, "/decisions"),
        {"kind": "mentor", "target": str(setup.opportunity.pk), "decision": "rejected", "reason": "No."},
    )
    assert set(errors(response)) == {("body", "target")}
    assert fingerprint() == before


def test_accepting_a_mentor_proposes_them_and_their_refusal_names_the_target(world, setup, client_for):
    with_language_and_needs(world)
    client = client_for("owner")
    url = suggestions_url(world, "/decisions")
    response = post(client, url, {"kind": "mentor", "target": str(setup.mentor_free.pk), "decision": "accepted"})
    assert response.status_code == 201, response.content
    mentorship = Mentorship.objects.get(pk=response.json()["created_object"])
    assert (mentorship.mentor, mentorship.status) == (setup.mentor_free, "proposed")
    # The mentor persona has been proposed already: the mentorship service refuses, named on the target.
    before = fingerprint()
    response = post(client, url, {"kind": "mentor", "target": str(world.user("mentor").pk), "decision": "accepted"})
    assert "already been proposed" in errors(response)[("body", "target")]
    assert fingerprint() == before


# --- mentorships ----------------------------------------------------------------------------------------------


def test_a_mentorship_from_proposal_to_completion(world, setup, client_for):
    mentor = new_mentor(world, "nadia")
    owner = client_for("owner")
    proposal = {"participant": str(world.participant.pk), "mentor": str(mentor.pk)}
    before = fingerprint()
    refused = post(owner, f"{V1}/mentorships/", proposal)
    assert "consent" in errors(refused)[("body", "mentor")]
    assert fingerprint() == before

    share_with_mentor(world, mentor)
    created = post(owner, f"{V1}/mentorships/", proposal)
    assert created.status_code == 201, created.content
    proposed = created.json()
    assert (proposed["status"], proposed["your_role"]) == ("proposed", "case_worker")
    assert proposed["participant"] == {"id": str(world.participant.pk), "given_name": "Amina", "family_name": "Haddad"}
    assert proposed["mentor"] == {"id": str(mentor.pk), "name": "Nadia Mentor"}
    assert proposed["accepted_by_participant_at"] and proposed["accepted_by_mentor_at"] is None
    accept = f"{V1}/mentorships/{proposed['id']}/accept"

    # Only the proposed mentor accepts: the participant's side sees the proposal, and is refused.
    before = fingerprint()
    for persona in ("owner", "participant", "coordinator"):
        refused = post(client_for(persona), accept)
        assert refused.status_code == 403, persona
        assert refused.json() == {"detail": "Only the proposed mentor can accept."}
    assert post(client_for("mentor"), accept).status_code == 404  # another mentor does not see it
    assert fingerprint() == before

    as_mentor = client_for(mentor)
    accepted = post(as_mentor, accept)
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["status"], accepted.json()["your_role"]) == ("active", "mentor")
    assert accepted.json()["started_on"] and Tie.objects.filter(mentorship_id=proposed["id"]).exists()
    assert "Only a proposed mentorship can be accepted." in errors(post(as_mentor, accept)).values()

    listed = as_mentor.get(f"{V1}/mentorships/").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == proposed["id"]
    mine = client_for("participant").get(f"{V1}/mentorships/?status=active").json()["items"]
    assert {(item["mentor"]["name"], item["your_role"]) for item in mine} == {
        ("Nadia Mentor", "participant"),
        ("Mentor_Active Mentor", "participant"),
    }

    end = f"{V1}/mentorships/{proposed['id']}/end"
    before = fingerprint()
    assert errors(post(as_mentor, end, {"reason": "other"})) == {
        ("body", "note"): "Say in a few words why the mentorship ends."
    }
    assert set(errors(post(as_mentor, end, {"reason": "declined_by_mentor"}))) == {("body", "reason")}
    assert set(errors(post(as_mentor, end, {}))) == {("body", "reason")}
    assert fingerprint() == before
    ended = post(as_mentor, end, {"reason": "goal_reached", "note": "Has a job."})
    assert ended.status_code == 200, ended.content
    assert (ended.json()["status"], ended.json()["end_reason"], ended.json()["end_note"]) == (
        "completed",
        "goal_reached",
        "Has a job.",
    )
    assert Tie.objects.get(mentorship_id=proposed["id"]).ended_on is not None


def test_a_proposal_is_declined_by_the_mentor_or_the_participant(world, setup, client_for):
    decline = f"{V1}/mentorships/{setup.proposed.pk}/decline"
    response = post(client_for("mentor"), decline, {"note": "No time this spring."})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["end_reason"], response.json()["end_note"]) == (
        "ended",
        "declined_by_mentor",
        "No time this spring.",
    )
    assert errors(post(client_for("participant"), decline)) == {
        ("body",): "Only a proposed mentorship can be declined."
    }
    assert set(errors(post(client_for("mentor"), decline, {"reason": "x"}))) == {("body", "reason")}

    # The participant's side declines the next proposal.
    again = post(
        client_for("participant"),
        f"{V1}/mentorships/",
        {"participant": str(world.participant.pk), "mentor": str(world.user("mentor").pk)},
    )
    assert again.status_code == 201 and again.json()["your_role"] == "participant"
    declined = post(client_for("participant"), f"{V1}/mentorships/{again.json()['id']}/decline")
    assert declined.json()["end_reason"] == "declined_by_participant"


def test_outsiders_neither_see_nor_propose(world, setup, client_for):
    proposal = {"participant": str(world.participant.pk), "mentor": str(setup.mentor_free.pk)}
    before = fingerprint()
    for persona in ("colleague_without_access", "other_organisation", "employer_contact", "mentor"):
        client = client_for(persona)
        assert post(client, f"{V1}/mentorships/", proposal).json() == {"detail": "Not found."}, persona
        assert post(client, f"{V1}/mentorships/{setup.active.pk}/end", {"reason": "moved"}).status_code == 404
        if persona != "mentor":
            assert client.get(f"{V1}/mentorships/").json()["count"] == 0, persona
    assert post(client_for("owner"), f"{V1}/mentorships/{uuid.uuid4()}/accept").status_code == 404
    assert post(client_for("owner"), f"{V1}/mentorships/not-an-id/accept").status_code == 404
    assert fingerprint() == before
    # The mentor sees only their own mentorship, not mentor_active's.
    (own,) = client_for("mentor").get(f"{V1}/mentorships/").json()["items"]
    assert own["id"] == str(setup.proposed.pk)
    owner_view = client_for("owner").get(f"{V1}/mentorships/?participant={world.participant.pk}").json()
    assert owner_view["count"] == 2


# --- occupations ----------------------------------------------------------------------------------------------


def test_the_occupation_search_finds_occupations_for_anyone_signed_in(world, client_for):
    reads = AccessLog.objects.count()
    response = client_for("mentor").get(f"{V1}/taxonomy/occupations/?q=kokk")
    assert response.status_code == 200, response.content
    first = response.json()["items"][0]
    assert (first["styrk_code"], first["label"], first["source"]) == ("5120", "Kokk", "demo")
    english = client_for("participant").get(f"{V1}/taxonomy/occupations/?q=Bus+driver&language=en&limit=3")
    items = english.json()["items"]
    assert 1 <= len(items) <= 3 and (items[0]["styrk_code"], items[0]["language"]) == ("8331", "en")
    assert AccessLog.objects.count() == reads
    client = client_for("owner")
    assert set(errors(client.get(f"{V1}/taxonomy/occupations/"))) == {("query", "q")}
    assert set(errors(client.get(f"{V1}/taxonomy/occupations/?q=kokk&language=fr"))) == {("query", "language")}
    assert set(errors(client.get(f"{V1}/taxonomy/occupations/?q=kokk&limit=0"))) == {("query", "limit")}
    assert client_for("anonymous").get(f"{V1}/taxonomy/occupations/?q=kokk").status_code == 401


def test_the_routes_are_documented(world):
    schema = Client().get("/api/openapi.json").json()
    for path in (
        "/api/v1/participants/{participant_id}/suggestions",
        "/api/v1/participants/{participant_id}/suggestions/decisions",
        "/api/v1/participants/{participant_id}/suggestions/feedback",
        "/api/v1/mentorships/",
        "/api/v1/mentorships/{mentorship_id}/end",
        "/api/v1/taxonomy/occupations/",
    ):
        assert path in schema["paths"], path
    decision = schema["components"]["schemas"]["DecisionCreate"]["properties"]
    assert all(field.get("description") for field in decision.values())


def test_accepting_a_programme_refers_the_participant_once(world, setup, client_for):
    from samspill.programmes.models import Referral

    programme = with_language_and_needs(world)
    client = client_for("owner")
    url = suggestions_url(world, "/decisions")
    accepted = post(client, url, {"kind": "service", "target": str(programme.pk), "decision": "accepted"})
    assert accepted.status_code == 201, accepted.content
    referral = Referral.objects.get(pk=accepted.json()["created_object"])
    assert (referral.programme, referral.pathway, referral.status) == (programme, setup.pathway, "proposed")
    # The referral service refuses a second open referral (its field is "programme"): named on the target here.
    before = fingerprint()
    again = post(client, url, {"kind": "service", "target": str(programme.pk), "decision": "accepted"})
    assert errors(again) == {("body", "target"): "The participant already has an open referral to this programme."}
    assert fingerprint() == before
