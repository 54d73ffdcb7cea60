from samspill.access.selectors import actor_roles
from samspill.core.roles import Role


def navigation(request):
    """Which main sections the signed-in person sees in the header; the views check access again."""
    user = getattr(request, "user", None)
    roles = actor_roles(user) if user is not None else set()
    return {
        "nav_roles": roles,
        "nav_caseload": bool(roles & {Role.JOB_SPECIALIST, Role.COORDINATOR}),
        "nav_shared": bool(roles & {Role.EMPLOYER_CONTACT, Role.PARTNER_SERVICE, Role.MENTOR}),
        "nav_own_page": Role.PARTICIPANT in roles,
        "nav_users": Role.COORDINATOR in roles,
    }
