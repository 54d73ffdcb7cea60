"""The suggestions page: thin; the gate finds the participant, selectors compute, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samspill.access.selectors import access_participant_any_purpose
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose
from samspill.matching.selectors import suggestions_for
from samspill.matching.services import suggestion_decide
from samspill.web.forms import error_message

SECTIONS = (("job", _("Opportunities")), ("mentor", _("Peer mentors")), ("service", _("Programmes and services")))


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
        (kind, str(label), suggestions_for(actor=request.user, access=access, kind=kind)) for kind, label in SECTIONS
    ]
    return render(request, "matching/suggestions.html", {"participant": access.participant, "sections": sections})


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
