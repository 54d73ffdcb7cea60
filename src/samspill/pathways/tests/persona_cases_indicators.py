"""Persona expectations for the indicators page, the events import and the agreement PDF, for the project's persona
meta-tests (tests/test_personas.py and api/tests/test_personas_api.py).

``Case`` and ``ApiCase`` here have the same fields as the meta-tests' own (duck-typed, so this module imports
neither and cannot make an import cycle when they import it). The agreement PDF needs a pathway of
world.participant with an agreement version: call :func:`prepare` once on the world in the meta-tests' fixture
(it is idempotent and uses an existing pathway when there is one).
"""

import datetime as dt
from dataclasses import dataclass, field

from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
SPECIALISTS = {"owner", "colleague_with_access", "colleague_without_access", "other_organisation"}
CASE_ROLES = SPECIALISTS | {"coordinator"}
SIGNED_IN = set(PERSONA_NAMES) - {"anonymous"}


def web_statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 302) -> dict[str, int]:
    table = {persona: (ok if persona in allowed else denied) for persona in PERSONA_NAMES}
    table["anonymous"] = anonymous
    return table


def api_statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 401, **special: int) -> dict[str, int]:
    table = {persona: ok if persona in allowed else denied for persona in SIGNED_IN}
    return {**table, "anonymous": anonymous, **special}


@dataclass
class Case:
    route: str
    method: str
    url: object
    expected: dict[str, int]
    data: dict = field(default_factory=dict)
    json: bool = False


@dataclass
class ApiCase:
    route: str
    method: str
    url: object
    expected: dict[str, int]
    data: dict = field(default_factory=dict)
    json: bool = True
    key: str = ""


def prepare(world):
    """world.participant's employment pathway (made by the owner if missing) with an agreement version."""
    from samspill.access.selectors import access_participant, access_pathway
    from samspill.core.roles import Purpose
    from samspill.pathways.models import Pathway
    from samspill.pathways.services import agreement_version_create, pathway_create

    owner = world.user("owner")
    pathway = Pathway.objects.filter(participant=world.participant).order_by("created_at").first()
    if pathway is None:
        access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
        pathway = pathway_create(
            actor=owner, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6)
        )
    if not pathway.agreement_versions.exists():
        agreement_version_create(
            actor=owner, access=access_pathway(owner, pathway.pk), text="We work together towards a job.", language="nb"
        )
    return pathway


def _agreement_pdf_url(f) -> str:
    from samspill.pathways.models import AgreementVersion

    version = AgreementVersion.objects.filter(pathway__participant=f.world.participant).order_by("created_at").first()
    return f"/pathways/{version.pathway_id}/agreement/pdf/"


WEB_CASES = [
    # Coordinators see their organisations, job specialists their own caseload; everyone else: not found.
    Case("pathways:indicators", "get", lambda f: "/pathways/indicators/", web_statuses(CASE_ROLES, 200)),
    # The upload form: job specialists and coordinators (the service imports only into pathways they manage).
    Case("pathways:events_import", "get", lambda f: "/pathways/events/import/", web_statuses(CASE_ROLES, 200)),
    # A POST without a file re-shows the form with the error (200) and stores nothing.
    Case("pathways:events_import", "post", lambda f: "/pathways/events/import/", web_statuses(CASE_ROLES, 200)),
    # The participant and the pathway's case readers; team members, other specialists and everyone else: 404,
    # with no access-log row.
    Case(
        "pathways:agreement_pdf",
        "get",
        _agreement_pdf_url,
        web_statuses(CASE | {"participant"}, 200),
    ),
]

API_EXPECTED_STATUS = {
    "GET /api/v1/indicators/": api_statuses(CASE_ROLES, 200),
    # The meta-test sends a JSON body: case workers get 422 (no file in the field "file"), others 403 before the
    # body is looked at.
    "POST /api/v1/events/import": api_statuses(CASE_ROLES, 422, denied=403),
}

API_CASES = [
    ApiCase(
        route="api:indicators_get",
        method="get",
        url=lambda f: "/api/v1/indicators/",
        expected=API_EXPECTED_STATUS["GET /api/v1/indicators/"],
        key="GET /api/v1/indicators/",
    ),
    ApiCase(
        route="api:events_import",
        method="post",
        url=lambda f: "/api/v1/events/import",
        expected=API_EXPECTED_STATUS["POST /api/v1/events/import"],
        key="POST /api/v1/events/import",
    ),
]
