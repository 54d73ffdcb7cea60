"""Peer mentoring in the demo: a profile for every mentor, and mentorships for the participants who consented to
share their profile with a mentor — proposed by their job specialist, most accepted, through the real services."""

import random

from samspill.access.selectors import access_participant
from samspill.core.errors import ApplicationError
from samspill.core.roles import Purpose
from samspill.demo.origins import BY_COUNTRY
from samspill.peers.services import mentor_profile_save, mentorship_accept, mentorship_propose

TOPICS = ("norwegian_practice", "job_search", "cv", "networking", "entrepreneurship", "field_guidance")
FIELDS = ("5120", "5223", "5321", "7411", "2512", "4110", "9112", "8322")


def build_peers(*, mentors, mentor_origin: dict, municipality_of: dict, shared: list, rng: random.Random) -> None:
    """``mentors``: the mentor users; ``mentor_origin``: user id -> country ("NO" for natives); ``municipality_of``:
    user id -> the mentor organisation's municipality; ``shared``: (specialist, participant id, mentor) for each
    active consent to share with a mentor."""
    for mentor in mentors:
        country = mentor_origin[mentor.pk]
        native = country == "NO"
        languages = [{"language": "nb", "level": "native" if native else rng.choice(("B2", "C1"))}]
        if not native:
            mother = BY_COUNTRY[country].mother_tongues[0][0] if country in BY_COUNTRY else "ar"
            languages.append({"language": mother, "level": "native"})
        languages.append({"language": "en", "level": rng.choice(("B1", "B2", "C1"))})
        mentor_profile_save(
            actor=mentor,
            data={
                "kind": "native_professional" if native else "migrant_peer",
                "field_occupation_code": rng.choice(FIELDS),
                "languages": languages,
                "topics": sorted(rng.sample(TOPICS, 3)),
                "capacity": rng.randint(2, 4),
                "availability": rng.choice(("Kvelder", "Helger", "Torsdager etter kl. 16", "Etter avtale")),
                "municipality_number": municipality_of[mentor.pk],
            },
        )
    for specialist, participant_id, mentor in shared:
        try:
            access = access_participant(specialist, participant_id, Purpose.CASE_MANAGEMENT)
            proposal = mentorship_propose(actor=specialist, participant_access=access, mentor=mentor)
        except ApplicationError:
            continue  # the mentor is full: the consent stays, the proposal waits for a free place
        if rng.random() < 0.75:
            mentorship_accept(actor=mentor, mentorship_id=proposal.pk)
