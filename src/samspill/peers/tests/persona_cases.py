"""Persona expectations for the routes of peers/, for the project's persona meta-test (tests/test_personas.py).
``prepare(world)`` gives the mentor persona a profile, the participant's consent to share with them and a proposed
mentorship."""

from samspill.access.selectors import access_participant
from samspill.consent.services import consent_give
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.peers.services import mentor_profile_save, mentorship_propose
from samspill.testing.persona_cases import Case, statuses
from samspill.testing.personas import PERSONA_NAMES

LOGGED_IN = set(PERSONA_NAMES) - {"anonymous"}
CASE = {"owner", "colleague_with_access", "coordinator"}
PARTIES = CASE | {"participant", "mentor"}
# The routes whose successful answer shows the participant and so logs one read.
LOGGING_ROUTES = {"peers:participant_mentors"}


def prepare(world):
    if getattr(world, "peers_prepared", None) is None:
        mentor, owner = world.user("mentor"), world.user("owner")
        mentor_profile_save(
            actor=mentor,
            data={
                "kind": "migrant_peer",
                "topics": ["job_search"],
                "capacity": 3,
                "municipality_number": "3907",
                "languages": [{"language": "ar", "level": "native"}],
            },
        )
        access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
        consent_give(actor=owner, access=access, purpose=ConsentPurpose.SHARE_MENTOR, recipient_user=mentor)
        world.peers_prepared = mentorship_propose(actor=owner, participant_access=access, mentor=mentor)
    return world.peers_prepared


def _m(f) -> str:
    return f"/mentoring/{f.world.peers_prepared.pk}"


WEB_CASES = [
    Case("peers:mentor_profile", "get", lambda f: "/mentoring/profile/", statuses({"mentor"}, 200)),
    Case(
        "peers:mentor_profile",
        "post",
        lambda f: "/mentoring/profile/",
        statuses({"mentor"}, 302),
        data={
            "kind": "migrant_peer",
            "languages": "ar:native",
            "topics": ["cv"],
            "capacity": 2,
            "municipality_number": "3907",
            "active": "on",
        },
    ),
    Case("peers:mentorships", "get", lambda f: "/mentoring/", statuses(LOGGED_IN, 200)),
    Case("peers:accept", "post", lambda f: f"{_m(f)}/accept/", statuses({"mentor"}, 302)),
    Case("peers:decline", "post", lambda f: f"{_m(f)}/decline/", statuses(PARTIES, 302)),
    # Ending a proposal is refused with a message: parties are sent back to the list, nothing changes.
    Case(
        "peers:end",
        "post",
        lambda f: f"{_m(f)}/end/",
        statuses(PARTIES, 302),
        data=lambda f: {f"{f.world.peers_prepared.pk}-reason": "no_contact"},
    ),
    Case(
        "peers:session",
        "post",
        lambda f: f"{_m(f)}/sessions/",
        statuses({"participant", "mentor"}, 302),
        data=lambda f: {
            f"{f.world.peers_prepared.pk}-held_on": "2026-01-05",
            f"{f.world.peers_prepared.pk}-minutes": 30,
        },
    ),
    Case(
        "peers:participant_mentors",
        "get",
        lambda f: f"/participants/{f.world.participant.pk}/mentors/",
        statuses(CASE | {"participant"}, 200),
    ),
    Case(
        "peers:participant_mentors",
        "post",
        lambda f: f"/participants/{f.world.participant.pk}/mentors/",
        statuses(CASE | {"participant"}, 302),
        data={"mentor": ""},
    ),
]
