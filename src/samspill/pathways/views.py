"""The pathway pages: thin views over pathways.services and the access gate.

Every page that shows a pathway reads it through ``access_pathway``; what a page needs beyond seeing the pathway
(managing it, writing on the plan) is passed as ``require=``, so that a reader who may not use the page gets a 404
before anything is read or logged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import (
    EDITING_PURPOSES,
    Level,
    PathwayAccess,
    PathwayLevel,
    access_participant_any_purpose,
    access_pathway,
    actor_roles,
    pathways_for_actor,
)
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Role
from samspill.pathways import selectors, services
from samspill.pathways.forms import (
    MOVE_FORMS,
    ActivityForm,
    ActivityStatusForm,
    AgreementForm,
    BenefitPeriodForm,
    BoardFilterForm,
    CommentForm,
    ConfidentialityForm,
    GoalForm,
    MemberForm,
    MoveBackForm,
    PathwayCreateForm,
    StageNoteForm,
)
from samspill.pathways.stages import (
    ACTIVITY_TRANSITIONS,
    FINAL_ACTIVITY_STATUSES,
    STAGES,
    ActivityKind,
    ActivityStatus,
    EventKind,
    Outcome,
    Path,
    PathwayRole,
    Stage,
)
from samspill.web.forms import apply_errors

CASE_ROLES = {Role.JOB_SPECIALIST, Role.COORDINATOR}
PATHWAY_ROLES = CASE_ROLES | {Role.PARTICIPANT, Role.EMPLOYER_CONTACT, Role.PARTNER_SERVICE, Role.MENTOR}
ATTENTION = {
    "overdue": gettext_lazy("Overdue activities"),
    "no_employer_contact": gettext_lazy("No employer contact for 30 days in job finding"),
    "follow_up_due": gettext_lazy("Follow-up due"),
    "unsigned_agreement": gettext_lazy("Agreement not signed"),
    "waiting_for_participant": gettext_lazy("Waiting for the participant"),
}


# --- access ------------------------------------------------------------------------------------------------------


def _manages(access: PathwayAccess) -> bool:
    return access.can_manage


def _writes_plan(access: PathwayAccess) -> bool:
    return access.party is not None


def _writes_notes(access: PathwayAccess) -> bool:
    return access.can_manage or access.level is PathwayLevel.SELF


def _may_sign(actor):
    def check(access: PathwayAccess) -> bool:
        party = access.party
        if party is None or party not in services.required_signatories(access.pathway):
            return False
        return party != PathwayRole.JOB_SPECIALIST or access.pathway.responsible_specialist_id == actor.pk

    return check


def _may_set_status(activity_id):
    def check(access: PathwayAccess) -> bool:
        activity = selectors.plan_activity(access=access, activity_id=activity_id)
        return activity is not None and (access.can_manage or activity.owner_role == access.party)

    return check


def _may_edit_activity(actor, activity_id):
    def check(access: PathwayAccess) -> bool:
        activity = selectors.plan_activity(access=access, activity_id=activity_id)
        return (
            access.party is not None
            and activity is not None
            and activity.status not in FINAL_ACTIVITY_STATUSES
            and (access.can_manage or activity.proposed_by_id == actor.pk)
        )

    return check


def _on_plan(activity_id):
    def check(access: PathwayAccess) -> bool:
        return access.party is not None and selectors.plan_activity(access=access, activity_id=activity_id) is not None

    return check


def _access(request, pathway_id, require=None) -> PathwayAccess:
    try:
        return access_pathway(request.user, pathway_id, require=require)
    except NotFound as exc:
        raise Http404 from exc


def _apply(form, error: ApplicationError, rename: dict | None = None) -> None:
    """``apply_errors`` with the service's field names mapped onto the form's."""
    if rename and error.field_errors:
        error = ApplicationError(
            error.message, field_errors={rename.get(k, k): v for k, v in error.field_errors.items()}
        )
    apply_errors(form, error)


def _label(choices, value) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value or ""


# --- lists -------------------------------------------------------------------------------------------------------


@login_required
def board(request):
    """The caseload by stage, with the reminders that need attention."""
    if not actor_roles(request.user) & CASE_ROLES:
        raise Http404
    pathways = selectors.open_pathways(pathways_for_actor(request.user))
    attention = selectors.needs_attention(pathways, today=clock.today())
    form = BoardFilterForm(request.GET or None, attention_choices=list(ATTENTION.items()))
    path = attention_key = ""
    if form.is_valid():
        path, attention_key = form.cleaned_data["path"], form.cleaned_data["attention"]
    shown = attention[attention_key] if attention_key else pathways
    if path:
        shown = shown.filter(path=path)
    stages = STAGES[Path(path)] if path else None
    columns = [
        (stage, cards)
        for stage, cards in selectors.board(shown)
        if stage != Stage.CLOSED and (stages is None or stage in stages)
    ]
    reminders = [
        {"key": key, "label": label, "count": attention[key].count(), "current": key == attention_key}
        for key, label in ATTENTION.items()
    ]
    context = {
        "form": form,
        "columns": columns,
        "reminders": reminders,
        "attention_label": ATTENTION.get(attention_key, ""),
        "path": path,
    }
    return render(request, "pathways/board.html", context)


@login_required
def mine(request):
    """The pathways the actor takes part in, and the declarations a mentor still has to make."""
    if not (actor_roles(request.user) & PATHWAY_ROLES or selectors.is_on_a_team(actor=request.user)):
        raise Http404
    pathways = pathways_for_actor(request.user).select_related("participant", "responsible_specialist")
    context = {
        "pathways": pathways.order_by("participant__family_name", "path"),
        "pending": selectors.declarations_pending(actor=request.user),
    }
    return render(request, "pathways/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participant_pathways(request, participant_id):
    """A participant's pathways; their job specialists open a new one here."""
    creating = request.method == "POST"
    try:
        participant_access = access_participant_any_purpose(
            request.user,
            participant_id,
            purposes=EDITING_PURPOSES,
            require=(lambda a: a.level is Level.CASE) if creating else None,
        )
    except NotFound as exc:
        raise Http404 from exc
    participant = participant_access.participant
    can_open = participant_access.level is Level.CASE
    form = PathwayCreateForm(request.POST if creating else None) if can_open else None
    if creating and form.is_valid():
        try:
            pathway = services.pathway_create(
                actor=request.user,
                participant_access=participant_access,
                path=form.cleaned_data["path"],
                started_on=form.cleaned_data["started_on"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except (NotFound, PermissionDenied) as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The pathway is opened."))
            return redirect("pathways:detail", pathway_id=pathway.pk)
    context = {
        "participant": participant,
        "access": participant_access,
        "pathways": pathways_for_actor(request.user).filter(participant=participant).order_by("path"),
        "form": form,
    }
    return render(request, "pathways/participant_pathways.html", context, status=422 if creating else 200)


# --- the pathway page --------------------------------------------------------------------------------------------


def _describe(event) -> str:
    data = event.data or {}
    if event.kind == EventKind.PATHWAY_START:
        return _label(Path, data.get("path"))
    if event.kind == EventKind.STAGE_MOVE:
        text = _("From “%(from)s” to “%(to)s”") % {
            "from": _label(Stage, data.get("from")),
            "to": _label(Stage, data.get("to")),
        }
        if data.get("outcome"):
            text += " · " + _("Outcome: %(outcome)s") % {"outcome": _label(Outcome, data["outcome"])}
        return text
    if event.kind == EventKind.ACTIVITY_STATUS:
        return _("%(kind)s: from “%(from)s” to “%(to)s”") % {
            "kind": _label(ActivityKind, data.get("activity_kind")),
            "from": _label(ActivityStatus, data.get("from")),
            "to": _label(ActivityStatus, data.get("to")),
        }
    if event.kind == EventKind.AGREEMENT_SIGNED:
        return _("Version %(number)s signed by every party") % {"number": data.get("version", "")}
    return ""


def _move_forms(access, bound=None) -> dict:
    """The forward, back and close forms that fit the pathway's current stage."""
    pathway = access.pathway
    order = STAGES[Path(pathway.path)]
    index = order.index(Stage(pathway.stage))
    forms = {}
    following = order[index + 1] if index + 1 < len(order) else None
    if following is not None and following != Stage.CLOSED:
        forms["forward"] = MOVE_FORMS["forward"](
            initial={"move": "forward", "to_stage": following.value}, auto_id="id_forward_%s", next_stage=following
        )
        forms["forward"].target = following
    if index > 0:
        forms["back"] = MoveBackForm(initial={"move": "back"}, stages=order[:index], auto_id="id_back_%s")
    if pathway.stage != Stage.CLOSED:
        forms["close"] = MOVE_FORMS["close"](initial={"move": "close"}, auto_id="id_close_%s")
    if bound is not None:
        kind, form = bound
        form.target = getattr(forms.get(kind), "target", None)
        forms[kind] = form
    return forms


def _detail_context(request, access, *, bound_move=None, member_form=None, benefit_form=None) -> dict:
    pathway = access.pathway
    order = STAGES[Path(pathway.path)]
    index = order.index(Stage(pathway.stage))
    notes = selectors.pathway_stage_notes(access=access)
    progress = [
        {"stage": stage, "state": "done" if i < index else ("current" if i == index else "todo")}
        for i, stage in enumerate(order)
    ]
    dimensions = [
        {"stage": stage, "note": notes.get(stage.value), "current": stage.value == pathway.stage}
        for stage in order
        if stage != Stage.CLOSED
    ]
    events = selectors.pathway_timeline(access=access)
    for event in events:
        event.description = _describe(event)
    team = selectors.pathway_team(access=access)
    return {
        "access": access,
        "pathway": pathway,
        "participant": pathway.participant,
        "progress": progress,
        "dimensions": dimensions,
        "team": team,
        "events": events,
        "move_forms": _move_forms(access, bound_move) if access.can_manage else {},
        "member_form": member_form or MemberForm(auto_id="id_member_%s"),
        "benefit_form": benefit_form or BenefitPeriodForm(auto_id="id_benefit_%s"),
        "can_edit_notes": _writes_notes(access),
        "agreement": selectors.agreement_state(access=access, actor=request.user),
    }


@login_required
def detail(request, pathway_id):
    access = _access(request, pathway_id)
    return render(request, "pathways/detail.html", _detail_context(request, access))


@login_required
@require_POST
def benefit_period(request, pathway_id):
    """The job specialist records a benefit period: an event on the timeline, for the trajectory."""
    access = _access(request, pathway_id, require=_manages)
    form = BenefitPeriodForm(request.POST, auto_id="id_benefit_%s")
    if form.is_valid():
        try:
            services.benefit_period_record(actor=request.user, access=access, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The benefit period is recorded."))
            return redirect("pathways:detail", pathway_id=pathway_id)
    context = _detail_context(request, access, benefit_form=form)
    return render(request, "pathways/detail.html", context, status=422)


@login_required
@require_POST
def move(request, pathway_id):
    access = _access(request, pathway_id, require=_manages)
    kind = request.POST.get("move")
    if kind not in MOVE_FORMS:
        return HttpResponseBadRequest()
    order = STAGES[Path(access.pathway.path)]
    index = order.index(Stage(access.pathway.stage))
    extra = {"stages": order[:index]} if kind == "back" else {}
    if kind == "forward":
        extra = {"next_stage": order[index + 1] if index + 1 < len(order) else None}
    form = MOVE_FORMS[kind](request.POST, auto_id=f"id_{kind}_%s", **extra)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pathway_move(
                actor=request.user,
                access=access,
                to_stage=Stage.CLOSED if kind == "close" else data["to_stage"],
                effective_date=data.get("effective_date"),
                reason=data.get("reason", ""),
                outcome=data.get("outcome", ""),
                org_number=data.get("org_number", ""),
            )
        except ApplicationError as error:
            if kind == "forward" and "to_stage" in error.field_errors:
                # The entry criteria: the service's sentence names what is missing, in words.
                form.add_error(None, error.message)
                rest = {k: v for k, v in error.field_errors.items() if k != "to_stage"}
                if rest:
                    apply_errors(form, ApplicationError(error.message, field_errors=rest))
            else:
                apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The pathway has moved."))
            return redirect("pathways:detail", pathway_id=pathway_id)
    context = _detail_context(request, access, bound_move=(kind, form))
    context["open_move"] = kind
    return render(request, "pathways/detail.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def stage_note(request, pathway_id, stage):
    access = _access(request, pathway_id, require=_writes_notes)
    order = STAGES[Path(access.pathway.path)]
    if stage not in order or stage == Stage.CLOSED:
        raise Http404
    stage = Stage(stage)
    fields = services.NOTE_FIELDS if access.can_manage else ["participant_words", "participant_agrees"]
    note = selectors.pathway_note(access=access, stage=stage)
    initial = {name: getattr(note, name) for name in fields} if note else None
    form = StageNoteForm(request.POST if request.method == "POST" else None, initial=initial, fields=fields)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_note_save(
                actor=request.user,
                access=access,
                stage=stage,
                data={name: form.cleaned_data[name] for name in fields},
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The notes for “%(stage)s” are saved.") % {"stage": stage.label})
            return redirect("pathways:detail", pathway_id=pathway_id)
    context = {"access": access, "pathway": access.pathway, "stage": stage, "form": form}
    return render(request, "pathways/stage_note.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def member_add(request, pathway_id):
    access = _access(request, pathway_id, require=_manages)
    form = MemberForm(request.POST, auto_id="id_member_%s")
    if form.is_valid():
        username = form.cleaned_data["username"].strip()
        user, organisation = selectors.team_candidate(username=username)
        if username and user is None:
            form.add_error("username", _("There is no active user with this username."))
        else:
            try:
                services.pathway_member_add(
                    actor=request.user,
                    access=access,
                    user=user,
                    role=form.cleaned_data["role"],
                    organisation=organisation,
                )
            except ApplicationError as error:
                _apply(form, error, rename={"user": "username"})
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("%(person)s is on the team.") % {"person": user})
                return redirect("pathways:detail", pathway_id=pathway_id)
    context = _detail_context(request, access, member_form=form)
    context["open_member"] = True
    return render(request, "pathways/detail.html", context, status=422)


@login_required
@require_POST
def member_remove(request, pathway_id, member_id):
    access = _access(request, pathway_id, require=_manages)
    try:
        services.pathway_member_remove(actor=request.user, access=access, member_id=member_id)
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    messages.success(request, _("The member is removed from the team."))
    return redirect("pathways:detail", pathway_id=pathway_id)


# --- the agreement -----------------------------------------------------------------------------------------------


def _agreement_context(request, access, form=None) -> dict:
    state = selectors.agreement_state(access=access, actor=request.user)
    version = state["version"]
    if form is None and access.can_manage:
        form = AgreementForm(
            initial={
                "text": version.text if version else "",
                "language": version.language if version else access.pathway.participant.preferred_language,
            }
        )
    return {
        "access": access,
        "pathway": access.pathway,
        "participant": access.pathway.participant,
        "state": state,
        "required": [PathwayRole(p).label for p in state["required"]],
        "missing": [PathwayRole(p).label for p in state["missing"]],
        "older": selectors.agreement_versions(access=access)[1:],
        "form": form,
    }


@login_required
def agreement(request, pathway_id):
    access = _access(request, pathway_id)
    return render(request, "pathways/agreement.html", _agreement_context(request, access))


@login_required
@require_POST
def agreement_new(request, pathway_id):
    access = _access(request, pathway_id, require=_manages)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            version = services.agreement_version_create(actor=request.user, access=access, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(
                request,
                _("Version %(number)s of the agreement is saved. It needs new signatures.")
                % {"number": version.number},
            )
            return redirect("pathways:agreement", pathway_id=pathway_id)
    return render(request, "pathways/agreement.html", _agreement_context(request, access, form), status=422)


@login_required
@require_POST
def agreement_sign(request, pathway_id):
    access = _access(request, pathway_id, require=_may_sign(request.user))
    try:
        services.agreement_sign(actor=request.user, access=access)
    except ApplicationError as error:
        messages.error(request, error.message)
    except PermissionDenied as exc:
        raise Http404 from exc
    else:
        messages.success(request, _("You have signed the agreement."))
    return redirect("pathways:agreement", pathway_id=pathway_id)


@login_required
@require_http_methods(["GET", "POST"])
def confidentiality(request, pathway_id):
    """A mentor on the team declares confidentiality before seeing the plan; nothing about the participant is shown
    before that."""
    member = selectors.mentor_membership(actor=request.user, pathway_id=pathway_id)
    if member is None:
        raise Http404
    if member.confidentiality_declared_at is not None:
        return redirect("pathways:plan", pathway_id=pathway_id)
    form = ConfidentialityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confidentiality_declare(actor=request.user, pathway_id=pathway_id)
        except NotFound as exc:
            raise Http404 from exc
        messages.success(request, _("Thank you. Your declaration is recorded."))
        return redirect("pathways:plan", pathway_id=pathway_id)
    context = {"member": member, "form": form}
    return render(request, "pathways/confidentiality.html", context, status=422 if form.errors else 200)


# --- the co-created plan -----------------------------------------------------------------------------------------


def _plan_context(request, access, *, goal_form=None, activity_form=None, bound=None) -> dict:
    """``bound``: (activity id, "status" | "comment", form) to show a form with its errors on its activity."""
    plan = selectors.pathway_plan(access=access)
    party = access.party
    for activity in plan["activities"]:
        status = ActivityStatus(activity.status)
        activity.final = status in FINAL_ACTIVITY_STATUSES
        agreed = {mark.party for mark in activity.agreements.all()}
        activity.agreed_parties = [_label(PathwayRole, p) for p in sorted(agreed)]
        activity.can_agree = not activity.final and party is not None and party not in agreed
        activity.can_status = not activity.final and (access.can_manage or (party and activity.owner_role == party))
        activity.can_edit = not activity.final and (access.can_manage or activity.proposed_by_id == request.user.pk)
        activity.status_form = ActivityStatusForm(
            statuses=ACTIVITY_TRANSITIONS[status], auto_id=f"id_status_{activity.pk}_%s"
        )
        activity.comment_form = CommentForm(auto_id=f"id_comment_{activity.pk}_%s")
        if bound is not None and bound[0] == activity.pk:
            setattr(activity, f"{bound[1]}_form", bound[2])
    return {
        "access": access,
        "pathway": access.pathway,
        "participant": access.pathway.participant,
        "goals": plan["goals"],
        "activities": plan["activities"],
        "can_write": party is not None,
        "is_closed": access.pathway.stage == Stage.CLOSED,
        "goal_form": goal_form or GoalForm(auto_id="id_goal_%s"),
        "activity_form": activity_form or ActivityForm(auto_id="id_activity_%s"),
    }


@login_required
def plan(request, pathway_id):
    access = _access(request, pathway_id)
    return render(request, "pathways/plan.html", _plan_context(request, access))


@login_required
@require_POST
def goal_add(request, pathway_id):
    access = _access(request, pathway_id, require=_writes_plan)
    form = GoalForm(request.POST, auto_id="id_goal_%s")
    if form.is_valid():
        try:
            services.goal_add(actor=request.user, access=access, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The goal is added."))
            return redirect("pathways:plan", pathway_id=pathway_id)
    return render(request, "pathways/plan.html", _plan_context(request, access, goal_form=form), status=422)


def _activity_data(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}


@login_required
@require_POST
def activity_add(request, pathway_id):
    access = _access(request, pathway_id, require=_writes_plan)
    form = ActivityForm(request.POST, auto_id="id_activity_%s")
    if form.is_valid():
        try:
            services.activity_propose(actor=request.user, access=access, data=_activity_data(form))
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The activity is proposed."))
            return redirect("pathways:plan", pathway_id=pathway_id)
    return render(request, "pathways/plan.html", _plan_context(request, access, activity_form=form), status=422)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pathway_id, activity_id):
    access = _access(request, pathway_id, require=_may_edit_activity(request.user, activity_id))
    activity = selectors.plan_activity(access=access, activity_id=activity_id)
    initial = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user,
                access=access,
                activity_id=activity.pk,
                data={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except (NotFound, PermissionDenied) as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("pathways:plan", pathway_id=pathway_id)
    context = {"access": access, "pathway": access.pathway, "activity": activity, "form": form}
    return render(request, "pathways/activity_form.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def activity_status(request, pathway_id, activity_id):
    access = _access(request, pathway_id, require=_may_set_status(activity_id))
    form = ActivityStatusForm(request.POST, auto_id=f"id_status_{activity_id}_%s")
    if form.is_valid():
        try:
            services.activity_set_status(
                actor=request.user, access=access, activity_id=activity_id, status=form.cleaned_data["status"]
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except (NotFound, PermissionDenied) as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The activity's status is changed."))
            return redirect("pathways:plan", pathway_id=pathway_id)
    context = _plan_context(request, access, bound=(activity_id, "status", form))
    return render(request, "pathways/plan.html", context, status=422)


@login_required
@require_POST
def activity_agree(request, pathway_id, activity_id):
    access = _access(request, pathway_id, require=_on_plan(activity_id))
    try:
        services.activity_agree(actor=request.user, access=access, activity_id=activity_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    else:
        messages.success(request, _("Your agreement to the activity is recorded."))
    return redirect("pathways:plan", pathway_id=pathway_id)


@login_required
@require_POST
def activity_comment(request, pathway_id, activity_id):
    access = _access(request, pathway_id, require=_on_plan(activity_id))
    form = CommentForm(request.POST, auto_id=f"id_comment_{activity_id}_%s")
    if form.is_valid():
        try:
            services.activity_comment(
                actor=request.user, access=access, activity_id=activity_id, text=form.cleaned_data["text"]
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except (NotFound, PermissionDenied) as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The comment is added."))
            return redirect("pathways:plan", pathway_id=pathway_id)
    context = _plan_context(request, access, bound=(activity_id, "comment", form))
    return render(request, "pathways/plan.html", context, status=422)
