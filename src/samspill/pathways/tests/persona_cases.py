"""Persona expectations for every pathway page, in the shape of ``tests/test_personas.py``'s ``Case``.

Each case's ``url`` builds (or finds) the pathway world through the services when it is called: the meta-test calls
it inside the persona's savepoint and before it takes its fingerprint, so the setup is neither a write of the
request nor a read it logged. The world: Amina's employment pathway (owner responsible, the participant on the
team), agreement version 1 unsigned, one activity proposed by the owner with the participant responsible, and the
mentor on the team without a confidentiality declaration. The employer contact is not on the team.
"""

from dataclasses import dataclass, field

from samspill.access.selectors import access_participant, access_pathway
from samspill.core.roles import Purpose
from samspill.pathways import services
from samspill.pathways.models import Activity, Pathway, PathwayMember
from samspill.pathways.stages import Path, PathwayRole
from samspill.testing.personas import PERSONA_NAMES


@dataclass
class Case:
    route: str
    method: str
    url: object
    expected: dict[str, int]
    data: dict = field(default_factory=dict)
    json: bool = False


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 302) -> dict[str, int]:
    table = {persona: (ok if persona in allowed else denied) for persona in PERSONA_NAMES}
    table["anonymous"] = anonymous
    return table


CASE = {"owner", "colleague_with_access", "coordinator"}
CASE_ROLES = CASE | {"colleague_without_access", "other_organisation"}
READERS = CASE | {"participant"}
LISTERS = CASE_ROLES | {"participant", "other_participant", "employer_contact", "partner", "mentor"}


@dataclass
class PathwaySetup:
    pathway: Pathway
    activity: Activity
    mentor: PathwayMember


def pathway_setup(world) -> PathwaySetup:
    """The pathway world described above; found again if it is already there."""
    owner = world.user("owner")
    pathway = Pathway.objects.filter(participant=world.participant, path=Path.EMPLOYMENT).first()
    if pathway is None:
        participant_access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
        pathway = services.pathway_create(actor=owner, participant_access=participant_access, path=Path.EMPLOYMENT)
        access = access_pathway(owner, pathway.pk)
        services.agreement_version_create(
            actor=owner, access=access, text="We work together towards a job.", language="nb"
        )
        services.activity_propose(
            actor=owner,
            access=access,
            data={"kind": "cv", "title": "Write a CV", "owner_role": PathwayRole.PARTICIPANT},
        )
        services.pathway_member_add(actor=owner, access=access, user=world.user("mentor"), role=PathwayRole.MENTOR)
    return PathwaySetup(
        pathway=pathway,
        activity=Activity.objects.filter(pathway=pathway).order_by("created_at").first(),
        mentor=PathwayMember.objects.get(pathway=pathway, role=PathwayRole.MENTOR, user=world.user("mentor")),
    )


def _p(f) -> str:
    return f"/pathways/{pathway_setup(f.world).pathway.pk}"


def _a(f) -> str:
    setup = pathway_setup(f.world)
    return f"/pathways/{setup.pathway.pk}/activities/{setup.activity.pk}"


WEB_CASES = [
    Case("pathways:board", "get", lambda f: "/pathways/", statuses(CASE_ROLES, 200)),
    Case("pathways:mine", "get", lambda f: "/pathways/mine/", statuses(LISTERS, 200)),
    Case(
        "pathways:participant_pathways",
        "get",
        lambda f: f"/participants/{f.world.participant.pk}/pathways/",
        statuses(READERS, 200),
    ),
    Case(
        "pathways:participant_pathways",
        "post",
        lambda f: f"/participants/{f.world.participant.pk}/pathways/",
        statuses(CASE, 302),
        data={"path": "entrepreneurship"},
    ),
    Case("pathways:detail", "get", lambda f: f"{_p(f)}/", statuses(READERS, 200)),
    Case(
        "pathways:move",
        "post",
        lambda f: f"{_p(f)}/move/",
        statuses(CASE, 302),
        data={"move": "close", "outcome": "other"},
    ),
    Case(
        "pathways:benefit_period",
        "post",
        lambda f: f"{_p(f)}/benefit-periods/",
        statuses(CASE, 302),
        data={"benefit": "introduction", "start": "2025-01-06", "end": "2025-06-30"},
    ),
    Case("pathways:stage_note", "get", lambda f: f"{_p(f)}/stages/engagement/", statuses(READERS, 200)),
    Case(
        "pathways:stage_note",
        "post",
        lambda f: f"{_p(f)}/stages/engagement/",
        statuses(READERS, 302),
        data={"participant_words": "I want to bake bread.", "participant_agrees": "on"},
    ),
    Case(
        "pathways:member_add",
        "post",
        lambda f: f"{_p(f)}/team/add/",
        statuses(CASE, 302),
        data={"username": "partner", "role": "school"},
    ),
    Case(
        "pathways:member_remove",
        "post",
        lambda f: f"{_p(f)}/team/{pathway_setup(f.world).mentor.pk}/remove/",
        statuses(CASE, 302),
    ),
    Case("pathways:agreement", "get", lambda f: f"{_p(f)}/agreement/", statuses(READERS, 200)),
    Case(
        "pathways:agreement_new",
        "post",
        lambda f: f"{_p(f)}/agreement/new/",
        statuses(CASE, 302),
        data={"text": "We work together towards a job in a bakery.", "language": "nb"},
    ),
    # Only the parties sign: the responsible job specialist and the participant (the mentor has not declared yet).
    Case(
        "pathways:agreement_sign", "post", lambda f: f"{_p(f)}/agreement/sign/", statuses({"owner", "participant"}, 302)
    ),
    Case("pathways:confidentiality", "get", lambda f: f"{_p(f)}/confidentiality/", statuses({"mentor"}, 200)),
    Case(
        "pathways:confidentiality",
        "post",
        lambda f: f"{_p(f)}/confidentiality/",
        statuses({"mentor"}, 302),
        data={"confirm": "on"},
    ),
    Case("pathways:plan", "get", lambda f: f"{_p(f)}/plan/", statuses(READERS, 200)),
    Case(
        "pathways:goal_add",
        "post",
        lambda f: f"{_p(f)}/plan/goals/add/",
        statuses(READERS, 302),
        data={"text": "Work in a bakery", "language": "en"},
    ),
    Case(
        "pathways:activity_add",
        "post",
        lambda f: f"{_p(f)}/plan/activities/add/",
        statuses(READERS, 302),
        data={"kind": "job_search", "title": "Visit bakeries"},
    ),
    # The activity was proposed by the owner: the job specialists edit it; the participant did not propose it.
    Case("pathways:activity_edit", "get", lambda f: f"{_a(f)}/edit/", statuses(CASE, 200)),
    Case(
        "pathways:activity_status",
        "post",
        lambda f: f"{_a(f)}/status/",
        statuses(READERS, 302),
        data={"status": "planned"},
    ),
    Case("pathways:activity_agree", "post", lambda f: f"{_a(f)}/agree/", statuses(READERS, 302)),
    Case(
        "pathways:activity_comment",
        "post",
        lambda f: f"{_a(f)}/comment/",
        statuses(READERS, 302),
        data={"text": "Fine."},
    ),
]
