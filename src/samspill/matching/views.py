"""The suggestions page: thin; the gate finds the participant, selectors compute, services decide."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samspill.access.selectors import access_participant_any_purpose
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose
from samspill.employers.selectors import opportunity_kind_choices
from samspill.matching.selectors import MATCHER_LABELS, suggestions_for, weights_forms_for_actor, wishes_of
from samspill.matching.services import matching_weights_set, suggestion_decide, wishes_save
from samspill.peers.selectors import mentor_kind_choices, mentor_topic_choices
from samspill.web.forms import error_message


def _access(request, participant_id):
    try:
        return access_participant_any_purpose(request.user, participant_id, purposes=(Purpose.CASE_MANAGEMENT,))
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_GET
def suggestions(request, participant_id):
    access = _access(request, participant_id)
    sections = [
        (kind, str(label), suggestions_for(actor=request.user, access=access, kind=kind))
        for kind, label in MATCHER_LABELS.items()
    ]
    wishes = wishes_of(participant_id=access.participant.pk)
    context = {
        "participant": access.participant,
        "sections": sections,
        "wishes": wishes,
        "wish_choices": {
            "opportunity_kinds": opportunity_kind_choices(),
            "mentor_topics": mentor_topic_choices(),
            "mentor_kind": mentor_kind_choices(),
        },
    }
    return render(request, "matching/suggestions.html", context)


@login_required
@require_POST
def wishes_save_view(request, participant_id):
    access = _access(request, participant_id)
    data = {
        "occupations": re.split(r"[\s,;]+", request.POST.get("occupations", "").strip()),
        "opportunity_kinds": request.POST.getlist("opportunity_kinds"),
        "mentor_topics": request.POST.getlist("mentor_topics"),
        "mentor_kind": request.POST.get("mentor_kind", ""),
    }
    try:
        wishes_save(actor=request.user, access=access, data=data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ApplicationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("The wishes are saved; the suggestions below use them."))
    return redirect("matching:suggestions", participant_id=participant_id)


@login_required
@require_POST
def decide(request, participant_id):
    access = _access(request, participant_id)
    try:
        suggestion_decide(
            actor=request.user,
            access=access,
            kind=request.POST.get("kind", ""),
            target_id=request.POST.get("target", ""),
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
        )
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    except ApplicationError as error:
        messages.error(request, error_message(error))
    else:
        if request.POST.get("decision") == "accepted":
            messages.success(
                request, _("Accepted: the next step is in the plan, or proposed to the mentor or provider.")
            )
        else:
            messages.success(request, _("Rejected; the reason is kept to improve the suggestions."))
    return redirect("matching:suggestions", participant_id=participant_id)


@login_required
@require_GET
def weights(request):
    forms = weights_forms_for_actor(request.user)
    if not forms:
        raise Http404
    return render(request, "matching/weights.html", {"forms": forms})


def _number(value: str):
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return value  # the service says what is wrong with it


@login_required
@require_POST
def weights_save(request, organisation_id, matcher):
    reset = "reset" in request.POST
    entered = {
        name.removeprefix("w-"): _number(value.strip())
        for name, value in request.POST.items()
        if name.startswith("w-") and not reset
    }
    try:
        matching_weights_set(actor=request.user, organisation_id=organisation_id, matcher=matcher, weights=entered)
    except NotFound as exc:
        raise Http404 from exc
    except ApplicationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("The weights are saved. Suggestions use them from now on."))
    return redirect("matching:weights")
