"""Writes on the programme catalogue and on referrals.

A referral moves proposed → accepted → started → completed, or to declined from proposed or accepted; completed
and declined are final. Starting and completing are enrolment events on the pathway, with the date they took
effect, written in the same transaction as the change.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import actor_organisation_ids, actor_roles
from samspill.audit.services import change_record, snapshot
from samspill.consent.selectors import consents_of_participant
from samspill.core import clock
from samspill.core.errors import ApplicationError, PermissionDenied, field_errors_of, reject_unknown_fields
from samspill.core.roles import ConsentPurpose, Role
from samspill.pathways.services import pathway_event_record
from samspill.pathways.stages import EventKind
from samspill.programmes.models import (
    FINAL_REFERRAL_STATUSES,
    REFERRAL_TRANSITIONS,
    Programme,
    ProgrammeKind,
    Referral,
    ReferralStatus,
)
from samspill.programmes.selectors import can_manage_pathway, programme_free_seats, provider_ids_of_actor

# The choices, for the API and other apps (which import services and selectors, never models).
CHOICES = (ProgrammeKind, ReferralStatus, REFERRAL_TRANSITIONS)

PROGRAMME_FIELDS = ["name", "kind", "description", "eligibility", "seats", "active"]
# Who may make each move: the provider's partner-service users, and/or the participant's job specialists.
PROVIDER_ONLY = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED})
DATED = {ReferralStatus.STARTED: "started_on", ReferralStatus.COMPLETED: "completed_on"}


def may_edit_catalogue(actor, provider=None) -> bool:
    """Administrators keep the catalogue; a partner service keeps its own programmes."""
    if Role.ADMINISTRATOR in actor_roles(actor):
        return True
    providers = provider_ids_of_actor(actor)
    return bool(providers) if provider is None else provider.pk in providers


# ---------------------------------------------------------------------------------------------------------------
# Catalogue


def programme_create(*, actor, provider, data: dict) -> Programme:
    if not may_edit_catalogue(actor):
        raise PermissionDenied(_("Only administrators and partner services can add programmes."))
    reject_unknown_fields(data, PROGRAMME_FIELDS)
    if provider is None or not may_edit_catalogue(actor, provider):
        raise ApplicationError.for_fields(
            {"provider": [_("Choose the provider: an organisation where you work in a partner service.")]}
        )
    programme = Programme(provider=provider, **data)
    try:
        programme.full_clean(exclude=["provider"])
    except ValidationError as error:
        raise ApplicationError.for_fields(field_errors_of(error)) from error
    with transaction.atomic():
        programme.save(force_insert=True)
        change_record(
            actor=actor,
            instance=programme,
            action="create",
            after={"provider": str(provider.pk), **snapshot(programme, PROGRAMME_FIELDS)},
        )
    return programme


def programme_update(*, actor, programme: Programme, data: dict) -> Programme:
    if not may_edit_catalogue(actor, programme.provider):
        raise PermissionDenied(_("Only administrators and the provider can change this programme."))
    reject_unknown_fields(data, PROGRAMME_FIELDS)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().select_related("provider").get(pk=programme.pk)
        before = snapshot(programme, PROGRAMME_FIELDS)
        for name, value in data.items():
            setattr(programme, name, value)
        try:
            programme.full_clean(exclude=["provider"])
        except ValidationError as error:
            raise ApplicationError.for_fields(field_errors_of(error)) from error
        programme.updated_at = clock.now()
        programme.save()
        change_record(
            actor=actor,
            instance=programme,
            action="update",
            before=before,
            after=snapshot(programme, PROGRAMME_FIELDS),
        )
    return programme


# ---------------------------------------------------------------------------------------------------------------
# Referrals


def referral_create(*, actor, pathway, programme: Programme, note: str = "") -> Referral:
    """The job specialist refers the participant of ``pathway`` to ``programme``. The provider must be able to see
    who is referred, so the participant must have consented to share their profile with the provider."""
    if pathway is None or not can_manage_pathway(actor, pathway):
        raise PermissionDenied(_("Only the participant's job specialists and coordinator can make referrals."))
    errors = {}
    if programme is None:
        errors["programme"] = [_("Choose the programme.")]
    elif not programme.active:
        errors["programme"] = [_("This programme does not take referrals at the moment.")]
    else:
        consented = (
            consents_of_participant(participant=pathway.participant)
            .filter(
                purpose=ConsentPurpose.SHARE_PARTNER,
                recipient_organisation_id=programme.provider_id,
                withdrawn_at__isnull=True,
            )
            .exists()
        )
        if not consented:
            errors["pathway"] = [
                _(
                    "The participant must consent to share their profile with %(provider)s before they can be "
                    "referred. Ask them to give that consent first."
                )
                % {"provider": programme.provider.name}
            ]
        elif (
            Referral.objects.filter(programme=programme, pathway=pathway)
            .exclude(status__in=FINAL_REFERRAL_STATUSES)
            .exists()
        ):
            errors["programme"] = [_("The participant already has an open referral to this programme.")]
    if len(note) > 2000:
        errors["note"] = [_("Enter at most %(max_length)s characters.") % {"max_length": 2000}]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        referral = Referral.objects.create(programme=programme, pathway=pathway, note=note, referred_by=actor)
        change_record(
            actor=actor,
            instance=referral,
            action="create",
            participant=pathway.participant,
            after={"programme": str(programme.pk), "pathway": str(pathway.pk), "status": referral.status},
        )
    return referral


def _check_transition_rights(actor, referral: Referral, target: ReferralStatus) -> None:
    is_provider = referral.programme.provider_id in actor_organisation_ids(actor, Role.PARTNER_SERVICE)
    if is_provider:
        return
    if target in PROVIDER_ONLY or not can_manage_pathway(actor, referral.pathway):
        raise PermissionDenied(_("Only the provider can accept or decline a referral."))


def referral_transition(
    *, actor, referral: Referral, to: str, effective_date: dt.date | None = None, reason: str = ""
) -> Referral:
    """Moves a referral. Started and completed need the date they took effect and are enrolment events."""
    try:
        target = ReferralStatus(to)
    except ValueError as exc:
        raise ApplicationError.for_fields(
            {"to": [_("Choose one of: %(choices)s.") % {"choices": ", ".join(ReferralStatus.values)}]}
        ) from exc
    _check_transition_rights(actor, referral, target)
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update()
            .select_related("programme__provider", "pathway__participant")
            .get(pk=referral.pk)
        )
        current = ReferralStatus(referral.status)
        errors = {}
        if current in FINAL_REFERRAL_STATUSES:
            errors["to"] = [
                _("This referral is %(status)s, which is final: it cannot change any more.")
                % {"status": current.label.lower()}
            ]
        elif target not in REFERRAL_TRANSITIONS[current]:
            allowed = sorted(REFERRAL_TRANSITIONS[current], key=list(ReferralStatus).index)
            errors["to"] = [
                _("A referral that is %(status)s cannot become %(target)s. It can become: %(allowed)s.")
                % {
                    "status": current.label.lower(),
                    "target": target.label.lower(),
                    "allowed": ", ".join(str(s.label).lower() for s in allowed),
                }
            ]
        if target in DATED and not errors:
            if not isinstance(effective_date, dt.date):
                errors["effective_date"] = [_("Give the date this took effect.")]
            elif target == ReferralStatus.COMPLETED and effective_date < referral.started_on:
                errors["effective_date"] = [
                    _("The enrolment cannot end before it started (%(start)s).")
                    % {"start": referral.started_on.isoformat()}
                ]
            elif target == ReferralStatus.STARTED and programme_free_seats(referral.programme) <= 0:
                errors["to"] = [_("The programme has no free seats.")]
        if len(reason) > 2000:
            errors["reason"] = [_("Enter at most %(max_length)s characters.") % {"max_length": 2000}]
        if errors:
            raise ApplicationError.for_fields(errors)
        before = snapshot(referral, ["status", "started_on", "completed_on", "reason"])
        referral.status = target
        if target in DATED:
            setattr(referral, DATED[target], effective_date)
        if target in PROVIDER_ONLY:
            referral.decided_at = clock.now()
        if reason:
            referral.reason = reason
        referral.updated_at = clock.now()
        referral.save()
        change_record(
            actor=actor,
            instance=referral,
            action="update",
            participant=referral.pathway.participant,
            before=before,
            after=snapshot(referral, ["status", "started_on", "completed_on", "reason"]),
        )
        if target in DATED:
            pathway_event_record(
                actor=actor,
                pathway=referral.pathway,
                kind=EventKind.ENROLMENT_START if target == ReferralStatus.STARTED else EventKind.ENROLMENT_END,
                effective_date=effective_date,
                data={
                    "referral": str(referral.pk),
                    "programme": str(referral.programme_id),
                    "programme_kind": referral.programme.kind,
                    "provider": str(referral.programme.provider_id),
                },
                reason=reason,
            )
    return referral
