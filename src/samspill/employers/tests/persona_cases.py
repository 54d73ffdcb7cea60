"""Persona expectations for the routes of employers/ and programmes/ (web and API), for the project's persona
meta-test (tests/test_personas.py and api/tests/test_personas_api.py).

``WEB_CASES`` have the shape of tests/test_personas.py's ``Case`` and ``API_CASES`` that of
api/tests/test_personas_api.py's ``ApiCase``. Their ``url`` callables take the meta-test's fixture (anything with
``.world``) and need :func:`prepare` to have been called on that world first, outside the per-persona savepoints:

    from samspill.employers.tests.persona_cases import prepare
    prepare(world)   # idempotent; reuses an active employer consent the fixture already gave

``LOGGING_ROUTES``: the routes whose successful answer shows a person and so writes exactly one access-log row
(every other success writes none; every refusal writes none).
"""

import datetime as dt
from dataclasses import dataclass, field

from samspill.access.selectors import access_participant
from samspill.core.roles import Purpose
from samspill.employers.services import employer_profile_save, opportunity_create
from samspill.employers.tests.helpers import OPPORTUNITY_DATA, build_objects, make_programme
from samspill.pathways.services import pathway_create
from samspill.testing.personas import PERSONA_NAMES

CASE = {"owner", "colleague_with_access", "coordinator"}
SPECIALISTS = {"owner", "colleague_with_access", "colleague_without_access", "other_organisation"}
CASE_ROLES = SPECIALISTS | {"coordinator"}
CANNOT_MANAGE = {"colleague_without_access", "other_organisation"}  # case workers, not of this participant
LOGGED_IN = set(PERSONA_NAMES) - {"anonymous"}
EMPLOYER = {"employer_contact"}
CATALOGUE_KEEPERS = {"partner", "administrator"}


def statuses(allowed: set, ok: int, *, denied: int = 404, anonymous: int = 302, **special: int) -> dict[str, int]:
    table = {persona: (ok if persona in allowed else denied) for persona in PERSONA_NAMES}
    table["anonymous"] = anonymous
    table.update(special)
    return table


def api_statuses(allowed: set, ok: int, *, denied: int = 404, **special: int) -> dict[str, int]:
    return statuses(allowed, ok, denied=denied, anonymous=401, **special)


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


@dataclass
class Prepared:
    objects: object  # helpers.Objects: pathway, opportunity, candidate, placement, contact, programme, referral
    second_opportunity: object  # open, without candidates
    second_programme: object  # without referrals
    entrepreneurship_pathway: object  # world.participant's second pathway, without a placement


def prepare(world) -> Prepared:
    """Builds what the cases need, once per world, and fills in the request bodies that name its ids."""
    prepared = getattr(world, "employers_prepared", None) or _build(world)
    for case, body in _DEFERRED:
        case.data = body(_F(world))
    return prepared


def _build(world) -> Prepared:
    owner = world.user("owner")
    objects = build_objects(world)
    employer_profile_save(
        actor=world.user("employer_contact"),
        organisation=world.organisations["employer"],
        data={"industry_code": "10.710", "size_band": "10-49", "workplace_mentors": 2},
    )
    second_opportunity = opportunity_create(
        actor=owner,
        employer=world.organisations["employer"],
        data={**OPPORTUNITY_DATA, "title": "Kitchen assistant", "kind": "job", "occupation_code": "9412"},
    )
    second_programme = make_programme(world, name="Vocational Norwegian for bakers", seats=3)
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    entrepreneurship = pathway_create(
        actor=owner, participant_access=access, path="entrepreneurship", started_on=dt.date(2025, 1, 6)
    )
    world.employers_prepared = Prepared(objects, second_opportunity, second_programme, entrepreneurship)
    return world.employers_prepared


def _p(f) -> Prepared:
    prepared = getattr(f.world, "employers_prepared", None)
    assert prepared is not None, "call samspill.employers.tests.persona_cases.prepare(world) in the fixture"
    return prepared


def _o(f):
    return _p(f).objects


def _employer_id(f):
    return f.world.organisations["employer"].pk


WEB_CASES = [
    # Employers: opportunities and candidates
    Case(
        "employers:opportunity_list", "get", lambda f: "/employers/opportunities/", statuses(CASE_ROLES | EMPLOYER, 200)
    ),
    Case(
        "employers:opportunity_create",
        "get",
        lambda f: "/employers/opportunities/new/",
        statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    Case(
        "employers:opportunity_detail",
        "get",
        lambda f: f"/employers/opportunities/{_o(f).opportunity.pk}/",
        statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    Case(
        "employers:opportunity_edit",
        "get",
        lambda f: f"/employers/opportunities/{_o(f).opportunity.pk}/edit/",
        statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    Case(
        "employers:candidate_propose",
        "post",
        lambda f: f"/employers/opportunities/{_p(f).second_opportunity.pk}/candidates/",
        # Case workers who do not follow the participant up get the form back: the pathway is not a choice.
        statuses(CASE, 302, **dict.fromkeys(CANNOT_MANAGE, 422)),
        data={},  # filled in below: needs the pathway id
    ),
    Case(
        "employers:employer_profile",
        "get",
        lambda f: f"/employers/{_employer_id(f)}/",
        statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    # The contact log: case workers read it, job specialists write to it.
    Case("employers:contact_log", "get", lambda f: "/employers/contacts/", statuses(CASE_ROLES, 200)),
    # Placements
    Case(
        "employers:placement_list",
        "get",
        lambda f: "/employers/placements/",
        statuses(CASE_ROLES | EMPLOYER | {"participant", "other_participant"}, 200),
    ),
    Case("employers:placement_start", "get", lambda f: "/employers/placements/new/", statuses(CASE_ROLES, 200)),
    Case(
        "employers:placement_detail",
        "get",
        lambda f: f"/employers/placements/{_o(f).placement.pk}/",
        statuses(CASE | EMPLOYER | {"participant"}, 200),
    ),
    Case(
        "employers:placement_edit",
        "get",
        lambda f: f"/employers/placements/{_o(f).placement.pk}/edit/",
        statuses(CASE, 200),
    ),
    Case(
        "employers:placement_end",
        "get",
        lambda f: f"/employers/placements/{_o(f).placement.pk}/end/",
        statuses(CASE, 200),
    ),
    # Programmes
    Case("programmes:catalogue", "get", lambda f: "/programmes/", statuses(LOGGED_IN, 200)),
    Case("programmes:programme_create", "get", lambda f: "/programmes/new/", statuses(CATALOGUE_KEEPERS, 200)),
    Case(
        "programmes:programme_detail",
        "get",
        lambda f: f"/programmes/{_o(f).programme.pk}/",
        statuses(LOGGED_IN, 200),
    ),
    Case(
        "programmes:programme_edit",
        "get",
        lambda f: f"/programmes/{_o(f).programme.pk}/edit/",
        statuses(CATALOGUE_KEEPERS, 200),
    ),
    Case(
        "programmes:referral_create",
        "post",
        lambda f: f"/programmes/{_p(f).second_programme.pk}/refer/",
        statuses(CASE, 302, **dict.fromkeys(CANNOT_MANAGE, 422)),
        data={},  # filled in below
    ),
    Case(
        "programmes:referral_list", "get", lambda f: "/programmes/referrals/", statuses(CASE_ROLES | {"partner"}, 200)
    ),
    # Only the provider accepts; others who see the referral (the case, the participant) are refused alike.
    Case(
        "programmes:referral_transition",
        "post",
        lambda f: f"/programmes/referrals/{_o(f).referral.pk}/accept/",
        statuses({"partner"}, 302),
    ),
]


_DEFERRED = []  # (case, callable(f) -> body): bodies that need ids, filled in by prepare()


def _defer(case, body):
    _DEFERRED.append((case, body))
    return case


@dataclass
class _F:
    world: object


for _case in WEB_CASES:
    if _case.route in ("employers:candidate_propose", "programmes:referral_create"):
        _defer(_case, lambda f: {"pathway": str(_o(f).pathway.pk), "note": "Synthetic note."})

# Other bodies for the same routes.
WEB_EXTRA_CASES = [
    _defer(
        Case("employers:contact_log", "post", lambda f: "/employers/contacts/", statuses(SPECIALISTS, 302)),
        lambda f: {
            "date": "2025-02-03",
            "kind": "phone",
            "employer": str(_employer_id(f)),
            "outcome": "Interested in a work trial.",
        },
    ),
]
WEB_CASES = WEB_CASES + WEB_EXTRA_CASES

# ---------------------------------------------------------------------------------------------------------------
# API

_V1 = "/api/v1"
# "METHOD /path" -> (Django URL name, url, body or callable(f) -> body, expected)
_API = {
    "GET /api/v1/employers/{organisation_id}/profile": (
        "api:employer_profile_get",
        lambda f: f"{_V1}/employers/{_employer_id(f)}/profile",
        {},
        api_statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    "PATCH /api/v1/employers/{organisation_id}/profile": (
        "api:employer_profile_update",
        lambda f: f"{_V1}/employers/{_employer_id(f)}/profile",
        {"industry_code": "10", "size_band": "50-249", "municipality_number": "3907", "language_practice_places": 3},
        api_statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    "GET /api/v1/opportunities/": (
        "api:opportunities_list",
        lambda f: f"{_V1}/opportunities/",
        {},
        api_statuses(LOGGED_IN, 200),
    ),
    "POST /api/v1/opportunities/": (
        "api:opportunities_create",
        lambda f: f"{_V1}/opportunities/",
        lambda f: {**OPPORTUNITY_DATA, "employer": str(_employer_id(f))},
        api_statuses(CASE_ROLES | EMPLOYER, 201, denied=403),
    ),
    "GET /api/v1/opportunities/{opportunity_id}": (
        "api:opportunities_get",
        lambda f: f"{_V1}/opportunities/{_o(f).opportunity.pk}",
        {},
        api_statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    "PATCH /api/v1/opportunities/{opportunity_id}": (
        "api:opportunities_update",
        lambda f: f"{_V1}/opportunities/{_o(f).opportunity.pk}",
        {"positions": 3},
        api_statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    "GET /api/v1/opportunities/{opportunity_id}/candidates": (
        "api:candidates_list",
        lambda f: f"{_V1}/opportunities/{_o(f).opportunity.pk}/candidates",
        {},
        api_statuses(CASE_ROLES | EMPLOYER, 200),
    ),
    "POST /api/v1/opportunities/{opportunity_id}/candidates": (
        "api:candidates_propose",
        lambda f: f"{_V1}/opportunities/{_p(f).second_opportunity.pk}/candidates",
        lambda f: {"pathway": str(_o(f).pathway.pk)},
        api_statuses(CASE, 201, employer_contact=403, **dict.fromkeys(CANNOT_MANAGE, 422)),
    ),
    "GET /api/v1/employer-contacts/": (
        "api:employer_contacts_list",
        lambda f: f"{_V1}/employer-contacts/",
        {},
        api_statuses(LOGGED_IN, 200),
    ),
    "POST /api/v1/employer-contacts/": (
        "api:employer_contacts_create",
        lambda f: f"{_V1}/employer-contacts/",
        lambda f: {"employer": str(_employer_id(f)), "date": "2025-02-03", "kind": "email", "outcome": "Sent CVs."},
        api_statuses(SPECIALISTS, 201, denied=403),
    ),
    "GET /api/v1/employer-contacts/{contact_id}": (
        "api:employer_contacts_get",
        lambda f: f"{_V1}/employer-contacts/{_o(f).contact.pk}",
        {},
        # The log belongs to the organisation (NAV Sandefjord): its job specialists and coordinator.
        api_statuses(CASE_ROLES - {"other_organisation"}, 200),
    ),
    "GET /api/v1/placements/": (
        "api:placements_list",
        lambda f: f"{_V1}/placements/",
        {},
        api_statuses(LOGGED_IN, 200),
    ),
    "POST /api/v1/placements/": (
        "api:placements_start",
        lambda f: f"{_V1}/placements/",
        lambda f: {
            "pathway": str(_p(f).entrepreneurship_pathway.pk),
            "opportunity": str(_p(f).second_opportunity.pk),
            "start_date": "2025-04-01",
            "hours_per_week": 15,
        },
        api_statuses(CASE, 201, denied=403, **dict.fromkeys(CANNOT_MANAGE, 422)),
    ),
    "GET /api/v1/placements/{placement_id}": (
        "api:placements_get",
        lambda f: f"{_V1}/placements/{_o(f).placement.pk}",
        {},
        api_statuses(CASE | EMPLOYER | {"participant"}, 200),
    ),
    "PATCH /api/v1/placements/{placement_id}": (
        "api:placements_update",
        lambda f: f"{_V1}/placements/{_o(f).placement.pk}",
        {"follow_up_interval_days": 7},
        api_statuses(CASE, 200, employer_contact=403, participant=403),
    ),
    "POST /api/v1/placements/{placement_id}/end": (
        "api:placements_end",
        lambda f: f"{_V1}/placements/{_o(f).placement.pk}/end",
        {"end_date": "2025-06-30", "end_reason": "hired"},
        api_statuses(CASE, 200, employer_contact=403, participant=403),
    ),
    "GET /api/v1/programmes/": (
        "api:programmes_list",
        lambda f: f"{_V1}/programmes/",
        {},
        api_statuses(LOGGED_IN, 200),
    ),
    "POST /api/v1/programmes/": (
        "api:programmes_create",
        lambda f: f"{_V1}/programmes/",
        lambda f: {
            "provider": str(f.world.organisations["school"].pk),
            "name": "Job club",
            "kind": "qualification",
            "seats": 12,
        },
        api_statuses(CATALOGUE_KEEPERS, 201, denied=403),
    ),
    "GET /api/v1/programmes/{programme_id}": (
        "api:programmes_get",
        lambda f: f"{_V1}/programmes/{_o(f).programme.pk}",
        {},
        api_statuses(LOGGED_IN, 200),
    ),
    "PATCH /api/v1/programmes/{programme_id}": (
        "api:programmes_update",
        lambda f: f"{_V1}/programmes/{_o(f).programme.pk}",
        {"seats": 8},
        api_statuses(CATALOGUE_KEEPERS, 200, denied=403),
    ),
    "GET /api/v1/referrals/": ("api:referrals_list", lambda f: f"{_V1}/referrals/", {}, api_statuses(LOGGED_IN, 200)),
    "POST /api/v1/referrals/": (
        "api:referrals_create",
        lambda f: f"{_V1}/referrals/",
        lambda f: {"pathway": str(_o(f).pathway.pk), "programme": str(_p(f).second_programme.pk)},
        api_statuses(CASE, 201, denied=403, **dict.fromkeys(CANNOT_MANAGE, 422)),
    ),
    "GET /api/v1/referrals/{referral_id}": (
        "api:referrals_get",
        lambda f: f"{_V1}/referrals/{_o(f).referral.pk}",
        {},
        api_statuses(CASE | {"participant", "partner"}, 200),
    ),
    "POST /api/v1/referrals/{referral_id}/transitions": (
        "api:referrals_transition",
        lambda f: f"{_V1}/referrals/{_o(f).referral.pk}/transitions",
        {"to": "accepted"},
        # Only the provider accepts; the others who see the referral are refused.
        api_statuses({"partner"}, 200, **dict.fromkeys(CASE | {"participant"}, 403)),
    ),
}

# The routes whose success shows a person (and is logged as one read).
LOGGING_ROUTES = frozenset(
    {
        "employers:placement_detail",
        "api:placements_start",
        "api:placements_get",
        "api:placements_update",
        "api:placements_end",
        "api:referrals_create",
        "api:referrals_get",
        "api:referrals_transition",
    }
)


def _api_case(key, name, url, body, expected) -> ApiCase:
    case = ApiCase(route=name, method=key.split()[0].lower(), url=url, expected=expected, key=key)
    if callable(body):
        _defer(case, body)
    else:
        case.data = body
    return case


API_EXPECTED_STATUS = {key: expected for key, (_name, _url, _body, expected) in _API.items()}
API_CASES = [_api_case(key, *spec) for key, spec in _API.items()]
