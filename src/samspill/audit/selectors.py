from samspill.audit.models import AccessLog


def access_log_for_participant(*, participant) -> list[AccessLog]:
    """Who has read this person's data. Callers must have passed the access gate for ``participant``."""
    return list(
        AccessLog.objects.filter(participant=participant)
        .select_related("actor")
        .prefetch_related("actor__memberships__organisation")
        .order_by("-at")[:500]
    )
