from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import (
    EDITING_PURPOSES,
    ParticipantAccess,
    access_own_participant,
    access_participant_any_purpose,
    actor_organisation_ids,
    participants_for_actor,
    purposes_for_actor,
)
from samspill.accounts.selectors import organisation_get, teams_of_organisations
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose, Role
from samspill.people import services
from samspill.people.forms import (
    PROFILE_FIELDS,
    SECTION_FORMS,
    CaseloadFilterForm,
    HealthForm,
    LanguageSkillForm,
    participant_form,
)
from samspill.people.selectors import caseload_filter, participant_profile
from samspill.web.forms import apply_errors

PAGE_SIZE = 50


def _access(request, participant_id, **limits) -> ParticipantAccess:
    try:
        return access_participant_any_purpose(request.user, participant_id, **limits)
    except NotFound as exc:
        raise Http404 from exc


def _access_for_editing(request, participant_id, section: str | None = None) -> ParticipantAccess:
    """Access for a page that changes the profile, or one ``section`` of it; others get 404 before any read."""
    if section is None:
        return _access(request, participant_id, purposes=EDITING_PURPOSES)
    return _access(request, participant_id, purposes=EDITING_PURPOSES, require=lambda a: a.can_edit(section))


def _case_organisations(actor) -> set:
    return actor_organisation_ids(actor, Role.JOB_SPECIALIST) | actor_organisation_ids(actor, Role.COORDINATOR)


@login_required
def caseload(request):
    if Purpose.CASE_MANAGEMENT not in purposes_for_actor(request.user):
        raise Http404
    teams = teams_of_organisations(organisation_ids=_case_organisations(request.user))
    form = CaseloadFilterForm(request.GET or None, teams=teams)
    queryset = participants_for_actor(request.user, purpose=Purpose.CASE_MANAGEMENT)
    if form.is_valid():
        queryset = caseload_filter(queryset, actor=request.user, **form.cleaned_data)
    else:
        queryset = caseload_filter(queryset, actor=request.user)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "people/caseload_results.html" if request.htmx else "people/caseload.html"
    return render(request, template, context)


@login_required
def shared(request):
    """Participants who consented to share their profile with this employer contact, partner or mentor."""
    purposes = [p for p in purposes_for_actor(request.user) if p.startswith("share_")]
    if not purposes:
        raise Http404
    groups = [
        (Purpose(p).label, participants_for_actor(request.user, purpose=p).order_by("family_name")) for p in purposes
    ]
    return render(request, "people/shared.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request):
    organisation_ids = _case_organisations(request.user)
    if not organisation_ids:
        raise Http404
    form = participant_form(fields=PROFILE_FIELDS, organisation_ids=organisation_ids, data=request.POST or None)
    organisations = [organisation_get(organisation_id=pk) for pk in organisation_ids]
    if len(organisations) > 1:
        form.fields["organisation"] = forms.ChoiceField(
            label=_("Organisation"), choices=sorted(((str(o.pk), o.name) for o in organisations), key=lambda c: c[1])
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("organisation", None)
        organisation = next((o for o in organisations if chosen is None or str(o.pk) == chosen), None)
        try:
            participant = services.participant_create(actor=request.user, organisation=organisation, data=data)
        except ApplicationError as error:
            apply_errors(form, error)
        except NotFound as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The participant is registered."))
            return redirect("people:participant_detail", participant_id=participant.pk)
    return render(request, "people/participant_form.html", {"form": form, "creating": True})


@login_required
def participant_detail(request, participant_id):
    access = _access(request, participant_id)
    context = {
        "access": access,
        "participant": access.participant,
        "profile": participant_profile(access),
        "language_form": LanguageSkillForm(),
        "section_forms": {name: form_class() for name, form_class in SECTION_FORMS.items()},
    }
    return render(request, "people/participant_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request, participant_id):
    access = _access_for_editing(request, participant_id)
    fields = [f for f in PROFILE_FIELDS if access.can_edit(f)]
    if not fields:
        raise Http404
    organisation_ids = {access.participant.organisation_id}
    form = participant_form(
        fields=fields, organisation_ids=organisation_ids, data=request.POST or None, instance=access.participant
    )
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.participant_update(actor=request.user, access=access, data=changed)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("people:participant_detail", participant_id=participant_id)
    return render(
        request, "people/participant_form.html", {"form": form, "participant": access.participant, "access": access}
    )


def _render_item_errors(request, access, form, section):
    context = {
        "access": access,
        "participant": access.participant,
        "profile": participant_profile(access),
        "language_form": form if section == "languages" else LanguageSkillForm(),
        "section_forms": {
            name: (form if name == section else form_class()) for name, form_class in SECTION_FORMS.items()
        },
        "open_section": section,
    }
    return render(request, "people/participant_detail.html", context, status=422)


@login_required
@require_POST
def language_save(request, participant_id):
    access = _access_for_editing(request, participant_id, "languages")
    form = LanguageSkillForm(request.POST)
    if form.is_valid():
        try:
            services.language_skill_save(actor=request.user, access=access, data=form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The language is saved."))
            return redirect("people:participant_detail", participant_id=participant_id)
    return _render_item_errors(request, access, form, "languages")


@login_required
@require_POST
def item_add(request, participant_id, section):
    if section not in SECTION_FORMS:
        raise Http404
    access = _access_for_editing(request, participant_id, section)
    form = SECTION_FORMS[section](request.POST)
    if form.is_valid():
        try:
            services.profile_item_add(actor=request.user, access=access, section=section, data=form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Added to the profile."))
            return redirect("people:participant_detail", participant_id=participant_id)
    return _render_item_errors(request, access, form, section)


@login_required
@require_POST
def item_remove(request, participant_id, section, item_id):
    if section not in (*SECTION_FORMS, "languages"):
        raise Http404
    access = _access_for_editing(request, participant_id, section)
    try:
        services.profile_item_remove(actor=request.user, access=access, section=section, item_id=item_id)
    except (NotFound, PermissionDenied) as exc:
        raise Http404 from exc
    messages.success(request, _("Removed from the profile."))
    return redirect("people:participant_detail", participant_id=participant_id)


@login_required
@require_http_methods(["GET", "POST"])
def health_edit(request, participant_id):
    # Only the specialists who follow the person up record health information; the person sees it.
    access = _access(request, participant_id, purposes=(Purpose.CASE_MANAGEMENT,), require=lambda a: a.special_category)
    health = participant_profile(access)["health"]
    initial = {name: getattr(health, name) for name in services.HEALTH_FIELDS} if health else None
    form = HealthForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.health_update(actor=request.user, access=access, data=form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The health information is saved."))
            return redirect("people:participant_detail", participant_id=participant_id)
    return render(request, "people/health_form.html", {"form": form, "participant": access.participant})


@login_required
def me(request):
    """The participant's own page."""
    try:
        access = access_own_participant(request.user)
    except NotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "people/me.html",
        {"access": access, "participant": access.participant, "profile": participant_profile(access)},
    )
