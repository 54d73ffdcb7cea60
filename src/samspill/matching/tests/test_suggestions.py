import pytest
from django.test import Client

from samspill.core.errors import ApplicationError
from samspill.matching.models import SuggestionFeedback
from samspill.matching.selectors import suggestions_for
from samspill.matching.services import suggestion_decide
from samspill.matching.tests.helpers import case_access
from samspill.pathways.models import Activity
from samspill.peers.models import Mentorship
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def test_each_suggestion_is_explained_and_its_contributions_add_up(matching_world):
    w = matching_world
    jobs = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")
    assert [s.target for s in jobs] == [w.opportunity]
    suggestion = jobs[0].suggestion
    assert sum(suggestion.contributions.values()) == pytest.approx(suggestion.score, abs=1e-12)
    assert any(c.startswith("norwegian") for c in suggestion.constraints)
    mentors = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor")
    assert [m.target.user for m in mentors] == [w.user("mentor")]
    assert [s.target for s in suggestions_for(actor=w.user("owner"), access=case_access(w), kind="service")] == [
        w.programme
    ]


def test_accepting_a_job_plans_an_application_and_keeps_the_feedback(matching_world):
    w = matching_world
    feedback = suggestion_decide(
        actor=w.user("owner"), access=case_access(w), kind="job", target_id=w.opportunity.pk, decision="accepted"
    )
    activity = Activity.objects.get(pk=feedback.created_object)
    assert activity.kind == "application" and "Baker" in activity.title
    assert feedback.rank == 1 and feedback.explanation["contributions"] and feedback.decision == "accepted"


def test_a_rejection_needs_a_reason_and_a_failed_accept_stores_nothing(matching_world):
    w = matching_world
    before = fingerprint(include_access_log=False)  # reading the participant is logged; nothing else may change
    with pytest.raises(ApplicationError) as missing:
        suggestion_decide(
            actor=w.user("owner"), access=case_access(w), kind="job", target_id=w.opportunity.pk, decision="rejected"
        )
    assert "reason" in missing.value.field_errors
    # Proposing the mentor needs the participant's consent to share with them: refused, and no feedback either.
    with pytest.raises(ApplicationError):
        suggestion_decide(
            actor=w.user("owner"),
            access=case_access(w),
            kind="mentor",
            target_id=w.user("mentor").pk,
            decision="accepted",
        )
    assert fingerprint(include_access_log=False) == before and not Mentorship.objects.exists()
    rejected = suggestion_decide(
        actor=w.user("owner"),
        access=case_access(w),
        kind="job",
        target_id=w.opportunity.pk,
        decision="rejected",
        reason="Works nights only.",
    )
    assert SuggestionFeedback.objects.get() == rejected and rejected.created_object == ""


@pytest.mark.parametrize(
    "persona, status",
    [
        ("owner", 200),
        ("colleague_with_access", 200),
        ("coordinator", 200),
        ("colleague_without_access", 404),
        ("participant", 404),
        ("mentor", 404),
        ("employer_contact", 404),
        ("researcher", 404),
    ],
)
def test_it_checks_ownership(matching_world, persona, status):
    w = matching_world
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.user(persona))
    response = client.get(f"/participants/{w.participant.pk}/suggestions/")
    assert response.status_code == status
    if status == 200:
        assert "How the score is made up" in response.content.decode() and "Baker" in response.content.decode()
    decided = client.post(
        f"/participants/{w.participant.pk}/suggestions/decide/",
        {"kind": "job", "target": w.opportunity.pk, "decision": "rejected", "reason": "Too far."},
    )
    assert decided.status_code == (302 if status == 200 else 404)
    assert SuggestionFeedback.objects.exists() == (status == 200)
