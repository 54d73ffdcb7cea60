"""The programme catalogue, referrals by job specialists and the partner service's referral inbox. Thin: the
selectors decide what is visible, the services what may change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import actor_roles
from samspill.accounts.selectors import organisations_list
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Role
from samspill.programmes import selectors, services
from samspill.programmes.forms import CatalogueFilterForm, InboxFilterForm, ProgrammeForm, ReferralForm, TransitionForm
from samspill.programmes.models import REFERRAL_TRANSITIONS, ReferralStatus
from samspill.web.forms import apply_errors

PAGE_SIZE = 50
ACTIONS = {
    "accept": ReferralStatus.ACCEPTED,
    "decline": ReferralStatus.DECLINED,
    "start": ReferralStatus.STARTED,
    "complete": ReferralStatus.COMPLETED,
}


def _programme(programme_id):
    try:
        return selectors.programme_get(programme_id=programme_id)
    except NotFound as exc:
        raise Http404 from exc


def _providers_for(actor):
    organisations = organisations_list(actor=actor)
    if Role.ADMINISTRATOR in actor_roles(actor):
        return organisations
    return organisations.filter(pk__in=selectors.provider_ids_of_actor(actor))


@login_required
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.programmes_list(actor=request.user, **filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_add": services.may_edit_catalogue(request.user),
        "has_inbox": bool(selectors.provider_ids_of_actor(request.user)) or selectors.is_case_worker(request.user),
    }
    return render(request, "programmes/catalogue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not services.may_edit_catalogue(request.user):
        raise Http404
    form = ProgrammeForm(request.POST or None, providers=_providers_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        provider = data.pop("provider")
        try:
            programme = services.programme_create(actor=request.user, provider=provider, data=data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The programme is added to the catalogue."))
            return redirect("programmes:programme_detail", programme_id=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "title": _("Add a programme")})


def _detail_context(request, programme, referral_form=None):
    case_worker = selectors.is_case_worker(request.user)
    if referral_form is None and case_worker and programme.active:
        referral_form = ReferralForm(pathways=selectors.manageable_pathways(request.user))
    return {
        "programme": programme,
        "referral_form": referral_form,
        "can_edit": services.may_edit_catalogue(request.user, programme.provider),
    }


@login_required
def programme_detail(request, programme_id):
    programme = _programme(programme_id)
    return render(request, "programmes/programme_detail.html", _detail_context(request, programme))


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, programme_id):
    programme = _programme(programme_id)
    if not services.may_edit_catalogue(request.user, programme.provider):
        raise Http404
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.programme_update(actor=request.user, programme=programme, data=changed)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("programmes:programme_detail", programme_id=programme.pk)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": programme.name}, "programme": programme},
    )


@login_required
@require_POST
def referral_create(request, programme_id):
    programme = _programme(programme_id)
    if not selectors.is_case_worker(request.user):
        raise Http404
    form = ReferralForm(request.POST, pathways=selectors.manageable_pathways(request.user))
    if form.is_valid():
        try:
            services.referral_create(
                actor=request.user,
                pathway=form.cleaned_data["pathway"],
                programme=programme,
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(
                request, _("The referral is sent to %(provider)s.") % {"provider": programme.provider.name}
            )
            return redirect("programmes:referral_list")
    context = _detail_context(request, programme, referral_form=form)
    return render(request, "programmes/programme_detail.html", context, status=422)


@login_required
def referral_list(request):
    """The partner service's inbox (referrals to its programmes) and the job specialist's referrals."""
    actor = request.user
    is_provider = bool(selectors.provider_ids_of_actor(actor))
    if not (is_provider or selectors.is_case_worker(actor)):
        raise Http404
    form = InboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    queryset = selectors.referrals_for_actor(actor)
    if status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("-created_at", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    visible_pathways = set(selectors.visible_pathway_ids(actor, [referral.pathway_id for referral in page.object_list]))
    shared = selectors.shared_pairs(actor) if is_provider else set()
    providers = selectors.provider_ids_of_actor(actor)
    rows = []
    for referral in page.object_list:
        participant = referral.pathway.participant
        shown = referral.pathway_id in visible_pathways or (participant.pk, referral.programme.provider_id) in shared
        rows.append(
            {
                "referral": referral,
                "participant": participant if shown else None,
                "is_provider": referral.programme.provider_id in providers,
                "can_manage": referral.pathway_id in visible_pathways and selectors.is_case_worker(actor),
                "actions": [
                    action
                    for action, target in ACTIONS.items()
                    if target in REFERRAL_TRANSITIONS[ReferralStatus(referral.status)]
                ],
            }
        )
    return render(
        request,
        "programmes/referral_list.html",
        {"form": form, "page": page, "rows": rows, "is_provider": is_provider, "transition_form": TransitionForm()},
    )


@login_required
@require_POST
def referral_transition(request, referral_id, action):
    if action not in ACTIONS:
        raise Http404
    try:
        referral = selectors.referral_visible(actor=request.user, referral_id=referral_id)
    except NotFound as exc:
        raise Http404 from exc
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date as YYYY-MM-DD."))
        return redirect("programmes:referral_list")
    try:
        services.referral_transition(
            actor=request.user,
            referral=referral,
            to=ACTIONS[action],
            effective_date=form.cleaned_data["effective_date"],
            reason=form.cleaned_data["reason"],
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ApplicationError as error:
        for messages_of_field in error.field_errors.values() or [[error.message]]:
            for message in messages_of_field:
                messages.error(request, message)
    else:
        messages.success(request, _("The referral is now %(status)s.") % {"status": ACTIONS[action].label.lower()})
    return redirect("programmes:referral_list")
