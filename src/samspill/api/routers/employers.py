"""Employers, opportunities, candidates, the employer contact log and placements. Reads go through
samspill.employers.selectors (which ask the access gate); writes through samspill.employers.services."""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from samspill.api.schemas import CefrLevel, InputSchema, Message, Page, ParticipantRef, Ref, ValidationErrors
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.employers import selectors, services
from samspill.employers.services import (
    ContactKind,
    OpportunityKind,
    OpportunityStatus,
    PlacementEndReason,
    SizeBand,
    SubsidyKind,
)

router = Router(tags=["employers"])

_READ_ERRORS = {401: Message, 404: Message}
_WRITE_ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 413: Message, 422: ValidationErrors}
_NOT_FOUND = "An id you may not see gives the same 404 as one that does not exist."

OpportunityKindParam = Literal[tuple(OpportunityKind.values)]
OpportunityStatusParam = Literal[tuple(OpportunityStatus.values)]
SizeBandParam = Literal[tuple(SizeBand.values)]
ContactKindParam = Literal[tuple(ContactKind.values)]
SubsidyKindParam = Literal[tuple(SubsidyKind.values)]
EndReasonParam = Literal[tuple(PlacementEndReason.values)]


# ---------------------------------------------------------------------------------------------------------------
# Schemas


class EmployerProfileOut(Schema):
    organisation: Ref
    industry_code: str = Field(description="SN2007 (NACE) code: a division such as 56 or a code such as 56.101.")
    size_band: str = Field(description="Number of employees: " + ", ".join(SizeBand.values) + ".")
    municipality_number: str
    workplace_mentors: int = Field(description="How many workplace mentors the employer can provide.")
    language_practice_places: int
    adaptation_possible: bool = Field(description="Whether the employer can adapt the workplace.")
    description: str


class EmployerProfileIn(InputSchema):
    """Only the fields sent are changed. The first time, industry_code and size_band are required; the
    municipality defaults to the organisation's."""

    industry_code: str | None = Field(None, max_length=6, description="SN2007 code: 56 or 56.101.")
    size_band: SizeBandParam | None = Field(
        None, description="Number of employees: " + ", ".join(SizeBand.values) + "."
    )
    municipality_number: str | None = Field(None, max_length=4, description="Four digits, e.g. 3907.")
    workplace_mentors: int | None = Field(None, ge=0, le=999, description="How many workplace mentors it has.")
    language_practice_places: int | None = Field(
        None, ge=0, le=999, description="How many language practice places it offers."
    )
    adaptation_possible: bool | None = Field(None, description="Whether the workplace can be adapted.")
    description: str | None = Field(None, max_length=4000, description="About the workplace.")


class OpportunityOut(Schema):
    id: uuid.UUID
    employer: Ref
    kind: str = Field(description="job, language_practice, work_trial, apprenticeship or subsidised_job.")
    title: str
    occupation_code: str = Field(description="STYRK-08 four-digit code.")
    occupation_title: str
    description: str
    norwegian_level: str = Field(description="Required Norwegian level (CEFR A1–C2), or '' for no requirement.")
    hours_per_week: float
    municipality_number: str = Field(description="Where the work is.")
    positions: int
    status: str = Field(description="open, filled or closed.")
    created_at: dt.datetime
    updated_at: dt.datetime


class OpportunityPage(Page):
    items: list[OpportunityOut]


_OPPORTUNITY_DESCRIPTIONS = {
    "kind": "job, language_practice (internship / language practice), work_trial, apprenticeship or subsidised_job.",
    "occupation_code": "STYRK-08 four-digit occupation code, e.g. 7512.",
    "norwegian_level": "Required Norwegian level: A1, A2, B1, B2, C1, C2, or '' for no requirement.",
    "municipality_number": "Where the work is: four-digit municipality number.",
    "title": "The title the employer uses.",
    "occupation_title": "The occupation's name, e.g. Bakers, pastry-cooks and confectionery makers.",
    "description": "What the work is, in plain words.",
    "hours_per_week": "Hours per week, 1–60 (one decimal).",
    "positions": "How many people it can take, 1–999.",
    "status": "open, filled or closed. Default: open.",
}


class OpportunityCreate(InputSchema):
    employer: uuid.UUID | None = Field(
        None, description="Id of the employer organisation. An employer contact of one employer may leave it out."
    )
    kind: OpportunityKindParam = Field(description=_OPPORTUNITY_DESCRIPTIONS["kind"])
    title: str = Field(max_length=200, description=_OPPORTUNITY_DESCRIPTIONS["title"])
    occupation_code: str = Field(max_length=4, description=_OPPORTUNITY_DESCRIPTIONS["occupation_code"])
    occupation_title: str = Field(max_length=200, description=_OPPORTUNITY_DESCRIPTIONS["occupation_title"])
    description: str = Field("", max_length=4000, description=_OPPORTUNITY_DESCRIPTIONS["description"])
    norwegian_level: CefrLevel = ""
    hours_per_week: Decimal = Field(ge=1, le=60, description=_OPPORTUNITY_DESCRIPTIONS["hours_per_week"])
    municipality_number: str = Field(max_length=4, description=_OPPORTUNITY_DESCRIPTIONS["municipality_number"])
    positions: int = Field(1, ge=1, le=999, description=_OPPORTUNITY_DESCRIPTIONS["positions"])
    status: OpportunityStatusParam = Field("open", description=_OPPORTUNITY_DESCRIPTIONS["status"])


class OpportunityUpdate(InputSchema):
    """Only the fields sent are changed. Close or fill an opportunity by changing its status."""

    kind: OpportunityKindParam | None = Field(None, description=_OPPORTUNITY_DESCRIPTIONS["kind"])
    title: str | None = Field(None, max_length=200, description=_OPPORTUNITY_DESCRIPTIONS["title"])
    occupation_code: str | None = Field(None, max_length=4, description=_OPPORTUNITY_DESCRIPTIONS["occupation_code"])
    occupation_title: str | None = Field(
        None, max_length=200, description=_OPPORTUNITY_DESCRIPTIONS["occupation_title"]
    )
    description: str | None = Field(None, max_length=4000, description=_OPPORTUNITY_DESCRIPTIONS["description"])
    norwegian_level: CefrLevel | None = Field(None, description=_OPPORTUNITY_DESCRIPTIONS["norwegian_level"])
    hours_per_week: Decimal | None = Field(None, ge=1, le=60, description=_OPPORTUNITY_DESCRIPTIONS["hours_per_week"])
    municipality_number: str | None = Field(
        None, max_length=4, description=_OPPORTUNITY_DESCRIPTIONS["municipality_number"]
    )
    positions: int | None = Field(None, ge=1, le=999, description=_OPPORTUNITY_DESCRIPTIONS["positions"])
    status: OpportunityStatusParam | None = Field(None, description=_OPPORTUNITY_DESCRIPTIONS["status"])


class CandidateOut(Schema):
    id: uuid.UUID
    pathway: uuid.UUID
    participant: ParticipantRef
    note: str
    proposed_at: dt.datetime


class CandidateIn(InputSchema):
    pathway: uuid.UUID = Field(description="Id of the participant's pathway (you must follow the participant up).")
    note: str = Field("", max_length=2000, description="A note to the employer.")


class ContactOut(Schema):
    id: uuid.UUID
    employer: Ref
    date: dt.date
    kind: str = Field(description="visit, phone, email or meeting.")
    pathway: uuid.UUID | None = Field(description="The pathway the contact was about, if any.")
    outcome: str
    recorded_by: Ref


class ContactPage(Page):
    items: list[ContactOut]


class ContactIn(InputSchema):
    employer: uuid.UUID = Field(description="Id of the employer organisation.")
    date: dt.date = Field(description="When the contact took place (not in the future).")
    kind: ContactKindParam = Field(description="visit, phone, email or meeting.")
    outcome: str = Field(max_length=4000, description="What came out of it.")
    pathway: uuid.UUID | None = Field(
        None,
        description="The pathway of a participant you follow up, when the contact was about them: it is "
        "then also an employer_contact event on that pathway.",
    )


class PlacementOut(Schema):
    id: uuid.UUID
    pathway: uuid.UUID | None = Field(description="null when you see the placement as the employer.")
    participant: ParticipantRef | None = Field(
        description="null when you may not see who is placed (an employer without the person's consent)."
    )
    opportunity: Ref
    employer: Ref
    start_date: dt.date
    hours_per_week: float
    subsidy_kind: str = Field(description="none, wage_subsidy, work_trial or other.")
    adaptation_plan: str
    on_the_job_supports: str
    follow_up_interval_days: int
    next_follow_ups: list[dt.date] = Field(description="The next follow-up dates of the schedule.")
    end_date: dt.date | None
    end_reason: str


class PlacementSummary(Schema):
    id: uuid.UUID
    participant: ParticipantRef | None
    opportunity: Ref
    employer: Ref
    start_date: dt.date
    end_date: dt.date | None


class PlacementPage(Page):
    items: list[PlacementSummary]


_PLACEMENT_DESCRIPTIONS = {
    "hours_per_week": "Hours per week, 1–60.",
    "subsidy_kind": "none, wage_subsidy, work_trial or other.",
    "adaptation_plan": "How the workplace is adapted.",
    "on_the_job_supports": "The support at work: who, what and how often.",
    "follow_up_interval_days": "Follow-up every so many days (1–365) from the start date.",
}


class PlacementStart(InputSchema):
    pathway: uuid.UUID = Field(description="Id of the pathway of a participant you follow up.")
    opportunity: uuid.UUID = Field(description="Id of an opportunity that is not closed.")
    start_date: dt.date = Field(description="The first day, YYYY-MM-DD.")
    hours_per_week: Decimal = Field(ge=1, le=60, description=_PLACEMENT_DESCRIPTIONS["hours_per_week"])
    subsidy_kind: SubsidyKindParam = Field("none", description=_PLACEMENT_DESCRIPTIONS["subsidy_kind"])
    adaptation_plan: str = Field("", max_length=4000, description=_PLACEMENT_DESCRIPTIONS["adaptation_plan"])
    on_the_job_supports: str = Field("", max_length=4000, description=_PLACEMENT_DESCRIPTIONS["on_the_job_supports"])
    follow_up_interval_days: int = Field(
        14, ge=1, le=365, description=_PLACEMENT_DESCRIPTIONS["follow_up_interval_days"]
    )


class PlacementUpdate(InputSchema):
    """Only the fields sent are changed."""

    hours_per_week: Decimal | None = Field(None, ge=1, le=60, description=_PLACEMENT_DESCRIPTIONS["hours_per_week"])
    subsidy_kind: SubsidyKindParam | None = Field(None, description=_PLACEMENT_DESCRIPTIONS["subsidy_kind"])
    adaptation_plan: str | None = Field(None, max_length=4000, description=_PLACEMENT_DESCRIPTIONS["adaptation_plan"])
    on_the_job_supports: str | None = Field(
        None, max_length=4000, description=_PLACEMENT_DESCRIPTIONS["on_the_job_supports"]
    )
    follow_up_interval_days: int | None = Field(
        None, ge=1, le=365, description=_PLACEMENT_DESCRIPTIONS["follow_up_interval_days"]
    )


class PlacementEnd(InputSchema):
    end_date: dt.date = Field(description="The last day; not before the start date.")
    end_reason: EndReasonParam = Field(description="Why it ended: " + ", ".join(PlacementEndReason.values) + ".")


# ---------------------------------------------------------------------------------------------------------------
# Serialising


def _ref(organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name}


def _person_ref(user) -> dict:
    return {"id": user.pk, "name": user.get_full_name() or user.username}


def _participant_ref(participant) -> dict | None:
    if participant is None:
        return None
    return {"id": participant.pk, "given_name": participant.given_name, "family_name": participant.family_name}


def _profile_out(profile) -> dict:
    return {
        "organisation": _ref(profile.organisation),
        **{name: getattr(profile, name) for name in services.PROFILE_FIELDS},
    }


def _opportunity_out(opportunity) -> dict:
    return {
        "id": opportunity.pk,
        "employer": _ref(opportunity.employer),
        **{name: getattr(opportunity, name) for name in services.OPPORTUNITY_FIELDS},
        "hours_per_week": float(opportunity.hours_per_week),
        "created_at": opportunity.created_at,
        "updated_at": opportunity.updated_at,
    }


def _contact_out(contact) -> dict:
    return {
        "id": contact.pk,
        "employer": _ref(contact.employer),
        "date": contact.date,
        "kind": contact.kind,
        "pathway": contact.pathway_id,
        "outcome": contact.outcome,
        "recorded_by": _person_ref(contact.recorded_by),
    }


def _placement_out(read) -> dict:
    placement = read.placement
    return {
        "id": placement.pk,
        "pathway": placement.pathway_id if read.purpose is None and read.participant is not None else None,
        "participant": _participant_ref(read.participant),
        "opportunity": {"id": placement.opportunity_id, "name": placement.opportunity.title},
        "employer": _ref(placement.opportunity.employer),
        "start_date": placement.start_date,
        "hours_per_week": float(placement.hours_per_week),
        "subsidy_kind": placement.subsidy_kind,
        "adaptation_plan": placement.adaptation_plan,
        "on_the_job_supports": placement.on_the_job_supports,
        "follow_up_interval_days": placement.follow_up_interval_days,
        "next_follow_ups": selectors.follow_up_dates(placement),
        "end_date": placement.end_date,
        "end_reason": placement.end_reason,
    }


def _page(queryset, limit, offset, serialise) -> dict:
    items = list(queryset[offset : offset + limit])
    return {"count": queryset.count(), "limit": limit, "offset": offset, "items": [serialise(i) for i in items]}


# ---------------------------------------------------------------------------------------------------------------
# Resolving ids in a body


def _pathway_for_write(actor, pathway_id, field: str = "pathway"):
    pathway = selectors.manageable_pathways(actor).filter(pk=pathway_id).first()
    if pathway is None:
        if not selectors.is_case_worker(actor):
            raise PermissionDenied(_("Only the participant's job specialists and coordinator can do this."))
        raise ApplicationError.for_fields({field: [_("There is no pathway with this id that you follow up.")]})
    return pathway


def _employer_for_write(employer_id, field: str = "employer"):
    employer = selectors.employer_organisation_get(organisation_id=employer_id)
    if employer is None:
        raise ApplicationError.for_fields({field: [_("There is no employer organisation with this id.")]})
    return employer


def _employer(actor, organisation_id):
    organisation = selectors.employer_organisation_get(organisation_id=organisation_id)
    if organisation is None or not selectors.employer_profile_visible(actor=actor, organisation=organisation):
        raise NotFound()
    return organisation


# ---------------------------------------------------------------------------------------------------------------
# Employer profiles


@router.get(
    "/employers/{organisation_id}/profile",
    response={200: EmployerProfileOut, **_READ_ERRORS},
    operation_id="employer_profile_get",
    url_name="employer_profile_get",
    summary="Read an employer's profile",
    description="Industry (SN2007), size, place and inclusion capacity. For job specialists, coordinators and the "
    "employer's own contacts. 404 when no profile is recorded yet.",
)
def employer_profile_get(request, organisation_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    organisation = _employer(request.auth, organisation_id)
    profile = selectors.employer_profile_get(organisation=organisation)
    if profile is None:
        raise NotFound()
    return _profile_out(profile)


@router.patch(
    "/employers/{organisation_id}/profile",
    response={200: EmployerProfileOut, **_WRITE_ERRORS},
    operation_id="employer_profile_update",
    url_name="employer_profile_update",
    summary="Record an employer's profile",
    description="Creates the profile of an organisation of kind employer, or changes the fields sent. For job "
    "specialists, coordinators and the employer's own contacts.",
)
def employer_profile_update(
    request,
    payload: EmployerProfileIn,
    organisation_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    organisation = _employer(request.auth, organisation_id)
    data = payload.model_dump(exclude_unset=True)
    nulls = sorted(name for name, value in data.items() if value is None)
    if nulls:
        raise ApplicationError.for_fields({name: [_("This field cannot be empty.")] for name in nulls})
    profile = services.employer_profile_save(actor=request.auth, organisation=organisation, data=data)
    return _profile_out(profile)


# ---------------------------------------------------------------------------------------------------------------
# Opportunities


@router.get(
    "/opportunities/",
    response={200: OpportunityPage, 401: Message, 422: ValidationErrors},
    operation_id="opportunities_list",
    url_name="opportunities_list",
    summary="List opportunities",
    description="Job specialists and coordinators see every employer's opportunities; an employer contact their "
    "own employer's. Others get an empty list.",
)
def opportunities_list(
    request,
    status: OpportunityStatusParam | None = Query(None, description="Only with this status."),  # noqa: B008
    kind: OpportunityKindParam | None = Query(None, description="Only of this kind."),  # noqa: B008
    employer: uuid.UUID | None = Query(None, description="Only of this employer."),  # noqa: B008
    q: str = Query("", max_length=100, description="Words in the title or occupation."),
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    queryset = selectors.opportunity_filter(
        selectors.opportunities_for_actor(request.auth), status=status or "", kind=kind or "", employer=employer, q=q
    ).order_by("-created_at", "id")
    return _page(queryset, limit, offset, _opportunity_out)


@router.post(
    "/opportunities/",
    response={201: OpportunityOut, **_WRITE_ERRORS},
    operation_id="opportunities_create",
    url_name="opportunities_create",
    summary="Register an opportunity",
    description="For job specialists, coordinators and employer contacts (for their own employer).",
)
def opportunities_create(request, payload: OpportunityCreate):
    actor = request.auth
    data = payload.model_dump()
    employer_id = data.pop("employer")
    if employer_id is None:
        own = sorted(selectors.employer_ids_of_contact(actor), key=str)
        if len(own) != 1:
            if not own and not selectors.is_case_worker(actor):
                raise PermissionDenied(_("Only employer contacts and job specialists can register opportunities."))
            raise ApplicationError.for_fields({"employer": [_("Choose the employer.")]})
        employer_id = own[0]
    if not (selectors.is_case_worker(actor) or selectors.employer_ids_of_contact(actor)):
        raise PermissionDenied(_("Only employer contacts and job specialists can register opportunities."))
    opportunity = services.opportunity_create(actor=actor, employer=_employer_for_write(employer_id), data=data)
    return Status(201, _opportunity_out(opportunity))


@router.get(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, **_READ_ERRORS},
    operation_id="opportunities_get",
    url_name="opportunities_get",
    summary="Read an opportunity",
    description="For job specialists, coordinators and the employer's own contacts.",
)
def opportunities_get(request, opportunity_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    return _opportunity_out(selectors.opportunity_get(actor=request.auth, opportunity_id=opportunity_id))


@router.patch(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, **_WRITE_ERRORS},
    operation_id="opportunities_update",
    url_name="opportunities_update",
    summary="Change an opportunity",
    description="Changes only the fields sent; close or fill it with `status`. Opportunities are never deleted: "
    "placements and the research data refer to them.",
)
def opportunities_update(
    request,
    payload: OpportunityUpdate,
    opportunity_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    opportunity = selectors.opportunity_get(actor=request.auth, opportunity_id=opportunity_id)
    data = payload.model_dump(exclude_unset=True)
    nulls = sorted(name for name, value in data.items() if value is None)
    if nulls:
        raise ApplicationError.for_fields({name: [_("This field cannot be empty.")] for name in nulls})
    opportunity = services.opportunity_update(actor=request.auth, opportunity=opportunity, data=data)
    return _opportunity_out(opportunity)


@router.get(
    "/opportunities/{opportunity_id}/candidates",
    response={200: list[CandidateOut], **_READ_ERRORS},
    operation_id="candidates_list",
    url_name="candidates_list",
    summary="List the candidates for an opportunity",
    description="An employer contact sees only the candidates whose consent to share with the employer is active "
    "now: a withdrawn consent removes the candidate at once. Job specialists see the candidates they follow up.",
)
def candidates_list(request, opportunity_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    opportunity = selectors.opportunity_get(actor=request.auth, opportunity_id=opportunity_id)
    return [
        {
            "id": candidate.pk,
            "pathway": candidate.pathway_id,
            "participant": _participant_ref(candidate.pathway.participant),
            "note": candidate.note,
            "proposed_at": candidate.created_at,
        }
        for candidate in selectors.candidates_for_actor(actor=request.auth, opportunity=opportunity)
    ]


@router.post(
    "/opportunities/{opportunity_id}/candidates",
    response={201: CandidateOut, **_WRITE_ERRORS},
    operation_id="candidates_propose",
    url_name="candidates_propose",
    summary="Propose a candidate",
    description="A job specialist proposes a participant they follow up. The participant must have consented to "
    "share their profile with the employer.",
)
def candidates_propose(
    request,
    payload: CandidateIn,
    opportunity_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    actor = request.auth
    opportunity = selectors.opportunity_get(actor=actor, opportunity_id=opportunity_id)
    pathway = _pathway_for_write(actor, payload.pathway)
    candidate = services.candidate_propose(actor=actor, opportunity=opportunity, pathway=pathway, note=payload.note)
    return Status(
        201,
        {
            "id": candidate.pk,
            "pathway": pathway.pk,
            "participant": _participant_ref(pathway.participant),
            "note": candidate.note,
            "proposed_at": candidate.created_at,
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Employer contact log


@router.get(
    "/employer-contacts/",
    response={200: ContactPage, 401: Message, 422: ValidationErrors},
    operation_id="employer_contacts_list",
    url_name="employer_contacts_list",
    summary="List the employer contact log",
    description="The contacts logged in the organisations where you are job specialist or coordinator.",
)
def employer_contacts_list(
    request,
    employer: uuid.UUID | None = Query(None, description="Only with this employer."),  # noqa: B008
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    queryset = selectors.contacts_for_actor(request.auth)
    if employer:
        queryset = queryset.filter(employer_id=employer)
    return _page(queryset.order_by("-date", "-created_at", "id"), limit, offset, _contact_out)


@router.post(
    "/employer-contacts/",
    response={201: ContactOut, **_WRITE_ERRORS},
    operation_id="employer_contacts_create",
    url_name="employer_contacts_create",
    summary="Log a contact with an employer",
    description="For job specialists. With a pathway, the contact is also an employer_contact event on it.",
)
def employer_contacts_create(request, payload: ContactIn):
    actor = request.auth
    data = payload.model_dump()
    employer = _employer_for_write(data.pop("employer"))
    pathway_id = data.pop("pathway")
    pathway = _pathway_for_write(actor, pathway_id) if pathway_id else None
    contact = services.employer_contact_record(actor=actor, employer=employer, pathway=pathway, data=data)
    return Status(201, _contact_out(contact))


@router.get(
    "/employer-contacts/{contact_id}",
    response={200: ContactOut, **_READ_ERRORS},
    operation_id="employer_contacts_get",
    url_name="employer_contacts_get",
    summary="Read one logged employer contact",
    description="For the job specialists and coordinators of the organisation that logged it.",
)
def employer_contacts_get(request, contact_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    return _contact_out(selectors.contact_get(actor=request.auth, contact_id=contact_id))


# ---------------------------------------------------------------------------------------------------------------
# Placements


@router.get(
    "/placements/",
    response={200: PlacementPage, 401: Message, 422: ValidationErrors},
    operation_id="placements_list",
    url_name="placements_list",
    summary="List placements",
    description="The placements of the pathways you may see and, for an employer contact, those at your employer. "
    "A person's name is included only where you may see it (an employer: while the person consents).",
)
def placements_list(
    request,
    active: bool | None = Query(None, description="true: only placements that have not ended."),  # noqa: B008
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    actor = request.auth
    queryset = selectors.placements_for_actor(actor)
    if active is not None:
        queryset = queryset.filter(end_date__isnull=active)
    queryset = queryset.order_by("-start_date", "id")
    page = list(queryset[offset : offset + limit])
    names = selectors.placement_names_visible(actor=actor, placements=page)
    items = [
        {
            "id": placement.pk,
            "participant": _participant_ref(names.get(placement.pk)),
            "opportunity": {"id": placement.opportunity_id, "name": placement.opportunity.title},
            "employer": _ref(placement.opportunity.employer),
            "start_date": placement.start_date,
            "end_date": placement.end_date,
        }
        for placement in page
    ]
    return {"count": queryset.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/placements/",
    response={201: PlacementOut, **_WRITE_ERRORS},
    operation_id="placements_start",
    url_name="placements_start",
    summary="Start a placement",
    description="A job specialist places a participant they follow up in an opportunity that is not closed: a "
    "placement_start event on the pathway, dated start_date. A pathway has one placement at a time.",
)
def placements_start(request, payload: PlacementStart):
    actor = request.auth
    data = payload.model_dump()
    pathway = _pathway_for_write(actor, data.pop("pathway"))
    opportunity = selectors.opportunities_for_actor(actor).filter(pk=data.pop("opportunity")).first()
    if opportunity is None:
        raise ApplicationError.for_fields({"opportunity": [_("There is no opportunity with this id.")]})
    with transaction.atomic():
        placement = services.placement_start(actor=actor, pathway=pathway, opportunity=opportunity, data=data)
        return Status(201, _placement_out(selectors.placement_read(actor=actor, placement_id=placement.pk)))


@router.get(
    "/placements/{placement_id}",
    response={200: PlacementOut, **_READ_ERRORS},
    operation_id="placements_get",
    url_name="placements_get",
    summary="Read a placement",
    description="With the on-the-job support plan and the follow-up schedule. Where the person is shown, the read "
    "is logged in their access log.",
)
def placements_get(request, placement_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    with transaction.atomic():
        return _placement_out(selectors.placement_read(actor=request.auth, placement_id=placement_id))


@router.patch(
    "/placements/{placement_id}",
    response={200: PlacementOut, **_WRITE_ERRORS},
    operation_id="placements_update",
    url_name="placements_update",
    summary="Change the support plan of a placement",
    description="Hours, subsidy, adaptation plan, on-the-job support and follow-up interval of a placement that has "
    "not ended. For the participant's job specialists.",
)
def placements_update(
    request,
    payload: PlacementUpdate,
    placement_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    actor = request.auth
    placement = selectors.placement_visible(actor=actor, placement_id=placement_id)
    data = payload.model_dump(exclude_unset=True)
    nulls = sorted(name for name, value in data.items() if value is None)
    if nulls:
        raise ApplicationError.for_fields({name: [_("This field cannot be empty.")] for name in nulls})
    with transaction.atomic():
        services.placement_update(actor=actor, placement=placement, data=data)
        return _placement_out(selectors.placement_read(actor=actor, placement_id=placement.pk))


@router.post(
    "/placements/{placement_id}/end",
    response={200: PlacementOut, **_WRITE_ERRORS},
    operation_id="placements_end",
    url_name="placements_end",
    summary="End a placement",
    description="A placement_end event on the pathway, dated end_date, which cannot be before the start date.",
)
def placements_end(
    request,
    payload: PlacementEnd,
    placement_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    actor = request.auth
    placement = selectors.placement_visible(actor=actor, placement_id=placement_id)
    with transaction.atomic():
        services.placement_end(
            actor=actor, placement=placement, end_date=payload.end_date, end_reason=payload.end_reason
        )
        return _placement_out(selectors.placement_read(actor=actor, placement_id=placement.pk))
