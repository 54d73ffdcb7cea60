from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core import clock
from samspill.core.languages import CEFR_LEVELS
from samspill.core.models import AppendOnlyModel, BaseModel
from samspill.pathways.stages import (  # noqa: F401 (PathwayRole is re-exported for the access gate)
    ActivityKind,
    ActivityStatus,
    EventKind,
    Outcome,
    Path,
    PathwayRole,
    Stage,
)

CEFR_CHOICES = [(level, level) for level in CEFR_LEVELS]


class Pathway(BaseModel):
    """One participant's pathway to work on one path. Its stage is derived state kept for lists; the truth is in
    the append-only events."""

    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="pathways")
    path = models.CharField(_("path"), max_length=16, choices=Path.choices)
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices)
    responsible_specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("job specialist")
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started"))
    stage_since = models.DateField(_("in this stage since"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    org_number = models.CharField(_("organisation number of the business"), max_length=9, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "path"],
                name="one_pathway_per_participant_and_path",
                violation_error_message=_("This participant already has a pathway on this path."),
            )
        ]


class PathwayMember(BaseModel):
    """The team: actors from several organisations, each with a role on this pathway."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pathway_memberships")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role on the pathway"), max_length=16, choices=PathwayRole.choices)
    confidentiality_declared_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pathway", "user", "role"], name="pathway_member_once_per_role")]


class StageNote(BaseModel):
    """The three dimensions the SE-for-immigrants research adds to every stage."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="stage_notes")
    stage = models.CharField(max_length=24, choices=Stage.choices)
    # Language support
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    interpreter_language = models.CharField(_("interpreter language"), max_length=3, blank=True)
    norwegian_level = models.CharField(_("Norwegian level (CEFR)"), max_length=2, choices=CEFR_CHOICES, blank=True)
    vocational_norwegian = models.TextField(_("vocational Norwegian"), blank=True, max_length=4000)
    # Participation
    participant_words = models.TextField(_("in the participant's own words"), blank=True, max_length=4000)
    participant_agrees = models.BooleanField(_("the participant agrees"), default=False)
    # Cultural understanding
    workplace_mediation = models.TextField(_("workplace mediation notes"), blank=True, max_length=4000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pathway", "stage"], name="one_note_per_stage")]


class PathwayEvent(AppendOnlyModel):
    """Every change that matters for a trajectory, with the date it took effect. Never changed afterwards."""

    id = models.UUIDField(primary_key=True, default=clock.new_uuid, editable=False)
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    effective_date = models.DateField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=clock.now)
    source = models.CharField(max_length=16, default="platform")  # platform | import

    class Meta:
        ordering = ["effective_date", "recorded_at"]
        indexes = [models.Index(fields=["pathway", "effective_date"])]


class AgreementVersion(BaseModel):
    """A version of the samarbeidsavtale. A changed text is a new version and needs new signatures."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="agreement_versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("agreement text"), max_length=20000)
    language = models.CharField(_("language"), max_length=3)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["pathway", "number"], name="agreement_version_number")]


class Signature(BaseModel):
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=16, choices=PathwayRole.choices)
    signed_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "party"], name="one_signature_per_party")]


class Goal(BaseModel):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal in the participant's own words"), max_length=2000)
    language = models.CharField(_("language"), max_length=3, blank=True)
    authored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_participant = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]


class Activity(BaseModel):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    owner_role = models.CharField(_("who is responsible"), max_length=16, choices=PathwayRole.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_by_participant = models.BooleanField(default=False)
    # Meetings
    meeting_at = models.DateTimeField(_("meeting time"), null=True, blank=True)
    interpreter = models.BooleanField(_("with interpreter"), default=False)
    meeting_language = models.CharField(_("meeting language"), max_length=3, blank=True)

    class Meta:
        ordering = ["due_date", "created_at"]


class ActivityAgreement(BaseModel):
    """One party's "agreed" mark on an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=16, choices=PathwayRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "party"], name="one_agreement_per_party")]


class ActivityComment(BaseModel):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["created_at"]
