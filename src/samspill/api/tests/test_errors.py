"""Bad input gets a clear JSON error naming the field, and the database stays as it was."""

import json

import pytest
from django.conf import settings

from samspill.api.tests.conftest import LIST_URL, detail_url
from samspill.audit.models import AccessLog, ChangeLog
from samspill.people.models import LanguageSkill, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def unchanged(world):
    """Asserts, at the end of the test, that the participant and the row counts are as before."""

    def state():
        return (
            Participant.objects.filter(pk=world.participant.pk).values().get(),
            Participant.objects.count(),
            LanguageSkill.objects.count(),
            AccessLog.objects.count(),
            ChangeLog.objects.count(),
        )

    before = state()
    yield
    assert state() == before


def _items(response, status=422) -> list[dict]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["detail"]
    assert isinstance(items, list) and items
    for item in items:
        assert set(item) == {"loc", "msg", "type"}
        assert isinstance(item["msg"], str) and item["msg"]
    return items


def _only(response) -> dict:
    (item,) = _items(response)
    return item


def _new(**extra) -> dict:
    return {
        "given_name": "Olena",
        "family_name": "Kovalenko",
        "birth_date": "1984-02-29",
        "municipality_number": "3907",
    } | extra


def test_invalid_national_id_is_named(world, client_for, unchanged):
    response = client_for("owner").post(LIST_URL, _new(national_id="12345678901"), content_type="application/json")
    item = _only(response)
    assert item["loc"] == ["body", "national_id"]
    assert item["type"] == "invalid"
    assert "national identity number" in item["msg"]


def test_national_id_with_wrong_check_digits_is_named(world, client_for, unchanged):
    valid = world.participant.national_id
    typo = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    response = client_for("owner").patch(
        detail_url(world.participant), {"national_id": typo}, content_type="application/json"
    )
    item = _only(response)
    assert item["loc"] == ["body", "national_id"]
    assert "check digits" in item["msg"]
    assert typo not in response.content.decode()  # what was sent is not echoed back


def test_unknown_country_code_is_named(world, client_for, unchanged):
    response = client_for("owner").patch(
        detail_url(world.participant), {"country_of_birth": "XX"}, content_type="application/json"
    )
    item = _only(response)
    assert item["loc"] == ["body", "country_of_birth"]
    assert "“XX” is not a country code" in item["msg"]


def test_unknown_cefr_level_is_named_with_its_position(world, client_for, unchanged):
    response = client_for("owner").patch(
        detail_url(world.participant),
        {"languages": [{"language": "ar", "is_mother_tongue": True}, {"language": "nb", "listening": "D1"}]},
        content_type="application/json",
    )
    item = _only(response)
    assert item == {
        "loc": ["body", "languages", 1, "listening"],
        "msg": "“D1” is not a CEFR level. Use one of A1, A2, B1, B2, C1 or C2.",
        "type": "cefr_level",
    }


def test_schema_and_service_errors_come_together_field_by_field(world, client_for, unchanged):
    response = client_for("owner").post(
        LIST_URL,
        {"given_name": "x" * 101, "birth_date": "14.03.1991", "municipality_number": "3907", "favourite_colour": "red"},
        content_type="application/json",
    )
    by_loc = {tuple(item["loc"]): item for item in _items(response)}
    assert by_loc[("body", "given_name")]["msg"] == "Enter at most 100 characters."
    assert by_loc[("body", "family_name")] == {
        "loc": ["body", "family_name"],
        "msg": "This field is required.",
        "type": "missing",
    }
    assert by_loc[("body", "birth_date")]["msg"].startswith("Enter a date as YYYY-MM-DD")
    assert by_loc[("body", "favourite_colour")]["type"] == "extra_forbidden"


def test_malformed_json_is_a_400(world, client_for, unchanged):
    response = client_for("owner").patch(
        detail_url(world.participant), '{"phone": "+47 400", }', content_type="application/json"
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("The request body is not valid JSON (line 1, column")


def test_a_body_that_is_not_an_object_is_named(world, client_for, unchanged):
    item = _only(client_for("owner").post(LIST_URL, "[1, 2]", content_type="application/json"))
    assert item["loc"] == ["body"]
    assert "JSON object" in item["msg"]
    item = _only(client_for("owner").post(LIST_URL, "", content_type="application/json"))
    assert item["msg"] == "The request body is empty. Send a JSON object."


def test_null_for_a_field_that_cannot_be_empty_is_named(world, client_for, unchanged):
    item = _only(
        client_for("owner").patch(detail_url(world.participant), {"given_name": None}, content_type="application/json")
    )
    assert (item["loc"], item["msg"]) == (["body", "given_name"], "Enter text.")


def test_oversized_body_is_refused_with_413(world, client_for, unchanged):
    note = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client_for("owner").patch(
        detail_url(world.participant), json.dumps({"preferences_note": note}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is too large")


def test_bad_query_parameters_are_named(world, client_for):
    items = _items(client_for("owner").get(LIST_URL + "?limit=0&municipality=39"))
    assert {tuple(item["loc"]): item["msg"] for item in items} == {
        ("query", "limit"): "Enter a value of at least 1.",
        ("query", "municipality"): "This value does not have the expected form.",
    }


def test_forbidden_change_is_a_403_naming_the_fields(world, client_for, unchanged):
    response = client_for("participant").patch(
        detail_url(world.participant), {"given_name": "Anna"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot change these fields: given_name."}


def test_wrong_method_and_unknown_address_answer_in_json(world, client_for):
    client = client_for("owner")
    wrong = client.delete(detail_url(world.participant))
    assert wrong.status_code == 405
    assert wrong.json()["detail"].startswith("This method is not allowed here.")
    assert set(wrong["Allow"].replace(" ", "").split(",")) == {"GET", "PATCH"}
    unknown = client.get("/api/v1/nothing-here/")
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "Not found."})
