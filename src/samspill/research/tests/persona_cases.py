"""Persona expectations for the routes of research/, for the project's persona meta-test (tests/test_personas.py).
Only the project's member researcher gets anything; every other persona gets "not found", the anonymous visitor
the login page. No research route shows a person, so none logs a read."""

from samspill.research.models import RunStatus
from samspill.research.services import analysis_run_execute, analysis_run_request, cohort_create
from samspill.research.tests.conftest import build_research_world
from samspill.testing.persona_cases import Case, statuses
from samspill.testing.personas import PERSONA_NAMES

LOGGED_IN = set(PERSONA_NAMES) - {"anonymous"}
LOGGING_ROUTES = frozenset()  # no research page shows a person
RESEARCHER = {"researcher"}


def prepare(world):
    """The research world (24 synthetic people) and one finished analysis; idempotent."""
    if getattr(world, "research_prepared", None) is None:
        build_research_world(world)
        researcher = world.user("researcher")
        cohort = cohort_create(actor=researcher, project=world.project, name="Alle", filters={}, months=24)
        run = analysis_run_request(actor=researcher, project=world.project, cohort=cohort, parameters={"clusters": 2})
        assert analysis_run_execute(run_id=run.pk).status == RunStatus.DONE
        world.research_prepared = (cohort, run)
    return world.research_prepared


def _project(f) -> str:
    return f"/research/{f.world.project.pk}"


def _run(f) -> str:
    return f"{_project(f)}/runs/{f.world.research_prepared[1].pk}"


WEB_CASES = [
    Case("research:projects", "get", lambda f: "/research/", statuses(LOGGED_IN, 200)),
    Case("research:project", "get", lambda f: f"{_project(f)}/", statuses(RESEARCHER, 200)),
    Case("research:cohort_new", "get", lambda f: f"{_project(f)}/cohorts/new/", statuses(RESEARCHER, 200)),
    Case(
        "research:cohort_new",
        "post",
        lambda f: f"{_project(f)}/cohorts/new/",
        statuses(RESEARCHER, 302),
        data={"name": "Ny kohort", "months": 24},
    ),
    Case("research:context_new", "get", lambda f: f"{_project(f)}/context/new/", statuses(RESEARCHER, 200)),
    Case(
        "research:run_new",
        "post",
        lambda f: f"{_project(f)}/runs/new/",
        statuses(RESEARCHER, 302),
        data=lambda f: {"cohort": f.world.research_prepared[0].pk, "method": "OM", "sm": "TRATE", "clusters": 2},
    ),
    Case("research:run_detail", "get", lambda f: f"{_run(f)}/", statuses(RESEARCHER, 200)),
    Case("research:run_status", "get", lambda f: f"{_run(f)}/status/", statuses(RESEARCHER, 200)),
    Case("research:run_figure", "get", lambda f: f"{_run(f)}/figures/chronogram.png", statuses(RESEARCHER, 200)),
    Case("research:run_download", "get", lambda f: f"{_run(f)}/download/sequences.csv", statuses(RESEARCHER, 200)),
]
