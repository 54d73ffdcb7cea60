"""Writes on a pathway. Every change that matters for a trajectory is also an append-only event, written in the
same transaction as the change and its change-log row."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import Level, PathwayLevel, actor_organisation_ids
from samspill.audit.services import change_record, snapshot
from samspill.core import clock
from samspill.core.errors import (
    ApplicationError,
    NotFound,
    PermissionDenied,
    as_uuid,
    reject_unknown_fields,
    validate_model,
)
from samspill.core.languages import is_language_code
from samspill.core.roles import Role
from samspill.pathways.models import (
    Activity,
    ActivityAgreement,
    ActivityComment,
    AgreementVersion,
    Goal,
    Pathway,
    PathwayEvent,
    PathwayMember,
    Signature,
    StageNote,
)
from samspill.pathways.stages import (
    ACTIVITY_TRANSITIONS,
    FINAL_ACTIVITY_STATUSES,
    STAGES,
    ActivityKind,
    ActivityStatus,
    BenefitKind,
    EventKind,
    Outcome,
    Path,
    PathwayRole,
    Stage,
)


def pathway_event_record(
    *,
    actor,
    pathway: Pathway,
    kind: EventKind,
    effective_date: dt.date,
    data: dict | None = None,
    reason: str = "",
    source: str = "platform",
) -> PathwayEvent:
    """Appends one event. Callers that change state call this inside their own transaction."""
    if not isinstance(effective_date, dt.date):
        raise ApplicationError.for_fields({"effective_date": [_("Give the date the change took effect.")]})
    with transaction.atomic():
        event = PathwayEvent.objects.create(
            pathway=pathway,
            kind=EventKind(kind),
            effective_date=effective_date,
            actor=actor,
            data=data or {},
            reason=reason,
            source=source,
        )
        change_record(
            actor=actor,
            instance=event,
            action="create",
            participant=pathway.participant,
            after={"kind": str(kind), "effective_date": effective_date.isoformat(), **(data or {})},
        )
    return event


# --- the pathway and its stages -------------------------------------------------------------------------------


def _fields_error(**errors) -> ApplicationError:
    return ApplicationError.for_fields({field: [message] for field, message in errors.items()})


def pathway_create(
    *, actor, participant_access, path: str, started_on: dt.date | None = None, responsible_specialist=None
) -> Pathway:
    """Opens a pathway for a participant the actor follows up; the first stage of the path, with an event."""
    if participant_access.level is not Level.CASE:
        raise NotFound()
    try:
        path = Path(path)
    except ValueError as exc:
        raise _fields_error(path=_("Choose employment or entrepreneurship.")) from exc
    participant = participant_access.participant
    responsible = responsible_specialist or participant.assigned_specialist or actor
    if participant.organisation_id not in actor_organisation_ids(responsible, Role.JOB_SPECIALIST):
        raise _fields_error(
            responsible_specialist=_(
                "The responsible person must be a job specialist in the participant's organisation."
            )
        )
    started_on = started_on or clock.today()
    with transaction.atomic():
        if Pathway.objects.filter(participant=participant, path=path).exists():
            raise _fields_error(path=_("This participant already has a pathway on this path."))
        first = STAGES[path][0]
        pathway = Pathway.objects.create(
            participant=participant,
            path=path,
            stage=first,
            responsible_specialist=responsible,
            organisation=participant.organisation,
            started_on=started_on,
            stage_since=started_on,
        )
        PathwayMember.objects.create(
            pathway=pathway, user=responsible, organisation=participant.organisation, role=PathwayRole.JOB_SPECIALIST
        )
        if participant.user_id:
            PathwayMember.objects.create(pathway=pathway, user=participant.user, role=PathwayRole.PARTICIPANT)
        change_record(
            actor=actor,
            instance=pathway,
            action="create",
            participant=participant,
            after={"path": path, "stage": first, "responsible_specialist": str(responsible.pk)},
        )
        pathway_event_record(
            actor=actor,
            pathway=pathway,
            kind=EventKind.PATHWAY_START,
            effective_date=started_on,
            data={"path": str(path), "stage": str(first)},
        )
    return pathway


def agreement_is_signed(pathway: Pathway) -> bool:
    """The newest agreement version carries the signatures of every party that must sign it."""
    version = pathway.agreement_versions.order_by("-number").first()
    if version is None:
        return False
    signed = set(version.signatures.values_list("party", flat=True))
    return required_signatories(pathway) <= signed


def required_signatories(pathway: Pathway) -> set[str]:
    parties = {PathwayRole.PARTICIPANT, PathwayRole.JOB_SPECIALIST}
    team = set(pathway.members.filter(active=True).values_list("role", flat=True))
    return parties | (team & {PathwayRole.EMPLOYER, PathwayRole.MENTOR})


def has_vocational_profile(pathway: Pathway) -> bool:
    """A profile the participant has taken part in: recorded experience, education or skills, and the profiling
    stage's note in the participant's own words."""
    participant = pathway.participant
    recorded = participant.experiences.exists() or participant.educations.exists() or participant.skills.exists()
    own_words = pathway.stage_notes.filter(stage=Stage.VOCATIONAL_PROFILING).exclude(participant_words="").exists()
    return recorded and own_words


def _activity_done(pathway: Pathway, kind: ActivityKind) -> bool:
    return pathway.activities.filter(kind=kind, status=ActivityStatus.DONE).exists()


def _entry_criteria(pathway: Pathway, target: Stage) -> list[str]:
    """What is missing before the pathway may enter ``target`` moving forward; empty when all is there."""
    from samspill.employers.selectors import pathway_active_placement, pathway_has_employer_contact

    missing = []
    if target in (Stage.VOCATIONAL_PROFILING, Stage.TRAINING) and not agreement_is_signed(pathway):
        missing.append(_("the agreement signed by the participant and the job specialist"))
    if target == Stage.JOB_FINDING:
        if not agreement_is_signed(pathway):
            missing.append(_("the agreement signed by the participant and the job specialist"))
        if not has_vocational_profile(pathway):
            missing.append(
                _(
                    "a vocational profile (experience, education or skills, and the participant's own "
                    "words in the profiling note)"
                )
            )
    if target == Stage.EMPLOYER_ENGAGEMENT and not pathway_has_employer_contact(pathway=pathway):
        missing.append(_("at least one employer contact logged for this pathway"))
    if target == Stage.JOB_SUPPORT and pathway_active_placement(pathway=pathway) is None:
        missing.append(_("a placement that has started"))
    if target == Stage.BUSINESS_PLAN and not _activity_done(pathway, ActivityKind.BUSINESS_COURSE):
        missing.append(_("a business course marked as done"))
    if target == Stage.REGISTRATION and not _activity_done(pathway, ActivityKind.BUSINESS_PLAN):
        missing.append(_("the business plan marked as done"))
    if target == Stage.LAUNCH and not pathway.org_number:
        missing.append(_("the business's organisation number"))
    if (
        target == Stage.FOLLOW_UP
        and pathway.path == Path.EMPLOYMENT
        and pathway_active_placement(pathway=pathway) is None
    ):
        missing.append(_("a placement that has started"))
    return missing


def pathway_move(
    *,
    actor,
    access,
    to_stage: str,
    effective_date: dt.date | None = None,
    reason: str = "",
    outcome: str = "",
    org_number: str = "",
) -> Pathway:
    """The stage machine. Forward one stage at a time when the entry criteria hold; back to any earlier stage
    with a reason; to closed from anywhere with an outcome; a closed pathway reopens (moving back) with a reason.
    Every move is an append-only event; nothing is overwritten."""
    if not access.can_manage:
        raise PermissionDenied(_("Only the participant's job specialists can move the pathway."))
    pathway = access.pathway
    order = STAGES[Path(pathway.path)]
    try:
        target = Stage(to_stage)
    except ValueError as exc:
        raise _fields_error(to_stage=_("This is not a stage.")) from exc
    if target not in order:
        raise _fields_error(to_stage=_("This stage is not on the %(path)s path.") % {"path": Path(pathway.path).label})
    current = Stage(pathway.stage)
    effective_date = effective_date or clock.today()
    reason = (reason or "").strip()
    if target == current:
        raise _fields_error(to_stage=_("The pathway is already in this stage."))
    if effective_date < pathway.stage_since:
        raise _fields_error(
            effective_date=_("A move cannot take effect before the pathway entered its current stage (%(date)s).")
            % {"date": pathway.stage_since.isoformat()}
        )
    moving_back = order.index(target) < order.index(current)
    changes = {}
    if target == Stage.CLOSED:
        try:
            changes["outcome"] = Outcome(outcome)
        except ValueError as exc:
            raise _fields_error(outcome=_("Choose the outcome to close the pathway.")) from exc
        changes["closed_on"] = effective_date
    elif moving_back:
        if not reason:
            raise _fields_error(reason=_("Say why the pathway moves back."))
        if current == Stage.CLOSED:
            changes.update(outcome="", closed_on=None)
    else:
        if order.index(target) != order.index(current) + 1:
            raise _fields_error(
                to_stage=_("Move forward one stage at a time: the next stage is %(stage)s.")
                % {"stage": order[order.index(current) + 1].label}
            )
        if target == Stage.LAUNCH and org_number:
            changes["org_number"] = org_number
            pathway.org_number = org_number
        missing = _entry_criteria(pathway, target)
        if missing:
            raise ApplicationError(
                _("The pathway cannot enter “%(stage)s” yet. Missing: %(missing)s.")
                % {"stage": target.label, "missing": "; ".join(missing)},
                field_errors={"to_stage": missing},
            )
    with transaction.atomic():
        locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
        if locked.stage != current:
            raise ApplicationError(_("Someone else moved this pathway just now. Reload and try again."))
        locked.stage, locked.stage_since = target, effective_date
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.updated_at = clock.now()
        locked.save()
        change_record(
            actor=actor,
            instance=locked,
            action="update",
            participant=locked.participant,
            before={"stage": str(current)},
            after={"stage": str(target)},
        )
        pathway_event_record(
            actor=actor,
            pathway=locked,
            kind=EventKind.STAGE_MOVE,
            effective_date=effective_date,
            reason=reason,
            data={
                "from": str(current),
                "to": str(target),
                "back": moving_back,
                **({"outcome": str(changes["outcome"])} if target == Stage.CLOSED else {}),
            },
        )
    return locked


NOTE_FIELDS = [
    "interpreter_used",
    "interpreter_language",
    "norwegian_level",
    "vocational_norwegian",
    "participant_words",
    "participant_agrees",
    "workplace_mediation",
]


def stage_note_save(*, actor, access, stage: str, data: dict) -> StageNote:
    """Language support, participation and cultural understanding for one stage. The participant may write
    their own words and their agreement; the rest is the specialists'."""
    if access.level is PathwayLevel.SELF:
        allowed = {"participant_words", "participant_agrees"}
    elif access.can_manage:
        allowed = set(NOTE_FIELDS)
    else:
        raise PermissionDenied(_("You cannot change the stage notes of this pathway."))
    refused = sorted(set(data) - allowed)
    if refused:
        raise PermissionDenied(_("You cannot change these fields: %(fields)s.") % {"fields": ", ".join(refused)})
    pathway = access.pathway
    if stage not in STAGES[Path(pathway.path)] or stage == Stage.CLOSED:
        raise _fields_error(stage=_("This stage is not on this pathway."))
    with transaction.atomic():
        note, created = StageNote.objects.get_or_create(pathway=pathway, stage=stage)
        before = {} if created else snapshot(note, NOTE_FIELDS)
        for name, value in data.items():
            setattr(note, name, value)
        note.updated_at = clock.now()
        validate_model(note, exclude=["pathway"])
        note.save()
        change_record(
            actor=actor,
            instance=note,
            action="update",
            participant=pathway.participant,
            before=before,
            after=snapshot(note, NOTE_FIELDS),
        )
    return note


# --- the team --------------------------------------------------------------------------------------------------


def pathway_member_add(*, actor, access, user, role: str, organisation=None) -> PathwayMember:
    if not access.can_manage:
        raise PermissionDenied(_("Only the participant's job specialists can change the team."))
    try:
        role = PathwayRole(role)
    except ValueError as exc:
        raise _fields_error(role=_("Choose the member's role on the pathway.")) from exc
    if user is None:
        raise _fields_error(user=_("Choose a person."))
    with transaction.atomic():
        member, created = PathwayMember.objects.get_or_create(
            pathway=access.pathway, user=user, role=role, defaults={"organisation": organisation}
        )
        if not created and member.active:
            raise _fields_error(user=_("This person already has this role on the team."))
        member.active = True
        member.save()
        change_record(
            actor=actor,
            instance=member,
            action="create",
            participant=access.pathway.participant,
            after={"user": str(user.pk), "role": str(role)},
        )
    return member


def pathway_member_remove(*, actor, access, member_id) -> None:
    if not access.can_manage:
        raise PermissionDenied(_("Only the participant's job specialists can change the team."))
    with transaction.atomic():
        member = PathwayMember.objects.filter(pathway=access.pathway, pk=as_uuid(member_id), active=True).first()
        if member is None or member.role == PathwayRole.PARTICIPANT:
            raise NotFound()
        member.active = False
        member.save(update_fields=["active"])
        change_record(
            actor=actor,
            instance=member,
            action="update",
            participant=access.pathway.participant,
            before={"active": True},
            after={"active": False},
        )


def confidentiality_declare(*, actor, pathway_id) -> PathwayMember:
    """A mentor on the team declares confidentiality; only then do they see the plan. Called before access to
    the pathway exists, so it looks the mentor's own membership up itself."""
    with transaction.atomic():
        member = (
            PathwayMember.objects.select_for_update()
            .filter(pathway_id=pathway_id, user=actor, role=PathwayRole.MENTOR, active=True)
            .select_related("pathway__participant")
            .first()
        )
        if member is None:
            raise NotFound()
        if member.confidentiality_declared_at is None:
            member.confidentiality_declared_at = clock.now()
            member.save(update_fields=["confidentiality_declared_at"])
            change_record(
                actor=actor,
                instance=member,
                action="update",
                participant=member.pathway.participant,
                before={"confidentiality_declared": False},
                after={"confidentiality_declared": True},
            )
    return member


# --- the agreement (samarbeidsavtale) ------------------------------------------------------------------------


def agreement_version_create(*, actor, access, text: str, language: str) -> AgreementVersion:
    """A new version of the agreement text. Signatures belong to a version, so a changed text needs new ones."""
    if not access.can_manage:
        raise PermissionDenied(_("Only the participant's job specialists can write the agreement."))
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = [_("Write the agreement text.")]
    if not is_language_code(language or ""):
        errors["language"] = [_("Choose the language the agreement is written in.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        latest = access.pathway.agreement_versions.select_for_update().order_by("-number").first()
        if latest is not None and latest.text == text and latest.language == language:
            raise _fields_error(text=_("The text is unchanged: the current version stands."))
        version = AgreementVersion.objects.create(
            pathway=access.pathway,
            number=(latest.number + 1) if latest else 1,
            text=text,
            language=language,
            created_by=actor,
        )
        change_record(
            actor=actor,
            instance=version,
            action="create",
            participant=access.pathway.participant,
            after={"number": version.number, "language": language},
        )
    return version


def agreement_sign(*, actor, access) -> Signature:
    """The actor signs the newest version as their party on the pathway. Only parties to the agreement sign."""
    pathway = access.pathway
    party = access.party
    if party is None or party not in required_signatories(pathway):
        raise PermissionDenied(_("Only the parties to this agreement can sign it."))
    if party == PathwayRole.JOB_SPECIALIST and actor.pk != pathway.responsible_specialist_id:
        raise PermissionDenied(_("The responsible job specialist signs the agreement."))
    with transaction.atomic():
        version = pathway.agreement_versions.select_for_update().order_by("-number").first()
        if version is None:
            raise ApplicationError(_("There is no agreement to sign yet."))
        if version.signatures.filter(party=party).exists():
            raise ApplicationError(_("This version is already signed by you."))
        signature = Signature.objects.create(version=version, user=actor, party=party)
        change_record(
            actor=actor,
            instance=signature,
            action="create",
            participant=pathway.participant,
            after={"version": version.number, "party": str(party)},
        )
        if agreement_is_signed(pathway):
            pathway_event_record(
                actor=actor,
                pathway=pathway,
                kind=EventKind.AGREEMENT_SIGNED,
                effective_date=clock.today(),
                data={"version": version.number},
            )
    return signature


# --- the co-created plan -------------------------------------------------------------------------------------

ACTIVITY_FIELDS = [
    "kind",
    "title",
    "description",
    "owner_role",
    "due_date",
    "meeting_at",
    "interpreter",
    "meeting_language",
]


def _require_plan_writer(access) -> None:
    if access.party is None:
        raise PermissionDenied(_("You cannot change this plan."))


def goal_add(*, actor, access, text: str, language: str = "") -> Goal:
    """Goals in the participant's own words: written by the participant, or noted for them by the team."""
    _require_plan_writer(access)
    text = (text or "").strip()
    if not text:
        raise _fields_error(text=_("Write the goal."))
    if language and not is_language_code(language):
        raise _fields_error(language=_("Choose a language."))
    with transaction.atomic():
        goal = Goal.objects.create(
            pathway=access.pathway,
            text=text[:2000],
            language=language,
            authored_by=actor,
            by_participant=access.level is PathwayLevel.SELF,
        )
        change_record(
            actor=actor,
            instance=goal,
            action="create",
            participant=access.pathway.participant,
            after={"by_participant": goal.by_participant},
        )
    return goal


def activity_propose(*, actor, access, data: dict) -> Activity:
    """Any party proposes an activity; it starts as proposed and with the proposer's "agreed" mark."""
    _require_plan_writer(access)
    reject_unknown_fields(data, ACTIVITY_FIELDS)
    if access.pathway.stage == Stage.CLOSED:
        raise ApplicationError(_("The pathway is closed: reopen it before planning new activities."))
    activity = Activity(
        pathway=access.pathway, proposed_by=actor, proposed_by_participant=access.level is PathwayLevel.SELF, **data
    )
    if not activity.owner_role:
        activity.owner_role = access.party
    validate_model(activity, exclude=["pathway", "proposed_by"])
    if activity.meeting_language and not is_language_code(activity.meeting_language):
        raise _fields_error(meeting_language=_("Choose a language."))
    with transaction.atomic():
        activity.save(force_insert=True)
        ActivityAgreement.objects.create(activity=activity, user=actor, party=access.party)
        change_record(
            actor=actor,
            instance=activity,
            action="create",
            participant=access.pathway.participant,
            after=snapshot(activity, ACTIVITY_FIELDS),
        )
    return activity


def _activity(access, activity_id) -> Activity:
    activity = Activity.objects.filter(pathway=access.pathway, pk=as_uuid(activity_id)).first()
    if activity is None:
        raise NotFound()
    return activity


def activity_update(*, actor, access, activity_id, data: dict) -> Activity:
    """Changes the details of an activity that is not final yet."""
    _require_plan_writer(access)
    reject_unknown_fields(data, ACTIVITY_FIELDS)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=_activity(access, activity_id).pk)
        if activity.status in FINAL_ACTIVITY_STATUSES:
            raise ApplicationError(_("A done or cancelled activity cannot be changed."))
        if not access.can_manage and activity.proposed_by_id != actor.pk:
            raise PermissionDenied(_("You can change only the activities you proposed."))
        before = snapshot(activity, ACTIVITY_FIELDS)
        for name, value in data.items():
            setattr(activity, name, value)
        validate_model(activity, exclude=["pathway", "proposed_by"])
        activity.updated_at = clock.now()
        activity.save()
        change_record(
            actor=actor,
            instance=activity,
            action="update",
            participant=access.pathway.participant,
            before=before,
            after=snapshot(activity, ACTIVITY_FIELDS),
        )
    return activity


def activity_set_status(*, actor, access, activity_id, status: str, effective_date: dt.date | None = None) -> Activity:
    """proposed → planned → in progress → done | cancelled. Done and cancelled are final. The job specialists and
    the activity's owner move it; the move is an event."""
    _require_plan_writer(access)
    try:
        status = ActivityStatus(status)
    except ValueError as exc:
        raise _fields_error(status=_("This is not an activity status.")) from exc
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=_activity(access, activity_id).pk)
        if not (access.can_manage or activity.owner_role == access.party):
            raise PermissionDenied(_("Only the job specialist or the activity's owner can change its status."))
        current = ActivityStatus(activity.status)
        if status not in ACTIVITY_TRANSITIONS[current]:
            if current in FINAL_ACTIVITY_STATUSES:
                raise ApplicationError(_("A done or cancelled activity cannot be changed."))
            raise _fields_error(
                status=_("An activity cannot go from “%(from)s” to “%(to)s”.")
                % {"from": current.label, "to": status.label}
            )
        activity.status = status
        activity.updated_at = clock.now()
        activity.save(update_fields=["status", "updated_at"])
        change_record(
            actor=actor,
            instance=activity,
            action="update",
            participant=access.pathway.participant,
            before={"status": str(current)},
            after={"status": str(status)},
        )
        pathway_event_record(
            actor=actor,
            pathway=access.pathway,
            kind=EventKind.ACTIVITY_STATUS,
            effective_date=effective_date or clock.today(),
            data={
                "activity": str(activity.pk),
                "activity_kind": activity.kind,
                "from": str(current),
                "to": str(status),
            },
        )
    return activity


def activity_agree(*, actor, access, activity_id) -> ActivityAgreement:
    """The actor's party marks the activity as agreed."""
    _require_plan_writer(access)
    with transaction.atomic():
        activity = _activity(access, activity_id)
        if activity.status in FINAL_ACTIVITY_STATUSES:
            raise ApplicationError(_("A done or cancelled activity cannot be changed."))
        mark, created = ActivityAgreement.objects.get_or_create(
            activity=activity, party=access.party, defaults={"user": actor}
        )
        if not created:
            raise ApplicationError(_("Your party has already agreed to this activity."))
        change_record(
            actor=actor,
            instance=activity,
            action="update",
            participant=access.pathway.participant,
            before={},
            after={"agreed_by": str(access.party)},
        )
    return mark


def activity_comment(*, actor, access, activity_id, text: str) -> ActivityComment:
    _require_plan_writer(access)
    text = (text or "").strip()
    if not text:
        raise _fields_error(text=_("Write a comment."))
    with transaction.atomic():
        comment = ActivityComment.objects.create(
            activity=_activity(access, activity_id), author=actor, text=text[:4000]
        )
        change_record(
            actor=actor,
            instance=comment,
            action="create",
            participant=access.pathway.participant,
            after={"activity": str(comment.activity_id)},
        )
    return comment


def benefit_period_record(*, actor, access, start: dt.date, end: dt.date | None = None, benefit: str = "") -> None:
    """A benefit period (e.g. introduction benefit, work assessment allowance) entered by the job specialist."""
    if not access.can_manage:
        raise PermissionDenied(_("Only the participant's job specialists can record benefit periods."))
    if benefit and benefit not in BenefitKind.values:
        raise _fields_error(benefit=_("Choose the kind of benefit."))
    if not isinstance(start, dt.date):
        raise _fields_error(start=_("Give the date the period started."))
    if end is not None and end < start:
        raise _fields_error(end=_("The period cannot end before it starts."))
    with transaction.atomic():
        pathway_event_record(
            actor=actor,
            pathway=access.pathway,
            kind=EventKind.BENEFIT_START,
            effective_date=start,
            data={"benefit": benefit},
        )
        if end is not None:
            pathway_event_record(
                actor=actor,
                pathway=access.pathway,
                kind=EventKind.BENEFIT_END,
                effective_date=end,
                data={"benefit": benefit},
            )


# The CSV import of historical events lives in its own module; other apps (the API) reach it through services.
from samspill.pathways.imports import ImportResult, events_import_csv  # noqa: E402, F401
