"""The catalogue of support programmes and services, and referrals to them. Reads go through
samspill.programmes.selectors (which ask the access gate); writes through samspill.programmes.services."""

import datetime as dt
import uuid
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from samspill.api.schemas import InputSchema, Message, Page, ParticipantRef, Ref, ValidationErrors
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.programmes import selectors, services
from samspill.programmes.services import REFERRAL_TRANSITIONS, ProgrammeKind, ReferralStatus

router = Router(tags=["programmes"])

_READ_ERRORS = {401: Message, 404: Message}
_WRITE_ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 413: Message, 422: ValidationErrors}
_NOT_FOUND = "An id you may not see gives the same 404 as one that does not exist."

ProgrammeKindParam = Literal[tuple(ProgrammeKind.values)]
ReferralStatusParam = Literal[tuple(ReferralStatus.values)]


class ProgrammeOut(Schema):
    id: uuid.UUID
    provider: Ref
    name: str
    kind: str = Field(description="One of: " + ", ".join(ProgrammeKind.values) + ".")
    description: str
    eligibility: str = Field(description="Who can take part.")
    seats: int
    free_seats: int = Field(description="Seats minus the referrals that have started and not completed.")
    active: bool = Field(description="Whether the programme takes referrals.")


class ProgrammePage(Page):
    items: list[ProgrammeOut]


_D = {
    "name": "The programme's name.",
    "kind": "One of: " + ", ".join(ProgrammeKind.values) + ".",
    "description": "What the programme offers.",
    "eligibility": "Who can take part.",
    "seats": "How many can take part at the same time.",
    "active": "Whether it takes referrals.",
}


class ProgrammeCreate(InputSchema):
    provider: uuid.UUID | None = Field(
        None,
        description="Id of the provider organisation. A partner service in one organisation may leave it out; an "
        "administrator must name it.",
    )
    name: str = Field(max_length=200, description=_D["name"])
    kind: ProgrammeKindParam = Field(description=_D["kind"])
    description: str = Field("", max_length=4000, description=_D["description"])
    eligibility: str = Field("", max_length=4000, description=_D["eligibility"])
    seats: int = Field(ge=0, le=100000, description=_D["seats"])
    active: bool = Field(True, description=_D["active"])


class ProgrammeUpdate(InputSchema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, max_length=200, description=_D["name"])
    kind: ProgrammeKindParam | None = Field(None, description=_D["kind"])
    description: str | None = Field(None, max_length=4000, description=_D["description"])
    eligibility: str | None = Field(None, max_length=4000, description=_D["eligibility"])
    seats: int | None = Field(None, ge=0, le=100000, description=_D["seats"])
    active: bool | None = Field(None, description=_D["active"])


class ReferralOut(Schema):
    id: uuid.UUID
    programme: Ref
    provider: Ref
    pathway: uuid.UUID | None = Field(description="null when you see the referral as the provider.")
    participant: ParticipantRef | None = Field(
        description="null when you may not see who is referred: the participant no longer consents to share "
        "their profile with the provider."
    )
    status: str = Field(description="proposed, accepted, started, completed or declined.")
    note: str
    reason: str = Field(description="Why it was declined, or a note on the last move.")
    started_on: dt.date | None
    completed_on: dt.date | None
    created_at: dt.datetime
    allowed_transitions: list[str] = Field(description="The statuses it can move to now.")


class ReferralPage(Page):
    items: list[ReferralOut]


class ReferralCreate(InputSchema):
    pathway: uuid.UUID = Field(description="Id of the pathway of a participant you follow up.")
    programme: uuid.UUID = Field(description="Id of a programme that takes referrals.")
    note: str = Field("", max_length=2000, description="A note to the provider.")


class ReferralTransition(InputSchema):
    to: ReferralStatusParam = Field(
        description="accepted or declined (the provider), started or completed (the provider or the job "
        "specialist). proposed → accepted → started → completed; declined from proposed or accepted; completed "
        "and declined are final."
    )
    effective_date: dt.date | None = Field(
        None, description="Required for started and completed: the date the enrolment began or ended."
    )
    reason: str = Field("", max_length=2000, description="Why, e.g. why the referral is declined.")


def _ref(organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name}


def _participant_ref(participant) -> dict | None:
    if participant is None:
        return None
    return {"id": participant.pk, "given_name": participant.given_name, "family_name": participant.family_name}


def _programme_out(programme) -> dict:
    free = getattr(programme, "free_seats", None)
    return {
        "id": programme.pk,
        "provider": _ref(programme.provider),
        **{name: getattr(programme, name) for name in services.PROGRAMME_FIELDS},
        "free_seats": selectors.programme_free_seats(programme) if free is None else free,
    }


def _referral_out(referral, *, participant, show_pathway: bool) -> dict:
    return {
        "id": referral.pk,
        "programme": {"id": referral.programme_id, "name": referral.programme.name},
        "provider": _ref(referral.programme.provider),
        "pathway": referral.pathway_id if show_pathway else None,
        "participant": _participant_ref(participant),
        "status": referral.status,
        "note": referral.note,
        "reason": referral.reason,
        "started_on": referral.started_on,
        "completed_on": referral.completed_on,
        "created_at": referral.created_at,
        "allowed_transitions": sorted(REFERRAL_TRANSITIONS[ReferralStatus(referral.status)]),
    }


def _read(actor, referral_id) -> dict:
    read = selectors.referral_read(actor=actor, referral_id=referral_id)
    show_pathway = read.participant is not None and not (read.is_provider and not read.can_manage)
    return _referral_out(read.referral, participant=read.participant, show_pathway=show_pathway)


# ---------------------------------------------------------------------------------------------------------------
# Catalogue


@router.get(
    "/programmes/",
    response={200: ProgrammePage, 401: Message, 422: ValidationErrors},
    operation_id="programmes_list",
    url_name="programmes_list",
    summary="List the programme catalogue",
    description="Support programmes and services with their provider and free capacity. Not personal data: every "
    "signed-in person may read it.",
)
def programmes_list(
    request,
    kind: ProgrammeKindParam | None = Query(None, description="Only of this kind."),  # noqa: B008
    provider: uuid.UUID | None = Query(None, description="Only of this provider."),  # noqa: B008
    q: str = Query("", max_length=100, description="Words in the name or description."),
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    queryset = selectors.programmes_list(actor=request.auth, kind=kind or "", provider=provider, q=q)
    items = list(queryset[offset : offset + limit])
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [_programme_out(p) for p in items],
    }


@router.post(
    "/programmes/",
    response={201: ProgrammeOut, **_WRITE_ERRORS},
    operation_id="programmes_create",
    url_name="programmes_create",
    summary="Add a programme to the catalogue",
    description="For administrators, and for partner services (with themselves as provider).",
)
def programmes_create(request, payload: ProgrammeCreate):
    actor = request.auth
    if not services.may_edit_catalogue(actor):
        raise PermissionDenied(_("Only administrators and partner services can add programmes."))
    data = payload.model_dump()
    provider_id = data.pop("provider")
    if provider_id is None:
        own = sorted(selectors.provider_ids_of_actor(actor), key=str)
        if len(own) != 1:
            raise ApplicationError.for_fields({"provider": [_("Choose the provider.")]})
        provider_id = own[0]
    provider = selectors.provider_get(organisation_id=provider_id)
    programme = services.programme_create(actor=actor, provider=provider, data=data)
    return Status(201, _programme_out(selectors.programme_get(programme_id=programme.pk)))


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, **_READ_ERRORS},
    operation_id="programmes_get",
    url_name="programmes_get",
    summary="Read a programme",
    description="With its free capacity. Every signed-in person may read the catalogue.",
)
def programmes_get(request, programme_id: uuid.UUID = Path(..., description="The programme's id.")):  # noqa: B008
    return _programme_out(selectors.programme_get(programme_id=programme_id))


@router.patch(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, **_WRITE_ERRORS},
    operation_id="programmes_update",
    url_name="programmes_update",
    summary="Change a programme",
    description="Changes only the fields sent. Close a programme to new referrals with `active: false`; "
    "programmes are never deleted, as referrals and the research data refer to them.",
)
def programmes_update(
    request,
    payload: ProgrammeUpdate,
    programme_id: uuid.UUID = Path(..., description="The programme's id."),  # noqa: B008
):
    programme = selectors.programme_get(programme_id=programme_id)
    data = payload.model_dump(exclude_unset=True)
    nulls = sorted(name for name, value in data.items() if value is None)
    if nulls:
        raise ApplicationError.for_fields({name: [_("This field cannot be empty.")] for name in nulls})
    services.programme_update(actor=request.auth, programme=programme, data=data)
    return _programme_out(selectors.programme_get(programme_id=programme_id))


# ---------------------------------------------------------------------------------------------------------------
# Referrals


@router.get(
    "/referrals/",
    response={200: ReferralPage, 401: Message, 422: ValidationErrors},
    operation_id="referrals_list",
    url_name="referrals_list",
    summary="List referrals",
    description="Referrals of the pathways you may see and, for a partner service, the referrals to your "
    "programmes: the participant's name only while they consent to share with you.",
)
def referrals_list(
    request,
    status: ReferralStatusParam | None = Query(None, description="Only with this status."),  # noqa: B008
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    actor = request.auth
    queryset = selectors.referrals_for_actor(actor)
    if status:
        queryset = queryset.filter(status=status)
    queryset = queryset.order_by("-created_at", "id")
    page = list(queryset[offset : offset + limit])
    visible = selectors.visible_pathway_ids(actor, [r.pathway_id for r in page])
    shared = selectors.shared_pairs(actor)
    items = []
    for referral in page:
        participant = referral.pathway.participant
        in_view = referral.pathway_id in visible
        shown = in_view or (participant.pk, referral.programme.provider_id) in shared
        items.append(_referral_out(referral, participant=participant if shown else None, show_pathway=in_view))
    return {"count": queryset.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/referrals/",
    response={201: ReferralOut, **_WRITE_ERRORS},
    operation_id="referrals_create",
    url_name="referrals_create",
    summary="Refer a participant to a programme",
    description="A job specialist refers a participant they follow up. The participant must have consented to "
    "share their profile with the provider: without that consent the referral is refused.",
)
def referrals_create(request, payload: ReferralCreate):
    actor = request.auth
    pathway = selectors.manageable_pathways(actor).filter(pk=payload.pathway).first()
    if pathway is None:
        if not selectors.is_case_worker(actor):
            raise PermissionDenied(_("Only the participant's job specialists and coordinator can make referrals."))
        raise ApplicationError.for_fields({"pathway": [_("There is no pathway with this id that you follow up.")]})
    try:
        programme = selectors.programme_get(programme_id=payload.programme)
    except NotFound as exc:
        raise ApplicationError.for_fields({"programme": [_("There is no programme with this id.")]}) from exc
    with transaction.atomic():
        referral = services.referral_create(actor=actor, pathway=pathway, programme=programme, note=payload.note)
        return Status(201, _read(actor, referral.pk))


@router.get(
    "/referrals/{referral_id}",
    response={200: ReferralOut, **_READ_ERRORS},
    operation_id="referrals_get",
    url_name="referrals_get",
    summary="Read a referral",
    description="Where the participant is shown, the read is logged in their access log.",
)
def referrals_get(request, referral_id: uuid.UUID = Path(..., description=_NOT_FOUND)):  # noqa: B008
    with transaction.atomic():
        return _read(request.auth, referral_id)


@router.post(
    "/referrals/{referral_id}/transitions",
    response={200: ReferralOut, **_WRITE_ERRORS},
    operation_id="referrals_transition",
    url_name="referrals_transition",
    summary="Move a referral to its next status",
    description="Any other move is refused with 422 naming the moves that are possible. started and completed "
    "are enrolment events on the pathway (enrolment_start, enrolment_end), dated effective_date.",
)
def referrals_transition(
    request,
    payload: ReferralTransition,
    referral_id: uuid.UUID = Path(..., description=_NOT_FOUND),  # noqa: B008
):
    actor = request.auth
    referral = selectors.referral_visible(actor=actor, referral_id=referral_id)
    with transaction.atomic():
        services.referral_transition(
            actor=actor, referral=referral, to=payload.to, effective_date=payload.effective_date, reason=payload.reason
        )
        return _read(actor, referral.pk)
