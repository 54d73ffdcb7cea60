from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import Level, ParticipantAccess
from samspill.audit.services import change_record
from samspill.consent.models import Consent
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import ConsentPurpose


def _require_own_or_case(access: ParticipantAccess) -> None:
    # The person gives consent; their job specialist may record a consent the person gave in a meeting.
    if access.level not in (Level.SELF, Level.CASE):
        raise PermissionDenied(_("Only the participant or their job specialist can change consents."))


def consent_give(
    *, actor, access: ParticipantAccess, purpose: str, recipient_organisation=None, recipient_user=None
) -> Consent:
    _require_own_or_case(access)
    try:
        purpose = ConsentPurpose(purpose)
    except ValueError as exc:
        raise ApplicationError.for_fields({"purpose": [_("Choose what the consent is for.")]}) from exc
    errors = {}
    if purpose == ConsentPurpose.SHARE_MENTOR and recipient_user is None:
        errors["recipient_user"] = [_("Choose the mentor to share with.")]
    if purpose in (ConsentPurpose.SHARE_EMPLOYER, ConsentPurpose.SHARE_PARTNER) and recipient_organisation is None:
        errors["recipient_organisation"] = [_("Choose the organisation to share with.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    if purpose == ConsentPurpose.RESEARCH:
        recipient_organisation = recipient_user = None
    with transaction.atomic():
        # Checked here as well as by the constraint: databases treat the empty recipients of a research consent
        # as distinct NULLs.
        already = Consent.objects.select_for_update().filter(
            participant=access.participant,
            purpose=purpose,
            recipient_organisation=recipient_organisation,
            recipient_user=recipient_user,
            withdrawn_at__isnull=True,
        )
        if already.exists():
            raise ApplicationError(_("This consent is already given."))
        try:
            with transaction.atomic():
                consent = Consent.objects.create(
                    participant=access.participant,
                    purpose=purpose,
                    recipient_organisation=recipient_organisation,
                    recipient_user=recipient_user,
                    given_by=actor,
                )
        except IntegrityError as exc:
            raise ApplicationError(_("This consent is already given.")) from exc
        change_record(
            actor=actor,
            instance=consent,
            action="create",
            participant=access.participant,
            after={
                "purpose": str(purpose),
                "recipient_organisation": str(getattr(recipient_organisation, "pk", "")),
                "recipient_user": str(getattr(recipient_user, "pk", "")),
            },
        )
    return consent


def consent_withdraw(*, actor, access: ParticipantAccess, consent_id) -> Consent:
    """Takes effect at once: every sharing selector reads active consents in the same query as the data."""
    _require_own_or_case(access)
    with transaction.atomic():
        consent = (
            Consent.objects.select_for_update()
            .filter(participant=access.participant, pk=consent_id, withdrawn_at__isnull=True)
            .first()
        )
        if consent is None:
            raise NotFound()
        consent.withdrawn_at = clock.now()
        consent.withdrawn_by = actor
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        change_record(
            actor=actor,
            instance=consent,
            action="update",
            participant=access.participant,
            before={"withdrawn": False},
            after={"withdrawn": True},
        )
    return consent
