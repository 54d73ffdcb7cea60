"""Shared by the matching tests and the browser test."""

from samspill.access.selectors import access_participant, access_pathway
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.employers.tests.helpers import give_consent, make_opportunity, make_pathway, make_programme
from samspill.pathways.services import activity_propose
from samspill.peers.services import mentor_profile_save
from samspill.people.services import language_skill_save


def prepare_matching(world):
    """The persona world with what each matcher needs: an employment pathway with a Norwegian course in the plan,
    Arabic as mother tongue, an open job, a programme shared by consent and a peer mentor who speaks Arabic."""
    pathway = make_pathway(world)
    owner = world.user("owner")
    # Arabic as mother tongue (a peer mentor must share a language) and a Norwegian course in the plan (a need a
    # Norwegian programme meets, and planned language support).
    language_skill_save(actor=owner, access=case_access(world), data={"language": "ar", "is_mother_tongue": True})
    activity_propose(
        actor=owner, access=access_pathway(owner, pathway.pk), data={"kind": "language_course", "title": "Norsk B1"}
    )
    world.opportunity = make_opportunity(world, kind="job", title="Baker", norwegian_level="")
    give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    world.programme = make_programme(world)
    mentor_profile_save(
        actor=world.user("mentor"),
        data={
            "kind": "migrant_peer",
            "topics": ["job_search"],
            "capacity": 2,
            "municipality_number": "3907",
            "languages": [{"language": "ar", "level": "native"}],
        },
    )
    return world


def case_access(world):
    return access_participant(world.user("owner"), world.participant.pk, Purpose.CASE_MANAGEMENT)
