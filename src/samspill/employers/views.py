"""Pages for employer contacts (their opportunities with the candidates shared by consent, their placements with the
support plan and follow-up schedule) and for job specialists (opportunities, the employer contact log, placements).
Thin: the selectors decide what is visible, the services what may change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import actor_roles
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Role
from samspill.employers import selectors, services
from samspill.employers.forms import (
    CandidateForm,
    ContactForm,
    EmployerProfileForm,
    OpportunityFilterForm,
    OpportunityForm,
    PlacementEndForm,
    PlacementStartForm,
    PlacementUpdateForm,
)
from samspill.employers.models import OpportunityStatus
from samspill.taxonomy.selectors import job_quality_for_opportunity
from samspill.web.forms import apply_errors

PAGE_SIZE = 50


def _require(condition: bool) -> None:
    if not condition:
        raise Http404


def _may_work_with_opportunities(actor) -> bool:
    return selectors.is_case_worker(actor) or bool(selectors.employer_ids_of_contact(actor))


def _opportunity(request, opportunity_id):
    try:
        return selectors.opportunity_get(actor=request.user, opportunity_id=opportunity_id)
    except NotFound as exc:
        raise Http404 from exc


def _employers_for(actor):
    employers = selectors.employer_organisations()
    if selectors.is_case_worker(actor):
        return employers
    return employers.filter(pk__in=selectors.employer_ids_of_contact(actor))


# ---------------------------------------------------------------------------------------------------------------
# Opportunities


@login_required
def opportunity_list(request):
    _require(_may_work_with_opportunities(request.user))
    form = OpportunityFilterForm(request.GET or None)
    queryset = selectors.opportunities_for_actor(request.user)
    if form.is_valid():
        queryset = selectors.opportunity_filter(queryset, **form.cleaned_data)
    page = Paginator(queryset.order_by("-created_at", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employers/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "is_case_worker": selectors.is_case_worker(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request):
    _require(_may_work_with_opportunities(request.user))
    employers = _employers_for(request.user)
    with_employer = selectors.is_case_worker(request.user) or employers.count() > 1
    form = OpportunityForm(request.POST or None, employers=employers, with_employer=with_employer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer = data.pop("employer", None) or employers.first()
        try:
            opportunity = services.opportunity_create(actor=request.user, employer=employer, data=data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The opportunity is registered."))
            return redirect("employers:opportunity_detail", opportunity_id=opportunity.pk)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("Register an opportunity"), "cancel": ("employers:opportunity_list", None)},
    )


def _opportunity_context(request, opportunity, candidate_form=None):
    actor = request.user
    pathways = selectors.manageable_pathways(actor)
    return {
        "opportunity": opportunity,
        "candidates": selectors.candidates_for_actor(actor=actor, opportunity=opportunity),
        "placements": selectors.placements_for_actor(actor).filter(opportunity=opportunity),
        "is_case_worker": selectors.is_case_worker(actor),
        "is_employer": opportunity.employer_id in selectors.employer_ids_of_contact(actor),
        "candidate_form": candidate_form
        or (CandidateForm(pathways=pathways) if opportunity.status == OpportunityStatus.OPEN else None),
        "job_quality": job_quality_for_opportunity(opportunity),
    }


@login_required
def opportunity_detail(request, opportunity_id):
    opportunity = _opportunity(request, opportunity_id)
    return render(request, "employers/opportunity_detail.html", _opportunity_context(request, opportunity))


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, opportunity_id):
    opportunity = _opportunity(request, opportunity_id)
    form = OpportunityForm(request.POST or None, instance=opportunity, employers=None, with_employer=False)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.opportunity_update(actor=request.user, opportunity=opportunity, data=changed)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The opportunity is saved."))
            return redirect("employers:opportunity_detail", opportunity_id=opportunity.pk)
    return render(
        request,
        "employers/form.html",
        {
            "form": form,
            "title": _("Edit %(title)s") % {"title": opportunity.title},
            "cancel": ("employers:opportunity_detail", opportunity.pk),
        },
    )


@login_required
@require_POST
def candidate_propose(request, opportunity_id):
    opportunity = _opportunity(request, opportunity_id)
    _require(selectors.is_case_worker(request.user))
    form = CandidateForm(request.POST, pathways=selectors.manageable_pathways(request.user))
    if form.is_valid():
        try:
            services.candidate_propose(
                actor=request.user,
                opportunity=opportunity,
                pathway=form.cleaned_data["pathway"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The candidate is proposed to the employer."))
            return redirect("employers:opportunity_detail", opportunity_id=opportunity.pk)
    context = _opportunity_context(request, opportunity, candidate_form=form)
    return render(request, "employers/opportunity_detail.html", context, status=422)


# ---------------------------------------------------------------------------------------------------------------
# Employer profile


@login_required
@require_http_methods(["GET", "POST"])
def employer_profile(request, organisation_id):
    organisation = selectors.employer_organisation_get(organisation_id=organisation_id)
    _require(
        organisation is not None and selectors.employer_profile_visible(actor=request.user, organisation=organisation)
    )
    profile = selectors.employer_profile_get(organisation=organisation)
    initial = None if profile else {"municipality_number": organisation.municipality_number}
    form = EmployerProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_profile_save(actor=request.user, organisation=organisation, data=form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The employer profile is saved."))
            return redirect("employers:employer_profile", organisation_id=organisation.pk)
    opportunities = selectors.opportunities_for_actor(request.user).filter(employer=organisation)
    return render(
        request,
        "employers/employer_profile.html",
        {"organisation": organisation, "profile": profile, "form": form, "opportunities": opportunities},
    )


# ---------------------------------------------------------------------------------------------------------------
# Employer contact log


@login_required
@require_http_methods(["GET", "POST"])
def contact_log(request):
    actor = request.user
    _require(selectors.is_case_worker(actor))
    may_record = Role.JOB_SPECIALIST in actor_roles(actor)
    form = None
    if may_record:
        form = ContactForm(
            request.POST or None,
            employers=selectors.employer_organisations(),
            pathways=selectors.manageable_pathways(actor),
            initial={"date": clock.today()},
        )
    elif request.method == "POST":
        raise Http404
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer, pathway = data.pop("employer"), data.pop("pathway")
        try:
            services.employer_contact_record(actor=actor, employer=employer, pathway=pathway, data=data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The contact is logged."))
            return redirect("employers:contact_log")
    if request.method == "POST":
        status = 422
    page = Paginator(selectors.contacts_for_actor(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    visible_pathways = set(selectors.pathways_visible_ids(actor))
    return render(
        request,
        "employers/contact_log.html",
        {"form": form, "page": page, "visible_pathways": visible_pathways},
        status=status,
    )


# ---------------------------------------------------------------------------------------------------------------
# Placements


def _may_see_placements(actor) -> bool:
    roles = actor_roles(actor)
    return bool(roles & {Role.JOB_SPECIALIST, Role.COORDINATOR, Role.EMPLOYER_CONTACT, Role.PARTICIPANT})


@login_required
def placement_list(request):
    actor = request.user
    _require(_may_see_placements(actor))
    queryset = selectors.placements_for_actor(actor).order_by("end_date", "-start_date", "id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    names = selectors.placement_names_visible(actor=actor, placements=page.object_list)
    rows = [(placement, names.get(placement.pk)) for placement in page.object_list]
    return render(
        request,
        "employers/placement_list.html",
        {"page": page, "rows": rows, "can_start": selectors.is_case_worker(actor)},
    )


@login_required
def placement_detail(request, placement_id):
    try:
        read = selectors.placement_read(actor=request.user, placement_id=placement_id)
    except NotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "employers/placement_detail.html",
        {
            "read": read,
            "placement": read.placement,
            "follow_ups": selectors.follow_up_dates(read.placement),
            "job_quality": job_quality_for_opportunity(read.placement.opportunity),
        },
    )


def _managed_placement(request, placement_id):
    try:
        placement = selectors.placement_visible(actor=request.user, placement_id=placement_id)
    except NotFound as exc:
        raise Http404 from exc
    _require(selectors.can_manage_pathway(request.user, placement.pathway))
    return placement


@login_required
@require_http_methods(["GET", "POST"])
def placement_start(request):
    actor = request.user
    _require(selectors.is_case_worker(actor))
    pathways = selectors.manageable_pathways(actor)
    opportunities = (
        selectors.opportunities_for_actor(actor).exclude(status=OpportunityStatus.CLOSED).order_by("title", "id")
    )
    initial = {"pathway": request.GET.get("pathway"), "opportunity": request.GET.get("opportunity")}
    form = PlacementStartForm(request.POST or None, pathways=pathways, opportunities=opportunities, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        pathway, opportunity = data.pop("pathway"), data.pop("opportunity")
        try:
            placement = services.placement_start(actor=actor, pathway=pathway, opportunity=opportunity, data=data)
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The placement has started."))
            return redirect("employers:placement_detail", placement_id=placement.pk)
    return render(request, "employers/form.html", {"form": form, "title": _("Start a placement")})


@login_required
@require_http_methods(["GET", "POST"])
def placement_edit(request, placement_id):
    placement = _managed_placement(request, placement_id)
    _require(placement.end_date is None)
    form = PlacementUpdateForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.placement_update(actor=request.user, placement=placement, data=changed)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The support plan is saved."))
            return redirect("employers:placement_detail", placement_id=placement.pk)
    return render(
        request,
        "employers/form.html",
        {
            "form": form,
            "title": _("On-the-job support and follow-up"),
            "cancel": ("employers:placement_detail", placement.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def placement_end(request, placement_id):
    placement = _managed_placement(request, placement_id)
    _require(placement.end_date is None)
    form = PlacementEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_end(actor=request.user, placement=placement, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The placement has ended."))
            return redirect("employers:placement_detail", placement_id=placement.pk)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": _("End the placement"), "cancel": ("employers:placement_detail", placement.pk)},
    )
