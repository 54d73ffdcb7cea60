"""The participant's stated wishes: recorded by their job specialists, validated, audited and scored."""

import pytest
from django.test import Client

from samspill.access.selectors import access_participant
from samspill.audit.models import ChangeLog
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import Purpose
from samspill.matching.models import Wishes
from samspill.matching.selectors import suggestions_for
from samspill.matching.services import wishes_save
from samspill.matching.tests.helpers import case_access
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def _job(world):
    (shown,) = suggestions_for(actor=world.user("owner"), access=case_access(world), kind="job")
    return shown.suggestion


def test_wishes_move_the_preference_factor_and_are_audited(matching_world):
    w = matching_world
    assert _job(w).values["preferences"] == 0.5  # nothing stated: neither for nor against

    # The opportunity is a baker's job (ISCO 7512): wished occupation and kind both fit.
    wishes_save(
        actor=w.user("owner"), access=case_access(w), data={"occupations": ["7512"], "opportunity_kinds": ["job"]}
    )
    assert _job(w).values["preferences"] == 1.0
    # A wish for a whole group still counts (ISCO minor group 751: food processing), the wrong kind does not.
    wishes_save(
        actor=w.user("colleague_with_access"),
        access=access_participant(w.user("colleague_with_access"), w.participant.pk, Purpose.CASE_MANAGEMENT),
        data={"occupations": ["751"], "opportunity_kinds": ["apprenticeship"]},
    )
    suggestion = _job(w)
    assert 0.25 <= suggestion.values["preferences"] < 0.5
    assert "751" in suggestion.notes["preferences"] and "not among preferred kinds" in suggestion.notes["preferences"]

    changes = ChangeLog.objects.filter(entity="matching.Wishes", participant=w.participant).order_by("at")
    assert [c.action for c in changes] == ["create", "update"]
    assert changes.last().changes["occupations"] == [["7512"], ["751"]]


def test_mentor_wishes_reach_the_mentor_matcher(matching_world):
    w = matching_world
    (before,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor")
    assert before.suggestion.values["topics"] == 0.5
    wishes_save(
        actor=w.user("owner"), access=case_access(w), data={"mentor_topics": ["job_search", "cv"], "mentor_kind": ""}
    )
    (after,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor")
    assert after.suggestion.values["topics"] == 0.5  # one of the two topics offered
    wishes_save(actor=w.user("owner"), access=case_access(w), data={"mentor_kind": "native_professional"})
    assert suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor") == []  # the peer is not one


@pytest.mark.parametrize(
    "data, field",
    [
        ({"occupations": ["baker"]}, "occupations"),
        ({"occupations": ["75120"]}, "occupations"),
        ({"occupations": [str(1000 + i) for i in range(11)]}, "occupations"),
        ({"opportunity_kinds": ["dream_job"]}, "opportunity_kinds"),
        ({"mentor_topics": ["religion"]}, "mentor_topics"),
        ({"mentor_kind": "same_country"}, "mentor_kind"),
    ],
)
def test_bad_wishes_are_refused_in_words_and_change_nothing(matching_world, data, field):
    w = matching_world
    wishes_save(actor=w.user("owner"), access=case_access(w), data={"occupations": ["7512"]})
    before = fingerprint(include_access_log=False)
    with pytest.raises(ApplicationError) as error:
        wishes_save(actor=w.user("owner"), access=case_access(w), data=data)
    assert field in error.value.field_errors
    assert fingerprint(include_access_log=False) == before


def test_only_case_workers_record_wishes(matching_world):
    w = matching_world
    own = access_participant(w.user("participant"), w.participant.pk, Purpose.SELF_SERVICE)
    with pytest.raises(PermissionDenied):
        wishes_save(actor=w.user("participant"), access=own, data={"occupations": ["7512"]})
    assert not Wishes.objects.exists()


def test_the_wishes_form_on_the_suggestions_page(matching_world):
    w = matching_world
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.user("owner"))
    url = f"/participants/{w.participant.pk}/suggestions/"
    saved = client.post(
        url + "wishes/", {"occupations": "7512, 5120", "opportunity_kinds": ["job", "work_trial"]}, follow=True
    )
    assert "The wishes are saved" in saved.content.decode() and 'value="7512, 5120"' in saved.content.decode()
    assert Wishes.objects.get().opportunity_kinds == ["job", "work_trial"]
    refused = client.post(url + "wishes/", {"occupations": "baker"}, follow=True)
    assert "These are not occupation codes: baker." in refused.content.decode()
    assert Wishes.objects.get().occupations == ["7512", "5120"]
    outsider = Client()
    outsider.force_login(w.user("colleague_without_access"))
    assert outsider.post(url + "wishes/", {"occupations": "1111"}).status_code == 404
    assert Wishes.objects.get().occupations == ["7512", "5120"]
