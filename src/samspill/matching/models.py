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
