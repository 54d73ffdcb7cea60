from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.access.selectors import actor_roles
from samspill.core.roles import Role

CASE = {Role.JOB_SPECIALIST, Role.COORDINATOR}
SHARING = {Role.EMPLOYER_CONTACT, Role.PARTNER_SERVICE, Role.MENTOR}

# (view name, label, who sees the link: a set of roles, or None for everyone signed in). The views check access
# again; this only decides what the header offers.
NAVIGATION = [
    ("web:home", _("Start"), None),
    ("people:caseload", _("Caseload"), CASE),
    ("pathways:board", _("Pathways"), CASE),
    ("pathways:mine", _("Pathways"), {Role.PARTICIPANT, *SHARING}),
    ("employers:opportunity_list", _("Opportunities"), CASE | {Role.EMPLOYER_CONTACT}),
    ("employers:placement_list", _("Placements"), CASE | {Role.EMPLOYER_CONTACT, Role.PARTICIPANT}),
    ("programmes:catalogue", _("Programmes"), None),
    ("programmes:referral_list", _("Referrals"), CASE | {Role.PARTNER_SERVICE}),
    ("pathways:indicators", _("Indicators"), CASE),
    ("people:shared", _("Shared with me"), SHARING),
    ("people:me", _("My page"), {Role.PARTICIPANT}),
    ("peers:mentorships", _("Mentoring"), {Role.MENTOR, Role.PARTICIPANT, *CASE}),
    ("research:projects", _("Research"), {Role.RESEARCHER}),
    ("accounts:users", _("Users"), {Role.COORDINATOR}),
    ("matching:weights", _("Matching weights"), {Role.COORDINATOR}),
    ("accounts:tokens", _("API tokens"), None),
]


def navigation(request):
    """The header's links for the signed-in person, with the current page marked."""
    user = getattr(request, "user", None)
    roles = actor_roles(user) if user is not None else set()
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    items, seen = [], set()
    for view_name, label, audience in NAVIGATION:
        if audience is not None and not roles & audience:
            continue
        if str(label) in seen:  # one "Pathways" link: the board for case workers, their own list for others
            continue
        seen.add(str(label))
        items.append({"url": reverse(view_name), "label": label, "current": view_name == current})
    return {"nav_items": items if roles or getattr(user, "is_authenticated", False) else []}
