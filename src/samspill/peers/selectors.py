"""Reads of peer mentoring. A mentorship names a participant, so it is found only by the people on it — the mentor,
the participant — and by the participant's case workers (through the gate's list selectors)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from samspill.access.selectors import participants_for_actor
from samspill.core.errors import NotFound, as_uuid
from samspill.core.roles import Purpose
from samspill.employers.selectors import placement_periods_of_participant
from samspill.peers.models import (
    BRIDGING_TIES,
    MentorKind,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    MentorTopic,
    Tie,
    TieKind,
)


def mentor_profile_of(*, user) -> MentorProfile | None:
    return MentorProfile.objects.filter(user=user).first()


def mentor_open_count(*, mentor) -> int:
    """Mentorships that take a place of the mentor's capacity: proposed and active ones."""
    return Mentorship.objects.filter(
        mentor=mentor, status__in=[MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]
    ).count()


def mentorships_for_actor(actor) -> QuerySet[Mentorship]:
    """The mentorships the actor may see: as the mentor, as the participant, or as a case worker of the
    participant. A list: nothing is logged."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Mentorship.objects.none()
    followed = participants_for_actor(actor, purpose=Purpose.CASE_MANAGEMENT).values("pk")
    return Mentorship.objects.filter(
        Q(mentor=actor) | Q(participant__user=actor) | Q(participant_id__in=followed)
    ).select_related("participant", "mentor")


def mentorship_get(*, actor, mentorship_id) -> Mentorship:
    mentorship = mentorships_for_actor(actor).filter(pk=as_uuid(mentorship_id)).first()
    if mentorship is None:
        raise NotFound()
    return mentorship


@dataclass(frozen=True)
class NetworkMonth:
    month: dt.date  # the first day of the month
    bonding: int  # ties to peers
    bridging: int  # ties to native professionals and employers


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def network_over_time(*, participant_access, first: dt.date, last: dt.date) -> list[NetworkMonth]:
    """For each month from ``first`` to ``last``: the participant's ties that held on its last day, bonding and
    bridging. Mentorships give peer or professional ties; placements give employer ties."""
    participant = participant_access.participant
    ties = [
        (kind, start, end)
        for kind, start, end in Tie.objects.filter(participant=participant).values_list(
            "kind", "started_on", "ended_on"
        )
    ]
    ties += [
        (TieKind.EMPLOYER, start, end) for start, end in placement_periods_of_participant(participant_id=participant.pk)
    ]
    result = []
    for month in _month_starts(first, last):
        end_of_month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)
        held = [kind for kind, start, end in ties if start <= end_of_month and (end is None or end > end_of_month)]
        bridging = sum(1 for kind in held if kind in BRIDGING_TIES)
        result.append(NetworkMonth(month=month, bonding=len(held) - bridging, bridging=bridging))
    return result


def mentors_open_to(*, participant) -> list[MentorProfile]:
    """Active mentors with a free place whom the participant has consented to share their profile with: the
    mentors that can be proposed to them now."""
    from samspill.consent.selectors import consents_of_participant
    from samspill.core.roles import ConsentPurpose

    shared_with = set(
        consents_of_participant(participant=participant)
        .filter(purpose=ConsentPurpose.SHARE_MENTOR, withdrawn_at__isnull=True)
        .values_list("recipient_user_id", flat=True)
    )
    return [profile for profile, taken in mentor_profiles_open(user_ids=shared_with) if taken < profile.capacity]


def mentor_profiles_open(*, user_ids=None) -> list[tuple[MentorProfile, int]]:
    """Active mentor profiles (of ``user_ids`` when given) with how many places they have taken (proposed and active
    mentorships), counted in the same query."""
    taken = Count(
        "user__mentorships",
        filter=Q(user__mentorships__status__in=[MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]),
    )
    profiles = MentorProfile.objects.filter(active=True)
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=user_ids)
    profiles = profiles.select_related("user").annotate(taken=taken).order_by("user__username")
    return [(profile, profile.taken) for profile in profiles]


def mentorships_list(*, actor, status: str = "", participant_id=None) -> QuerySet[Mentorship]:
    """:func:`mentorships_for_actor`, newest first, with only those of ``status`` and of the participant
    ``participant_id`` when given. A list: nothing is logged."""
    mentorships = mentorships_for_actor(actor).select_related("proposed_by")
    if status:
        mentorships = mentorships.filter(status=status)
    if participant_id is not None:
        mentorships = mentorships.filter(participant_id=participant_id)
    return mentorships.order_by("-created_at", "id")


def mentor_topic_choices() -> list[tuple[str, str]]:
    return list(MentorTopic.choices)


def mentor_kind_choices() -> list[tuple[str, str]]:
    return list(MentorKind.choices)
