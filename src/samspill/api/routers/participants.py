"""Participants. Every read goes through the access gate (samspill.access.selectors); every write through
samspill.people.services, which checks what the actor may change."""

import dataclasses
import functools
import operator

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from samspill.access.selectors import (
    ParticipantAccess,
    access_participant_any_purpose,
    actor_organisation_ids,
    participants_for_actor,
    purposes_for_actor,
)
from samspill.accounts.selectors import organisation_get, specialists_of_organisations, teams_of_organisations
from samspill.api.schemas import (
    Message,
    ParticipantCreate,
    ParticipantDetail,
    ParticipantPage,
    ParticipantUpdate,
    ValidationErrors,
)
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Role
from samspill.people.selectors import caseload_filter, participant_profile
from samspill.people.services import (
    PARTICIPANT_FIELDS,
    language_skills_replace,
    participant_create,
    participant_update,
)

router = Router(tags=["participants"])

_ID_DESCRIPTION = "The participant's id (a UUID). An id you may not see gives the same 404 as one that does not exist."
_READ_ERRORS = {401: Message, 404: Message}
_WRITE_ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 413: Message, 422: ValidationErrors}
_REFERENCES = ("assigned_specialist", "assigned_team")


# ---------------------------------------------------------------------------------------------------------------
# Serialising what the gate returned


def _person(user):
    return None if user is None else {"id": user.pk, "name": user.get_full_name() or user.username}


def _team(team):
    return None if team is None else {"id": team.pk, "name": team.name}


def participant_detail(access: ParticipantAccess) -> dict:
    """The record as this reader may see it: fields the access does not show are left out."""
    participant = access.participant
    profile = participant_profile(access)
    organisation = participant.organisation
    values = {
        "id": participant.pk,
        "organisation": {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind},
        **{name: getattr(participant, name) for name in PARTICIPANT_FIELDS if name not in _REFERENCES},
        "assigned_specialist": _person(participant.assigned_specialist),
        "assigned_team": _team(participant.assigned_team),
        "languages": [
            {
                "language": row.language,
                "is_mother_tongue": row.is_mother_tongue,
                "listening": row.listening,
                "reading": row.reading,
                "spoken_interaction": row.spoken_interaction,
                "spoken_production": row.spoken_production,
                "writing": row.writing,
            }
            for row in profile["languages"]
        ],
        "educations": [
            {
                "id": row.pk,
                "level": row.level,
                "field": row.field,
                "country": row.country,
                "completed_year": row.completed_year,
                "recognition_status": row.recognition_status,
            }
            for row in profile["educations"]
        ],
        "experiences": [
            {
                "id": row.pk,
                "occupation_code": row.occupation_code,
                "title": row.title,
                "years": row.years,
                "country": row.country,
                "description": row.description,
            }
            for row in profile["experiences"]
        ],
        "skills": [{"id": row.pk, "name": row.name, "esco_uri": row.esco_uri} for row in profile["skills"]],
        "created_at": participant.created_at,
        "updated_at": participant.updated_at,
    }
    visible = {name: value for name, value in values.items() if access.can_see(name)}
    if access.special_category:
        health = profile["health"]
        visible["health"] = (
            None
            if health is None
            else {
                "work_limitations": health.work_limitations,
                "adaptation_needs": health.adaptation_needs,
                "follow_up_by_health_service": health.follow_up_by_health_service,
            }
        )
    visible["access"] = {
        "purpose": access.purpose,
        "level": access.level.value,
        "special_category": access.special_category,
        "editable_fields": [name for name in [*PARTICIPANT_FIELDS, "languages"] if access.can_edit(name)],
    }
    return visible


# ---------------------------------------------------------------------------------------------------------------
# Turning ids in a body into the objects the services take


def _resolve_references(data: dict, organisation_id) -> dict:
    """Replaces the ids of assigned_specialist and assigned_team by the person and team, looked up only among the
    job specialists and teams of the participant's organisation."""
    errors = {}
    if data.get("assigned_specialist") is not None:
        specialist = (
            specialists_of_organisations(organisation_ids=[organisation_id])
            .filter(pk=data["assigned_specialist"])
            .first()
        )
        if specialist is None:
            errors["assigned_specialist"] = [
                _("This person is not a job specialist in the participant's organisation.")
            ]
        data["assigned_specialist"] = specialist
    if data.get("assigned_team") is not None:
        team = teams_of_organisations(organisation_ids=[organisation_id]).filter(pk=data["assigned_team"]).first()
        if team is None:
            errors["assigned_team"] = [_("This team belongs to another organisation.")]
        data["assigned_team"] = team
    if errors:
        raise ApplicationError.for_fields(errors)
    return data


def _organisation_for_create(actor, organisation_id):
    """The organisation to register in: the one named, or the actor's only one as job specialist or coordinator."""
    allowed = actor_organisation_ids(actor, Role.JOB_SPECIALIST) | actor_organisation_ids(actor, Role.COORDINATOR)
    if not allowed:
        raise PermissionDenied(_("Only job specialists and coordinators can register participants."))
    if organisation_id is None:
        if len(allowed) > 1:
            raise ApplicationError.for_fields(
                {
                    "organisation": [
                        _("You work in several organisations. Choose the one to register the participant in.")
                    ]
                }
            )
        (organisation_id,) = allowed
    elif organisation_id not in allowed:
        raise ApplicationError.for_fields(
            {
                "organisation": [
                    _(
                        "You can register participants only in an organisation where you are job specialist or "
                        "coordinator."
                    )
                ]
            }
        )
    return organisation_get(organisation_id=organisation_id)


# ---------------------------------------------------------------------------------------------------------------
# Routes


@router.get(
    "/participants/",
    response={200: ParticipantPage, 401: Message, 422: ValidationErrors},
    operation_id="participants_list",
    url_name="participants_list",
    summary="List the participants you may see",
    description="Everyone you may see, whatever the reason: your caseload (job specialists and coordinators), "
    "yourself (participants), or people who shared their profile with you or your organisation by consent "
    "(employers, partner services, mentors). Summary fields only; reading a list is not logged, reading one "
    "record is.",
)
def participants_list(
    request,
    q: str = Query("", max_length=100, description="Words that must each appear in the given or family name."),
    municipality: str = Query(
        "", pattern=r"^(\d{4})?$", description="Only participants living in this municipality (four digits)."
    ),
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    actor = request.auth
    querysets = {purpose: participants_for_actor(actor, purpose=purpose) for purpose in purposes_for_actor(actor)}
    if not querysets:
        return {"count": 0, "limit": limit, "offset": offset, "items": []}
    visible = functools.reduce(operator.or_, querysets.values())
    visible = caseload_filter(visible, actor=actor, q=q, municipality=municipality).order_by(
        "family_name", "given_name", "id"
    )
    count = visible.count()
    page = list(visible[offset : offset + limit])
    ids = [participant.pk for participant in page]
    purpose_of = {}
    for purpose, queryset in querysets.items():  # in the order purposes_for_actor gives, as the detail does
        for pk in queryset.filter(pk__in=ids).values_list("pk", flat=True):
            purpose_of.setdefault(pk, purpose)
    items = [
        {
            "id": participant.pk,
            "given_name": participant.given_name,
            "family_name": participant.family_name,
            "municipality_number": participant.municipality_number,
            "preferred_language": participant.preferred_language,
            "purpose": purpose_of[participant.pk],
        }
        for participant in page
    ]
    return {"count": count, "limit": limit, "offset": offset, "items": items}


@router.post(
    "/participants/",
    response={201: ParticipantDetail, **_WRITE_ERRORS},
    exclude_unset=True,
    operation_id="participants_create",
    url_name="participants_create",
    summary="Register a participant",
    description="For job specialists and coordinators, in an organisation where they have that role. The "
    "response is the new record as you may see it. Add languages afterwards with PATCH.",
)
def participants_create(request, payload: ParticipantCreate):
    actor = request.auth
    data = payload.model_dump(exclude_unset=True)
    organisation = _organisation_for_create(actor, data.pop("organisation", None))
    data = _resolve_references(data, organisation.pk)
    with transaction.atomic():
        participant = participant_create(actor=actor, organisation=organisation, data=data)
        try:
            access = access_participant_any_purpose(actor, participant.pk)
        except NotFound:
            # Registered for a colleague or team the actor is not part of: they may no longer read it.
            return Status(201, {"id": participant.pk, "access": None})
        return Status(201, participant_detail(access))


@router.get(
    "/participants/{participant_id}",
    response={200: ParticipantDetail, **_READ_ERRORS},
    exclude_unset=True,
    operation_id="participants_get",
    url_name="participants_get",
    summary="Read one participant",
    description="The record as you may see it, with languages (CEFR level per skill), educations, experiences "
    "and skills. Each read is logged in the participant's access log (who, when, why), which they can see.",
)
def participants_get(request, participant_id: str = Path(..., description=_ID_DESCRIPTION)):
    with transaction.atomic():  # a read that fails after the gate leaves no access-log row behind
        access = access_participant_any_purpose(request.auth, participant_id)
        return participant_detail(access)


@router.patch(
    "/participants/{participant_id}",
    response={200: ParticipantDetail, **_WRITE_ERRORS},
    exclude_unset=True,
    operation_id="participants_update",
    url_name="participants_update",
    summary="Change a participant",
    description="Changes only the fields sent. A `languages` list replaces all languages. What you may change "
    "depends on your access: job specialists and coordinators change the record, participants their own contact "
    "details, preferences, languages and skills; readers through a consent change nothing. Everything in the "
    "request is stored, or nothing.",
)
def participants_update(
    request, payload: ParticipantUpdate, participant_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    data = payload.model_dump(exclude_unset=True)
    languages = data.pop("languages", None)
    with transaction.atomic():
        access = access_participant_any_purpose(actor, participant_id)
        if data:
            editable = {name for name in _REFERENCES if name in data and access.can_edit(name)}
            resolved = _resolve_references({name: data[name] for name in editable}, access.participant.organisation_id)
            participant = participant_update(actor=actor, access=access, data={**data, **resolved})
            access = dataclasses.replace(access, participant=participant)
        if languages is not None:
            language_skills_replace(actor=actor, access=access, languages=languages)
        return participant_detail(access)
