"""Peer mentoring pages. Thin: the gate and the selectors decide who sees what, the services decide what happens."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.access.selectors import EDITING_PURPOSES, access_participant_any_purpose, actor_roles
from samspill.accounts.selectors import user_get
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Role
from samspill.peers import selectors, services
from samspill.peers.forms import EndForm, MentorProfileForm, SessionForm
from samspill.web.forms import apply_errors, error_message


def _participant(request, participant_id):
    try:
        return access_participant_any_purpose(request.user, participant_id, purposes=EDITING_PURPOSES)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def mentor_profile(request):
    if Role.MENTOR not in actor_roles(request.user):
        raise Http404
    profile = selectors.mentor_profile_of(user=request.user)
    initial = {"active": True, "capacity": 2}
    if profile is not None:
        initial = {
            "kind": profile.kind,
            "field_occupation_code": profile.field_occupation_code,
            "languages": ", ".join(f"{item['language']}:{item['level']}" for item in profile.languages),
            "topics": profile.topics,
            "capacity": profile.capacity,
            "availability": profile.availability,
            "municipality_number": profile.municipality_number,
            "active": profile.active,
        }
    form = MentorProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_profile_save(actor=request.user, data=form.profile_data())
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your mentor profile is saved."))
            return redirect("peers:mentorships")
    return render(request, "peers/mentor_profile.html", {"form": form})


@login_required
@require_GET
def mentorships(request):
    listed = selectors.mentorships_for_actor(request.user).order_by("status", "-created_at")
    # One form of each kind per mentorship, prefixed with its id, so that field ids stay unique on the page.
    rows = [
        (mentorship, SessionForm(prefix=str(mentorship.pk)), EndForm(prefix=str(mentorship.pk)))
        for mentorship in listed
    ]
    return render(request, "peers/mentorships.html", {"rows": rows})


def _visible(request, mentorship_id) -> None:
    """Someone who may not see the mentorship gets "not found" before their form is even read."""
    try:
        selectors.mentorship_get(actor=request.user, mentorship_id=mentorship_id)
    except NotFound as exc:
        raise Http404 from exc


def _act(request, mentorship_id, action, **arguments):
    try:
        action(actor=request.user, mentorship_id=mentorship_id, **arguments)
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    except ApplicationError as error:
        messages.error(request, error_message(error))
        return False
    return True


@login_required
@require_POST
def accept(request, mentorship_id):
    if _act(request, mentorship_id, services.mentorship_accept):
        messages.success(request, _("You are now the participant's mentor."))
    return redirect("peers:mentorships")


@login_required
@require_POST
def decline(request, mentorship_id):
    if _act(request, mentorship_id, services.mentorship_decline, note=request.POST.get("note", "")):
        messages.success(request, _("The proposal is declined."))
    return redirect("peers:mentorships")


@login_required
@require_POST
def end(request, mentorship_id):
    _visible(request, mentorship_id)
    form = EndForm(request.POST, prefix=str(mentorship_id))
    if not form.is_valid():
        messages.error(request, _("Choose why the mentorship ends."))
    elif _act(request, mentorship_id, services.mentorship_end, **form.cleaned_data):
        messages.success(request, _("The mentorship has ended."))
    return redirect("peers:mentorships")


@login_required
@require_POST
def session(request, mentorship_id):
    _visible(request, mentorship_id)
    form = SessionForm(request.POST, prefix=str(mentorship_id))
    if not form.is_valid():
        messages.error(request, _("Give the date and the length of the session (5 to 600 minutes)."))
    elif _act(request, mentorship_id, services.mentor_session_record, **form.cleaned_data):
        messages.success(request, _("The session is recorded."))
    return redirect("peers:mentorships")


@login_required
@require_http_methods(["GET", "POST"])
def participant_mentors(request, participant_id):
    """The mentors who can be proposed to the participant now, and their network of ties over the last year."""
    access = _participant(request, participant_id)
    if request.method == "POST":
        mentor = user_get(user_id=request.POST.get("mentor")) if request.POST.get("mentor") else None
        try:
            services.mentorship_propose(actor=request.user, participant_access=access, mentor=mentor)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ApplicationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("The mentor is proposed; they accept or decline on their page."))
        return redirect("peers:participant_mentors", participant_id=participant_id)
    today = clock.today()
    first = dt.date(today.year - 1, today.month, 1)
    context = {
        "access": access,
        "participant": access.participant,
        "mentors": selectors.mentors_open_to(participant=access.participant),
        "mentorships": selectors.mentorships_for_actor(request.user).filter(participant=access.participant),
        "network": selectors.network_over_time(participant_access=access, first=first, last=today),
    }
    return render(request, "peers/participant_mentors.html", context)
