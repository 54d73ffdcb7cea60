"""The catalogue of support programmes and services, and referrals of a pathway to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel


class ProgrammeKind(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction programme")
    JOBBSJANSEN = "jobbsjansen", _("Jobbsjansen")
    NORWEGIAN = "norwegian", _("Norwegian training")
    QUALIFICATION = "qualification", _("Qualification")
    MENTOR = "mentor", _("Mentor programme")
    HEALTH = "health", _("Health follow-up")
    FINANCIAL = "financial", _("Financial guidance")
    BUSINESS_START_UP = "business_start_up", _("Business start-up support")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("Supported Employment (SE/IPS)")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")


# The only moves a referral can make; completed and declined are final.
REFERRAL_TRANSITIONS = {
    ReferralStatus.PROPOSED: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.STARTED, ReferralStatus.DECLINED},
    ReferralStatus.STARTED: {ReferralStatus.COMPLETED},
    ReferralStatus.COMPLETED: set(),
    ReferralStatus.DECLINED: set(),
}
FINAL_REFERRAL_STATUSES = frozenset({ReferralStatus.COMPLETED, ReferralStatus.DECLINED})


class Programme(BaseModel):
    provider = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=ProgrammeKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    eligibility = models.TextField(_("who can take part"), blank=True, max_length=4000)
    seats = models.PositiveIntegerField(_("seats"), validators=[MaxValueValidator(100000)])
    active = models.BooleanField(_("open for referrals"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")


class Referral(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="referrals")
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    note = models.TextField(_("note to the provider"), blank=True, max_length=2000)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(started_on__isnull=False, completed_on__gte=models.F("started_on")),
                name="referral_completed_after_start",
            )
        ]
