from samspill.audit.models import AccessLog, ChangeLog


def access_log_for_participant(*, participant) -> list[AccessLog]:
    """Who has read this person's data. Callers must have passed the access gate for ``participant``."""
    return list(
        AccessLog.objects.filter(participant=participant)
        .select_related("actor")
        .prefetch_related("actor__memberships__organisation")
        .order_by("-at")[:500]
    )


def changes_recorded(*, entities, since=None, participant_ids=None) -> list[dict]:
    """The change log's rows for ``entities`` (model labels, such as ``"employers.Opportunity"``), oldest first, as
    dicts of entity, object_id, participant_id, action, changes and at: what a reconstruction of an earlier state
    reads, undoing the changes recorded after a moment. ``since``: only changes at or after it; ``participant_ids``:
    only changes about these participants. Callers have passed the gate for what they ask about; nothing is
    logged."""
    queryset = ChangeLog.objects.filter(entity__in=list(entities))
    if since is not None:
        queryset = queryset.filter(at__gte=since)
    if participant_ids is not None:
        queryset = queryset.filter(participant_id__in=participant_ids)
    return list(
        queryset.order_by("at", "id").values("entity", "object_id", "participant_id", "action", "changes", "at")
    )
