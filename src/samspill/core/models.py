from django.db import models

from samspill.core import clock


class BaseModel(models.Model):
    """UUID primary keys so that ids can be shown and shared without revealing counts or order."""

    id = models.UUIDField(primary_key=True, default=clock.new_uuid, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        abstract = True
