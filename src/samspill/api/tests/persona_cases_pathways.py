"""Every pathway route of the API, every persona: the expected status.

The cases need a pathway: call :func:`prepare` on the world before running them (it is idempotent and stores
what it made on ``world.pathway_setup``); the ``url`` callables only read what it made. A few bodies name ids
of the world, so ``data`` is either a dict or a callable(fixture) -> dict: resolve it with :func:`body`.

The prepared world: world.participant has an employment pathway in vocational profiling, with owner responsible
and colleague_with_access on the assigned team; version 1 of the agreement was signed by the participant and the
owner; then employer_contact (employer), partner (school) and mentor (mentor, no confidentiality declared yet)
joined the team and the owner wrote version 2, which nobody has signed. Activity ``a`` (a CV, owned by the
participant) was proposed by the owner and planned; activity ``b`` (a Norwegian course) was proposed by the
partner.

Successful requests to the routes in ``LOGGED_ROUTES`` write exactly one access-log row (the gate's read of the
pathway or, for a new pathway, of the participant); the others none.
"""

import datetime as dt
from dataclasses import dataclass

from samspill.access.selectors import access_participant, access_pathway, pathways_for_actor
from samspill.core.roles import Purpose
from samspill.pathways.services import (
    activity_propose,
    activity_set_status,
    agreement_sign,
    agreement_version_create,
    goal_add,
    pathway_create,
    pathway_member_add,
    pathway_move,
)
from samspill.pathways.stages import ActivityKind, ActivityStatus, PathwayRole, Stage
from samspill.testing.persona_cases import ApiCase
from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
TEAM = {"employer_contact", "partner"}  # on the team, not job specialists
READERS = CASE | {"participant"} | TEAM
SIGNED_IN = set(PERSONA_NAMES) - {"anonymous"}
CASE_ROLES = CASE | {"colleague_without_access", "other_organisation"}


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 401, **special: int) -> dict[str, int]:
    table = {persona: ok if persona in allowed else denied for persona in SIGNED_IN}
    return {**table, "anonymous": anonymous, **special}


def readers_only(allowed: set, ok: int) -> dict[str, int]:
    """``allowed`` get ``ok``; the other readers of the pathway 403; everyone else 404."""
    return statuses(allowed, ok, **{persona: 403 for persona in READERS - allowed})


@dataclass
class PathwaySetup:
    pathway: object
    activity_a: object
    activity_b: object
    school_member: object


def prepare(world) -> PathwaySetup:
    """Makes the pathway the cases work on (see the module's docstring). Call it outside the per-persona
    savepoints; calling it again returns what it made."""
    existing = getattr(world, "pathway_setup", None)
    if existing is not None:
        return existing
    owner, participant = world.user("owner"), world.user("participant")
    start = dt.date(2025, 1, 6)
    pathway = pathway_create(
        actor=owner,
        participant_access=access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT),
        path="employment",
        started_on=start,
    )
    as_owner = access_pathway(owner, pathway.pk)
    agreement_version_create(actor=owner, access=as_owner, text="We work together towards a job.", language="nb")
    agreement_sign(actor=participant, access=access_pathway(participant, pathway.pk))
    agreement_sign(actor=owner, access=as_owner)
    pathway = pathway_move(actor=owner, access=as_owner, to_stage=Stage.VOCATIONAL_PROFILING, effective_date=start)
    as_owner = access_pathway(owner, pathway.pk)
    for persona, role, organisation in (
        ("employer_contact", PathwayRole.EMPLOYER, "employer"),
        ("partner", PathwayRole.SCHOOL, "school"),
        ("mentor", PathwayRole.MENTOR, "ngo"),
    ):
        member = pathway_member_add(
            actor=owner,
            access=as_owner,
            user=world.user(persona),
            role=role,
            organisation=world.organisations[organisation],
        )
        if persona == "partner":
            school_member = member
    agreement_version_create(
        actor=owner, access=as_owner, text="We work together towards a job, with the employer.", language="nb"
    )
    goal_add(actor=participant, access=access_pathway(participant, pathway.pk), text="Jobbe som baker.")
    activity_a = activity_propose(
        actor=owner,
        access=as_owner,
        data={"kind": ActivityKind.CV, "title": "Write a CV", "owner_role": PathwayRole.PARTICIPANT},
    )
    activity_set_status(actor=owner, access=as_owner, activity_id=activity_a.pk, status=ActivityStatus.PLANNED)
    activity_b = activity_propose(
        actor=world.user("partner"),
        access=access_pathway(world.user("partner"), pathway.pk),
        data={"kind": ActivityKind.LANGUAGE_COURSE, "title": "Norwegian B1 course"},
    )
    world.pathway_setup = PathwaySetup(
        pathway=pathway, activity_a=activity_a, activity_b=activity_b, school_member=school_member
    )
    return world.pathway_setup


def _setup(f) -> PathwaySetup:
    setup = getattr(f.world, "pathway_setup", None)
    assert setup is not None, "call persona_cases_pathways.prepare(world) before running the pathway cases"
    return setup


def _pathway(f) -> str:
    return f"/api/v1/pathways/{_setup(f).pathway.pk}"


def _activity(name: str):
    return lambda f: f"{_pathway(f)}/activities/{getattr(_setup(f), name).pk}"


def body(case: ApiCase, f) -> dict:
    return case.data(f) if callable(case.data) else case.data


# "METHOD /path" -> persona -> status, in the prepared world. Read by a meta-test: keep it one dict.
API_EXPECTED_STATUS = {
    "GET /api/v1/pathways/": statuses(SIGNED_IN, 200),
    # Job specialists and coordinators may open pathways, for the participants they follow up; others may not.
    "POST /api/v1/pathways/": statuses(CASE, 201, denied=403, colleague_without_access=404, other_organisation=404),
    "GET /api/v1/pathways/{pathway_id}": statuses(READERS, 200),
    "POST /api/v1/pathways/{pathway_id}/moves": readers_only(CASE, 201),
    "PUT /api/v1/pathways/{pathway_id}/stage-notes/{stage}": readers_only(CASE | {"participant"}, 200),
    "POST /api/v1/pathways/{pathway_id}/team": readers_only(CASE, 201),
    "DELETE /api/v1/pathways/{pathway_id}/team/{member_id}": readers_only(CASE, 204),
    # Only a mentor on the team declares; the readers are refused, the rest do not find the pathway.
    "POST /api/v1/pathways/{pathway_id}/confidentiality": statuses(
        {"mentor"}, 200, **{persona: 403 for persona in READERS}
    ),
    "POST /api/v1/pathways/{pathway_id}/agreement/versions": readers_only(CASE, 201),
    # The parties sign: the participant, the responsible job specialist and the employer on the team.
    "POST /api/v1/pathways/{pathway_id}/agreement/signatures": readers_only(
        {"owner", "participant", "employer_contact"}, 201
    ),
    "POST /api/v1/pathways/{pathway_id}/goals": statuses(READERS, 201),
    "POST /api/v1/pathways/{pathway_id}/activities": statuses(READERS, 201),
    # Activity a was proposed by the owner: the job specialists change it, the others may not.
    "PATCH /api/v1/pathways/{pathway_id}/activities/{activity_id}": readers_only(CASE, 200),
    # Activity a is owned by the participant: the job specialists and the participant move it.
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/status": readers_only(CASE | {"participant"}, 200),
    # Activity b was proposed by the partner, whose party has agreed already.
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/agreements": statuses(
        READERS - {"partner"}, 201, partner=422
    ),
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/comments": statuses(READERS, 201),
    "POST /api/v1/pathways/{pathway_id}/benefit-periods": readers_only(CASE, 201),
}

_ROUTES = {
    # key -> (Django URL name, url, body)
    "GET /api/v1/pathways/": ("api:pathways_list", lambda f: "/api/v1/pathways/", {}),
    "POST /api/v1/pathways/": (
        "api:pathways_create",
        lambda f: "/api/v1/pathways/",
        lambda f: {"participant": str(f.world.participant.pk), "path": "entrepreneurship"},
    ),
    "GET /api/v1/pathways/{pathway_id}": ("api:pathways_get", _pathway, {}),
    "POST /api/v1/pathways/{pathway_id}/moves": (
        "api:pathways_move",
        lambda f: f"{_pathway(f)}/moves",
        {"to_stage": "engagement", "reason": "The agreement changed: we start again."},
    ),
    "PUT /api/v1/pathways/{pathway_id}/stage-notes/{stage}": (
        "api:pathways_stage_note_save",
        lambda f: f"{_pathway(f)}/stage-notes/vocational_profiling",
        {"participant_words": "Jeg har bakt brød i ti år."},
    ),
    "POST /api/v1/pathways/{pathway_id}/team": (
        "api:pathways_member_add",
        lambda f: f"{_pathway(f)}/team",
        lambda f: {"user": str(f.world.user("other_organisation").pk), "role": "municipality"},
    ),
    "DELETE /api/v1/pathways/{pathway_id}/team/{member_id}": (
        "api:pathways_member_remove",
        lambda f: f"{_pathway(f)}/team/{_setup(f).school_member.pk}",
        {},
    ),
    "POST /api/v1/pathways/{pathway_id}/confidentiality": (
        "api:pathways_confidentiality_declare",
        lambda f: f"{_pathway(f)}/confidentiality",
        {},
    ),
    "POST /api/v1/pathways/{pathway_id}/agreement/versions": (
        "api:pathways_agreement_version_create",
        lambda f: f"{_pathway(f)}/agreement/versions",
        {"text": "Version three.", "language": "nb"},
    ),
    "POST /api/v1/pathways/{pathway_id}/agreement/signatures": (
        "api:pathways_agreement_sign",
        lambda f: f"{_pathway(f)}/agreement/signatures",
        {"version": 2},
    ),
    "POST /api/v1/pathways/{pathway_id}/goals": (
        "api:pathways_goal_add",
        lambda f: f"{_pathway(f)}/goals",
        {"text": "Get a permanent job.", "language": "en"},
    ),
    "POST /api/v1/pathways/{pathway_id}/activities": (
        "api:pathways_activity_propose",
        lambda f: f"{_pathway(f)}/activities",
        {"kind": "meeting", "title": "Meeting with the bakery", "interpreter": True, "meeting_language": "ar"},
    ),
    "PATCH /api/v1/pathways/{pathway_id}/activities/{activity_id}": (
        "api:pathways_activity_update",
        _activity("activity_a"),
        {"title": "Write a CV in Norwegian", "due_date": "2025-03-01"},
    ),
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/status": (
        "api:pathways_activity_set_status",
        lambda f: f"{_activity('activity_a')(f)}/status",
        {"status": "in_progress"},
    ),
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/agreements": (
        "api:pathways_activity_agree",
        lambda f: f"{_activity('activity_b')(f)}/agreements",
        {},
    ),
    "POST /api/v1/pathways/{pathway_id}/activities/{activity_id}/comments": (
        "api:pathways_activity_comment",
        lambda f: f"{_activity('activity_a')(f)}/comments",
        {"text": "I can bring my old certificates."},
    ),
    "POST /api/v1/pathways/{pathway_id}/benefit-periods": (
        "api:pathways_benefit_period_record",
        lambda f: f"{_pathway(f)}/benefit-periods",
        {"start": "2025-01-01", "end": "2025-06-30", "benefit": "introduction"},
    ),
}
assert set(_ROUTES) == set(API_EXPECTED_STATUS)

API_CASES = [
    ApiCase(route=name, method=key.split()[0].lower(), url=url, expected=API_EXPECTED_STATUS[key], data=data, key=key)
    for key, (name, url, data) in _ROUTES.items()
]

# Successful requests to these write exactly one access-log row; successful requests to the others none.
LOGGED_ROUTES = frozenset(case.route for case in API_CASES) - {
    "api:pathways_list",
    "api:pathways_confidentiality_declare",
}


def visible_pathway_ids(actor) -> set:
    return set(pathways_for_actor(actor).values_list("pk", flat=True))
