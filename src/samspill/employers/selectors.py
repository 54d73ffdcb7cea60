"""Reads of employers, opportunities, candidates, contacts and placements, always given the actor.

Who sees what:

* job specialists and coordinators see every opportunity and employer profile (not personal data), the contact log
  of their own organisations, and the candidates and placements of the pathways the gate lets them see;
* employer contacts see their own organisation's opportunities and placements, and a candidate's or placed
  person's data only while that person's consent to share with their organisation is active (the gate's
  ``Purpose.SHARE_EMPLOYER``): a withdrawn consent hides the candidate at the next query;
* a participant and the other members of a pathway team see the placements of the pathways they may see.

Lists log nothing; :func:`placement_read` is a person-level read and logs one row through the gate.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

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
from samspill.accounts.selectors import organisation_get, organisations_list
from samspill.consent.selectors import consent_active_filter
from samspill.core import clock
from samspill.core.errors import NotFound
from samspill.core.roles import ConsentPurpose, OrganisationKind, Purpose, Role
from samspill.employers.models import (
    Candidate,
    EmployerContact,
    EmployerProfile,
    Opportunity,
    OpportunityKind,
    Placement,
)

CASE_WORKER_ROLES = frozenset({Role.JOB_SPECIALIST, Role.COORDINATOR})


def is_case_worker(actor) -> bool:
    return bool(actor_roles(actor) & CASE_WORKER_ROLES)


def employer_ids_of_contact(actor) -> set:
    """The employer organisations where the actor is an employer contact."""
    return actor_organisation_ids(actor, Role.EMPLOYER_CONTACT)


def case_organisation_ids(actor) -> set:
    return actor_organisation_ids(actor, Role.JOB_SPECIALIST) | actor_organisation_ids(actor, Role.COORDINATOR)


def pathways_visible_ids(actor) -> set:
    return set(pathways_for_actor(actor).values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------------------------------
# Employer profiles and opportunities (not personal data)


def employer_profile_get(*, organisation) -> EmployerProfile | None:
    return EmployerProfile.objects.filter(organisation=organisation).first()


def employer_organisation_get(*, organisation_id):
    """The organisation of kind employer with this id, or None (organisations are not personal data)."""
    organisation = organisation_get(organisation_id=organisation_id)
    if organisation is None or organisation.kind != OrganisationKind.EMPLOYER:
        return None
    return organisation


def employer_organisations():
    return organisations_list(actor=None, kind=OrganisationKind.EMPLOYER)


def employer_profile_visible(*, actor, organisation) -> bool:
    return is_case_worker(actor) or organisation.pk in employer_ids_of_contact(actor)


def opportunities_for_actor(actor) -> QuerySet[Opportunity]:
    """Case workers see every opportunity; an employer contact their own organisation's."""
    queryset = Opportunity.objects.select_related("employer")
    if is_case_worker(actor):
        return queryset
    employers = employer_ids_of_contact(actor)
    if employers:
        return queryset.filter(employer_id__in=employers)
    return queryset.none()


def opportunity_get(*, actor, opportunity_id) -> Opportunity:
    opportunity = opportunities_for_actor(actor).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise NotFound()
    return opportunity


def opportunity_filter(queryset, *, status: str = "", kind: str = "", employer=None, q: str = ""):
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if employer:
        queryset = queryset.filter(employer_id=employer)
    if q:
        for word in q.split()[:5]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(occupation_title__icontains=word))
    return queryset


# ---------------------------------------------------------------------------------------------------------------
# Candidates


def shared_with_employer(actor, employer_id) -> QuerySet:
    """Participants who share their profile with this employer now, if the actor is its contact (a list: nothing
    is logged). A withdrawn consent drops the person from the next query."""
    if employer_id not in employer_ids_of_contact(actor):
        return participants_for_actor(actor, purpose=Purpose.RESEARCH).none()
    return participants_for_actor(actor, purpose=Purpose.SHARE_EMPLOYER).filter(
        consent_active_filter(purpose=ConsentPurpose.SHARE_EMPLOYER, organisation_ids=[employer_id])
    )


def candidates_for_actor(*, actor, opportunity) -> QuerySet[Candidate]:
    """The candidates of an opportunity the actor may see: an employer contact only those whose consent to share
    with the employer is active now; a case worker those on pathways they may see."""
    queryset = Candidate.objects.filter(opportunity=opportunity).select_related("pathway__participant", "proposed_by")
    allowed = Q(pk__in=[])
    if opportunity.employer_id in employer_ids_of_contact(actor):
        shared = shared_with_employer(actor, opportunity.employer_id).values("pk")
        allowed |= Q(pathway__participant_id__in=shared)
    if is_case_worker(actor):
        allowed |= Q(pathway_id__in=pathways_for_actor(actor).values("pk"))
    return queryset.filter(allowed)


# ---------------------------------------------------------------------------------------------------------------
# The contact log


def contacts_for_actor(actor) -> QuerySet[EmployerContact]:
    """The contact log of the organisations where the actor is job specialist or coordinator."""
    return EmployerContact.objects.filter(organisation_id__in=case_organisation_ids(actor)).select_related(
        "employer", "recorded_by", "pathway__participant"
    )


def contact_get(*, actor, contact_id) -> EmployerContact:
    contact = contacts_for_actor(actor).filter(pk=contact_id).first()
    if contact is None:
        raise NotFound()
    return contact


def pathway_has_employer_contact(*, pathway) -> bool:
    """For the pathway stage machine: has a job specialist recorded a contact with an employer for this pathway?"""
    return EmployerContact.objects.filter(pathway=pathway).exists()


# ---------------------------------------------------------------------------------------------------------------
# Placements


def placements_for_actor(actor) -> QuerySet[Placement]:
    """Placements of the pathways the actor may see, and, for an employer contact, those at their employer."""
    condition = Q(pathway_id__in=pathways_for_actor(actor).values("pk"))
    employers = employer_ids_of_contact(actor)
    if employers:
        condition |= Q(opportunity__employer_id__in=employers)
    return Placement.objects.filter(condition).select_related("opportunity__employer", "pathway__participant")


def placement_visible(*, actor, placement_id) -> Placement:
    """The placement if the actor may see it (no read is logged), else NotFound."""
    placement = placements_for_actor(actor).filter(pk=placement_id).first()
    if placement is None:
        raise NotFound()
    return placement


def placement_names_visible(*, actor, placements) -> dict:
    """For a list of placements: placement id -> the participant, for those whose person the actor may see (their
    pathway is visible, or the person shares with the actor's employer now). A list: nothing is logged."""
    placements = list(placements)
    pathway_ids = {placement.pathway_id for placement in placements}
    visible = set(pathways_for_actor(actor).filter(pk__in=pathway_ids).values_list("pk", flat=True))
    names = {p.pk: p.pathway.participant for p in placements if p.pathway_id in visible}
    for employer_id in employer_ids_of_contact(actor):
        shared = set(shared_with_employer(actor, employer_id).values_list("pk", flat=True))
        for placement in placements:
            if placement.opportunity.employer_id == employer_id and placement.pathway.participant_id in shared:
                names.setdefault(placement.pk, placement.pathway.participant)
    return names


def pathway_active_placement(*, pathway) -> Placement | None:
    """For the pathway stage machine: the placement that has started and not ended, or None."""
    return (
        Placement.objects.filter(pathway=pathway, start_date__lte=clock.today(), end_date__isnull=True)
        .order_by("-start_date")
        .first()
    )


def follow_up_dates(placement: Placement, *, count: int = 4, today: dt.date | None = None) -> list[dt.date]:
    """The next follow-up dates: every ``follow_up_interval_days`` from the start, until the end."""
    today = today or clock.today()
    step = dt.timedelta(days=placement.follow_up_interval_days)
    current = placement.start_date + step
    while current < today:
        current += step
    dates = []
    while len(dates) < count and (placement.end_date is None or current <= placement.end_date):
        dates.append(current)
        current += step
    return dates


@dataclass(frozen=True)
class PlacementRead:
    placement: Placement
    participant: object | None  # None: the reader may not see who is placed
    purpose: Purpose | None
    can_manage: bool


def placement_read(*, actor, placement_id) -> PlacementRead:
    """One placement with the person placed as the reader may see them. A person-level read: logs one row
    through the gate when the person is shown (case workers, the participant, the team, and an employer contact
    while the consent is active); an employer contact without consent sees the placement and no personal data."""
    placement = placement_visible(actor=actor, placement_id=placement_id)
    if pathways_for_actor(actor).filter(pk=placement.pathway_id).exists():
        access = access_pathway(actor, placement.pathway_id)
        return PlacementRead(
            placement=placement,
            participant=access.pathway.participant,
            purpose=None,
            can_manage=access.can_manage,
        )
    participant_id = placement.pathway.participant_id
    shared = shared_with_employer(actor, placement.opportunity.employer_id).filter(pk=participant_id).exists()
    if shared:
        access = access_participant(actor, participant_id, Purpose.SHARE_EMPLOYER)
        return PlacementRead(
            placement=placement, participant=access.participant, purpose=Purpose.SHARE_EMPLOYER, can_manage=False
        )
    return PlacementRead(placement=placement, participant=None, purpose=None, can_manage=False)


def pathways_with_employer_contact_since(*, since: dt.date) -> QuerySet:
    """For the caseload reminders (pathways.selectors.needs_attention): ids of the pathways with an employer
    contact logged on or after ``since``."""
    return EmployerContact.objects.filter(pathway__isnull=False, date__gte=since).values("pathway_id")


def placement_periods_of_participant(*, participant_id) -> list[tuple[dt.date, dt.date | None]]:
    """(start, end) of every placement of one participant, for their network of ties (employer ties). Callers have
    passed the gate for that participant."""
    return list(
        Placement.objects.filter(pathway__participant_id=participant_id)
        .order_by("start_date")
        .values_list("start_date", "end_date")
    )


def opportunity_kind_choices() -> list[tuple[str, str]]:
    """The kinds of opportunity, for other apps' forms (the matcher's stated wishes)."""
    return list(OpportunityKind.choices)
