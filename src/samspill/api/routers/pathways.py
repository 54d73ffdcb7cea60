"""Pathways: the stage machine, the team, the agreement and the co-created plan.

Every route that touches one pathway passes the access gate (``access_pathway``), which logs one person-level
read; a reader who may not do the action is refused by the gate's ``require=`` (403) before the read is logged,
and one who may not see the pathway gets the same 404 as for a pathway that does not exist. Every write goes
through samspill.pathways.services, which checks the rules again. One transaction per request: a request that
fails leaves nothing behind, not even its access-log row.
"""

import dataclasses
import uuid

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.errors import ValidationError

from samspill.access.selectors import (
    PathwayAccess,
    access_participant_any_purpose,
    access_pathway,
    actor_organisation_ids,
    pathways_for_actor,
)
from samspill.accounts.selectors import organisation_get, specialists_of_organisations, user_get
from samspill.api.schemas import Activity as ActivitySchema
from samspill.api.schemas import ActivityComment as ActivityCommentSchema
from samspill.api.schemas import (
    ActivityCommentCreate,
    ActivityCreate,
    ActivityStatusChange,
    ActivityUpdate,
    AgreementState,
    AgreementVersionCreate,
    BenefitPeriod,
    BenefitPeriodCreate,
    ConfidentialityDeclaration,
    GoalCreate,
    Message,
    PathParam,
    PathwayCreate,
    PathwayDetail,
    PathwayMemberCreate,
    PathwayMove,
    PathwayPage,
    PathwaySummary,
    SignatureCreate,
    StageNoteUpdate,
    StageParam,
    ValidationErrors,
)
from samspill.api.schemas import Goal as GoalSchema
from samspill.api.schemas import PathwayMember as PathwayMemberSchema
from samspill.api.schemas import StageNote as StageNoteSchema
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose, Role
from samspill.pathways.selectors import agreement_state, pathway_plan, pathway_team, pathway_timeline
from samspill.pathways.services import (
    activity_agree,
    activity_comment,
    activity_propose,
    activity_set_status,
    activity_update,
    agreement_sign,
    agreement_version_create,
    benefit_period_record,
    confidentiality_declare,
    goal_add,
    pathway_create,
    pathway_member_add,
    pathway_member_remove,
    pathway_move,
    required_signatories,
    stage_note_save,
)
from samspill.pathways.stages import STAGES, PathwayRole, Stage

router = Router(tags=["pathways"])

_ID_DESCRIPTION = "The pathway's id (a UUID). An id you may not see gives the same 404 as one that does not exist."
_ACTIVITY_DESCRIPTION = "The id of an activity on this pathway."
_READ_ERRORS = {401: Message, 404: Message}
_WRITE_ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 413: Message, 422: ValidationErrors}
_ENTRY_CRITERIA_TYPE = "entry_criteria"
_STAGE_FILTER = Query(None, description="Only pathways in this stage.")
_PATH_FILTER = Query(None, description="Only pathways on this path: employment or entrepreneurship.")


# ---------------------------------------------------------------------------------------------------------------
# Serialising what the gate returned


def _person(user):
    return None if user is None else {"id": user.pk, "name": user.get_full_name() or user.username}


def _organisation(organisation):
    if organisation is None:
        return None
    return {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind}


def pathway_summary(pathway) -> dict:
    participant = pathway.participant
    return {
        "id": pathway.pk,
        "participant": {"id": participant.pk, "name": f"{participant.given_name} {participant.family_name}"},
        "path": pathway.path,
        "stage": pathway.stage,
        "stage_since": pathway.stage_since,
        "started_on": pathway.started_on,
        "closed_on": pathway.closed_on,
        "outcome": pathway.outcome,
        "responsible_specialist": _person(pathway.responsible_specialist),
    }


def _member(member) -> dict:
    return {
        "id": member.pk,
        "user": _person(member.user),
        "organisation": _organisation(member.organisation),
        "role": member.role,
        "confidentiality_declared_at": member.confidentiality_declared_at,
    }


_NOTE_FIELDS = list(StageNoteSchema.model_fields)


def _note(note) -> dict:
    return {name: getattr(note, name) for name in _NOTE_FIELDS}


def _agreement(state: dict) -> dict:
    version = state["version"]
    return {
        "version": None
        if version is None
        else {
            "number": version.number,
            "text": version.text,
            "language": version.language,
            "created_by": _person(version.created_by),
            "created_at": version.created_at,
            "signatures": [
                {"party": s.party, "user": _person(s.user), "signed_at": s.signed_at}
                for s in sorted(version.signatures.all(), key=lambda s: s.signed_at)
            ],
        },
        "versions": state["versions"],
        "required": state["required"],
        "missing": state["missing"],
        "signed": state["signed"],
        "can_sign": state["can_sign"],
    }


def _goal(goal) -> dict:
    return {
        "id": goal.pk,
        "text": goal.text,
        "language": goal.language,
        "authored_by": _person(goal.authored_by),
        "by_participant": goal.by_participant,
        "created_at": goal.created_at,
    }


def _comment(comment) -> dict:
    return {"id": comment.pk, "author": _person(comment.author), "text": comment.text, "created_at": comment.created_at}


def _activity(activity) -> dict:
    return {
        "id": activity.pk,
        **{
            name: getattr(activity, name)
            for name in (
                "kind",
                "title",
                "description",
                "owner_role",
                "status",
                "due_date",
                "meeting_at",
                "interpreter",
                "meeting_language",
                "proposed_by_participant",
                "created_at",
                "updated_at",
            )
        },
        "proposed_by": _person(activity.proposed_by),
        "agreed_by": [
            {"party": mark.party, "user": _person(mark.user), "at": mark.created_at}
            for mark in sorted(activity.agreements.all(), key=lambda mark: mark.created_at)
        ],
        "comments": [_comment(comment) for comment in activity.comments.all()],
    }


def _event(event) -> dict:
    return {
        "id": event.pk,
        "kind": event.kind,
        "effective_date": event.effective_date,
        "recorded_at": event.recorded_at,
        "actor": _person(event.actor),
        "reason": event.reason,
        "data": event.data,
    }


def pathway_detail(access: PathwayAccess, actor) -> dict:
    pathway = access.pathway
    plan = pathway_plan(access=access)
    return {
        **pathway_summary(pathway),
        "org_number": pathway.org_number,
        "organisation": _organisation(pathway.organisation),
        "team": [_member(member) for member in pathway_team(access=access)],
        "stage_notes": [_note(note) for note in pathway.stage_notes.order_by("created_at")],
        "agreement": _agreement(agreement_state(access=access, actor=actor)),
        "plan": {
            "goals": [_goal(goal) for goal in plan["goals"]],
            "activities": [_activity(activity) for activity in plan["activities"]],
        },
        "timeline": [_event(event) for event in pathway_timeline(access=access)],
        "access": {"level": access.level.value, "party": access.party, "can_manage": access.can_manage},
    }


def _activity_of(access: PathwayAccess, activity_id) -> dict:
    for activity in pathway_plan(access=access)["activities"]:
        if activity.pk == activity_id:
            return _activity(activity)
    raise NotFound()


# ---------------------------------------------------------------------------------------------------------------
# The gate's require=: who may read the pathway but not do this gets a 403, before the read is logged


def _refuse_unless(check, message: str):
    def require(access: PathwayAccess) -> bool:
        if not check(access):
            raise PermissionDenied(message)
        return True

    return require


def _managers(message: str):
    return _refuse_unless(lambda access: access.can_manage, message)


def _parties():
    return _refuse_unless(lambda access: access.party is not None, _("You cannot change this plan."))


def _object_id(value) -> uuid.UUID:
    """An id in the address; a malformed one is "not found", like a missing one."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound() from exc


def _path_error(name: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["path", name], "msg": message, "type": "invalid"}])


def _require_some(data: dict) -> None:
    if not data:
        raise ApplicationError(_("Send at least one field to change."))


# ---------------------------------------------------------------------------------------------------------------
# The list and the pathway


@router.get(
    "/pathways/",
    response={200: PathwayPage, 401: Message, 422: ValidationErrors},
    operation_id="pathways_list",
    url_name="pathways_list",
    summary="List the pathways you may see",
    description="The pathways of the participants you follow up (job specialists and coordinators), your own "
    "(participants), and those where you are on the team (employers, partner services, and mentors once they "
    "have declared confidentiality). Summary fields only; reading a list is not logged, reading one pathway is.",
)
def pathways_list(
    request,
    stage: StageParam | None = _STAGE_FILTER,
    path: PathParam | None = _PATH_FILTER,
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    visible = pathways_for_actor(request.auth)
    if stage:
        visible = visible.filter(stage=stage)
    if path:
        visible = visible.filter(path=path)
    visible = visible.select_related("participant", "responsible_specialist").order_by("-started_on", "id")
    count = visible.count()
    items = [pathway_summary(pathway) for pathway in visible[offset : offset + limit]]
    return {"count": count, "limit": limit, "offset": offset, "items": items}


@router.post(
    "/pathways/",
    response={201: PathwaySummary, **_WRITE_ERRORS},
    operation_id="pathways_create",
    url_name="pathways_create",
    summary="Open a pathway",
    description="For the participant's job specialists and coordinator. The pathway starts in the first stage of "
    "its path (engagement, or idea for entrepreneurship), with the responsible job specialist and the participant "
    "on the team. A participant has at most one pathway per path. Reading the participant to open it is logged.",
)
def pathways_create(request, payload: PathwayCreate):
    actor = request.auth
    if not (actor_organisation_ids(actor, Role.JOB_SPECIALIST) | actor_organisation_ids(actor, Role.COORDINATOR)):
        raise PermissionDenied(_("Only job specialists and coordinators can open pathways."))
    with transaction.atomic():
        participant_access = access_participant_any_purpose(
            actor, payload.participant, purposes=[Purpose.CASE_MANAGEMENT]
        )
        responsible = None
        if payload.responsible_specialist is not None:
            responsible = (
                specialists_of_organisations(organisation_ids=[participant_access.participant.organisation_id])
                .filter(pk=payload.responsible_specialist, is_active=True)
                .first()
            )
            if responsible is None:
                raise ApplicationError.for_fields(
                    {
                        "responsible_specialist": [
                            _("This person is not a job specialist in the participant's organisation.")
                        ]
                    }
                )
        pathway = pathway_create(
            actor=actor,
            participant_access=participant_access,
            path=payload.path,
            started_on=payload.started_on,
            responsible_specialist=responsible,
        )
        return Status(201, pathway_summary(pathway))


@router.get(
    "/pathways/{pathway_id}",
    response={200: PathwayDetail, **_READ_ERRORS},
    operation_id="pathways_get",
    url_name="pathways_get",
    summary="Read one pathway",
    description="Stage, path, dates and outcome; the team; the notes on language support, participation and "
    "cultural understanding per stage; the agreement and who still has to sign it; the plan (goals and activities, "
    "with each party's agreement and the comments); and the timeline of events. Each read is logged in the "
    "participant's access log.",
)
def pathways_get(request, pathway_id: str = Path(..., description=_ID_DESCRIPTION)):
    with transaction.atomic():  # a read that fails after the gate leaves no access-log row behind
        access = access_pathway(request.auth, pathway_id)
        return pathway_detail(access, request.auth)


# ---------------------------------------------------------------------------------------------------------------
# Stages


@router.post(
    "/pathways/{pathway_id}/moves",
    response={201: PathwayDetail, **_WRITE_ERRORS},
    operation_id="pathways_move",
    url_name="pathways_move",
    summary="Move the pathway to another stage",
    description="For the participant's job specialists. Forward one stage at a time, once the entry criteria of "
    "the next stage hold (a 422 names each missing one, type `entry_criteria`); back to any earlier stage with a "
    "`reason`; to `closed` from any stage with an `outcome`; a closed pathway reopens by moving back. Every move "
    "is recorded as an event with its effective date; nothing is overwritten. The answer is the moved pathway.",
)
def pathways_move(request, payload: PathwayMove, pathway_id: str = Path(..., description=_ID_DESCRIPTION)):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor, pathway_id, require=_managers(_("Only the participant's job specialists can move the pathway."))
        )
        try:
            pathway = pathway_move(
                actor=actor,
                access=access,
                to_stage=payload.to_stage,
                effective_date=payload.effective_date,
                reason=payload.reason,
                outcome=payload.outcome or "",
                org_number=payload.org_number,
            )
        except ApplicationError as error:
            missing = error.field_errors.get("to_stage")
            if missing and str(error.message) != str(ApplicationError.for_fields({}).message):
                # The entry criteria of the next stage: one item per criterion that does not hold yet.
                stage = Stage(payload.to_stage).label
                raise ValidationError(
                    [
                        {
                            "loc": ["body", "to_stage"],
                            "msg": _("Missing before the pathway can enter “%(stage)s”: %(missing)s.")
                            % {"stage": stage, "missing": item},
                            "type": _ENTRY_CRITERIA_TYPE,
                        }
                        for item in missing
                    ]
                ) from error
            raise
        access = dataclasses.replace(access, pathway=pathway)
        return Status(201, pathway_detail(access, actor))


@router.put(
    "/pathways/{pathway_id}/stage-notes/{stage}",
    response={200: StageNoteSchema, **_WRITE_ERRORS},
    operation_id="pathways_stage_note_save",
    url_name="pathways_stage_note_save",
    summary="Write the notes of one stage",
    description="Language support (interpreter, Norwegian level, vocational Norwegian), participation (the "
    "participant's own words and agreement) and cultural understanding (workplace mediation) for one stage of the "
    "pathway. The fields sent are set, the others stay as they are. The participant may write "
    "`participant_words` and `participant_agrees`; the job specialists every field.",
)
def pathways_stage_note_save(
    request,
    payload: StageNoteUpdate,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    stage: str = Path(..., description="The stage, e.g. vocational_profiling; any stage of the path but closed."),
):
    actor = request.auth
    data = payload.model_dump(exclude_unset=True)
    with transaction.atomic():
        access = access_pathway(
            actor,
            pathway_id,
            require=_refuse_unless(
                lambda access: access.can_manage or access.party == PathwayRole.PARTICIPANT,
                _("You cannot change the stage notes of this pathway."),
            ),
        )
        if stage not in STAGES[access.pathway.path] or stage == Stage.CLOSED:
            raise _path_error("stage", _("This stage is not on this pathway."))
        _require_some(data)
        note = stage_note_save(actor=actor, access=access, stage=stage, data=data)
        return _note(note)


# ---------------------------------------------------------------------------------------------------------------
# The team


def _member_organisation(user, organisation_id):
    own = set(user.memberships.values_list("organisation_id", flat=True))
    if organisation_id is None:
        return organisation_get(organisation_id=next(iter(own))) if len(own) == 1 else None
    if organisation_id not in own:
        raise ApplicationError.for_fields({"organisation": [_("Choose an organisation this person belongs to.")]})
    return organisation_get(organisation_id=organisation_id)


@router.post(
    "/pathways/{pathway_id}/team",
    response={201: PathwayMemberSchema, **_WRITE_ERRORS},
    operation_id="pathways_member_add",
    url_name="pathways_member_add",
    summary="Add someone to the team",
    description="For the participant's job specialists. A team member from any organisation (employer, NAV, "
    "municipality, school, health service, partner service, mentor, or another job specialist) sees the pathway "
    "and takes part in the plan; a mentor only after declaring confidentiality. An employer or mentor on the team "
    "must also sign the agreement.",
)
def pathways_member_add(
    request, payload: PathwayMemberCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor, pathway_id, require=_managers(_("Only the participant's job specialists can change the team."))
        )
        user = user_get(user_id=payload.user)
        if user is None:
            raise ApplicationError.for_fields({"user": [_("There is no active user with this id.")]})
        organisation = _member_organisation(user, payload.organisation)
        member = pathway_member_add(actor=actor, access=access, user=user, role=payload.role, organisation=organisation)
        return Status(201, _member(member))


@router.delete(
    "/pathways/{pathway_id}/team/{member_id}",
    response={204: None, **_WRITE_ERRORS},
    operation_id="pathways_member_remove",
    url_name="pathways_member_remove",
    summary="Remove someone from the team",
    description="For the participant's job specialists. The member no longer sees the pathway; their earlier "
    "contributions stay. The participant cannot be removed from their own pathway.",
)
def pathways_member_remove(
    request,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    member_id: str = Path(..., description="The id of the membership, from the pathway's team."),
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor, pathway_id, require=_managers(_("Only the participant's job specialists can change the team."))
        )
        pathway_member_remove(actor=actor, access=access, member_id=_object_id(member_id))
        return Status(204, None)


@router.post(
    "/pathways/{pathway_id}/confidentiality",
    response={200: ConfidentialityDeclaration, **_WRITE_ERRORS},
    operation_id="pathways_confidentiality_declare",
    url_name="pathways_confidentiality_declare",
    summary="Declare confidentiality (mentors)",
    description="A peer mentor on the team declares confidentiality; only then do they see the pathway and its "
    "plan. Declaring again changes nothing. Nothing of the pathway is read or logged here.",
)
def pathways_confidentiality_declare(request, pathway_id: str = Path(..., description=_ID_DESCRIPTION)):
    actor = request.auth
    with transaction.atomic():
        try:
            member = confidentiality_declare(actor=actor, pathway_id=_object_id(pathway_id))
        except NotFound:
            # Not a mentor on this team: refused (403) if they may read the pathway, "not found" otherwise.
            access_pathway(
                actor,
                pathway_id,
                require=_refuse_unless(
                    lambda access: False, _("Only a peer mentor on the team declares confidentiality.")
                ),
            )
            raise
        return {"pathway": member.pathway_id, "confidentiality_declared_at": member.confidentiality_declared_at}


# ---------------------------------------------------------------------------------------------------------------
# The agreement


@router.post(
    "/pathways/{pathway_id}/agreement/versions",
    response={201: AgreementState, **_WRITE_ERRORS},
    operation_id="pathways_agreement_version_create",
    url_name="pathways_agreement_version_create",
    summary="Write a new version of the agreement",
    description="For the participant's job specialists. The cooperation agreement (samarbeidsavtale) is "
    "versioned: a changed text is a new version, and every party signs it anew. The answer is the agreement "
    "state with the new version.",
)
def pathways_agreement_version_create(
    request, payload: AgreementVersionCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor,
            pathway_id,
            require=_managers(_("Only the participant's job specialists can write the agreement.")),
        )
        agreement_version_create(actor=actor, access=access, text=payload.text, language=payload.language)
        return Status(201, _agreement(agreement_state(access=access, actor=actor)))


def _may_sign(access: PathwayAccess, actor) -> bool:
    party = access.party
    if party is None or party not in required_signatories(access.pathway):
        return False
    return party != PathwayRole.JOB_SPECIALIST or access.pathway.responsible_specialist_id == actor.pk


@router.post(
    "/pathways/{pathway_id}/agreement/signatures",
    response={201: AgreementState, **_WRITE_ERRORS},
    operation_id="pathways_agreement_sign",
    url_name="pathways_agreement_sign",
    summary="Sign the agreement",
    description="The parties sign the newest version: the participant and the responsible job specialist, and "
    "the employer and the mentor where they are on the team. Send the number of the version you read; when a newer "
    "one exists, read and sign that. When the last party signs, an `agreement_signed` event is recorded.",
)
def pathways_agreement_sign(
    request, payload: SignatureCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor,
            pathway_id,
            require=_refuse_unless(
                lambda access: _may_sign(access, actor),
                _(
                    "Only the parties to this agreement can sign it: the participant, the responsible job "
                    "specialist, and the employer and mentor on the team."
                ),
            ),
        )
        current = agreement_state(access=access, actor=actor)["version"]
        if current is None:
            raise ApplicationError(_("There is no agreement to sign yet."))
        if payload.version != current.number:
            raise ApplicationError.for_fields(
                {
                    "version": [
                        _("Version %(number)s is the newest: read it and sign that one.") % {"number": current.number}
                    ]
                }
            )
        agreement_sign(actor=actor, access=access)
        return Status(201, _agreement(agreement_state(access=access, actor=actor)))


# ---------------------------------------------------------------------------------------------------------------
# The co-created plan


@router.post(
    "/pathways/{pathway_id}/goals",
    response={201: GoalSchema, **_WRITE_ERRORS},
    operation_id="pathways_goal_add",
    url_name="pathways_goal_add",
    summary="Add a goal",
    description="A goal in the participant's own words, written by the participant or noted for them by a "
    "member of the team.",
)
def pathways_goal_add(request, payload: GoalCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        goal = goal_add(actor=actor, access=access, text=payload.text, language=payload.language)
        return Status(201, _goal(goal))


@router.post(
    "/pathways/{pathway_id}/activities",
    response={201: ActivitySchema, **_WRITE_ERRORS},
    operation_id="pathways_activity_propose",
    url_name="pathways_activity_propose",
    summary="Propose an activity",
    description="Any party on the pathway (the participant included) proposes an activity. It starts as "
    "`proposed`, marked as agreed by your party; the other parties agree with POST .../agreements.",
)
def pathways_activity_propose(
    request, payload: ActivityCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    data = payload.model_dump(exclude_unset=True)
    if data.get("owner_role") is None:
        data.pop("owner_role", None)
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        activity = activity_propose(actor=actor, access=access, data=data)
        return Status(201, _activity_of(access, activity.pk))


@router.patch(
    "/pathways/{pathway_id}/activities/{activity_id}",
    response={200: ActivitySchema, **_WRITE_ERRORS},
    operation_id="pathways_activity_update",
    url_name="pathways_activity_update",
    summary="Change an activity",
    description="Changes only the fields sent. The job specialists change any activity, the other parties the "
    "ones they proposed. Done and cancelled activities cannot be changed.",
)
def pathways_activity_update(
    request,
    payload: ActivityUpdate,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    activity_id: str = Path(..., description=_ACTIVITY_DESCRIPTION),
):
    actor = request.auth
    data = payload.model_dump(exclude_unset=True)
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        activity_id = _object_id(activity_id)
        _require_some(data)
        activity_update(actor=actor, access=access, activity_id=activity_id, data=data)
        return _activity_of(access, activity_id)


@router.post(
    "/pathways/{pathway_id}/activities/{activity_id}/status",
    response={200: ActivitySchema, **_WRITE_ERRORS},
    operation_id="pathways_activity_set_status",
    url_name="pathways_activity_set_status",
    summary="Change an activity's status",
    description="proposed → planned → in_progress → done | cancelled (planned and proposed may also go straight "
    "on). Done and cancelled are final. The job specialists and the activity's owner change it; each change is "
    "an event with its effective date.",
)
def pathways_activity_set_status(
    request,
    payload: ActivityStatusChange,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    activity_id: str = Path(..., description=_ACTIVITY_DESCRIPTION),
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        activity_id = _object_id(activity_id)
        activity_set_status(
            actor=actor,
            access=access,
            activity_id=activity_id,
            status=payload.status,
            effective_date=payload.effective_date,
        )
        return _activity_of(access, activity_id)


@router.post(
    "/pathways/{pathway_id}/activities/{activity_id}/agreements",
    response={201: ActivitySchema, **_WRITE_ERRORS},
    operation_id="pathways_activity_agree",
    url_name="pathways_activity_agree",
    summary="Agree to an activity",
    description="Records your party's agreement to the activity (no body). Each party agrees once; done and "
    "cancelled activities cannot be changed.",
)
def pathways_activity_agree(
    request,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    activity_id: str = Path(..., description=_ACTIVITY_DESCRIPTION),
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        activity_id = _object_id(activity_id)
        activity_agree(actor=actor, access=access, activity_id=activity_id)
        return Status(201, _activity_of(access, activity_id))


@router.post(
    "/pathways/{pathway_id}/activities/{activity_id}/comments",
    response={201: ActivityCommentSchema, **_WRITE_ERRORS},
    operation_id="pathways_activity_comment",
    url_name="pathways_activity_comment",
    summary="Comment on an activity",
    description="Any party on the pathway, the participant included, comments on an activity.",
)
def pathways_activity_comment(
    request,
    payload: ActivityCommentCreate,
    pathway_id: str = Path(..., description=_ID_DESCRIPTION),
    activity_id: str = Path(..., description=_ACTIVITY_DESCRIPTION),
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(actor, pathway_id, require=_parties())
        comment = activity_comment(actor=actor, access=access, activity_id=_object_id(activity_id), text=payload.text)
        return Status(201, _comment(comment))


# ---------------------------------------------------------------------------------------------------------------
# Benefit periods


@router.post(
    "/pathways/{pathway_id}/benefit-periods",
    response={201: BenefitPeriod, **_WRITE_ERRORS},
    operation_id="pathways_benefit_period_record",
    url_name="pathways_benefit_period_record",
    summary="Record a benefit period",
    description="For the participant's job specialists: a period on a benefit (e.g. introduction benefit, work "
    "assessment allowance), recorded as events on the timeline for the research layer. Leave `end` out while "
    "the period goes on.",
)
def pathways_benefit_period_record(
    request, payload: BenefitPeriodCreate, pathway_id: str = Path(..., description=_ID_DESCRIPTION)
):
    actor = request.auth
    with transaction.atomic():
        access = access_pathway(
            actor,
            pathway_id,
            require=_managers(_("Only the participant's job specialists can record benefit periods.")),
        )
        benefit_period_record(actor=actor, access=access, start=payload.start, end=payload.end, benefit=payload.benefit)
        return Status(201, {"start": payload.start, "end": payload.end, "benefit": payload.benefit})
