"""What the participant routes return, what they log and what they store."""

import pytest

from samspill.access.selectors import SHARED_FIELDS
from samspill.accounts.services import membership_add, organisation_create
from samspill.api.tests.conftest import LIST_URL, ORGANISATIONS_URL, detail_url
from samspill.audit.models import AccessLog, ChangeLog
from samspill.core.roles import OrganisationKind, Purpose, Role
from samspill.people.models import HealthInformation, LanguageSkill, Participant
from samspill.people.services import participant_create

pytestmark = pytest.mark.django_db

HIDDEN_WHEN_SHARED = {"national_id", "birth_date", "country_of_birth", "health", "email", "phone", "organisation"}


def _listed_ids(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


# --- detail ---------------------------------------------------------------------------------------------------


def test_job_specialist_reads_the_whole_record_with_health(world, client_for):
    HealthInformation.objects.create(participant=world.participant, work_limitations="No heavy lifting.")
    LanguageSkill.objects.create(participant=world.participant, language="ar", is_mother_tongue=True, listening="C2")

    body = client_for("owner").get(detail_url(world.participant)).json()

    assert body["national_id"] == world.participant.national_id
    assert body["birth_date"] == "1991-03-14"
    assert body["organisation"]["name"] == "NAV Sandefjord"
    assert body["assigned_specialist"]["id"] == str(world.user("owner").pk)
    assert body["health"]["work_limitations"] == "No heavy lifting."
    assert body["languages"] == [
        {
            "language": "ar",
            "is_mother_tongue": True,
            "listening": "C2",
            "reading": "",
            "spoken_interaction": "",
            "spoken_production": "",
            "writing": "",
        }
    ]
    assert body["access"]["purpose"] == Purpose.CASE_MANAGEMENT
    assert body["access"]["level"] == "case"
    assert "national_id" in body["access"]["editable_fields"]


def test_coordinator_reads_the_case_without_health(world, client_for):
    HealthInformation.objects.create(participant=world.participant, work_limitations="No heavy lifting.")
    body = client_for("coordinator").get(detail_url(world.participant)).json()
    assert body["national_id"] == world.participant.national_id
    assert "health" not in body
    assert body["access"]["special_category"] is False


def test_participant_reads_own_record_and_may_edit_only_self_service_fields(world, client_for):
    body = client_for("participant").get(detail_url(world.participant)).json()
    assert body["access"]["level"] == "self"
    assert body["health"] is None  # they may see it; nothing recorded
    assert "national_id" not in body["access"]["editable_fields"]
    assert {"phone", "languages"} <= set(body["access"]["editable_fields"])


def test_employer_sees_only_shared_fields_after_consent(world, client_for, employer_consent):
    LanguageSkill.objects.create(participant=world.participant, language="nb", reading="B1")
    HealthInformation.objects.create(participant=world.participant, work_limitations="Private.")

    response = client_for("employer_contact").get(detail_url(world.participant))

    assert response.status_code == 200
    body = response.json()
    assert set(body) <= SHARED_FIELDS | {"access"}
    assert not HIDDEN_WHEN_SHARED & set(body)
    assert "Private." not in response.content.decode()
    assert world.participant.national_id not in response.content.decode()
    assert body["given_name"] == "Amina"
    assert body["languages"][0]["reading"] == "B1"
    assert body["access"] == {
        "purpose": Purpose.SHARE_EMPLOYER,
        "level": "shared",
        "special_category": False,
        "editable_fields": [],
    }


def test_detail_writes_exactly_one_access_log_row(world, client_for):
    before = AccessLog.objects.count()
    response = client_for("colleague_with_access").get(detail_url(world.participant))
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1
    row = AccessLog.objects.order_by("-at").first()
    assert (row.actor, row.participant, row.purpose) == (
        world.user("colleague_with_access"),
        world.participant,
        Purpose.CASE_MANAGEMENT,
    )
    assert row.request_id == response["X-Request-ID"]


def test_missing_forbidden_and_malformed_ids_give_the_same_404(world, client_for):
    client = client_for("owner")
    answers = [
        client.get(detail_url("3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10")),
        client.get(detail_url(world.other_participant)),
        client.get(detail_url("not-a-uuid")),
    ]
    assert {(r.status_code, r.content) for r in answers} == {(404, b'{"detail": "Not found."}')}
    assert not AccessLog.objects.filter(actor=world.user("owner")).exists()


# --- list -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("owner", {"participant"}),
        ("colleague_with_access", {"participant"}),
        ("colleague_without_access", set()),
        ("coordinator", {"participant"}),
        ("other_organisation", {"other_participant"}),
        ("participant", {"participant"}),
        ("other_participant", {"other_participant"}),
        ("employer_contact", set()),
        ("partner", set()),
        ("mentor", set()),
        ("researcher", set()),
        ("administrator", set()),
    ],
)
def test_list_shows_whom_the_gate_allows_and_logs_nothing(world, client_for, persona, sees):
    records = {"participant": world.participant, "other_participant": world.other_participant}
    before = AccessLog.objects.count()
    response = client_for(persona).get(LIST_URL)
    assert _listed_ids(response) == {str(records[name].pk) for name in sees}
    assert response.json()["count"] == len(sees)
    assert AccessLog.objects.count() == before


def test_list_for_an_employer_after_consent_gives_summary_fields_and_purpose(world, client_for, employer_consent):
    response = client_for("employer_contact").get(LIST_URL)
    (item,) = response.json()["items"]
    assert item == {
        "id": str(world.participant.pk),
        "given_name": "Amina",
        "family_name": "Haddad",
        "municipality_number": "3907",
        "preferred_language": "ar",
        "purpose": Purpose.SHARE_EMPLOYER,
    }


def test_list_searches_filters_and_pages(world, client_for):
    owner, nav = world.user("owner"), world.organisations["nav"]
    for given, family, municipality in [("Olena", "Kovalenko", "0301"), ("Ahmad", "Karimi", "3907")]:
        participant_create(
            actor=owner,
            organisation=nav,
            data={
                "given_name": given,
                "family_name": family,
                "birth_date": "1985-01-01",
                "municipality_number": municipality,
            },
        )
    client = client_for("owner")

    def names(query: str) -> list[str]:
        return [item["family_name"] for item in client.get(LIST_URL + query).json()["items"]]

    assert names("") == ["Haddad", "Karimi", "Kovalenko"]
    assert names("?q=olena+kova") == ["Kovalenko"]
    assert names("?q=AHMAD") == ["Karimi"]
    assert names("?municipality=3907") == ["Haddad", "Karimi"]
    page = client.get(LIST_URL + "?limit=1&offset=1").json()
    assert (page["count"], page["limit"], page["offset"]) == (3, 1, 1)
    assert [item["family_name"] for item in page["items"]] == ["Karimi"]


def test_list_of_someone_with_two_roles_names_each_purpose_once(world, client_for, employer_consent):
    # The coordinator also works for the employer: they see Amina once, under case management first.
    membership_add(
        actor=None,
        user=world.user("coordinator"),
        organisation=world.organisations["employer"],
        role=Role.EMPLOYER_CONTACT,
    )
    items = client_for("coordinator").get(LIST_URL).json()["items"]
    assert [(item["id"], item["purpose"]) for item in items] == [(str(world.participant.pk), "case_management")]


# --- create ---------------------------------------------------------------------------------------------------


def _new(**extra) -> dict:
    return {
        "given_name": "Olena",
        "family_name": "Kovalenko",
        "birth_date": "1984-02-29",
        "municipality_number": "3907",
        **extra,
    }


def test_create_defaults_to_the_actors_organisation_and_assigns_them(world, client_for):
    before = Participant.objects.count()
    response = client_for("colleague_without_access").post(
        LIST_URL, _new(country_of_birth="UA", preferred_language="uk"), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"]["id"] == str(world.organisations["nav"].pk)
    assert body["assigned_specialist"]["id"] == str(world.user("colleague_without_access").pk)
    assert body["country_of_birth"] == "UA"
    assert body["case_legal_basis"] == "introduction_act"  # model default for what was left out
    created = Participant.objects.get(pk=body["id"])
    assert created.assigned_specialist == world.user("colleague_without_access")
    assert Participant.objects.count() == before + 1
    assert ChangeLog.objects.filter(object_id=str(created.pk), action="create").count() == 1


def test_create_for_a_colleague_answers_with_the_id_only(world, client_for):
    colleague = world.user("colleague_without_access")
    response = client_for("owner").post(
        LIST_URL, _new(assigned_specialist=str(colleague.pk)), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body == {"id": body["id"], "access": None}
    assert Participant.objects.get(pk=body["id"]).assigned_specialist == colleague


def test_create_refuses_a_specialist_of_another_organisation(world, client_for):
    before = Participant.objects.count()
    response = client_for("owner").post(
        LIST_URL,
        _new(assigned_specialist=str(world.user("other_organisation").pk)),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "assigned_specialist"]
    assert Participant.objects.count() == before


def test_create_asks_which_organisation_when_the_actor_has_several(world, client_for):
    second = organisation_create(
        actor=None, name="NAV Larvik", kind=OrganisationKind.NAV_OFFICE, municipality_number="3909"
    )
    membership_add(actor=None, user=world.user("owner"), organisation=second, role=Role.JOB_SPECIALIST)
    client = client_for("owner")

    ambiguous = client.post(LIST_URL, _new(), content_type="application/json")
    assert ambiguous.status_code == 422
    assert ambiguous.json()["detail"][0]["loc"] == ["body", "organisation"]

    chosen = client.post(LIST_URL, _new(organisation=str(second.pk)), content_type="application/json")
    assert chosen.status_code == 201
    assert chosen.json()["organisation"]["name"] == "NAV Larvik"

    foreign = client.post(
        LIST_URL, _new(organisation=str(world.organisations["kommune"].pk)), content_type="application/json"
    )
    assert foreign.status_code == 422
    assert foreign.json()["detail"][0]["loc"] == ["body", "organisation"]


# --- update ---------------------------------------------------------------------------------------------------


def _patch(client, participant, body):
    return client.patch(detail_url(participant), body, content_type="application/json")


def test_patch_changes_fields_and_replaces_languages(world, client_for):
    LanguageSkill.objects.create(participant=world.participant, language="en", reading="A2")
    response = _patch(
        client_for("owner"),
        world.participant,
        {
            "phone": "+47 400 00 000",
            "commuting_radius_km": 30,
            "languages": [
                {"language": "ar", "is_mother_tongue": True},
                {"language": "nb", "listening": "B1", "reading": "A2", "writing": "A2"},
            ],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["phone"], body["commuting_radius_km"]) == ("+47 400 00 000", 30)
    assert [(row["language"], row["listening"]) for row in body["languages"]] == [("ar", ""), ("nb", "B1")]
    world.participant.refresh_from_db()
    assert world.participant.phone == "+47 400 00 000"
    assert sorted(world.participant.languages.values_list("language", flat=True)) == ["ar", "nb"]


def test_patch_assigns_a_team_and_a_specialist_by_id(world, client_for):
    response = _patch(
        client_for("coordinator"),
        world.participant,
        {"assigned_specialist": str(world.user("colleague_without_access").pk), "assigned_team": None},
    )
    assert response.status_code == 200, response.content
    world.participant.refresh_from_db()
    assert world.participant.assigned_specialist == world.user("colleague_without_access")
    assert world.participant.assigned_team is None


def test_participant_may_change_own_languages_but_not_identity(world, client_for):
    client = client_for("participant")
    assert _patch(client, world.participant, {"languages": [{"language": "ar"}]}).status_code == 200

    before = Participant.objects.filter(pk=world.participant.pk).values().get()
    logs = AccessLog.objects.count()
    refused = _patch(client, world.participant, {"national_id": "", "phone": "123"})
    assert refused.status_code == 403
    assert "national_id" in refused.json()["detail"]
    assert Participant.objects.filter(pk=world.participant.pk).values().get() == before
    assert AccessLog.objects.count() == logs


def test_patch_is_all_or_nothing(world, client_for):
    LanguageSkill.objects.create(participant=world.participant, language="en", reading="A2")
    before = Participant.objects.filter(pk=world.participant.pk).values().get()
    counts = (AccessLog.objects.count(), ChangeLog.objects.count(), LanguageSkill.objects.count())

    # The field change is valid and the service stores it first; the second language is not: nothing is kept.
    response = _patch(
        client_for("owner"),
        world.participant,
        {"phone": "+47 400 00 000", "languages": [{"language": "ar"}, {"language": "zz"}]},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "languages", 1, "language"]
    assert Participant.objects.filter(pk=world.participant.pk).values().get() == before
    assert (AccessLog.objects.count(), ChangeLog.objects.count(), LanguageSkill.objects.count()) == counts
    assert list(world.participant.languages.values_list("language", flat=True)) == ["en"]


# --- organisations --------------------------------------------------------------------------------------------


def test_organisations_are_listed_by_kind_and_name(world, client_for):
    client = client_for("participant")
    everyone = client.get(ORGANISATIONS_URL).json()
    assert everyone["count"] == len(world.organisations)
    employers = client.get(ORGANISATIONS_URL + "?kind=employer").json()["items"]
    assert [o["name"] for o in employers] == ["Vestfold Bakeri AS"]
    assert [o["name"] for o in client.get(ORGANISATIONS_URL + "?search=sandefjord").json()["items"]] == [
        "NAV Sandefjord",
        "Sandefjord voksenopplæring",
    ]
    unknown_kind = client.get(ORGANISATIONS_URL + "?kind=bakery")
    assert unknown_kind.status_code == 422
    assert unknown_kind.json()["detail"][0]["loc"] == ["query", "kind"]
