"""Peer mentoring in the demo, on the build shared with the other content tests (conftest.py)."""

import pytest

from samspill.accounts.models import User
from samspill.consent.models import Consent
from samspill.core.roles import Role
from samspill.peers.models import MentorProfile, Mentorship, MentorshipStatus, Tie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def test_every_mentor_has_a_profile_and_mentorships_follow_consent_and_capacity():
    mentors = User.objects.filter(memberships__role=Role.MENTOR).distinct()
    assert MentorProfile.objects.count() == mentors.count() > 10
    assert set(MentorProfile.objects.values_list("kind", flat=True)) == {"migrant_peer", "native_professional"}
    active = Mentorship.objects.filter(status=MentorshipStatus.ACTIVE)
    assert active.count() > 10 and Mentorship.objects.filter(status=MentorshipStatus.PROPOSED).exists()
    assert Tie.objects.filter(mentorship__in=active).count() == active.count()
    for mentorship in Mentorship.objects.all():
        assert Consent.objects.filter(
            participant=mentorship.participant, recipient_user=mentorship.mentor, withdrawn_at__isnull=True
        ).exists()
    for profile in MentorProfile.objects.all():
        open_ = Mentorship.objects.filter(mentor=profile.user, status__in=["proposed", "active"]).count()
        assert open_ <= profile.capacity
    assert active.filter(mentor__username="mentor").exists()
