from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samspill.access.selectors import actor_roles, participants_for_actor, purposes_for_actor
from samspill.accounts.selectors import organisations_list
from samspill.core.roles import Purpose, Role


@login_required
def home(request):
    """A start page per role: what this person can do here, with counts from the lists they may see."""
    roles = actor_roles(request.user)
    context = {"roles": roles, "role_labels": [Role(r).label for r in sorted(roles)]}
    if roles & {Role.JOB_SPECIALIST, Role.COORDINATOR}:
        caseload = participants_for_actor(request.user, purpose=Purpose.CASE_MANAGEMENT)
        context["caseload_count"] = caseload.count()
        context["own_count"] = caseload.filter(assigned_specialist=request.user).count()
    shared_purposes = [p for p in purposes_for_actor(request.user) if p.startswith("share_")]
    if shared_purposes:
        context["shared_count"] = sum(participants_for_actor(request.user, purpose=p).count() for p in shared_purposes)
    if Role.ADMINISTRATOR in roles:
        context["organisations"] = organisations_list(actor=request.user)
    return render(request, "web/home.html", context)
