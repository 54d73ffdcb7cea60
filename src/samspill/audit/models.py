"""Append-only logs. Rows are only ever inserted: the model, its manager and (on update) the database refuse
anything else, so nothing in the application can edit or delete them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core import clock
from samspill.core.models import AppendOnlyError, AppendOnlyModel  # noqa: F401 (AppendOnlyError is part of the API)
from samspill.core.roles import Purpose


class AccessLog(AppendOnlyModel):
    """One row per person-level read: who read whose data, why, when, in which request."""

    id = models.UUIDField(primary_key=True, default=clock.new_uuid, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey("people.Participant", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    at = models.DateTimeField(default=clock.now, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["participant", "-at"])]


class ChangeLog(AppendOnlyModel):
    """Who changed what. Values of special-category fields are not copied here, only that they changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("removed")

    id = models.UUIDField(primary_key=True, default=clock.new_uuid, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    entity = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    participant = models.ForeignKey(
        "people.Participant", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    changes = models.JSONField(default=dict)
    at = models.DateTimeField(default=clock.now, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at"]
