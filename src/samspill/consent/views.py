from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import EDITING_PURPOSES, access_participant_any_purpose
from samspill.accounts.selectors import mentors_list, organisation_get, sharing_organisations, user_get
from samspill.consent.forms import ConsentForm
from samspill.consent.selectors import consents_of_participant
from samspill.consent.services import consent_give, consent_withdraw
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.web.forms import apply_errors


def _access(request, participant_id):
    try:
        return access_participant_any_purpose(request.user, participant_id, purposes=EDITING_PURPOSES)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def participant_consents(request, participant_id):
    access = _access(request, participant_id)
    form = ConsentForm(request.POST or None, organisations=sharing_organisations(), mentors=mentors_list())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = (
            organisation_get(organisation_id=data["recipient_organisation"]) if data["recipient_organisation"] else None
        )
        mentor = user_get(user_id=data["recipient_user"]) if data["recipient_user"] else None
        try:
            consent_give(
                actor=request.user,
                access=access,
                purpose=data["purpose"],
                recipient_organisation=organisation,
                recipient_user=mentor,
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("consent:participant_consents", participant_id=participant_id)
    context = {
        "access": access,
        "participant": access.participant,
        "form": form,
        "consents": consents_of_participant(participant=access.participant),
    }
    return render(request, "consent/participant_consents.html", context)


@login_required
@require_POST
def withdraw(request, participant_id, consent_id):
    access = _access(request, participant_id)
    try:
        consent_withdraw(actor=request.user, access=access, consent_id=consent_id)
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    messages.success(request, _("The consent is withdrawn. Nothing more is shared for this purpose."))
    return redirect("consent:participant_consents", participant_id=participant_id)
