from django.db.models import Q, QuerySet

from samspill.consent.models import Consent
from samspill.core.roles import ConsentPurpose


def consent_active_filter(*, purpose: ConsentPurpose, organisation_ids=(), user_id=None) -> Q:
    """A filter on participants: an unwithdrawn consent for ``purpose`` naming one of the organisations or the
    user. Every selector that shares data for a purpose goes through this, so a withdrawal counts at once."""
    recipient = Q(recipient_organisation_id__in=list(organisation_ids))
    if user_id is not None:
        # Never compare with None here: that would match every consent without a named person.
        recipient |= Q(recipient_user_id=user_id)
    active = Consent.objects.filter(recipient, purpose=purpose, withdrawn_at__isnull=True)
    return Q(id__in=active.values("participant_id"))


def consents_of_participant(*, participant) -> QuerySet[Consent]:
    """Callers must have passed the access gate for ``participant``."""
    return (
        Consent.objects.filter(participant=participant)
        .select_related("recipient_organisation", "recipient_user", "given_by", "withdrawn_by")
        .order_by("-given_at")
    )


def research_consent_filter() -> Q:
    """A filter on participants with an unwithdrawn consent to research (it names no recipient: research in
    general). A withdrawal leaves the person out of every later extract."""
    active = Consent.objects.filter(purpose=ConsentPurpose.RESEARCH, withdrawn_at__isnull=True)
    return Q(id__in=active.values("participant_id"))
