"""Fixed test personas (after healthchecks): one who owns the data, a colleague with access, colleagues without,
and every other role. All people are synthetic."""

import datetime as dt
from dataclasses import dataclass, field

from samspill.accounts.models import Organisation, User
from samspill.accounts.services import membership_add, organisation_create, team_create, user_create
from samspill.core.roles import OrganisationKind, Role
from samspill.people.models import Participant
from samspill.people.services import participant_create
from samspill.people.validators import make_synthetic_national_id

PASSWORD = "correct-horse-battery-staple-42"

# Persona name -> (role, organisation key). ``participant`` and ``other_participant`` are linked to participant
# records below; ``anonymous`` is not a user.
PERSONAS = {
    "owner": (Role.JOB_SPECIALIST, "nav"),
    "colleague_with_access": (Role.JOB_SPECIALIST, "nav"),
    "colleague_without_access": (Role.JOB_SPECIALIST, "nav"),
    "coordinator": (Role.COORDINATOR, "nav"),
    "other_organisation": (Role.JOB_SPECIALIST, "kommune"),
    "participant": (Role.PARTICIPANT, "nav"),
    "other_participant": (Role.PARTICIPANT, "kommune"),
    "employer_contact": (Role.EMPLOYER_CONTACT, "employer"),
    "partner": (Role.PARTNER_SERVICE, "school"),
    "mentor": (Role.MENTOR, "ngo"),
    "researcher": (Role.RESEARCHER, "university"),
    "administrator": (Role.ADMINISTRATOR, "nav"),
}
PERSONA_NAMES = [*PERSONAS, "anonymous"]


@dataclass
class World:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    participant: Participant | None = None
    other_participant: Participant | None = None
    team: object = None

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)


def synthetic_national_id(birth_date: dt.date, start: int = 100) -> str:
    for individual in range(start, 500):
        value = make_synthetic_national_id(birth_date, individual)
        if value:
            return value
    raise AssertionError("no valid synthetic number")


def build_world(*, with_passwords: frozenset[str] = frozenset()) -> World:
    """``with_passwords``: the personas who log in with a password (Argon2 is slow on purpose; the rest use
    force_login)."""
    world = World()
    specs = {
        "nav": ("NAV Sandefjord", OrganisationKind.NAV_OFFICE, "3907"),
        "kommune": ("Ålesund kommune", OrganisationKind.MUNICIPALITY, "1508"),
        "employer": ("Vestfold Bakeri AS", OrganisationKind.EMPLOYER, "3907"),
        "school": ("Sandefjord voksenopplæring", OrganisationKind.EDUCATION_PROVIDER, "3907"),
        "ngo": ("Flyktninghjelpen mentorprogram", OrganisationKind.NGO, "3907"),
        "university": ("Universitetet i Sørøst-Norge", OrganisationKind.RESEARCH_INSTITUTION, "3907"),
    }
    for key, (name, kind, municipality) in specs.items():
        world.organisations[key] = organisation_create(
            actor=None, name=name, kind=kind, municipality_number=municipality
        )
    for persona, (role, org_key) in PERSONAS.items():
        user = user_create(
            actor=None,
            username=persona,
            password=PASSWORD if persona in with_passwords else None,
            first_name=persona.replace("_", " ").title(),
            last_name="Testesen",
        )
        membership_add(actor=None, user=user, organisation=world.organisations[org_key], role=role)
        world.users[persona] = user
    world.team = team_create(
        actor=None,
        organisation=world.organisations["nav"],
        name="Team Sandefjord",
        members=[world.users["colleague_with_access"]],
    )
    world.participant = participant_create(
        actor=world.users["owner"],
        organisation=world.organisations["nav"],
        data={
            "given_name": "Amina",
            "family_name": "Haddad",
            "birth_date": dt.date(1991, 3, 14),
            "national_id": synthetic_national_id(dt.date(1991, 3, 14)),
            "country_of_birth": "SY",
            "citizenship": "SY",
            "municipality_number": "3907",
            "preferred_language": "ar",
            "assigned_team": world.team,
            "assigned_specialist": world.users["owner"],
            "email": "amina@example.org",
        },
    )
    world.participant.user = world.users["participant"]
    world.participant.save(update_fields=["user"])
    world.other_participant = participant_create(
        actor=world.users["other_organisation"],
        organisation=world.organisations["kommune"],
        data={
            "given_name": "Yonas",
            "family_name": "Tesfaye",
            "birth_date": dt.date(1988, 11, 2),
            "country_of_birth": "ER",
            "municipality_number": "1508",
            "preferred_language": "ti",
        },
    )
    world.other_participant.user = world.users["other_participant"]
    world.other_participant.save(update_fields=["user"])
    return world
