import uuid

from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    """UUID primary keys so that ids can be shown and shared without revealing counts or order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True
