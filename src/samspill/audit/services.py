"""Writing to the logs. Callers run these inside the same transaction as the write or read they record."""

from django.db import models, transaction

from samspill.audit.models import AccessLog, ChangeLog
from samspill.core.request_context import current_request_id

REDACTED = "«changed»"


def access_log_record(*, actor, participant, purpose) -> AccessLog:
    return AccessLog.objects.create(
        actor=actor, participant=participant, purpose=purpose, request_id=current_request_id()
    )


def access_log_record_many(*, actor, participant_ids, purpose) -> None:
    """The same read of many people at once (a research extract): one row each."""
    request_id = current_request_id()
    AccessLog.objects.bulk_create(
        [AccessLog(actor=actor, participant_id=pk, purpose=purpose, request_id=request_id) for pk in participant_ids],
        batch_size=500,
    )


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def change_record(
    *,
    actor,
    instance: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    participant=None,
    sensitive_fields: frozenset[str] = frozenset(),
) -> ChangeLog:
    """Records a write. ``before``/``after`` are snapshots; only fields whose value differs are kept."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("change_record must run inside the transaction of the write it records")
    before, after = before or {}, after or {}
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [REDACTED, REDACTED] if name in sensitive_fields else [old, new]
    return ChangeLog.objects.create(
        actor=actor,
        entity=instance._meta.label,
        object_id=str(instance.pk),
        participant=participant,
        action=action,
        changes=changes,
        request_id=current_request_id(),
    )
