import pytest
from django.test import Client

from samspill.access.selectors import access_participant
from samspill.core.errors import ApplicationError
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.employers.tests.helpers import give_consent, make_opportunity, make_pathway, make_programme
from samspill.matching.models import SuggestionFeedback
from samspill.matching.selectors import suggestions_for
from samspill.matching.services import suggestion_decide
from samspill.pathways.models import Activity
from samspill.peers.models import Mentorship
from samspill.peers.services import mentor_profile_save
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def matching_world(world):
    from samspill.access.selectors import access_pathway
    from samspill.pathways.services import activity_propose
    from samspill.people.services import language_skill_save

    pathway = make_pathway(world)
    owner = world.user("owner")
    # Arabic as mother tongue (a peer mentor must share a language) and a Norwegian course in the plan (a need a
    # Norwegian programme meets, and planned language support).
    language_skill_save(actor=owner, access=case_access(world), data={"language": "ar", "is_mother_tongue": True})
    activity_propose(
        actor=owner, access=access_pathway(owner, pathway.pk), data={"kind": "language_course", "title": "Norsk B1"}
    )
    world.opportunity = make_opportunity(world, kind="job", title="Baker", norwegian_level="")
    give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    world.programme = make_programme(world)
    mentor_profile_save(
        actor=world.user("mentor"),
        data={
            "kind": "migrant_peer",
            "topics": ["job_search"],
            "capacity": 2,
            "municipality_number": "3907",
            "languages": [{"language": "ar", "level": "native"}],
        },
    )
    return world


def case_access(world):
    return access_participant(world.user("owner"), world.participant.pk, Purpose.CASE_MANAGEMENT)


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
