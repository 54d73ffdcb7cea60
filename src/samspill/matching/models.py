"""What job specialists did with the matcher's suggestions: the feedback that evaluates and improves it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel


class SuggestionKind(models.TextChoices):
    JOB = "job", _("Opportunity")
    MENTOR = "mentor", _("Peer mentor")
    SERVICE = "service", _("Programme or service")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SuggestionFeedback(BaseModel):
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=SuggestionKind.choices)
    target_id = models.CharField(max_length=64)
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    # The explanation as it was shown: factor contributions and the constraints passed.
    explanation = models.JSONField(default=dict)
    decision = models.CharField(max_length=8, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    # What accepting created: the activity, mentorship or referral id.
    created_object = models.CharField(max_length=64, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]


class OrganisationWeights(BaseModel):
    """An organisation's own weights for one matcher, as relative numbers per factor (``engine.config.FACTORS``);
    factors left out keep their default. No row: the defaults."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    matcher = models.CharField(max_length=8, choices=SuggestionKind.choices)
    weights = models.JSONField(default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "matcher"], name="matching_weights_one_per_matcher")
        ]


class Wishes(BaseModel):
    """What the participant wishes, as the matcher reads it (the participant's own words stay in the profile's
    job wishes). Recorded by a job specialist together with the participant."""

    participant = models.OneToOneField("people.Participant", on_delete=models.CASCADE, related_name="+")
    # ISCO-08 / STYRK-08 codes of one to four digits: an occupation, or a whole group of them.
    occupations = models.JSONField(_("wished occupations"), default=list)
    opportunity_kinds = models.JSONField(_("kinds of opportunity"), default=list)
    mentor_topics = models.JSONField(_("what to work on with a mentor"), default=list)
    # "" for either kind of mentor.
    mentor_kind = models.CharField(_("kind of mentor"), max_length=24, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
