"""Writes of peer mentoring: mentor profiles, the mentorship lifecycle, sessions; a mentorship that becomes active
adds a tie to the participant's network, and its end ends the tie — in the same transaction, with the change log.

Who does what:

* a mentor keeps their own profile, accepts or declines proposals, and records sessions;
* the participant's job specialist (or the participant) proposes a mentor; the participant must first have
  consented to share their profile with that mentor, and the proposal counts as the participant's acceptance;
* the mentor, the participant or their job specialist ends a mentorship, with a reason.
"""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import Level, actor_roles, participants_for_actor
from samspill.audit.services import change_record, snapshot
from samspill.consent.selectors import consent_active_filter
from samspill.core import clock
from samspill.core.errors import ApplicationError, PermissionDenied, reject_unknown_fields
from samspill.core.languages import CEFR_LEVELS, is_language_code
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.peers.models import (
    EndReason,
    MentorKind,
    MentorProfile,
    MentorSession,
    Mentorship,
    MentorshipStatus,
    MentorTopic,
    Tie,
    TieKind,
)
from samspill.peers.selectors import mentor_open_count, mentor_profile_of, mentorship_get

PROFILE_FIELDS = [
    "kind",
    "field_occupation_code",
    "languages",
    "topics",
    "capacity",
    "availability",
    "municipality_number",
    "active",
]
FOUR_DIGITS = re.compile(r"^\d{4}$")
TIE_OF_MENTOR = {MentorKind.MIGRANT_PEER: TieKind.PEER, MentorKind.NATIVE_PROFESSIONAL: TieKind.NATIVE_PROFESSIONAL}


def _profile_errors(data: dict) -> dict:
    errors = {}
    if data.get("kind") not in MentorKind.values:
        errors["kind"] = [_("Choose: a peer with own migration background, or a native professional.")]
    code = data.get("field_occupation_code") or ""
    if code and not FOUR_DIGITS.match(code):
        errors["field_occupation_code"] = [_("An occupation code (STYRK-08) has four digits.")]
    languages = data.get("languages") or []
    if not isinstance(languages, list) or not all(
        isinstance(item, dict)
        and is_language_code(str(item.get("language", "")))
        and item.get("level") in (*CEFR_LEVELS, "native")
        for item in languages
    ):
        errors["languages"] = [_("Give each language with its level: A1 to C2, or native.")]
    topics = data.get("topics") or []
    if not isinstance(topics, list) or not topics or not set(topics) <= set(MentorTopic.values):
        errors["topics"] = [_("Choose at least one topic from the list.")]
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= 20:
        errors["capacity"] = [_("A mentor takes 1 to 20 participants at a time.")]
    if not FOUR_DIGITS.match(str(data.get("municipality_number") or "")):
        errors["municipality_number"] = [_("A municipality number has four digits.")]
    if len(str(data.get("availability") or "")) > 200:
        errors["availability"] = [_("Enter at most %(max_length)s characters.") % {"max_length": 200}]
    return errors


def mentor_profile_save(*, actor, data: dict) -> MentorProfile:
    """A mentor's own profile: created the first time, changed afterwards."""
    if Role.MENTOR not in actor_roles(actor):
        raise PermissionDenied(_("Only mentors have a mentor profile."))
    reject_unknown_fields(data, PROFILE_FIELDS)
    profile = mentor_profile_of(user=actor)
    defaults = {"field_occupation_code": "", "languages": [], "availability": "", "active": True}
    merged = {name: getattr(profile, name) for name in PROFILE_FIELDS} if profile else defaults
    merged.update(data)
    errors = _profile_errors(merged)
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        before = snapshot(profile, PROFILE_FIELDS) if profile else {}
        if profile is None:
            profile = MentorProfile(user=actor)
        for name in PROFILE_FIELDS:
            setattr(profile, name, merged[name])
        profile.updated_at = clock.now()
        profile.save()
        change_record(
            actor=actor,
            instance=profile,
            action="update" if before else "create",
            before=before,
            after=snapshot(profile, PROFILE_FIELDS),
        )
    return profile


def mentorship_propose(*, actor, participant_access, mentor) -> Mentorship:
    """The job specialist (or the participant) proposes ``mentor``; the mentor then accepts or declines."""
    if participant_access.level not in (Level.CASE, Level.SELF):
        raise PermissionDenied(_("Only the participant and their job specialists can propose a mentor."))
    participant = participant_access.participant
    profile = mentor_profile_of(user=mentor) if mentor is not None else None
    errors = {}
    if profile is None or not profile.active:
        errors["mentor"] = [_("Choose a mentor who takes new participants.")]
    elif mentor_open_count(mentor=mentor) >= profile.capacity:
        errors["mentor"] = [_("This mentor has no free place at the moment.")]
    elif not participant.__class__.objects.filter(
        consent_active_filter(purpose=ConsentPurpose.SHARE_MENTOR, user_id=mentor.pk), pk=participant.pk
    ).exists():
        errors["mentor"] = [
            _(
                "The participant must consent to share their profile with this mentor before the mentor is "
                "proposed. Ask them to give that consent first."
            )
        ]
    elif Mentorship.objects.filter(
        participant=participant, mentor=mentor, status__in=[MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE]
    ).exists():
        errors["mentor"] = [_("This mentor has already been proposed to the participant.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        mentorship = Mentorship.objects.create(
            participant=participant,
            mentor=mentor,
            proposed_by=actor,
            # Proposed with the participant, who consented to share with this mentor: their side has accepted.
            accepted_by_participant_at=clock.now(),
        )
        change_record(
            actor=actor,
            instance=mentorship,
            action="create",
            participant=participant,
            after={"mentor": str(mentor.pk), "status": mentorship.status},
        )
    return mentorship


def _is_mentor(actor, mentorship) -> bool:
    return mentorship.mentor_id == actor.pk


def _is_participant_side(actor, mentorship) -> bool:
    if mentorship.participant.user_id == actor.pk:
        return True
    return participants_for_actor(actor, purpose=Purpose.CASE_MANAGEMENT).filter(pk=mentorship.participant_id).exists()


def _set_status(actor, mentorship, status, **changes) -> Mentorship:
    before = snapshot(mentorship, ["status", "started_on", "ended_on", "end_reason"])
    mentorship.status = status
    for name, value in changes.items():
        setattr(mentorship, name, value)
    mentorship.updated_at = clock.now()
    mentorship.save()
    change_record(
        actor=actor,
        instance=mentorship,
        action="update",
        participant=mentorship.participant,
        before=before,
        after=snapshot(mentorship, ["status", "started_on", "ended_on", "end_reason"]),
    )
    return mentorship


def mentorship_accept(*, actor, mentorship_id) -> Mentorship:
    """The mentor accepts a proposal: the mentorship becomes active and the participant gains a tie."""
    with transaction.atomic():
        mentorship = mentorship_get(actor=actor, mentorship_id=mentorship_id)
        mentorship = Mentorship.objects.select_for_update().select_related("participant").get(pk=mentorship.pk)
        if not _is_mentor(actor, mentorship):
            raise PermissionDenied(_("Only the proposed mentor can accept."))
        if mentorship.status != MentorshipStatus.PROPOSED:
            raise ApplicationError(_("Only a proposed mentorship can be accepted."))
        today = clock.today()
        profile = mentor_profile_of(user=mentorship.mentor)
        _set_status(actor, mentorship, MentorshipStatus.ACTIVE, accepted_by_mentor_at=clock.now(), started_on=today)
        Tie.objects.create(
            participant=mentorship.participant,
            kind=TIE_OF_MENTOR[profile.kind],
            mentorship=mentorship,
            started_on=today,
        )
    return mentorship


def mentorship_decline(*, actor, mentorship_id, note: str = "") -> Mentorship:
    """The mentor, or the participant's side, says no to a proposal."""
    with transaction.atomic():
        mentorship = mentorship_get(actor=actor, mentorship_id=mentorship_id)
        if mentorship.status != MentorshipStatus.PROPOSED:
            raise ApplicationError(_("Only a proposed mentorship can be declined."))
        if _is_mentor(actor, mentorship):
            reason = EndReason.DECLINED_BY_MENTOR
        elif _is_participant_side(actor, mentorship):
            reason = EndReason.DECLINED_BY_PARTICIPANT
        else:
            raise PermissionDenied(_("Only the mentor or the participant can decline."))
        return _set_status(
            actor, mentorship, MentorshipStatus.ENDED, ended_on=clock.today(), end_reason=reason, end_note=note
        )


def mentorship_end(*, actor, mentorship_id, reason: str, note: str = "") -> Mentorship:
    """Ends an active mentorship: completed when its goal was reached, ended otherwise; the tie ends with it."""
    if reason not in (EndReason.GOAL_REACHED, EndReason.NO_CONTACT, EndReason.MOVED, EndReason.OTHER):
        raise ApplicationError.for_fields({"reason": [_("Choose why the mentorship ends.")]})
    if reason == EndReason.OTHER and not note.strip():
        raise ApplicationError.for_fields({"note": [_("Say in a few words why the mentorship ends.")]})
    with transaction.atomic():
        mentorship = mentorship_get(actor=actor, mentorship_id=mentorship_id)
        if not (_is_mentor(actor, mentorship) or _is_participant_side(actor, mentorship)):
            raise PermissionDenied(_("Only the mentor, the participant and their job specialists can end it."))
        if mentorship.status != MentorshipStatus.ACTIVE:
            raise ApplicationError(_("Only an active mentorship can be ended."))
        today = clock.today()
        status = MentorshipStatus.COMPLETED if reason == EndReason.GOAL_REACHED else MentorshipStatus.ENDED
        _set_status(actor, mentorship, status, ended_on=today, end_reason=reason, end_note=note)
        Tie.objects.filter(mentorship=mentorship, ended_on__isnull=True).update(ended_on=today)
    return mentorship


def mentor_session_record(
    *, actor, mentorship_id, held_on: dt.date, minutes: int, topics: list, note: str = ""
) -> MentorSession:
    """A session of an active mentorship, recorded by the mentor or the participant."""
    mentorship = mentorship_get(actor=actor, mentorship_id=mentorship_id)
    if not (_is_mentor(actor, mentorship) or mentorship.participant.user_id == actor.pk):
        raise PermissionDenied(_("Only the mentor and the participant record sessions."))
    errors = {}
    if mentorship.status != MentorshipStatus.ACTIVE:
        errors["__all__"] = [_("Sessions are recorded for active mentorships.")]
    if not isinstance(held_on, dt.date) or held_on > clock.today():
        errors["held_on"] = [_("Give the date of the session; it cannot be in the future.")]
    elif mentorship.started_on and held_on < mentorship.started_on:
        errors["held_on"] = [_("The session cannot be before the mentorship started.")]
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 600:
        errors["minutes"] = [_("A session lasts 5 to 600 minutes.")]
    if not isinstance(topics, list) or not set(topics) <= set(MentorTopic.values):
        errors["topics"] = [_("Choose the topics from the list.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        session = MentorSession.objects.create(
            mentorship=mentorship, held_on=held_on, minutes=minutes, topics=topics, note=note, recorded_by=actor
        )
        change_record(
            actor=actor,
            instance=session,
            action="create",
            participant=mentorship.participant,
            after={"held_on": held_on.isoformat(), "minutes": minutes},
        )
    return session
