"""The matcher's side of the demo: stated wishes for most participants still looking for work, recorded by their
job specialist through the real service, so that the suggestions page shows the preference factor at work."""

import random

from samspill.access.selectors import access_participant
from samspill.core.roles import Purpose
from samspill.matching.services import wishes_save
from samspill.pathways.models import Pathway
from samspill.people.models import WorkExperience

KINDS = ("job", "work_trial", "language_practice", "apprenticeship", "subsidised_job")
TOPICS = ("norwegian_practice", "job_search", "cv", "networking", "field_guidance")
SHARE_WITH_WISHES = 0.7


def build_wishes(*, rng: random.Random) -> int:
    """Wishes for participants on an open employment pathway: the groups (three digits) of the occupations they
    worked in, one or two kinds of opportunity and mentor topics. Returns how many were recorded."""
    pathways = (
        Pathway.objects.filter(
            path="employment", closed_on__isnull=True, participant__assigned_specialist__isnull=False
        )
        .select_related("participant__assigned_specialist")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )
    experience: dict = {}
    for participant_id, code in WorkExperience.objects.exclude(occupation_code="").values_list(
        "participant_id", "occupation_code"
    ):
        experience.setdefault(participant_id, []).append(code[:3])
    recorded = 0
    for pathway in pathways:
        if rng.random() >= SHARE_WITH_WISHES:
            continue
        participant = pathway.participant
        specialist = participant.assigned_specialist
        access = access_participant(specialist, participant.pk, Purpose.CASE_MANAGEMENT)
        wishes_save(
            actor=specialist,
            access=access,
            data={
                "occupations": sorted(set(experience.get(participant.pk, [])))[:2],
                "opportunity_kinds": rng.sample(KINDS, rng.choice((1, 2))),
                "mentor_topics": rng.sample(TOPICS, rng.choice((1, 2))),
                "mentor_kind": rng.choice(("", "", "migrant_peer", "native_professional")),
            },
        )
        recorded += 1
    return recorded
