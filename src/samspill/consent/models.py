from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core import clock
from samspill.core.models import BaseModel
from samspill.core.roles import ConsentPurpose


class Consent(BaseModel):
    """One period of consent for one purpose and recipient. Withdrawal closes the period; a new consent opens a
    new row, so the rows are the full given/withdrawn history."""

    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared with organisation"),
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared with person"),
    )
    given_at = models.DateTimeField(default=clock.now)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose", "recipient_organisation", "recipient_user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_recipient",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
