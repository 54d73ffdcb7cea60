from django.db.models import QuerySet

from samspill.accounts.models import Organisation, PersonalAccessToken, Team, User
from samspill.core.roles import Role


def organisations_list(*, actor, kind: str | None = None, search: str = "") -> QuerySet[Organisation]:
    """Organisations are not personal data: every signed-in user may list them."""
    queryset = Organisation.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset.order_by("name")


def organisation_get(*, organisation_id) -> Organisation | None:
    return Organisation.objects.filter(pk=organisation_id).first()


def users_of_coordinator(*, actor) -> QuerySet[User]:
    """The people in the organisations where the actor is coordinator."""
    organisations = actor.memberships.filter(role=Role.COORDINATOR).values("organisation_id")
    return (
        User.objects.filter(memberships__organisation_id__in=organisations)
        .exclude(pk=actor.pk)
        .distinct()
        .prefetch_related("memberships__organisation")
        .order_by("last_name", "first_name")
    )


def tokens_of_user(*, actor) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=actor).order_by("-created_at")


def teams_of_organisations(*, organisation_ids) -> QuerySet[Team]:
    return Team.objects.filter(organisation_id__in=organisation_ids).order_by("name")


def specialists_of_organisations(*, organisation_ids) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__organisation_id__in=organisation_ids, memberships__role=Role.JOB_SPECIALIST)
        .distinct()
        .order_by("last_name", "first_name")
    )


def mentors_list() -> QuerySet[User]:
    """Peer mentors a participant can choose to share with."""
    return User.objects.filter(memberships__role=Role.MENTOR, is_active=True).distinct().order_by("first_name")


def sharing_organisations() -> QuerySet[Organisation]:
    """Organisations a participant can choose to share with: employers and partner services."""
    return Organisation.objects.exclude(
        kind__in=["nav_office", "municipality", "research_institution", "employers_federation"]
    ).order_by("name")


def user_get(*, user_id) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()


def user_get_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()
