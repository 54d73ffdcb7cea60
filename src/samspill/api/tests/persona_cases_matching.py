"""Every route of the matching router (suggestions, mentorships, occupation search), every persona: the expected
status.

The cases need the world that :func:`prepare` makes (idempotent; it stores what it made on
``world.matching_api``): world.participant has an employment pathway, the employer has an open job "Baker" that the
matcher suggests, the mentor persona has a profile and a *proposed* mentorship with the participant, and two more
mentors (made here, not personas): ``mentor_active`` in an *active* mentorship with the participant and
``mentor_free``, whom the participant has consented to share with and who has no mentorship yet.

Successful requests to the routes in ``LOGGED_ROUTES`` write exactly one access-log row (the gate's read of the
participant); the others none. A refused request (401, 403, 404, 422) changes nothing and logs nothing.
"""

from dataclasses import dataclass

from samspill.access.selectors import access_participant
from samspill.accounts.services import membership_add, user_create
from samspill.consent.services import consent_give
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.employers.tests.helpers import make_opportunity, make_pathway
from samspill.peers.services import mentor_profile_save, mentorship_accept, mentorship_propose
from samspill.testing.persona_cases import ApiCase
from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
SIGNED_IN = set(PERSONA_NAMES) - {"anonymous"}
V1 = "/api/v1"

MENTOR_PROFILE = {
    "kind": "migrant_peer",
    "topics": ["job_search"],
    "capacity": 3,
    "municipality_number": "3907",
    "languages": [{"language": "ar", "level": "native"}],
}


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 401, **special: int) -> dict[str, int]:
    table = {persona: ok if persona in allowed else denied for persona in SIGNED_IN}
    return {**table, "anonymous": anonymous, **special}


@dataclass
class MatchingSetup:
    pathway: object
    opportunity: object
    proposed: object  # the mentor persona's proposed mentorship with world.participant
    active: object  # mentor_active's active mentorship with world.participant
    mentor_active: object
    mentor_free: object


def make_mentor(world, username: str):
    """A mentor in the NGO (not a persona) with a profile; the participant shares their profile with them."""
    user = user_create(actor=None, username=username, password=None, first_name=username.title(), last_name="Mentor")
    membership_add(actor=None, user=user, organisation=world.organisations["ngo"], role=Role.MENTOR)
    mentor_profile_save(actor=user, data=MENTOR_PROFILE)
    share_with_mentor(world, user)
    return user


def share_with_mentor(world, mentor):
    owner = world.user("owner")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    return consent_give(actor=owner, access=access, purpose=ConsentPurpose.SHARE_MENTOR, recipient_user=mentor)


def prepare(world) -> MatchingSetup:
    """Makes what the cases work on (see the module's docstring). Call it outside the per-persona savepoints."""
    existing = getattr(world, "matching_api", None)
    if existing is not None:
        return existing
    owner, mentor = world.user("owner"), world.user("mentor")
    pathway = make_pathway(world)
    opportunity = make_opportunity(world, kind="job", title="Baker", norwegian_level="")
    mentor_profile_save(actor=mentor, data=MENTOR_PROFILE)
    share_with_mentor(world, mentor)
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    proposed = mentorship_propose(actor=owner, participant_access=access, mentor=mentor)
    mentor_active = make_mentor(world, "mentor_active")
    active = mentorship_propose(actor=owner, participant_access=access, mentor=mentor_active)
    active = mentorship_accept(actor=mentor_active, mentorship_id=active.pk)
    mentor_free = make_mentor(world, "mentor_free")
    world.matching_api = MatchingSetup(pathway, opportunity, proposed, active, mentor_active, mentor_free)
    return world.matching_api


def _setup(f) -> MatchingSetup:
    setup = getattr(f.world, "matching_api", None)
    assert setup is not None, "call persona_cases_matching.prepare(world) before running the matching cases"
    return setup


def _suggestions(f) -> str:
    return f"{V1}/participants/{f.world.participant.pk}/suggestions"


def body(case: ApiCase, f) -> dict:
    return case.data(f) if callable(case.data) else case.data


# "METHOD /path" -> persona -> status, in the prepared world. Read by a meta-test: keep it one dict.
API_EXPECTED_STATUS = {
    # Only the participant's case workers: everyone else, the participant included, does not find them.
    "GET /api/v1/participants/{participant_id}/suggestions": statuses(CASE, 200),
    "POST /api/v1/participants/{participant_id}/suggestions/decisions": statuses(CASE, 201),
    "GET /api/v1/participants/{participant_id}/suggestions/feedback": statuses(CASE, 200),
    # Everyone lists their own (possibly none).
    "GET /api/v1/mentorships/": statuses(SIGNED_IN, 200),
    # The participant's side proposes: their case workers and the participant.
    "POST /api/v1/mentorships/": statuses(CASE | {"participant"}, 201),
    # Only the proposed mentor accepts; the participant's side sees the proposal and is refused.
    "POST /api/v1/mentorships/{mentorship_id}/accept": statuses(
        {"mentor"}, 200, **dict.fromkeys(CASE, 403), participant=403
    ),
    "POST /api/v1/mentorships/{mentorship_id}/decline": statuses(CASE | {"participant", "mentor"}, 200),
    # The active mentorship is mentor_active's: the mentor persona is not on it.
    "POST /api/v1/mentorships/{mentorship_id}/end": statuses(CASE | {"participant"}, 200),
    # Public reference data.
    "GET /api/v1/taxonomy/occupations/": statuses(SIGNED_IN, 200),
    # Aggregates for coordinators only.
    "GET /api/v1/matching/evaluation": statuses({"coordinator"}, 200),
}

_ROUTES = {
    # key -> (Django URL name, url, body)
    "GET /api/v1/participants/{participant_id}/suggestions": (
        "api:suggestions_list",
        lambda f: f"{_suggestions(f)}?kind=job",
        {},
    ),
    "POST /api/v1/participants/{participant_id}/suggestions/decisions": (
        "api:suggestions_decide",
        lambda f: f"{_suggestions(f)}/decisions",
        lambda f: {
            "kind": "job",
            "target": str(_setup(f).opportunity.pk),
            "decision": "rejected",
            "reason": "Works nights only.",
        },
    ),
    "GET /api/v1/participants/{participant_id}/suggestions/feedback": (
        "api:suggestions_feedback",
        lambda f: f"{_suggestions(f)}/feedback",
        {},
    ),
    "GET /api/v1/mentorships/": ("api:mentorships_list", lambda f: f"{V1}/mentorships/", {}),
    "POST /api/v1/mentorships/": (
        "api:mentorships_propose",
        lambda f: f"{V1}/mentorships/",
        lambda f: {"participant": str(f.world.participant.pk), "mentor": str(_setup(f).mentor_free.pk)},
    ),
    "POST /api/v1/mentorships/{mentorship_id}/accept": (
        "api:mentorships_accept",
        lambda f: f"{V1}/mentorships/{_setup(f).proposed.pk}/accept",
        {},
    ),
    "POST /api/v1/mentorships/{mentorship_id}/decline": (
        "api:mentorships_decline",
        lambda f: f"{V1}/mentorships/{_setup(f).proposed.pk}/decline",
        {"note": "Not now."},
    ),
    "POST /api/v1/mentorships/{mentorship_id}/end": (
        "api:mentorships_end",
        lambda f: f"{V1}/mentorships/{_setup(f).active.pk}/end",
        {"reason": "goal_reached"},
    ),
    "GET /api/v1/taxonomy/occupations/": (
        "api:taxonomy_occupations_search",
        lambda f: f"{V1}/taxonomy/occupations/?q=kokk",
        {},
    ),
    "GET /api/v1/matching/evaluation": ("api:matching_evaluation", lambda f: f"{V1}/matching/evaluation", {}),
}
assert set(_ROUTES) == set(API_EXPECTED_STATUS)

API_CASES = [
    ApiCase(route=name, method=key.split()[0].lower(), url=url, expected=API_EXPECTED_STATUS[key], data=data, key=key)
    for key, (name, url, data) in _ROUTES.items()
]

# Successful requests to these write exactly one access-log row (the gate's read of the participant).
LOGGED_ROUTES = frozenset(
    {"api:suggestions_list", "api:suggestions_decide", "api:suggestions_feedback", "api:mentorships_propose"}
)
