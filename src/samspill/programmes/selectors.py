"""Reads of the programme catalogue (not personal data: every signed-in person may read it) and of referrals.

Referrals are seen by those who may see the pathway (the gate's ``pathways_for_actor``) and by the partner-service
users of the programme's provider. The provider sees the participant's data only while the participant's consent to
share with the provider is active (``Purpose.SHARE_PARTNER``); otherwise the referral shows no personal data.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from samspill.access.selectors import (
    access_participant,
    access_pathway,
    actor_organisation_ids,
    actor_roles,
    participants_for_actor,
    pathways_for_actor,
)

# Re-exported: the apps' views and services ask the gate through their own selectors.
from samspill.access.selectors import can_manage_pathway as can_manage_pathway
from samspill.access.selectors import manageable_pathways as manageable_pathways
from samspill.accounts.selectors import organisation_get
from samspill.consent.selectors import consent_active_filter
from samspill.core.errors import NotFound
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.programmes.models import Programme, Referral, ReferralStatus


def is_case_worker(actor) -> bool:
    return bool(actor_roles(actor) & {Role.JOB_SPECIALIST, Role.COORDINATOR})


def visible_pathway_ids(actor, pathway_ids) -> set:
    return set(pathways_for_actor(actor).filter(pk__in=list(pathway_ids)).values_list("pk", flat=True))


def provider_ids_of_actor(actor) -> set:
    """The organisations where the actor works in a partner service."""
    return actor_organisation_ids(actor, Role.PARTNER_SERVICE)


def with_free_capacity(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    """Annotates ``free_seats``: seats minus the referrals that have started and not completed."""
    return queryset.annotate(
        in_progress=Count("referrals", filter=Q(referrals__status=ReferralStatus.STARTED)),
    ).annotate(free_seats=F("seats") - F("in_progress"))


def programmes_list(*, actor, kind: str = "", provider=None, q: str = "", active_only: bool = False):
    queryset = with_free_capacity(Programme.objects.select_related("provider"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if provider:
        queryset = queryset.filter(provider_id=provider)
    if active_only:
        queryset = queryset.filter(active=True)
    if q:
        for word in q.split()[:5]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return queryset.order_by("name", "id")


def programme_get(*, programme_id) -> Programme:
    programme = with_free_capacity(Programme.objects.select_related("provider")).filter(pk=programme_id).first()
    if programme is None:
        raise NotFound()
    return programme


def programme_free_seats(programme: Programme) -> int:
    started = programme.referrals.filter(status=ReferralStatus.STARTED).count()
    return programme.seats - started


def provider_get(*, organisation_id):
    return organisation_get(organisation_id=organisation_id)


def referrals_for_actor(actor) -> QuerySet[Referral]:
    condition = Q(pathway_id__in=pathways_for_actor(actor).values("pk"))
    providers = provider_ids_of_actor(actor)
    if providers:
        condition |= Q(programme__provider_id__in=providers)
    return Referral.objects.filter(condition).select_related(
        "programme__provider", "pathway__participant", "referred_by"
    )


def referral_visible(*, actor, referral_id) -> Referral:
    """The referral if the actor may see it (nothing is logged), else NotFound."""
    referral = referrals_for_actor(actor).filter(pk=referral_id).first()
    if referral is None:
        raise NotFound()
    return referral


def shared_with_provider(actor, provider_id) -> QuerySet:
    """Participants who share their profile with this provider now, if the actor works there (a list: nothing is
    logged)."""
    if provider_id not in provider_ids_of_actor(actor):
        return participants_for_actor(actor, purpose=Purpose.RESEARCH).none()
    return participants_for_actor(actor, purpose=Purpose.SHARE_PARTNER).filter(
        consent_active_filter(purpose=ConsentPurpose.SHARE_PARTNER, organisation_ids=[provider_id])
    )


def shared_pairs(actor) -> set[tuple]:
    """(participant id, provider id) for every participant sharing with one of the actor's partner services."""
    return {
        (pk, provider_id)
        for provider_id in provider_ids_of_actor(actor)
        for pk in shared_with_provider(actor, provider_id).values_list("pk", flat=True)
    }


def referral_inbox(*, actor, status: str = "") -> QuerySet[Referral]:
    """The referrals to the programmes of the actor's partner services."""
    queryset = Referral.objects.filter(programme__provider_id__in=provider_ids_of_actor(actor)).select_related(
        "programme__provider", "pathway__participant", "referred_by"
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at")


@dataclass(frozen=True)
class ReferralRead:
    referral: Referral
    participant: object | None  # None: the reader may not see who is referred
    can_manage: bool  # the job specialists' side
    is_provider: bool


def referral_read(*, actor, referral_id) -> ReferralRead:
    """One referral with the participant as the reader may see them: a person-level read, logged through the
    gate when the participant is shown."""
    referral = referral_visible(actor=actor, referral_id=referral_id)
    is_provider = referral.programme.provider_id in provider_ids_of_actor(actor)
    if pathways_for_actor(actor).filter(pk=referral.pathway_id).exists():
        access = access_pathway(actor, referral.pathway_id)
        return ReferralRead(referral, access.pathway.participant, access.can_manage, is_provider)
    participant_id = referral.pathway.participant_id
    if shared_with_provider(actor, referral.programme.provider_id).filter(pk=participant_id).exists():
        access = access_participant(actor, participant_id, Purpose.SHARE_PARTNER)
        return ReferralRead(referral, access.participant, False, is_provider)
    return ReferralRead(referral, None, False, is_provider)
