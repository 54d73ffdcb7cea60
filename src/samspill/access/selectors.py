"""THE gate. The functions here are the only way to fetch a person's data.

* ``access_participant(actor, participant_id, purpose)`` returns a :class:`ParticipantAccess` or raises
  :class:`~samspill.core.errors.NotFound` — for a missing person and for one the actor may not see alike — and
  writes exactly one access-log row when it succeeds.
* ``participants_for_actor(actor, purpose)`` is the list selector; lists write no access rows.

Who sees whom:

=====================  =========================================================================================
role                   sees
=====================  =========================================================================================
job specialist         participants assigned to them, or to a team they belong to (case management)
coordinator            participants of the organisations where they are coordinator (case management)
participant            only themself (self service)
employer contact,      participants who consented to share with their organisation (mentor: with them), with the
partner, mentor        shared fields only
researcher             no person-level data at all; research works on pseudonymised extracts of the projects
                       they are members of (``access_research_project``, ``research_participants``)
administrator          no person-level data; administrators manage organisations and users
=====================  =========================================================================================

Special-category data (health) is visible to the responsible job specialist, their team, and the person.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from django.db.models import Q, QuerySet

from samspill.audit.services import access_log_record, access_log_record_many
from samspill.consent.selectors import consent_active_filter, research_consent_filter
from samspill.core.errors import NotFound, as_uuid
from samspill.core.roles import SHARING_PURPOSES, ConsentPurpose, Purpose, Role
from samspill.pathways.models import Pathway, PathwayMember, PathwayRole
from samspill.people.models import Participant
from samspill.research.models import LegalBasis, ResearchProject


class Level(Enum):
    CASE = "case"  # case management on its legal basis
    SELF = "self"  # the person themself
    SHARED = "shared"  # shared by consent: the shared fields only


# What a consent for sharing shows: enough to judge a match, nothing to identify or contact the person outside the
# platform, nothing about health, residence or origin.
SHARED_FIELDS = frozenset(
    {
        "id",
        "given_name",
        "family_name",
        "municipality_number",
        "preferred_language",
        "hours_preference",
        "commuting_radius_km",
        "driving_licence",
        "preferences_note",
        "languages",
        "educations",
        "experiences",
        "skills",
    }
)
# What a participant may change on their own page; the rest is recorded by their job specialist.
SELF_EDITABLE_FIELDS = frozenset(
    {
        "email",
        "phone",
        "preferred_language",
        "hours_preference",
        "commuting_radius_km",
        "driving_licence",
        "childcare_constraint",
        "preferences_note",
        "languages",
        "skills",
    }
)


@dataclass(frozen=True)
class ParticipantAccess:
    participant: Participant
    purpose: Purpose
    level: Level
    special_category: bool

    def can_see(self, field: str) -> bool:
        return self.level is not Level.SHARED or field in SHARED_FIELDS

    def can_edit(self, field: str) -> bool:
        if self.level is Level.CASE:
            return True
        return self.level is Level.SELF and field in SELF_EDITABLE_FIELDS

    @property
    def can_edit_profile(self) -> bool:
        return self.level is Level.CASE

    @property
    def is_self(self) -> bool:
        return self.level is Level.SELF


def _roles(actor) -> dict[str, set]:
    """Organisation ids per role for the actor; cached on the user object for the request."""
    cached = getattr(actor, "_samspill_roles", None)
    if cached is None:
        cached = {}
        for role, organisation_id in actor.memberships.values_list("role", "organisation_id"):
            cached.setdefault(role, set()).add(organisation_id)
        actor._samspill_roles = cached
    return cached


def actor_roles(actor) -> set[str]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    return set(_roles(actor))


def actor_organisation_ids(actor, role: Role) -> set:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    return set(_roles(actor).get(role, set()))


def _specialist_filter(actor) -> Q:
    if Role.JOB_SPECIALIST not in actor_roles(actor):
        return Q(pk__in=[])
    on_a_pathway_team = PathwayMember.objects.filter(user=actor, role=PathwayRole.JOB_SPECIALIST, active=True).values(
        "pathway__participant_id"
    )
    responsible = Pathway.objects.filter(responsible_specialist=actor).values("participant_id")
    return (
        Q(assigned_specialist=actor)
        | Q(assigned_team__members=actor)
        | Q(pk__in=on_a_pathway_team)
        | Q(pk__in=responsible)
    )


def _case_filter(actor) -> Q:
    coordinated = actor_organisation_ids(actor, Role.COORDINATOR)
    return _specialist_filter(actor) | Q(organisation_id__in=coordinated)


def _sharing_filter(actor, purpose: Purpose) -> Q:
    for consent_purpose, (access_purpose, role) in SHARING_PURPOSES.items():
        if access_purpose != purpose:
            continue
        if role not in actor_roles(actor):
            return Q(pk__in=[])
        if role == Role.MENTOR:  # a mentor consent names the person, not their organisation
            return consent_active_filter(purpose=ConsentPurpose(consent_purpose), user_id=actor.pk)
        return consent_active_filter(
            purpose=ConsentPurpose(consent_purpose), organisation_ids=actor_organisation_ids(actor, role)
        )
    return Q(pk__in=[])


def _filter_for(actor, purpose: Purpose) -> tuple[Q, Level]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Q(pk__in=[]), Level.SHARED
    if purpose == Purpose.CASE_MANAGEMENT:
        return _case_filter(actor), Level.CASE
    if purpose == Purpose.SELF_SERVICE:
        return Q(user=actor), Level.SELF
    if purpose in (Purpose.SHARE_EMPLOYER, Purpose.SHARE_MENTOR, Purpose.SHARE_PARTNER):
        return _sharing_filter(actor, purpose), Level.SHARED
    # Research never reads person-level data through the platform.
    return Q(pk__in=[]), Level.SHARED


def _follows_up(actor, participant, *, responsible_specialist_id=None) -> bool:
    """Whether the actor reads ``participant`` for case management. The usual answers (the assigned or
    responsible specialist, a coordinator of the participant's organisation, someone with neither role) come from
    the actor's cached roles and the row already fetched: every pathway action asks this, and building the full
    case query each time dominated the cost of a request."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    roles = _roles(actor)
    specialist = Role.JOB_SPECIALIST in roles
    if not specialist and Role.COORDINATOR not in roles:
        return False
    if participant.organisation_id in roles.get(Role.COORDINATOR, ()):
        return True
    if specialist and actor.pk in (participant.assigned_specialist_id, responsible_specialist_id):
        return True
    return Participant.objects.filter(_case_filter(actor), pk=participant.pk).exists()


def manageable_pathways(actor) -> QuerySet[Pathway]:
    """Pathways the actor follows up as job specialist or coordinator (the list behind :func:`can_manage_pathway`).
    A list: nothing is logged."""
    case = participants_for_actor(actor, purpose=Purpose.CASE_MANAGEMENT).values("pk")
    return (
        pathways_for_actor(actor)
        .filter(participant_id__in=case)
        .select_related("participant")
        .order_by("participant__family_name", "participant__given_name")
    )


def can_manage_pathway(actor, pathway) -> bool:
    """Whether the actor follows the pathway up as job specialist or coordinator: may move its stages, propose
    candidates, start placements, refer and record contacts for it. Not a read: nothing is logged."""
    return _follows_up(actor, pathway.participant, responsible_specialist_id=pathway.responsible_specialist_id)


def participants_for_actor(actor, *, purpose: Purpose = Purpose.CASE_MANAGEMENT) -> QuerySet[Participant]:
    """Every participant the actor may list for ``purpose``. Lists are not logged."""
    condition, _level = _filter_for(actor, Purpose(purpose))
    return Participant.objects.filter(condition).distinct()


def access_participant(
    actor, participant_id, purpose: Purpose, *, require: Callable[[ParticipantAccess], bool] | None = None
) -> ParticipantAccess:
    """The one way to read one person's data. Logs the read; missing and not-allowed are the same NotFound.

    ``require`` is what a page needs beyond seeing the person (to edit a section, to see health data): when the
    access does not give it, the person is "not found" and nothing is logged."""
    purpose = Purpose(purpose)
    condition, level = _filter_for(actor, purpose)
    try:
        participant = (
            Participant.objects.filter(condition)
            .select_related("organisation", "assigned_specialist", "assigned_team", "user")
            .distinct()
            .get(pk=as_uuid(participant_id))
        )
    except Participant.DoesNotExist as exc:
        raise NotFound() from exc
    special = level is Level.SELF or (
        level is Level.CASE
        and (
            participant.assigned_specialist_id == actor.pk
            or Participant.objects.filter(_specialist_filter(actor), pk=participant.pk).exists()
        )
    )
    access = ParticipantAccess(participant=participant, purpose=purpose, level=level, special_category=special)
    if require is not None and not require(access):
        raise NotFound()
    access_log_record(actor=actor, participant=participant, purpose=purpose)
    return access


def access_own_participant(actor) -> ParticipantAccess:
    """The participant record of the logged-in person (self service)."""
    own_id = (
        Participant.objects.filter(user=actor).values_list("pk", flat=True).first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if own_id is None:
        raise NotFound()
    return access_participant(actor, own_id, Purpose.SELF_SERVICE)


def purposes_for_actor(actor) -> list[Purpose]:
    """The purposes under which this actor can read anyone at all, in the order a page should try them."""
    roles = actor_roles(actor)
    purposes = []
    if Role.PARTICIPANT in roles:
        purposes.append(Purpose.SELF_SERVICE)
    if roles & {Role.JOB_SPECIALIST, Role.COORDINATOR}:
        purposes.append(Purpose.CASE_MANAGEMENT)
    for _consent, (access_purpose, role) in SHARING_PURPOSES.items():
        if role in roles:
            purposes.append(access_purpose)
    return purposes


def access_participant_any_purpose(
    actor, participant_id, *, purposes=None, require: Callable[[ParticipantAccess], bool] | None = None
) -> ParticipantAccess:
    """For pages reached by a link: reads under the first purpose that lets the actor see this person.

    ``purposes`` limits the purposes a page serves (an edit page serves case management and self service, not
    sharing), so that a reader who may not use the page is "not found" before anything is read or logged."""
    for purpose in purposes_for_actor(actor):
        if purposes is not None and purpose not in purposes:
            continue
        condition, _level = _filter_for(actor, purpose)
        if Participant.objects.filter(condition, pk=as_uuid(participant_id)).exists():
            return access_participant(actor, participant_id, purpose, require=require)
    raise NotFound()


# The purposes under which a person's own record may be changed: by case management or by the person.
EDITING_PURPOSES = (Purpose.CASE_MANAGEMENT, Purpose.SELF_SERVICE)


class PathwayLevel(Enum):
    CASE = "case"  # the participant's job specialists and coordinator
    SELF = "self"  # the participant
    TEAM = "team"  # another member of the pathway team: employer, mentor, partner, NAV, school, health


@dataclass(frozen=True)
class PathwayAccess:
    pathway: Pathway
    level: PathwayLevel
    team_roles: frozenset  # the actor's roles on this pathway's team

    @property
    def can_manage(self) -> bool:
        """Move stages, change the team, write agreement versions: the job specialists' work."""
        return self.level is PathwayLevel.CASE

    @property
    def party(self) -> str | None:
        """The party the actor signs and agrees as."""
        if self.level is PathwayLevel.SELF:
            return PathwayRole.PARTICIPANT
        if self.level is PathwayLevel.CASE:
            return PathwayRole.JOB_SPECIALIST
        for role in (
            PathwayRole.EMPLOYER,
            PathwayRole.MENTOR,
            PathwayRole.PARTNER,
            PathwayRole.NAV,
            PathwayRole.MUNICIPALITY,
            PathwayRole.SCHOOL,
            PathwayRole.HEALTH,
        ):
            if role in self.team_roles:
                return role
        return None


def _team_roles(actor, pathway_id) -> frozenset:
    return frozenset(
        PathwayMember.objects.filter(pathway_id=pathway_id, user=actor, active=True).values_list("role", flat=True)
    )


def _team_may_read(actor, pathway_id, roles: frozenset) -> bool:
    other_roles = roles - {PathwayRole.JOB_SPECIALIST, PathwayRole.PARTICIPANT}
    if not other_roles:
        return False
    if other_roles == {PathwayRole.MENTOR}:
        # A mentor sees the plan only after signing the confidentiality declaration.
        return PathwayMember.objects.filter(
            pathway_id=pathway_id,
            user=actor,
            role=PathwayRole.MENTOR,
            active=True,
            confidentiality_declared_at__isnull=False,
        ).exists()
    return True


def pathways_for_actor(actor) -> QuerySet[Pathway]:
    """Pathways the actor may list: of participants they follow up, their own, or where they are on the team
    (a mentor once they have declared confidentiality)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Pathway.objects.none()
    case, _level = _filter_for(actor, Purpose.CASE_MANAGEMENT)
    visible_participants = Participant.objects.filter(case | Q(user=actor)).values("pk")
    team = (
        PathwayMember.objects.filter(user=actor, active=True)
        .exclude(role__in=[PathwayRole.JOB_SPECIALIST, PathwayRole.PARTICIPANT])
        .exclude(role=PathwayRole.MENTOR, confidentiality_declared_at__isnull=True)
    )
    return Pathway.objects.filter(
        Q(participant_id__in=visible_participants) | Q(pk__in=team.values("pathway_id"))
    ).distinct()


def access_pathway(actor, pathway_id, *, require: Callable[[PathwayAccess], bool] | None = None) -> PathwayAccess:
    """The one way to read a pathway (plan, agreement, events): logs one person-level read; missing and
    not-allowed are the same NotFound; ``require`` as in :func:`access_participant`."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotFound()
    pathway = (
        Pathway.objects.select_related("participant", "responsible_specialist", "organisation")
        .filter(pk=as_uuid(pathway_id))
        .first()
    )
    if pathway is None:
        raise NotFound()
    roles = _team_roles(actor, pathway.pk)
    if can_manage_pathway(actor, pathway):
        purpose = Purpose.CASE_MANAGEMENT
        access = PathwayAccess(pathway=pathway, level=PathwayLevel.CASE, team_roles=roles)
    elif pathway.participant.user_id == actor.pk:
        purpose = Purpose.SELF_SERVICE
        access = PathwayAccess(pathway=pathway, level=PathwayLevel.SELF, team_roles=roles)
    else:
        if not _team_may_read(actor, pathway.pk, roles):
            raise NotFound()
        purpose = Purpose.PATHWAY_TEAM
        access = PathwayAccess(pathway=pathway, level=PathwayLevel.TEAM, team_roles=roles)
    if require is not None and not require(access):
        raise NotFound()
    access_log_record(actor=actor, participant=pathway.participant, purpose=purpose)
    return access


# ---------------------------------------------------------------------------------------------------------------
# Research: researchers never read a person; a project's analyses read events of the people it may use, under
# pseudonyms, and every such read is logged for each person.


def research_projects_for_actor(actor) -> QuerySet[ResearchProject]:
    """The active projects where the actor is a member and a researcher at the project's institution."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ResearchProject.objects.none()
    institutions = actor_organisation_ids(actor, Role.RESEARCHER)
    return ResearchProject.objects.filter(members=actor, institution_id__in=institutions, active=True).distinct()


def access_research_project(actor, project_id) -> ResearchProject:
    """One project of the actor's, or NotFound (missing and not a member look the same). Not person-level."""
    project = research_projects_for_actor(actor).filter(pk=as_uuid(project_id)).first()
    if project is None:
        raise NotFound()
    return project


def research_participants(actor, project) -> QuerySet[Participant]:
    """The people whose data ``project`` may use: those with an active consent to research, or everyone when the
    project records another legal basis (an exemption from confidentiality or an ethics approval)."""
    if not research_projects_for_actor(actor).filter(pk=project.pk).exists():
        return Participant.objects.none()
    if project.legal_basis == LegalBasis.EXEMPTION and project.legal_basis_reference.strip():
        return Participant.objects.all()
    return Participant.objects.filter(research_consent_filter())


def research_extract_log(*, actor, participant_ids) -> None:
    """One access-log row per person whose events went into an extract (purpose: research), so that "who has
    seen my data" shows the use; in the caller's transaction."""
    access_log_record_many(actor=actor, participant_ids=participant_ids, purpose=Purpose.RESEARCH)
