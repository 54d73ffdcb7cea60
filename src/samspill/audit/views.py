from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from samspill.access.selectors import access_own_participant
from samspill.audit.selectors import access_log_for_participant
from samspill.core.errors import NotFound


@login_required
def my_access_log(request):
    """The participant's "who has seen my data"."""
    try:
        access = access_own_participant(request.user)
    except NotFound as exc:
        raise Http404 from exc
    rows = access_log_for_participant(participant=access.participant)
    return render(request, "audit/my_access_log.html", {"rows": rows, "participant": access.participant})
