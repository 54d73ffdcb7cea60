"""Persona expectations for the routes of matching/ (suggestions and weights), for the project's persona meta-test
(tests/test_personas.py). Only the participant's case workers see suggestions and only a coordinator the weights;
everyone else gets "not found"."""

from samspill.employers.tests.helpers import make_opportunity, make_pathway
from samspill.testing.persona_cases import Case, statuses

CASE = {"owner", "colleague_with_access", "coordinator"}
LOGGING_ROUTES = {"matching:suggestions"}


def prepare(world):
    if getattr(world, "matching_prepared", None) is None:
        make_pathway(world)
        world.matching_prepared = make_opportunity(world, kind="job", title="Baker", norwegian_level="")
    return world.matching_prepared


WEB_CASES = [
    Case(
        "matching:suggestions",
        "get",
        lambda f: f"/participants/{f.world.participant.pk}/suggestions/",
        statuses(CASE, 200),
    ),
    Case(
        "matching:decide",
        "post",
        lambda f: f"/participants/{f.world.participant.pk}/suggestions/decide/",
        statuses(CASE, 302),
        data=lambda f: {"kind": "job", "target": f.world.matching_prepared.pk, "decision": "rejected", "reason": "No."},
    ),
    Case(
        "matching:wishes",
        "post",
        lambda f: f"/participants/{f.world.participant.pk}/suggestions/wishes/",
        statuses(CASE, 302),
        data={"occupations": "7512", "opportunity_kinds": ["job"]},
    ),
    # Only a coordinator sets the weights of their own organisation.
    Case("matching:weights", "get", lambda f: "/matching/weights/", statuses({"coordinator"}, 200)),
    Case(
        "matching:weights_save",
        "post",
        lambda f: f"/matching/weights/{f.world.organisations['nav'].pk}/job/",
        statuses({"coordinator"}, 302),
        data={"w-skills": "40"},
    ),
]
