"""Writes on employers, opportunities, candidates, the contact log and placements.

Each takes the actor, checks what they may do, validates everything before writing, and records the change (and,
for what matters to a trajectory, the pathway event) in one transaction.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import actor_organisation_ids, actor_roles
from samspill.audit.services import change_record, snapshot
from samspill.consent.selectors import consents_of_participant
from samspill.core import clock
from samspill.core.errors import (
    ApplicationError,
    PermissionDenied,
    field_errors_of,
    reject_unknown_fields,
    validate_model,
)
from samspill.core.languages import CEFR_LEVELS
from samspill.core.roles import ConsentPurpose, OrganisationKind, Role
from samspill.employers.models import (
    Candidate,
    ContactKind,
    EmployerContact,
    EmployerProfile,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Placement,
    PlacementEndReason,
    SizeBand,
    SubsidyKind,
)
from samspill.employers.selectors import (
    can_manage_pathway,
    employer_ids_of_contact,
    is_case_worker,
)
from samspill.pathways.services import pathway_event_record
from samspill.pathways.stages import EventKind

# The choices, for the API and other apps (which import services and selectors, never models).
CHOICES = (ContactKind, OpportunityKind, OpportunityStatus, PlacementEndReason, SizeBand, SubsidyKind)

PROFILE_FIELDS = [
    "industry_code",
    "size_band",
    "municipality_number",
    "workplace_mentors",
    "language_practice_places",
    "adaptation_possible",
    "description",
]
OPPORTUNITY_FIELDS = [
    "kind",
    "title",
    "occupation_code",
    "occupation_title",
    "description",
    "norwegian_level",
    "hours_per_week",
    "municipality_number",
    "positions",
    "status",
]
CONTACT_FIELDS = ["date", "kind", "outcome"]
PLACEMENT_FIELDS = [
    "start_date",
    "hours_per_week",
    "subsidy_kind",
    "adaptation_plan",
    "on_the_job_supports",
    "follow_up_interval_days",
]
PLACEMENT_UPDATE_FIELDS = [
    "hours_per_week",
    "subsidy_kind",
    "adaptation_plan",
    "on_the_job_supports",
    "follow_up_interval_days",
]


def _validate(instance, *, exclude=None) -> None:
    validate_model(instance, exclude=exclude, validate_constraints=False)


def _validate_opportunity(opportunity: Opportunity) -> None:
    errors = {}
    try:
        opportunity.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = field_errors_of(error)
    level = opportunity.norwegian_level
    if level and level not in CEFR_LEVELS:
        errors["norwegian_level"] = [
            _("“%(value)s” is not a CEFR level. Use one of A1, A2, B1, B2, C1 or C2, or leave it empty.")
            % {"value": str(level)[:20]}
        ]
    if errors:
        raise ApplicationError.for_fields(errors)


def _require_employer(organisation, field: str = "employer") -> None:
    if organisation is None or organisation.kind != OrganisationKind.EMPLOYER:
        raise ApplicationError.for_fields({field: [_("Choose an organisation of kind employer.")]})


def _may_manage_employer(actor, organisation) -> bool:
    """Job specialists and coordinators work with every employer; an employer contact with their own."""
    return is_case_worker(actor) or organisation.pk in employer_ids_of_contact(actor)


def _require_pathway_manager(actor, pathway) -> None:
    if pathway is None or not can_manage_pathway(actor, pathway):
        raise PermissionDenied(_("Only the participant's job specialists and coordinator can do this."))


def _has_active_consent(participant, *, purpose: ConsentPurpose, organisation) -> bool:
    return (
        consents_of_participant(participant=participant)
        .filter(purpose=purpose, recipient_organisation=organisation, withdrawn_at__isnull=True)
        .exists()
    )


# ---------------------------------------------------------------------------------------------------------------
# Employer profile


def employer_profile_save(*, actor, organisation, data: dict) -> EmployerProfile:
    """Creates or changes the profile of an employer organisation."""
    if organisation is None or not _may_manage_employer(actor, organisation):
        raise PermissionDenied(_("Only the employer's contacts and job specialists can change this profile."))
    _require_employer(organisation, "organisation")
    reject_unknown_fields(data, PROFILE_FIELDS)
    with transaction.atomic():
        profile = EmployerProfile.objects.select_for_update().filter(organisation=organisation).first()
        creating = profile is None
        if creating:
            profile = EmployerProfile(organisation=organisation, municipality_number=organisation.municipality_number)
        before = {} if creating else snapshot(profile, PROFILE_FIELDS)
        for name, value in data.items():
            setattr(profile, name, value)
        _validate(profile)
        profile.updated_at = clock.now()
        profile.save()
        change_record(
            actor=actor,
            instance=profile,
            action="create" if creating else "update",
            before=before,
            after=snapshot(profile, PROFILE_FIELDS),
        )
    return profile


# ---------------------------------------------------------------------------------------------------------------
# Opportunities


def opportunity_create(*, actor, employer, data: dict) -> Opportunity:
    if not (is_case_worker(actor) or employer_ids_of_contact(actor)):
        raise PermissionDenied(_("Only employer contacts and job specialists can register opportunities."))
    _require_employer(employer)
    if not _may_manage_employer(actor, employer):
        raise ApplicationError.for_fields(
            {"employer": [_("You can register opportunities only for your own employer.")]}
        )
    reject_unknown_fields(data, OPPORTUNITY_FIELDS)
    opportunity = Opportunity(employer=employer, created_by=actor, **data)
    if isinstance(opportunity.hours_per_week, int | float):
        opportunity.hours_per_week = Decimal(str(opportunity.hours_per_week))
    _validate_opportunity(opportunity)
    with transaction.atomic():
        opportunity.save(force_insert=True)
        change_record(
            actor=actor,
            instance=opportunity,
            action="create",
            after={"employer": str(employer.pk), **snapshot(opportunity, OPPORTUNITY_FIELDS)},
        )
    return opportunity


def opportunity_update(*, actor, opportunity: Opportunity, data: dict) -> Opportunity:
    """Changes an opportunity; closing or filling it is a change of ``status``."""
    if not _may_manage_employer(actor, opportunity.employer):
        raise PermissionDenied(_("Only the employer's contacts and job specialists can change this opportunity."))
    reject_unknown_fields(data, OPPORTUNITY_FIELDS)
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().select_related("employer").get(pk=opportunity.pk)
        before = snapshot(opportunity, OPPORTUNITY_FIELDS)
        for name, value in data.items():
            setattr(opportunity, name, Decimal(str(value)) if name == "hours_per_week" and value is not None else value)
        _validate_opportunity(opportunity)
        opportunity.updated_at = clock.now()
        opportunity.save()
        change_record(
            actor=actor,
            instance=opportunity,
            action="update",
            before=before,
            after=snapshot(opportunity, OPPORTUNITY_FIELDS),
        )
    return opportunity


# ---------------------------------------------------------------------------------------------------------------
# Candidates


def candidate_propose(*, actor, opportunity: Opportunity, pathway, note: str = "") -> Candidate:
    """The job specialist proposes a participant for an opportunity. The employer will see the candidate only
    through the participant's consent, so a proposal without an active consent is refused."""
    _require_pathway_manager(actor, pathway)
    errors = {}
    if opportunity.status != OpportunityStatus.OPEN:
        errors["opportunity"] = [_("This opportunity is not open.")]
    if not _has_active_consent(
        pathway.participant, purpose=ConsentPurpose.SHARE_EMPLOYER, organisation=opportunity.employer
    ):
        errors["pathway"] = [
            _(
                "The participant has not consented to share their profile with %(employer)s. Ask them to give "
                "that consent first."
            )
            % {"employer": opportunity.employer.name}
        ]
    if Candidate.objects.filter(opportunity=opportunity, pathway=pathway).exists():
        errors["pathway"] = [_("This participant is already a candidate for this opportunity.")]
    candidate = Candidate(opportunity=opportunity, pathway=pathway, proposed_by=actor, note=note)
    if not errors:
        try:
            candidate.full_clean(exclude=["opportunity", "pathway", "proposed_by"], validate_constraints=False)
        except ValidationError as error:
            errors.update(field_errors_of(error))
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        candidate.save(force_insert=True)
        change_record(
            actor=actor,
            instance=candidate,
            action="create",
            participant=pathway.participant,
            after={"opportunity": str(opportunity.pk), "pathway": str(pathway.pk)},
        )
    return candidate


# ---------------------------------------------------------------------------------------------------------------
# The contact log


def _contact_organisation(actor, pathway):
    own = actor_organisation_ids(actor, Role.JOB_SPECIALIST)
    if pathway is not None and pathway.organisation_id in own:
        return pathway.organisation_id
    return sorted(own, key=str)[0]


def employer_contact_record(*, actor, employer, data: dict, pathway=None) -> EmployerContact:
    """A job specialist logs a contact with an employer. Linked to a pathway, it is also an event on it."""
    if Role.JOB_SPECIALIST not in actor_roles(actor):
        raise PermissionDenied(_("Only job specialists keep an employer contact log."))
    reject_unknown_fields(data, CONTACT_FIELDS)
    _require_employer(employer)
    if pathway is not None:
        _require_pathway_manager(actor, pathway)
    contact = EmployerContact(
        employer=employer,
        organisation_id=_contact_organisation(actor, pathway),
        pathway=pathway,
        recorded_by=actor,
        **data,
    )
    errors = {}
    try:
        contact.full_clean(exclude=["organisation", "recorded_by", "employer", "pathway"])
    except ValidationError as error:
        errors = field_errors_of(error)
    if isinstance(contact.date, dt.date) and "date" not in errors and contact.date > clock.today():
        errors["date"] = [_("A contact cannot be logged before it has happened: the date is in the future.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        contact.save(force_insert=True)
        participant = pathway.participant if pathway is not None else None
        change_record(
            actor=actor,
            instance=contact,
            action="create",
            participant=participant,
            after={
                "employer": str(employer.pk),
                "pathway": str(pathway.pk) if pathway else "",
                **snapshot(contact, CONTACT_FIELDS),
            },
        )
        if pathway is not None:
            pathway_event_record(
                actor=actor,
                pathway=pathway,
                kind=EventKind.EMPLOYER_CONTACT,
                effective_date=contact.date,
                data={"employer_contact": str(contact.pk), "employer": str(employer.pk), "contact_kind": contact.kind},
            )
    return contact


# ---------------------------------------------------------------------------------------------------------------
# Placements


def placement_start(*, actor, pathway, opportunity: Opportunity, data: dict) -> Placement:
    """Places the participant of ``pathway`` in ``opportunity`` from ``start_date``: a PLACEMENT_START event."""
    _require_pathway_manager(actor, pathway)
    reject_unknown_fields(data, PLACEMENT_FIELDS)
    placement = Placement(pathway=pathway, opportunity=opportunity, started_by=actor, **data)
    if isinstance(placement.hours_per_week, int | float):
        placement.hours_per_week = Decimal(str(placement.hours_per_week))
    errors = {}
    try:
        placement.full_clean(exclude=["pathway", "opportunity", "started_by"], validate_constraints=False)
    except ValidationError as error:
        errors = field_errors_of(error)
    if opportunity is None:
        errors["opportunity"] = [_("Choose the opportunity.")]
    elif opportunity.status == OpportunityStatus.CLOSED:
        errors["opportunity"] = [_("This opportunity is closed.")]
    if Placement.objects.filter(pathway=pathway, end_date__isnull=True).exists():
        errors["pathway"] = [_("This participant already has a placement that has not ended. End it first.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        placement.save(force_insert=True)
        change_record(
            actor=actor,
            instance=placement,
            action="create",
            participant=pathway.participant,
            after={"opportunity": str(opportunity.pk), **snapshot(placement, PLACEMENT_FIELDS)},
        )
        pathway_event_record(
            actor=actor,
            pathway=pathway,
            kind=EventKind.PLACEMENT_START,
            effective_date=placement.start_date,
            data={
                "placement": str(placement.pk),
                "opportunity": str(opportunity.pk),
                "employer": str(opportunity.employer_id),
                "opportunity_kind": opportunity.kind,
                "occupation_code": opportunity.occupation_code,
                "hours_per_week": str(placement.hours_per_week),
                "subsidy_kind": placement.subsidy_kind,
            },
        )
    return placement


def placement_update(*, actor, placement: Placement, data: dict) -> Placement:
    """Changes the support plan, follow-up schedule, hours or subsidy of a placement that has not ended."""
    _require_pathway_manager(actor, placement.pathway)
    reject_unknown_fields(data, PLACEMENT_UPDATE_FIELDS)
    with transaction.atomic():
        placement = Placement.objects.select_for_update().select_related("pathway").get(pk=placement.pk)
        if placement.end_date is not None:
            raise ApplicationError(_("This placement has ended and can no longer be changed."))
        before = snapshot(placement, PLACEMENT_UPDATE_FIELDS)
        for name, value in data.items():
            setattr(placement, name, Decimal(str(value)) if name == "hours_per_week" and value is not None else value)
        _validate(placement, exclude=["pathway", "opportunity", "started_by"])
        placement.updated_at = clock.now()
        placement.save()
        change_record(
            actor=actor,
            instance=placement,
            action="update",
            participant=placement.pathway.participant,
            before=before,
            after=snapshot(placement, PLACEMENT_UPDATE_FIELDS),
        )
    return placement


def placement_end(*, actor, placement: Placement, end_date, end_reason: str) -> Placement:
    """Ends a placement on ``end_date`` (not before it started): a PLACEMENT_END event."""
    _require_pathway_manager(actor, placement.pathway)
    with transaction.atomic():
        placement = Placement.objects.select_for_update().select_related("pathway__participant").get(pk=placement.pk)
        errors = {}
        if placement.end_date is not None:
            raise ApplicationError(_("This placement has already ended."))
        if not isinstance(end_date, dt.date):
            errors["end_date"] = [_("Give the date the placement ended.")]
        elif end_date < placement.start_date:
            errors["end_date"] = [
                _("A placement cannot end before it started (%(start)s).") % {"start": placement.start_date.isoformat()}
            ]
        if end_reason not in PlacementEndReason.values:
            errors["end_reason"] = [_("Choose why the placement ended.")]
        if errors:
            raise ApplicationError.for_fields(errors)
        placement.end_date = end_date
        placement.end_reason = end_reason
        placement.updated_at = clock.now()
        placement.save(update_fields=["end_date", "end_reason", "updated_at"])
        change_record(
            actor=actor,
            instance=placement,
            action="update",
            participant=placement.pathway.participant,
            before={"end_date": None, "end_reason": ""},
            after={"end_date": end_date.isoformat(), "end_reason": end_reason},
        )
        pathway_event_record(
            actor=actor,
            pathway=placement.pathway,
            kind=EventKind.PLACEMENT_END,
            effective_date=end_date,
            data={"placement": str(placement.pk), "end_reason": end_reason},
        )
    return placement
