import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from samspill.audit.models import AccessLog, AppendOnlyError, ChangeLog
from samspill.core.roles import Purpose


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_opening_a_participant_writes_exactly_one_row(world):
    owner = world.user("owner")
    response = _client(owner).get(f"/participants/{world.participant.pk}/", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 200
    rows = list(AccessLog.objects.all())
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.participant, row.purpose) == (owner, world.participant, Purpose.CASE_MANAGEMENT)
    assert row.request_id == "req-12345678" == response["X-Request-ID"]
    assert row.at.utcoffset().total_seconds() == 0


@pytest.mark.django_db
def test_a_list_writes_no_row(world):
    response = _client(world.user("coordinator")).get("/participants/?q=Amina")
    assert response.status_code == 200
    assert "Haddad" in response.content.decode()
    assert AccessLog.objects.count() == 0


@pytest.mark.django_db
def test_the_participant_sees_who_read_their_data(world):
    _client(world.user("owner")).get(f"/participants/{world.participant.pk}/")
    page = _client(world.user("participant")).get("/me/access-log/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert str(world.user("owner")) in html
    assert "NAV Sandefjord" in html
    assert "Case management" in html
    # Another participant's page does not show this read.
    other = _client(world.user("other_participant")).get("/me/access-log/").content.decode()
    assert str(world.user("owner")) not in other


@pytest.mark.django_db
def test_the_log_cannot_be_edited_or_deleted_through_the_application(world):
    _client(world.user("owner")).get(f"/participants/{world.participant.pk}/")
    row = AccessLog.objects.get()
    with pytest.raises(AppendOnlyError):
        row.purpose = Purpose.RESEARCH
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(purpose=Purpose.RESEARCH)
    with pytest.raises(AppendOnlyError):
        ChangeLog.objects.all().delete()


@pytest.mark.django_db
def test_the_database_refuses_updates_even_in_raw_sql(world):
    _client(world.user("owner")).get(f"/participants/{world.participant.pk}/")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET purpose = 'research'")
    assert AccessLog.objects.get().purpose == Purpose.CASE_MANAGEMENT


@pytest.mark.django_db
def test_writes_record_who_changed_what_without_copying_secrets(world):
    client = _client(world.user("owner"))
    before = ChangeLog.objects.count()
    response = client.post(
        f"/participants/{world.participant.pk}/edit/",
        {**_form_data(world.participant), "phone": "+47 400 00 000", "national_id": ""},
    )
    assert response.status_code == 302
    change = ChangeLog.objects.order_by("-at").first()
    assert ChangeLog.objects.count() == before + 1
    assert change.actor == world.user("owner")
    assert change.changes["phone"] == ["", "+47 400 00 000"]
    assert change.changes["national_id"] == ["«changed»", "«changed»"]


def _form_data(participant):
    from samspill.people.forms import PROFILE_FIELDS

    data = {}
    for name in PROFILE_FIELDS:
        value = getattr(participant, name)
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return data
