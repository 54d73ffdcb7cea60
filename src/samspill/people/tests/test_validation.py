"""Bad input gets a clear error and loses nothing."""

import datetime as dt

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from samspill.access.selectors import access_participant
from samspill.core.errors import ApplicationError
from samspill.core.roles import Purpose
from samspill.people.services import language_skills_replace, participant_create, participant_update
from samspill.people.validators import make_synthetic_national_id, national_id_birth_date, validate_national_id
from samspill.testing.database import fingerprint
from samspill.testing.personas import synthetic_national_id


def _bad_checksum() -> str:
    valid = synthetic_national_id(dt.date(1985, 6, 1))
    return valid[:-1] + str((int(valid[-1]) + 1) % 10)


def _owner_access(world):
    return access_participant(world.user("owner"), world.participant.pk, Purpose.CASE_MANAGEMENT)


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"national_id": "BAD_CHECKSUM"}, "national_id", "check digits"),
        ({"national_id": "1234"}, "national_id", "11 digits"),
        ({"national_id": "32138812345"}, "national_id", "real date"),
        ({"country_of_birth": "XX"}, "country_of_birth", "not a country code"),
        ({"citizenship": "sy"}, "citizenship", "not a country code"),
        ({"municipality_number": "39O7"}, "municipality_number", "four digits"),
        ({"preferred_language": "klingon"}, "preferred_language", ""),
    ],
)
@pytest.mark.django_db
def test_invalid_profile_values_are_refused_and_nothing_changes(world, data, field, words):
    if data.get("national_id") == "BAD_CHECKSUM":
        data = {"national_id": _bad_checksum()}
    access = _owner_access(world)
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        participant_update(actor=world.user("owner"), access=access, data=data)
    assert field in error.value.field_errors
    assert words in " ".join(error.value.field_errors[field])
    assert fingerprint() == before


@pytest.mark.django_db
def test_cefr_level_outside_a1_c2_is_refused_and_languages_stay(world):
    access = _owner_access(world)
    language_skills_replace(actor=world.user("owner"), access=access, languages=[{"language": "nb", "reading": "A2"}])
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        language_skills_replace(
            actor=world.user("owner"),
            access=access,
            languages=[{"language": "nb", "reading": "B1"}, {"language": "en", "writing": "D1"}],
        )
    assert "languages[1].writing" in error.value.field_errors
    assert fingerprint() == before
    assert world.participant.languages.get().reading == "A2"


@pytest.mark.django_db
def test_duplicate_national_id_is_refused_in_words(world):
    with pytest.raises(ApplicationError) as error:
        participant_create(
            actor=world.user("owner"),
            organisation=world.organisations["nav"],
            data={
                "given_name": "Kopi",
                "family_name": "Person",
                "birth_date": dt.date(1991, 3, 14),
                "national_id": world.participant.national_id,
                "municipality_number": "3907",
            },
        )
    assert "already registered" in " ".join(error.value.field_errors["national_id"])


@pytest.mark.django_db
def test_the_edit_form_shows_the_error_next_to_the_field_and_saves_nothing(world):
    client = Client()
    client.force_login(world.user("owner"))
    before = fingerprint(include_access_log=False)
    response = client.post(
        f"/participants/{world.participant.pk}/edit/",
        {
            "given_name": "Amina",
            "family_name": "Haddad",
            "birth_date": "1991-03-14",
            "national_id": _bad_checksum(),
            "municipality_number": "3907",
            "case_legal_basis": "introduction_act",
            "hours_preference": "either",
            "country_of_birth": "SY",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "check digits do not match" in html
    assert 'aria-invalid="true"' in html
    assert fingerprint(include_access_log=False) == before


@pytest.mark.django_db
def test_the_language_form_refuses_an_unknown_level(world):
    client = Client()
    client.force_login(world.user("owner"))
    before = fingerprint(include_access_log=False)
    response = client.post(f"/participants/{world.participant.pk}/languages/", {"language": "nb", "reading": "D1"})
    assert response.status_code == 422
    assert fingerprint(include_access_log=False) == before


@pytest.mark.django_db
def test_participant_cannot_change_case_fields_about_themself(world):
    access = access_participant(world.user("participant"), world.participant.pk, Purpose.SELF_SERVICE)
    from samspill.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        participant_update(actor=world.user("participant"), access=access, data={"national_id": ""})
    participant_update(actor=world.user("participant"), access=access, data={"phone": "+47 900 00 000"})
    world.participant.refresh_from_db()
    assert world.participant.phone == "+47 900 00 000"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2039, 12, 31)), st.integers(0, 999))
def test_every_synthetic_number_validates_and_encodes_its_birth_date(birth_date, individual):
    value = make_synthetic_national_id(birth_date, individual)
    if value is None:
        return
    validate_national_id(value)
    assert national_id_birth_date(value) == birth_date


def test_a_synthetic_number_needs_an_individual_number_of_its_century():
    # 29 February 2000 with individual number 001 would read as 29 February 1900, which never was.
    assert make_synthetic_national_id(dt.date(2000, 2, 29), 1) is None
    value = next(v for i in range(500, 1000) if (v := make_synthetic_national_id(dt.date(2000, 2, 29), i)) is not None)
    assert national_id_birth_date(value) == dt.date(2000, 2, 29)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_a_changed_digit_is_caught(value):
    """The two check digits catch every single-digit error."""
    from django.core.exceptions import ValidationError

    try:
        validate_national_id(value)
    except ValidationError:
        return
    for position in range(11):
        wrong = value[:position] + str((int(value[position]) + 1) % 10) + value[position + 1 :]
        with pytest.raises(ValidationError):
            validate_national_id(wrong)
