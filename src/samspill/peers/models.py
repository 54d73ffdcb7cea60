"""Peer mentors, mentorships and the participant's network of ties.

A mentorship moves proposed → active (when the participant and the mentor have both accepted) → completed, or to
ended (declined, or stopped with a reason) from proposed or active; completed and ended are final."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel


class MentorKind(models.TextChoices):
    MIGRANT_PEER = "migrant_peer", _("Peer with own migration background")
    NATIVE_PROFESSIONAL = "native_professional", _("Native professional in the field")


class MentorTopic(models.TextChoices):
    NORWEGIAN_PRACTICE = "norwegian_practice", _("Norwegian practice")
    JOB_SEARCH = "job_search", _("Job search")
    CV = "cv", _("CV")
    NETWORKING = "networking", _("Networking")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
    FIELD_GUIDANCE = "field_guidance", _("Guidance in the field")


class MentorProfile(BaseModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_profile")
    kind = models.CharField(_("kind of mentor"), max_length=24, choices=MentorKind.choices)
    # STYRK-08 (= ISCO-08 on four digits): the field a native professional works in, or a peer's own field.
    field_occupation_code = models.CharField(_("field (occupation code)"), max_length=4, blank=True)
    # [{"language": "ar", "level": "C2"}, ...]: CEFR levels as elsewhere on the platform.
    languages = models.JSONField(_("languages"), default=list)
    topics = models.JSONField(_("topics"), default=list)
    capacity = models.PositiveSmallIntegerField(_("how many participants at a time"), default=2)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4)
    active = models.BooleanField(_("taking new participants"), default=True)


class MentorshipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended")


FINAL_MENTORSHIP_STATUSES = frozenset({MentorshipStatus.COMPLETED, MentorshipStatus.ENDED})


class EndReason(models.TextChoices):
    DECLINED_BY_PARTICIPANT = "declined_by_participant", _("Declined by the participant")
    DECLINED_BY_MENTOR = "declined_by_mentor", _("Declined by the mentor")
    GOAL_REACHED = "goal_reached", _("The goal was reached")
    NO_CONTACT = "no_contact", _("No contact")
    MOVED = "moved", _("Moved away")
    OTHER = "other", _("Other")


class Mentorship(BaseModel):
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="mentorships")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentorships")
    status = models.CharField(max_length=16, choices=MentorshipStatus.choices, default=MentorshipStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_by_participant_at = models.DateTimeField(null=True, blank=True)
    accepted_by_mentor_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=32, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "mentor"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_mentorship_per_pair",
            )
        ]


class MentorSession(BaseModel):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    topics = models.JSONField(_("topics"), default=list)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]


class TieKind(models.TextChoices):
    PEER = "peer", _("Peer with migration background")
    NATIVE_PROFESSIONAL = "native_professional", _("Native professional")
    EMPLOYER = "employer", _("Employer")


# Ties outside the participant's own group open doors to jobs (Granovetter's "strength of weak ties"; the seeds'
# bridging social capital): native professionals and employers bridge, peers bond.
BRIDGING_TIES = frozenset({TieKind.NATIVE_PROFESSIONAL, TieKind.EMPLOYER})


class Tie(BaseModel):
    """One tie of the participant's network, with when it held. Mentorships make ties; employer ties come from
    placements (read from the employers app, not copied here)."""

    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="ties")
    kind = models.CharField(max_length=24, choices=TieKind.choices)
    mentorship = models.OneToOneField(Mentorship, null=True, blank=True, on_delete=models.PROTECT, related_name="tie")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
