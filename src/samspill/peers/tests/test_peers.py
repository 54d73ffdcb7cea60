import datetime as dt

import pytest
import time_machine

from samspill.access.selectors import access_participant
from samspill.accounts.services import membership_add, user_create
from samspill.consent.services import consent_give
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.peers.models import Mentorship, MentorshipStatus, Tie
from samspill.peers.selectors import mentorships_for_actor, network_over_time
from samspill.peers.services import (
    mentor_profile_save,
    mentor_session_record,
    mentorship_accept,
    mentorship_decline,
    mentorship_end,
    mentorship_propose,
)
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db

PROFILE = {
    "kind": "native_professional",
    "field_occupation_code": "5120",
    "languages": [{"language": "nb", "level": "native"}, {"language": "en", "level": "C1"}],
    "topics": ["job_search", "field_guidance"],
    "capacity": 1,
    "municipality_number": "3907",
}


def case_access(world, persona="owner"):
    return access_participant(world.user(persona), world.participant.pk, Purpose.CASE_MANAGEMENT)


def share_with(world, mentor):
    consent_give(
        actor=world.user("owner"), access=case_access(world), purpose=ConsentPurpose.SHARE_MENTOR, recipient_user=mentor
    )


@pytest.fixture
def mentor(world):
    mentor_profile_save(actor=world.user("mentor"), data=PROFILE)
    return world.user("mentor")


def test_a_mentor_keeps_their_profile_and_bad_values_are_named(world, mentor):
    profile = mentor_profile_save(actor=mentor, data={"capacity": 3})
    assert profile.capacity == 3 and profile.kind == "native_professional"
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        mentor_profile_save(
            actor=mentor, data={"capacity": 0, "topics": ["gardening"], "languages": [{"language": "xx"}]}
        )
    assert {"capacity", "topics", "languages"} <= set(error.value.field_errors)
    with pytest.raises(PermissionDenied):
        mentor_profile_save(actor=world.user("owner"), data=PROFILE)
    assert fingerprint() == before


def test_the_whole_mentorship_from_proposal_to_completion_builds_a_bridging_tie(world, mentor):
    with pytest.raises(ApplicationError) as refused:
        mentorship_propose(actor=world.user("owner"), participant_access=case_access(world), mentor=mentor)
    assert "consent" in refused.value.field_errors["mentor"][0]
    share_with(world, mentor)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        proposal = mentorship_propose(actor=world.user("owner"), participant_access=case_access(world), mentor=mentor)
        assert proposal.status == MentorshipStatus.PROPOSED and proposal.accepted_by_participant_at
        assert mentorships_for_actor(mentor).filter(pk=proposal.pk).exists()
        active = mentorship_accept(actor=mentor, mentorship_id=proposal.pk)
    assert active.status == MentorshipStatus.ACTIVE and active.started_on == dt.date(2026, 3, 2)
    assert Tie.objects.get(mentorship=active).kind == "native_professional"
    with time_machine.travel(dt.datetime(2026, 4, 20, 10, tzinfo=dt.UTC), tick=False):
        session = mentor_session_record(
            actor=mentor, mentorship_id=active.pk, held_on=dt.date(2026, 4, 14), minutes=60, topics=["job_search"]
        )
        assert session.mentorship == active
        mentorship_end(actor=world.user("participant"), mentorship_id=active.pk, reason="goal_reached")
    active.refresh_from_db()
    assert active.status == MentorshipStatus.COMPLETED and Tie.objects.get(mentorship=active).ended_on
    network = network_over_time(
        participant_access=case_access(world), first=dt.date(2026, 2, 1), last=dt.date(2026, 5, 1)
    )
    # The tie held at the end of March (started 2 March) and not at the end of February or April (ended 20 April).
    assert [(m.month.month, m.bonding, m.bridging) for m in network] == [(2, 0, 0), (3, 0, 1), (4, 0, 0), (5, 0, 0)]


def test_only_the_mentor_accepts_and_a_full_mentor_gets_no_more_proposals(world, mentor):
    share_with(world, mentor)
    proposal = mentorship_propose(actor=world.user("owner"), participant_access=case_access(world), mentor=mentor)
    for persona in ("owner", "participant", "colleague_without_access", "employer_contact"):
        with pytest.raises((PermissionDenied, NotFound)):
            mentorship_accept(actor=world.user(persona), mentorship_id=proposal.pk)
    with pytest.raises(ApplicationError) as full:
        mentorship_propose(actor=world.user("owner"), participant_access=case_access(world), mentor=mentor)
    assert "no free place" in full.value.field_errors["mentor"][0]  # capacity 1, taken by the proposal
    other = user_create(actor=None, username="mentor2", password=None, first_name="M", last_name="T")
    membership_add(actor=None, user=other, organisation=world.organisations["ngo"], role=Role.MENTOR)
    with pytest.raises(NotFound):  # another mentor does not even find the proposal
        mentorship_decline(actor=other, mentorship_id=proposal.pk)
    assert Mentorship.objects.get().status == MentorshipStatus.PROPOSED


def test_the_participant_declines_and_nothing_else_changes_on_bad_input(world, mentor):
    share_with(world, mentor)
    proposal = mentorship_propose(actor=world.user("owner"), participant_access=case_access(world), mentor=mentor)
    before = fingerprint()
    with pytest.raises(ApplicationError):
        mentorship_end(actor=mentor, mentorship_id=proposal.pk, reason="other")  # no note, and not active
    with pytest.raises(ApplicationError):
        mentor_session_record(
            actor=mentor, mentorship_id=proposal.pk, held_on=dt.date(2026, 1, 1), minutes=2, topics=["x"]
        )
    assert fingerprint() == before
    declined = mentorship_decline(actor=world.user("participant"), mentorship_id=proposal.pk)
    assert declined.status == MentorshipStatus.ENDED and declined.end_reason == "declined_by_participant"
    assert not Tie.objects.exists()
