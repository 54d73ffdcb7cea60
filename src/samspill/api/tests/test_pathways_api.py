"""The pathway routes: who may do what, what they return and log, and that refused or bad requests change nothing."""

import pytest
from django.test import Client

from samspill.access.selectors import access_pathway
from samspill.accounts.services import token_create
from samspill.api.tests.conftest import english_client, send
from samspill.api.tests.persona_cases_pathways import (
    API_CASES,
    API_EXPECTED_STATUS,
    LOGGED_ROUTES,
    prepare,
    visible_pathway_ids,
)
from samspill.audit.models import AccessLog
from samspill.core.roles import Purpose
from samspill.pathways.services import activity_set_status
from samspill.pathways.stages import ActivityStatus
from samspill.testing.database import fingerprint
from samspill.testing.persona_cases import run_api_case
from samspill.testing.personas import PERSONA_NAMES

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/pathways/"


@pytest.fixture
def setup(world):
    return prepare(world)


def url(setup, rest: str = "") -> str:
    return f"/api/v1/pathways/{setup.pathway.pk}{rest}"


@pytest.fixture
def client_for(world):
    """``client_for(persona)``: a client signed in as the persona. Everyone signs in before the test starts, as
    signing in records the time of the last login."""
    clients = {}
    for persona in PERSONA_NAMES:
        clients[persona] = Client(HTTP_ACCEPT_LANGUAGE="en")
        if persona != "anonymous":
            clients[persona].force_login(world.user(persona))
    return clients.__getitem__


@pytest.fixture
def unchanged(client_for):
    """Asserts, at the end of the test, that no row of any table changed, the access log included."""
    before = fingerprint()
    yield
    assert fingerprint() == before


def _items(response, status=422) -> list[dict]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["detail"]
    assert isinstance(items, list) and items
    for item in items:
        assert set(item) == {"loc", "msg", "type"} and item["msg"]
    return items


def _only(response, status=422) -> dict:
    (item,) = _items(response, status)
    return item


# --- every route, every persona --------------------------------------------------------------------------------


def test_every_entry_names_every_persona():
    for key, expected in API_EXPECTED_STATUS.items():
        assert set(expected) == set(PERSONA_NAMES), key
    assert {case.key for case in API_CASES} == set(API_EXPECTED_STATUS)


@pytest.mark.parametrize("case", API_CASES, ids=lambda case: case.key)
def test_each_persona_gets_the_expected_status(world, case):
    prepare(world)
    run_api_case(world, case, logged_routes=LOGGED_ROUTES)


# --- list -----------------------------------------------------------------------------------------------------


def test_list_shows_summaries_filters_and_logs_nothing(world, setup, client_for):
    client = client_for("owner")
    reads = AccessLog.objects.count()
    response = client.get(LIST_URL)
    assert response.status_code == 200
    body_ = response.json()
    assert body_["count"] == 1
    (item,) = body_["items"]
    assert item["id"] == str(setup.pathway.pk)
    assert item["participant"] == {"id": str(world.participant.pk), "name": "Amina Haddad"}
    assert (item["path"], item["stage"], item["outcome"], item["closed_on"]) == (
        "employment",
        "vocational_profiling",
        "",
        None,
    )
    assert "team" not in item and "plan" not in item
    assert client.get(LIST_URL, {"stage": "vocational_profiling"}).json()["count"] == 1
    assert client.get(LIST_URL, {"stage": "job_finding"}).json()["count"] == 0
    assert client.get(LIST_URL, {"path": "entrepreneurship"}).json()["count"] == 0
    assert AccessLog.objects.count() == reads
    item = _only(client.get(LIST_URL, {"stage": "somewhere"}))
    assert item["loc"] == ["query", "stage"] and item["type"] == "literal_error"


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("owner", True),
        ("colleague_with_access", True),
        ("coordinator", True),
        ("participant", True),
        ("employer_contact", True),
        ("partner", True),
        ("mentor", False),  # not before declaring confidentiality
        ("colleague_without_access", False),
        ("other_organisation", False),
        ("other_participant", False),
        ("researcher", False),
        ("administrator", False),
    ],
)
def test_list_shows_only_what_the_gate_allows(world, setup, client_for, persona, sees):
    ids = {item["id"] for item in client_for(persona).get(LIST_URL).json()["items"]}
    assert ids == ({str(setup.pathway.pk)} if sees else set())
    assert {str(pk) for pk in visible_pathway_ids(world.user(persona))} == ids


# --- detail ---------------------------------------------------------------------------------------------------


def test_detail_has_the_whole_pathway_and_logs_one_read(world, setup, client_for):
    reads = AccessLog.objects.count()
    response = client_for("owner").get(url(setup))
    assert response.status_code == 200, response.content
    data = response.json()
    assert AccessLog.objects.count() == reads + 1
    row = AccessLog.objects.order_by("-at").first()
    assert (row.actor, row.participant, row.purpose) == (world.user("owner"), world.participant, "case_management")

    assert (data["stage"], data["path"], data["started_on"], data["stage_since"]) == (
        "vocational_profiling",
        "employment",
        "2025-01-06",
        "2025-01-06",
    )
    assert data["responsible_specialist"]["id"] == str(world.user("owner").pk)
    assert {(m["user"]["id"], m["role"]) for m in data["team"]} == {
        (str(world.user(persona).pk), role)
        for persona, role in [
            ("owner", "job_specialist"),
            ("participant", "participant"),
            ("employer_contact", "employer"),
            ("partner", "school"),
            ("mentor", "mentor"),
        ]
    }
    agreement = data["agreement"]
    assert agreement["version"]["number"] == 2 and agreement["versions"] == 2
    assert agreement["version"]["signatures"] == []
    assert set(agreement["required"]) == {"participant", "job_specialist", "employer", "mentor"}
    assert agreement["signed"] is False and agreement["can_sign"] is True
    (goal,) = data["plan"]["goals"]
    assert goal["text"] == "Jobbe som baker." and goal["by_participant"] is True
    activities = {a["title"]: a for a in data["plan"]["activities"]}
    assert activities["Write a CV"]["status"] == "planned"
    assert [mark["party"] for mark in activities["Write a CV"]["agreed_by"]] == ["job_specialist"]
    assert [mark["party"] for mark in activities["Norwegian B1 course"]["agreed_by"]] == ["school"]
    kinds = [event["kind"] for event in data["timeline"]]
    assert {"pathway_start", "agreement_signed", "stage_move", "activity_status"} <= set(kinds)
    assert data["access"] == {"level": "case", "party": "job_specialist", "can_manage": True}


def test_team_member_reads_under_the_team_purpose(world, setup, client_for):
    data = client_for("employer_contact").get(url(setup)).json()
    assert data["access"] == {"level": "team", "party": "employer", "can_manage": False}
    assert AccessLog.objects.filter(actor=world.user("employer_contact"), purpose=Purpose.PATHWAY_TEAM).count() == 1


def test_missing_forbidden_and_malformed_ids_give_the_same_404(world, setup, client_for, unchanged):
    answers = [
        client_for("colleague_without_access").get(url(setup)),
        client_for("owner").get("/api/v1/pathways/3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10"),
        client_for("owner").get("/api/v1/pathways/not-a-uuid"),
        send(client_for("owner"), "POST", "/api/v1/pathways/not-a-uuid/moves", {"to_stage": "closed"}),
        send(client_for("owner"), "PATCH", url(setup, "/activities/not-a-uuid"), {"title": "x"}),
        send(
            client_for("owner"), "PATCH", url(setup, "/activities/3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10"), {"title": "x"}
        ),
        send(client_for("owner"), "DELETE", url(setup, "/team/not-a-uuid")),
    ]
    assert {(r.status_code, r.content) for r in answers} == {(404, b'{"detail": "Not found."}')}


def test_mentor_sees_the_pathway_only_after_declaring_confidentiality(world, setup, client_for):
    client = client_for("mentor")
    assert client.get(url(setup)).status_code == 404
    response = send(client, "POST", url(setup, "/confidentiality"))
    assert response.status_code == 200
    declared = response.json()["confidentiality_declared_at"]
    assert declared and response.json()["pathway"] == str(setup.pathway.pk)
    # Declaring again changes nothing.
    assert send(client, "POST", url(setup, "/confidentiality")).json()["confidentiality_declared_at"] == declared
    assert client.get(url(setup)).status_code == 200
    assert client.get(LIST_URL).json()["count"] == 1


# --- create ---------------------------------------------------------------------------------------------------


def test_job_specialist_opens_a_pathway(world, setup, client_for):
    response = send(
        client_for("owner"),
        "POST",
        LIST_URL,
        {"participant": str(world.participant.pk), "path": "entrepreneurship", "started_on": "2025-02-03"},
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["path"], data["stage"], data["started_on"]) == ("entrepreneurship", "idea", "2025-02-03")
    assert data["responsible_specialist"]["id"] == str(world.user("owner").pk)


def test_opening_a_second_pathway_on_the_same_path_is_refused(world, setup, client_for, unchanged):
    response = send(
        client_for("owner"), "POST", LIST_URL, {"participant": str(world.participant.pk), "path": "employment"}
    )
    item = _only(response)
    assert item["loc"] == ["body", "path"] and "already has a pathway" in item["msg"]


def test_responsible_specialist_must_be_a_job_specialist_of_the_organisation(world, client_for, unchanged):
    for person in ("other_organisation", "coordinator"):
        response = send(
            client_for("owner"),
            "POST",
            LIST_URL,
            {
                "participant": str(world.participant.pk),
                "path": "employment",
                "responsible_specialist": str(world.user(person).pk),
            },
        )
        assert _only(response)["loc"] == ["body", "responsible_specialist"]


def test_a_participant_one_does_not_follow_up_is_not_found(world, client_for, unchanged):
    response = send(
        client_for("owner"), "POST", LIST_URL, {"participant": str(world.other_participant.pk), "path": "employment"}
    )
    assert response.status_code == 404
    response = send(
        client_for("participant"), "POST", LIST_URL, {"participant": str(world.participant.pk), "path": "employment"}
    )
    assert response.status_code == 403


# --- moves ----------------------------------------------------------------------------------------------------


@pytest.fixture
def fresh(world, client_for):
    """A new employment pathway in engagement, with no agreement."""
    response = send(
        client_for("owner"), "POST", LIST_URL, {"participant": str(world.participant.pk), "path": "employment"}
    )
    assert response.status_code == 201
    return response.json()["id"]


def _move(client_for, pathway_id, **data):
    return send(client_for("owner"), "POST", f"/api/v1/pathways/{pathway_id}/moves", data)


def test_skipping_a_stage_forward_is_refused(fresh, client_for, unchanged):
    item = _only(_move(client_for, fresh, to_stage="job_finding"))
    assert item["loc"] == ["body", "to_stage"]
    assert "one stage at a time" in item["msg"] and "Vocational profiling" in item["msg"]


def test_entry_criteria_are_named(fresh, client_for, unchanged):
    items = _items(_move(client_for, fresh, to_stage="vocational_profiling"))
    assert [item["loc"] for item in items] == [["body", "to_stage"]]
    assert items[0]["type"] == "entry_criteria"
    assert "Vocational profiling" in items[0]["msg"]
    assert "the agreement signed by the participant and the job specialist" in items[0]["msg"]


def test_job_finding_names_every_missing_criterion(setup, client_for, unchanged):
    items = _items(_move(client_for, setup.pathway.pk, to_stage="job_finding"))
    assert {item["type"] for item in items} == {"entry_criteria"}
    text = " ".join(item["msg"] for item in items)
    assert "agreement signed" in text and "vocational profile" in text


def test_moving_back_needs_a_reason(setup, client_for, unchanged):
    item = _only(_move(client_for, setup.pathway.pk, to_stage="engagement"))
    assert item["loc"] == ["body", "reason"]


def test_closing_needs_an_outcome(setup, client_for, unchanged):
    item = _only(_move(client_for, setup.pathway.pk, to_stage="closed"))
    assert item["loc"] == ["body", "outcome"]


def test_a_stage_of_the_other_path_is_refused(setup, client_for, unchanged):
    item = _only(_move(client_for, setup.pathway.pk, to_stage="business_plan"))
    assert item["loc"] == ["body", "to_stage"] and "not on the" in item["msg"]


def test_a_move_before_the_current_stage_began_is_refused(setup, client_for, unchanged):
    item = _only(_move(client_for, setup.pathway.pk, to_stage="closed", outcome="moved", effective_date="2024-12-31"))
    assert item["loc"] == ["body", "effective_date"]


def test_moves_back_and_close_are_recorded(setup, client_for):
    response = _move(
        client_for, setup.pathway.pk, to_stage="engagement", reason="New agreement", effective_date="2025-02-01"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["stage"], data["stage_since"]) == ("engagement", "2025-02-01")
    (move,) = [e for e in data["timeline"] if e["kind"] == "stage_move" and e["data"]["to"] == "engagement"]
    assert (move["kind"], move["reason"], move["data"]["back"]) == ("stage_move", "New agreement", True)

    data = _move(client_for, setup.pathway.pk, to_stage="closed", outcome="moved", effective_date="2025-03-01").json()
    assert (data["stage"], data["outcome"], data["closed_on"]) == ("closed", "moved", "2025-03-01")


def test_a_participant_may_read_but_not_move(setup, client_for, unchanged):
    response = send(client_for("participant"), "POST", url(setup, "/moves"), {"to_stage": "closed", "outcome": "moved"})
    assert response.status_code == 403
    assert "job specialists" in response.json()["detail"]


# --- stage notes ----------------------------------------------------------------------------------------------


def test_stage_notes_by_specialist_and_participant(setup, client_for):
    response = send(
        client_for("owner"),
        "PUT",
        url(setup, "/stage-notes/vocational_profiling"),
        {"interpreter_used": True, "interpreter_language": "ar", "norwegian_level": "A2"},
    )
    assert response.status_code == 200, response.content
    response = send(
        client_for("participant"),
        "PUT",
        url(setup, "/stage-notes/vocational_profiling"),
        {"participant_words": "Jeg vil bli baker.", "participant_agrees": True},
    )
    data = response.json()
    assert (data["interpreter_language"], data["norwegian_level"], data["participant_words"]) == (
        "ar",
        "A2",
        "Jeg vil bli baker.",
    )
    notes = client_for("owner").get(url(setup)).json()["stage_notes"]
    assert [note["stage"] for note in notes] == ["vocational_profiling"]


def test_participant_cannot_write_the_specialists_fields(setup, client_for, unchanged):
    response = send(client_for("participant"), "PUT", url(setup, "/stage-notes/engagement"), {"interpreter_used": True})
    assert response.status_code == 403
    assert "interpreter_used" in response.json()["detail"]


@pytest.mark.parametrize("stage", ["closed", "idea", "nowhere"])
def test_stage_notes_only_for_the_stages_of_the_path(setup, client_for, unchanged, stage):
    response = send(client_for("owner"), "PUT", url(setup, f"/stage-notes/{stage}"), {"participant_agrees": True})
    assert _only(response)["loc"] == ["path", "stage"]


def test_stage_note_values_are_checked(setup, client_for, unchanged):
    response = send(client_for("owner"), "PUT", url(setup, "/stage-notes/engagement"), {"norwegian_level": "B3"})
    assert _only(response)["loc"] == ["body", "norwegian_level"]
    response = send(client_for("owner"), "PUT", url(setup, "/stage-notes/engagement"), {})
    assert _only(response)["loc"] == ["body"]


# --- team -----------------------------------------------------------------------------------------------------


def test_team_member_added_and_removed(world, setup, client_for):
    client = client_for("owner")
    response = send(
        client, "POST", url(setup, "/team"), {"user": str(world.user("other_organisation").pk), "role": "municipality"}
    )
    assert response.status_code == 201, response.content
    member = response.json()
    assert member["organisation"]["id"] == str(world.organisations["kommune"].pk)
    assert client_for("other_organisation").get(url(setup)).status_code == 200

    assert send(client, "DELETE", url(setup, f"/team/{member['id']}")).status_code == 204
    assert client_for("other_organisation").get(url(setup)).status_code == 404


def test_team_input_is_checked(world, setup, client_for, unchanged):
    client = client_for("owner")
    item = _only(send(client, "POST", url(setup, "/team"), {"user": str(world.user("partner").pk), "role": "school"}))
    assert item["loc"] == ["body", "user"] and "already" in item["msg"]
    item = _only(
        send(client, "POST", url(setup, "/team"), {"user": "3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10", "role": "nav"})
    )
    assert item["loc"] == ["body", "user"]
    item = _only(
        send(client, "POST", url(setup, "/team"), {"user": str(world.user("partner").pk), "role": "participant"})
    )
    assert item["loc"] == ["body", "role"] and item["type"] == "literal_error"
    item = _only(
        send(
            client,
            "POST",
            url(setup, "/team"),
            {
                "user": str(world.user("researcher").pk),
                "role": "partner",
                "organisation": str(world.organisations["nav"].pk),
            },
        )
    )
    assert item["loc"] == ["body", "organisation"]


def test_the_participant_cannot_be_removed(world, setup, client_for):
    team = client_for("owner").get(url(setup)).json()["team"]
    (member_id,) = [member["id"] for member in team if member["role"] == "participant"]
    before = fingerprint()
    assert send(client_for("owner"), "DELETE", url(setup, f"/team/{member_id}")).status_code == 404
    assert fingerprint() == before


# --- agreement ------------------------------------------------------------------------------------------------


def test_every_party_signs_and_the_last_signature_is_an_event(world, setup, client_for):
    client_for("mentor").post(url(setup, "/confidentiality"))
    for persona in ("participant", "owner", "employer_contact", "mentor"):
        response = send(client_for(persona), "POST", url(setup, "/agreement/signatures"), {"version": 2})
        assert response.status_code == 201, (persona, response.content)
    state = response.json()
    assert state["signed"] is True and state["missing"] == []
    timeline = client_for("owner").get(url(setup)).json()["timeline"]
    assert [e["data"].get("version") for e in timeline if e["kind"] == "agreement_signed"] == [2, 1]


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 403), ("colleague_with_access", 403), ("partner", 403)]
)
def test_non_parties_cannot_sign(setup, client_for, unchanged, persona, status):
    response = send(client_for(persona), "POST", url(setup, "/agreement/signatures"), {"version": 2})
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_employer_not_on_the_team_does_not_find_the_agreement(world, client_for, fresh):
    before = fingerprint()
    response = send(
        client_for("employer_contact"), "POST", f"/api/v1/pathways/{fresh}/agreement/signatures", {"version": 1}
    )
    assert response.status_code == 404
    assert fingerprint() == before


def test_signing_an_old_version_or_twice_is_refused(setup, client_for):
    before = fingerprint()
    item = _only(send(client_for("participant"), "POST", url(setup, "/agreement/signatures"), {"version": 1}))
    assert item["loc"] == ["body", "version"] and "Version 2" in item["msg"]
    assert fingerprint() == before
    assert (
        send(client_for("participant"), "POST", url(setup, "/agreement/signatures"), {"version": 2}).status_code == 201
    )
    before = fingerprint()
    item = _only(send(client_for("participant"), "POST", url(setup, "/agreement/signatures"), {"version": 2}))
    assert item["loc"] == ["body"] and "already signed" in item["msg"]
    assert fingerprint() == before


def test_agreement_versions(setup, client_for):
    client = client_for("owner")
    before = fingerprint()
    item = _only(send(client, "POST", url(setup, "/agreement/versions"), {"text": "  ", "language": "nb"}))
    assert item["loc"] == ["body", "text"]
    item = _only(send(client, "POST", url(setup, "/agreement/versions"), {"text": "Ny tekst.", "language": "xx"}))
    assert item["loc"] == ["body", "language"]
    assert fingerprint() == before
    response = send(client, "POST", url(setup, "/agreement/versions"), {"text": "Ny tekst.", "language": "nb"})
    assert response.status_code == 201
    assert response.json()["version"]["number"] == 3 and response.json()["version"]["signatures"] == []


# --- plan -----------------------------------------------------------------------------------------------------


def test_participant_adds_goals_proposes_activities_and_comments(world, setup, client_for):
    client = client_for("participant")
    response = send(client, "POST", url(setup, "/goals"), {"text": "Åpne et bakeri.", "language": "nb"})
    assert response.status_code == 201 and response.json()["by_participant"] is True
    response = send(
        client, "POST", url(setup, "/activities"), {"kind": "work_trial", "title": "Work trial at a bakery"}
    )
    assert response.status_code == 201, response.content
    activity = response.json()
    assert (activity["status"], activity["owner_role"], activity["proposed_by_participant"]) == (
        "proposed",
        "participant",
        True,
    )
    assert [mark["party"] for mark in activity["agreed_by"]] == ["participant"]
    response = send(client_for("owner"), "POST", url(setup, f"/activities/{activity['id']}/agreements"))
    assert [mark["party"] for mark in response.json()["agreed_by"]] == ["participant", "job_specialist"]
    response = send(client, "POST", url(setup, f"/activities/{activity['id']}/comments"), {"text": "Mornings only."})
    assert response.status_code == 201 and response.json()["text"] == "Mornings only."
    # The participant changes what they proposed, not what others did.
    assert send(client, "PATCH", url(setup, f"/activities/{activity['id']}"), {"title": "Trial"}).status_code == 200
    before = fingerprint()
    assert send(client, "PATCH", url(setup, f"/activities/{setup.activity_a.pk}"), {"title": "x"}).status_code == 403
    assert fingerprint() == before


def test_a_done_activity_is_final(world, setup, client_for):
    owner = world.user("owner")
    access = access_pathway(owner, setup.pathway.pk)
    activity_set_status(actor=owner, access=access, activity_id=setup.activity_a.pk, status=ActivityStatus.DONE)
    before = fingerprint()
    client = client_for("owner")
    activity = url(setup, f"/activities/{setup.activity_a.pk}")
    assert "cannot be changed" in _only(send(client, "PATCH", activity, {"title": "Again"}))["msg"]
    assert "cannot be changed" in _only(send(client, "POST", f"{activity}/status", {"status": "in_progress"}))["msg"]
    assert "cannot be changed" in _only(send(client_for("employer_contact"), "POST", f"{activity}/agreements"))["msg"]
    assert fingerprint() == before


def test_illegal_activity_status_change_is_named(setup, client_for, unchanged):
    item = _only(
        send(client_for("owner"), "POST", url(setup, f"/activities/{setup.activity_b.pk}/status"), {"status": "done"})
    )
    assert item["loc"] == ["body", "status"] and "cannot go from" in item["msg"]


def test_activity_input_is_checked(setup, client_for, unchanged):
    client = client_for("owner")
    item = _only(send(client, "POST", url(setup, "/activities"), {"kind": "party", "title": "x"}))
    assert item["loc"] == ["body", "kind"] and item["type"] == "literal_error"
    item = _only(
        send(client, "POST", url(setup, "/activities"), {"kind": "meeting", "title": "x", "meeting_language": "zz"})
    )
    assert item["loc"] == ["body", "meeting_language"]
    item = _only(send(client, "PATCH", url(setup, f"/activities/{setup.activity_a.pk}"), {"due_date": "soon"}))
    assert item["loc"] == ["body", "due_date"] and item["type"] == "date_from_datetime_parsing"
    item = _only(send(client, "PATCH", url(setup, f"/activities/{setup.activity_a.pk}"), {"status": "done"}))
    assert item["loc"] == ["body", "status"] and item["type"] == "extra_forbidden"
    item = _only(send(client, "POST", url(setup, "/goals"), {"text": "   "}))
    assert item["loc"] == ["body", "text"]


def test_benefit_periods_are_events(setup, client_for):
    response = send(
        client_for("owner"),
        "POST",
        url(setup, "/benefit-periods"),
        {"start": "2025-01-01", "benefit": "introduction"},
    )
    assert response.status_code == 201
    timeline = client_for("owner").get(url(setup)).json()["timeline"]
    assert [e["kind"] for e in timeline].count("benefit_start") == 1
    before = fingerprint()
    item = _only(
        send(
            client_for("owner"),
            "POST",
            url(setup, "/benefit-periods"),
            {"start": "2025-02-01", "end": "2025-01-01", "benefit": "other"},
        )
    )
    assert item["loc"] == ["body", "end"]
    assert fingerprint() == before


# --- malformed requests ---------------------------------------------------------------------------------------


def test_malformed_json_is_a_400(setup, client_for, unchanged):
    response = send(client_for("owner"), "POST", url(setup, "/moves"), '{"to_stage": "closed",')
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


@pytest.mark.parametrize(
    ("rest", "data", "loc", "kind"),
    [
        ("/moves", {"to_stage": 5}, ["body", "to_stage"], "literal_error"),
        ("/moves", {"to_stage": "closed", "effective_date": "yesterday"}, ["body", "effective_date"], None),
        ("/moves", {"to_stage": "closed", "outcome": "rich"}, ["body", "outcome"], "literal_error"),
        ("/moves", {"to_stage": "launch", "org_number": "12"}, ["body", "org_number"], "string_pattern_mismatch"),
        ("/moves", {}, ["body", "to_stage"], "missing"),
        ("/moves", {"to_stage": "closed", "outcome": "moved", "colour": "red"}, ["body", "colour"], "extra_forbidden"),
        ("/agreement/signatures", {"version": "two"}, ["body", "version"], "int_parsing"),
        ("/agreement/signatures", {"version": 0}, ["body", "version"], "greater_than_equal"),
        ("/goals", {"text": ["a"]}, ["body", "text"], "string_type"),
        ("/team", {"user": "someone", "role": "nav"}, ["body", "user"], "uuid_parsing"),
        ("/stage-notes/engagement", {"participant_agrees": "maybe"}, ["body", "participant_agrees"], "bool_parsing"),
    ],
)
def test_wrong_types_are_named(setup, client_for, unchanged, rest, data, loc, kind):
    method = "PUT" if rest.startswith("/stage-notes") else "POST"
    item = _only(send(client_for("owner"), method, url(setup, rest), data))
    assert item["loc"] == loc
    if kind:
        assert item["type"] == kind


def test_a_list_body_is_refused(setup, client_for, unchanged):
    item = _only(send(client_for("owner"), "POST", url(setup, "/goals"), [{"text": "x"}]))
    assert item["loc"] == ["body"]


# --- authentication -------------------------------------------------------------------------------------------


def test_a_token_works_without_csrf_and_a_session_needs_it(world, setup):
    _token, raw = token_create(actor=world.user("owner"), name="integration")
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = send(client, "POST", url(setup, "/goals"), {"text": "Via the token."})
    assert response.status_code == 201

    session = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    session.force_login(world.user("owner"))
    before = fingerprint()
    for method, rest in [("PUT", "/stage-notes/engagement"), ("DELETE", f"/team/{setup.school_member.pk}")]:
        response = send(session, method, url(setup, rest), {"participant_agrees": True} if method == "PUT" else None)
        assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert fingerprint() == before


# --- OpenAPI --------------------------------------------------------------------------------------------------


def test_openapi_lists_and_documents_the_pathway_routes():
    schema = english_client().get("/api/openapi.json").json()
    routes = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if path.startswith("/api/v1/pathways")
    }
    assert routes == set(API_EXPECTED_STATUS)
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/pathways"):
            continue
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary") and operation.get("description"), where
            assert operation["tags"] == ["pathways"], where
            assert "401" in operation["responses"], where
            if method != "get":
                assert "403" in operation["responses"] and "422" in operation["responses"], where
    move = schema["components"]["schemas"]["PathwayMove"]["properties"]
    assert all(field.get("description") for field in move.values())
    assert "job_finding" in move["to_stage"]["enum"]
