"""The synthetic ecosystem behind ``samspill demo``: organisations in Vestfold, Telemark and Møre og Romsdal, their
staff, and a few hundred participants with profiles, consents and a history of who did what.

Everything is written through the services, so the change log and the access log are the real ones, and everything
runs inside :func:`samspill.core.clock.simulated`: ids and timestamps come from a seeded generator and a simulated
clock, names and choices from seeded ``random.Random`` and Faker instances. The same seed gives byte-identical tables.

The story is told in order: the platform starts on :data:`PLATFORM_START` with its organisations and staff; from
:data:`FIRST_REGISTRATION` job specialists register participants, record their profiles and consents; participants
give and withdraw consents; employers, partners and mentors read what was shared with them; a share of the
participants (all of the demo job specialist's) follow a pathway to work, told in :mod:`samspill.demo.pathways` on the
same story clock. The story ends on :data:`DEMO_NOW`.
"""

import datetime as dt
import hashlib
import math
import random
import string
import time
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from samspill.access.selectors import access_participant
from samspill.accounts.models import Organisation, Team, User
from samspill.accounts.services import membership_add, organisation_create, team_create, user_create
from samspill.audit.services import change_record
from samspill.consent.models import Consent
from samspill.consent.services import consent_give, consent_withdraw
from samspill.core import clock
from samspill.core.countries import country_name
from samspill.core.languages import CEFR_LEVELS
from samspill.core.roles import ConsentPurpose, OrganisationKind, Purpose, Role
from samspill.demo.catalogue import BY_CODE, OCCUPATIONS, Occupation
from samspill.demo.matching import build_wishes
from samspill.demo.origins import (
    BY_COUNTRY,
    EARLIEST_ARRIVAL,
    EDUCATION_LEVELS,
    ORIGINS,
    Names,
    Origin,
    lithuanian_married_name,
    transliterate_ukrainian,
)
from samspill.demo.pathways import schedule as schedule_pathways
from samspill.demo.peers import build_peers
from samspill.demo.research import build_research
from samspill.people.models import (
    CaseLegalBasis,
    EducationLevel,
    HoursPreference,
    LanguageSkill,
    Participant,
    RecognitionStatus,
    ResidenceBasis,
)
from samspill.people.services import (
    health_update,
    language_skills_replace,
    participant_create,
    participant_update,
    profile_item_add,
)
from samspill.people.validators import make_synthetic_national_id

DEFAULT_SEED = 2026
DEFAULT_PARTICIPANTS = 520

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PLATFORM_START = dt.datetime(2023, 1, 2, 8, 0, tzinfo=OSLO)
FIRST_REGISTRATION = dt.date(2023, 3, 1)
TODAY = dt.date(2026, 11, 16)
DEMO_NOW = dt.datetime(2026, 11, 16, 16, 0, tzinfo=OSLO)

CASELOAD_TARGET = 18  # a job specialist's own participants (SE fidelity: at most 20–25 in all)
CASELOAD_MAX = 22  # plus at most two new referrals waiting in the team's queue
DEMO_CASELOAD = 19  # the demo job specialist's own caseload, the demo participant included


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(Role.PARTICIPANT, "deltaker"),
    DemoAccount(Role.JOB_SPECIALIST, "jobbspesialist"),
    DemoAccount(Role.COORDINATOR, "koordinator"),
    DemoAccount(Role.EMPLOYER_CONTACT, "arbeidsgiver"),
    DemoAccount(Role.PARTNER_SERVICE, "partner"),
    DemoAccount(Role.MENTOR, "mentor"),
    DemoAccount(Role.RESEARCHER, "forsker"),
    DemoAccount(Role.ADMINISTRATOR, "admin"),
)
DEMO_USERNAMES = tuple(account.username for account in DEMO_ACCOUNTS)

# Municipality numbers of 2024 and names, for the municipalities the demo uses.
MUNICIPALITIES = {
    "3901": "Horten", "3903": "Holmestrand", "3905": "Tønsberg", "3907": "Sandefjord", "3909": "Larvik",
    "3911": "Færder",
    "4001": "Porsgrunn", "4003": "Skien", "4005": "Notodden", "4010": "Siljan", "4012": "Bamble", "4018": "Nome",
    "4020": "Midt-Telemark", "4024": "Hjartdal", "4026": "Tinn",
    "1505": "Kristiansund", "1506": "Molde", "1508": "Ålesund", "1516": "Ulstein", "1520": "Ørsta",
    "1531": "Sula", "1532": "Giske", "1535": "Vestnes", "1539": "Rauma", "1547": "Aukra", "1554": "Averøy",
    "1576": "Aure", "1577": "Volda", "1579": "Hustadvika", "1580": "Haram",
}  # fmt: skip
REGIONS = {"39": "Vestfold", "40": "Telemark", "15": "Møre og Romsdal"}
# Where people followed up by an office may live, besides the office's own municipality.
NEIGHBOURS = {
    "3901": ("3903", "3905"), "3905": ("3911", "3903", "3901"), "3907": ("3909", "3905"), "3909": ("3907",),
    "4001": ("4012", "4003"), "4003": ("4001", "4010", "4018"), "4005": ("4024", "4020", "4026"),
    "1505": ("1554", "1576"), "1506": ("1579", "1547", "1535"), "1508": ("1531", "1532", "1580"),
    "1520": ("1577",),
}  # fmt: skip

NAV, MUNICIPALITY = OrganisationKind.NAV_OFFICE, OrganisationKind.MUNICIPALITY
# (key, name, kind, municipality number, share of participants for the offices that follow people up)
ORGANISATIONS = (
    ("nav-horten", "NAV Horten", NAV, "3901", 3),
    ("nav-tonsberg", "NAV Tønsberg", NAV, "3905", 6),
    ("nav-sandefjord", "NAV Sandefjord", NAV, "3907", 7),
    ("nav-larvik", "NAV Larvik", NAV, "3909", 5),
    ("nav-porsgrunn", "NAV Porsgrunn", NAV, "4001", 4),
    ("nav-skien", "NAV Skien", NAV, "4003", 6),
    ("nav-notodden", "NAV Notodden", NAV, "4005", 2),
    ("nav-kristiansund", "NAV Kristiansund", NAV, "1505", 3),
    ("nav-molde", "NAV Molde", NAV, "1506", 4),
    ("nav-alesund", "NAV Ålesund", NAV, "1508", 6),
    ("nav-orsta-volda", "NAV Ørsta Volda", NAV, "1520", 2),
    ("horten-kommune", "Horten kommune – introduksjonsprogrammet", MUNICIPALITY, "3901", 2),
    ("tonsberg-kommune", "Tønsberg kommune – introduksjonsprogrammet", MUNICIPALITY, "3905", 3),
    ("sandefjord-kommune", "Sandefjord kommune – introduksjonsprogrammet", MUNICIPALITY, "3907", 3),
    ("larvik-kommune", "Larvik kommune – introduksjonsprogrammet", MUNICIPALITY, "3909", 2),
    ("porsgrunn-kommune", "Porsgrunn kommune – introduksjonsprogrammet", MUNICIPALITY, "4001", 2),
    ("skien-kommune", "Skien kommune – introduksjonsprogrammet", MUNICIPALITY, "4003", 3),
    ("notodden-kommune", "Notodden kommune – introduksjonsprogrammet", MUNICIPALITY, "4005", 1),
    ("kristiansund-kommune", "Kristiansund kommune – introduksjonsprogrammet", MUNICIPALITY, "1505", 2),
    ("molde-kommune", "Molde kommune – introduksjonsprogrammet", MUNICIPALITY, "1506", 2),
    ("alesund-kommune", "Ålesund kommune – introduksjonsprogrammet", MUNICIPALITY, "1508", 3),
    ("volda-kommune", "Volda kommune – introduksjonsprogrammet", MUNICIPALITY, "1577", 1),
    ("vestfold-fylkeskommune", "Vestfold fylkeskommune – karrieresenteret", OrganisationKind.COUNTY, "3905", 0),
    ("telemark-fylkeskommune", "Telemark fylkeskommune – karrieresenteret", OrganisationKind.COUNTY, "4003", 0),
    ("mr-fylkeskommune", "Møre og Romsdal fylkeskommune – karrieresenteret", OrganisationKind.COUNTY, "1506", 0),
    ("sandefjord-vo", "Sandefjord voksenopplæring", OrganisationKind.EDUCATION_PROVIDER, "3907", 0),
    ("tonsberg-vo", "Tønsberg voksenopplæring", OrganisationKind.EDUCATION_PROVIDER, "3905", 0),
    ("skien-ls", "Skien læringssenter", OrganisationKind.EDUCATION_PROVIDER, "4003", 0),
    ("porsgrunn-vo", "Porsgrunn voksenopplæring", OrganisationKind.EDUCATION_PROVIDER, "4001", 0),
    ("alesund-vo", "Ålesund vaksenopplæring", OrganisationKind.EDUCATION_PROVIDER, "1508", 0),
    ("molde-vo", "Molde voksenopplæringssenter", OrganisationKind.EDUCATION_PROVIDER, "1506", 0),
    ("helse-vestfold", "Flyktninghelseteamet i Vestfold", OrganisationKind.HEALTH_SERVICE, "3905", 0),
    ("helse-grenland", "Migrasjonshelse Grenland", OrganisationKind.HEALTH_SERVICE, "4003", 0),
    ("helse-sunnmore", "Migrasjonshelse Sunnmøre", OrganisationKind.HEALTH_SERVICE, "1508", 0),
    ("mentor-vestfold", "Mentornettverket Vestfold", OrganisationKind.NGO, "3907", 0),
    ("mentor-grenland", "Likepersonsnettverket Grenland", OrganisationKind.NGO, "4003", 0),
    ("mentor-sunnmore", "Saman på Sunnmøre – mentorprogram", OrganisationKind.NGO, "1508", 0),
    ("nho-vt", "NHO Vestfold og Telemark", OrganisationKind.EMPLOYERS_FEDERATION, "4003", 0),
    ("nho-mr", "NHO Møre og Romsdal", OrganisationKind.EMPLOYERS_FEDERATION, "1508", 0),
    ("usn", "Universitetet i Sørøst-Norge", OrganisationKind.RESEARCH_INSTITUTION, "3901", 0),
    ("himolde", "Høgskolen i Molde", OrganisationKind.RESEARCH_INSTITUTION, "1506", 0),
)
# (key, name, municipality number, occupation codes the employer hires for)
EMPLOYERS = (
    ("sandefjord-hotell", "Sandefjord Hotell og Restaurant AS", "3907", ("5120", "9412", "5131", "9112", "5246")),
    ("vestfold-bakeri", "Vestfold Bakeri AS", "3907", ("7512", "9412", "9321", "5223")),
    ("sandefjord-renhold", "Sandefjord Renhold AS", "3907", ("9112", "5153")),
    ("solstrand-omsorg", "Solstrand omsorgssenter", "3907", ("5321", "5329", "2223", "5322")),
    ("larvik-havn", "Larvik Havnelogistikk AS", "3909", ("4321", "8344", "9321", "8332")),
    ("larvik-dagligvare", "Larvik Dagligvare AS", "3909", ("5223", "4321")),
    ("tonsberg-hotell", "Tønsberg Brygge Hotell AS", "3905", ("5120", "9412", "5131", "9112")),
    ("vestfold-elektro", "Vestfold Elektroinstallasjon AS", "3905", ("7411", "2151")),
    ("tonsberg-it", "Tønsberg IT-partner AS", "3905", ("2512", "3511")),
    ("vestfold-buss", "Vestfold Bussdrift AS", "3905", ("8331", "7231")),
    ("horten-verksted", "Horten Mekaniske Verksted AS", "3901", ("7212", "2144", "7231")),
    ("holmestrand-bygg", "Holmestrand Bygg AS", "3903", ("7115", "9313", "7131", "7112", "2142")),
    ("faerder-gartneri", "Færder Gartneri AS", "3911", ("9214", "9211")),
    ("sandefjord-regnskap", "Sandefjord Regnskapskontor AS", "3907", ("2411", "4311", "4110")),
    ("frisor-sandefjord", "Frisørhuset Sandefjord", "3907", ("5141",)),
    ("grenland-prosess", "Grenland Prosessindustri AS", "4001", ("2151", "7411", "7212", "2144", "9321")),
    ("porsgrunn-lager", "Porsgrunn Lager og Logistikk AS", "4001", ("4321", "8344", "8332", "8322")),
    ("skien-storkjokken", "Skien Storkjøkken AS", "4003", ("5120", "9412")),
    ("skien-omsorg", "Skien helsehus", "4003", ("5321", "5329", "2223", "3412")),
    ("grenland-buss", "Grenland Bussdrift AS", "4003", ("8331",)),
    ("telemark-renhold", "Telemark Renhold AS", "4003", ("9112", "5153")),
    ("grenland-barnehager", "Grenland Barnehager AS", "4003", ("5311", "2342")),
    ("notodden-trelast", "Notodden Trelast AS", "4005", ("7115", "9313", "4321")),
    ("bamble-sveis", "Bamble Sveis og Montasje AS", "4012", ("7212", "7126")),
    ("midt-telemark-gard", "Midt-Telemark Gård og Grønt", "4020", ("9211", "9214")),
    ("alesund-fisk", "Ålesund Fiskeindustri AS", "1508", ("8160", "9321", "4321")),
    ("sunnmore-verft", "Sunnmøre Verft AS", "1516", ("7212", "2144", "7411", "7126")),
    ("kristiansund-klippfisk", "Kristiansund Klippfisk AS", "1505", ("8160", "9321")),
    ("molde-bygg", "Molde Bygg og Anlegg AS", "1506", ("7115", "9313", "2142", "3112")),
    ("romsdal-havbruk", "Romsdal Havbruk AS", "1539", ("6221",)),
    ("alesund-omsorg", "Aspøy omsorgssenter", "1508", ("5321", "5329", "2223")),
    ("more-buss", "Møre Bussdrift AS", "1508", ("8331",)),
    ("sunnmore-hotell", "Sunnmøre Hotell og Restaurant AS", "1508", ("5120", "9412", "5131", "9112")),
    ("molde-dagligvare", "Molde Dagligvare AS", "1506", ("5223", "4321")),
    ("kristiansund-elektro", "Kristiansund Elektro AS", "1505", ("7411",)),
    ("alesund-data", "Ålesund Data AS", "1508", ("2512", "3511")),
    ("orsta-mobler", "Ørsta Møbelfabrikk AS", "1520", ("9321", "7115", "8344")),
)
DEMO_OFFICE = "nav-sandefjord"
DEMO_EMPLOYER = "sandefjord-hotell"
DEMO_PARTNER = "sandefjord-vo"
DEMO_MENTOR_ORGANISATION = "mentor-vestfold"
DEMO_RESEARCH = "usn"

LOW_SKILLED_IN_NORWAY = ("9112", "9412", "4321", "5223", "8160", "9214", "5329", "8322", "9321", "5246")
ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "ə": "e"})
EDUCATION_START_WORK_AGE = {
    EducationLevel.NONE: 15, EducationLevel.PRIMARY: 14, EducationLevel.LOWER_SECONDARY: 16,
    EducationLevel.UPPER_SECONDARY: 19, EducationLevel.VOCATIONAL: 20, EducationLevel.BACHELOR: 23,
    EducationLevel.MASTER: 25, EducationLevel.DOCTORATE: 30,
}  # fmt: skip
GENERIC_FIELDS = {
    "vocational": ("Salg og service", "Teknikk og industriell produksjon", "Restaurant- og matfag", "Landbruk"),
    "higher": (
        "Økonomi og administrasjon", "Juss", "Engelsk språk og litteratur", "Landbruksfag", "Biologi", "Kjemi",
        "Statsvitenskap", "Journalistikk", "Historie", "Matematikk",
    ),
}  # fmt: skip
HEALTH_LIMITATIONS = (
    "Ryggplager. Bør ikke løfte tungt over lengre tid.",
    "Søvnproblemer og konsentrasjonsvansker etter traumatiske opplevelser.",
    "Nedsatt hørsel på ett øre.",
    "Astma. Tåler dårlig støv og sterke kjemikalier.",
    "Smerter i kneet etter en skade. Kan ikke stå lenge.",
    "Diabetes type 2, regulert med medisiner.",
    "Hodepine og svimmelhet ved stress.",
    "Skulderskade. Begrenset løfting over skulderhøyde.",
)
HEALTH_ADAPTATIONS = (
    "Faste pauser og forutsigbar arbeidstid.",
    "Mulighet for å sitte deler av dagen.",
    "Skriftlige arbeidsinstrukser og tydelig opplæring.",
    "Unngå arbeid med sterke rengjøringsmidler.",
    "Gradvis opptrapping av arbeidstiden.",
    "Rolig arbeidsmiljø og en fast kontaktperson.",
    "",
)
EXPERIENCE_NOTES = ("Fast stilling.", "Midlertidig stilling.", "Deltid.", "Sesongarbeid.", "Eget firma.", "")
NORWAY_NOTES = ("Via bemanningsbyrå.", "Deltid ved siden av norskkurs.", "Sommerjobb.", "Tilkallingsvikar.", "")


@dataclass
class BuildSummary:
    seed: int
    organisations: int
    users: int
    participants: int
    consents: int
    seconds: float


@dataclass
class Office:
    """An organisation whose job specialists follow participants up: a NAV office or a municipality."""

    key: str
    organisation: Organisation
    weight: float
    count: int = 0
    caseloads: list[int] = field(default_factory=list)
    queues: list[int] = field(default_factory=list)
    coordinator: User | None = None
    specialists: list[User] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)

    @property
    def is_municipality(self) -> bool:
        return self.organisation.kind == MUNICIPALITY

    @property
    def municipality(self) -> str:
        return self.organisation.municipality_number


@dataclass
class PlannedConsent:
    purpose: ConsentPurpose
    organisation: Organisation | None = None
    user: User | None = None
    consent: Consent | None = None
    withdrawn: bool = False
    at_registration: bool = False  # recorded in the registration meeting


@dataclass
class Plan:
    """One participant: what will be registered and when."""

    index: int
    office: Office
    creator: User
    specialist: User | None
    team: Team | None
    origin: Origin
    region: str
    data: dict
    target: Occupation
    education_rank: int
    registered: dt.datetime
    languages: list[dict] = field(default_factory=list)
    educations: list[dict] = field(default_factory=list)
    experiences: list[dict] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    health: dict | None = None
    preferences: dict = field(default_factory=dict)
    participant: Participant | None = None
    user: User | None = None
    consents: list[PlannedConsent] = field(default_factory=list)
    profiled: dt.datetime | None = None


def region_of(municipality_number: str) -> str:
    return REGIONS[municipality_number[:2]]


def ascii_slug(text: str, separator: str = "") -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(ASCII_FOLD))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain).split()
    return separator.join(words)


def demo_password() -> str:
    return settings.SAMSPILL_DEMO_PASSWORD


def demo_present() -> bool:
    """Whether the database holds the demo (all its accounts)."""
    return User.objects.filter(username__in=DEMO_USERNAMES).count() == len(DEMO_USERNAMES)


def database_is_empty() -> bool:
    return not (User.objects.exists() or Organisation.objects.exists() or Participant.objects.exists())


def demo_password_hash(password: str, seed: int, username: str) -> str:
    """A deterministic Argon2 hash: the salt comes from the seed and the username."""
    salt = hashlib.sha256(f"samspill-demo:{seed}:{username}".encode()).hexdigest()[:32]
    return make_password(password, salt=salt)


def _weighted(rng: random.Random, pairs):
    items = list(pairs)
    total = sum(weight for _item, weight in items)
    pick = rng.random() * total
    for item, weight in items:
        pick -= weight
        if pick < 0:
            return item
    return items[-1][0]


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _caseloads(total: int) -> list[int]:
    """Splits an office's participants over as many job specialists as it takes to give each about
    CASELOAD_TARGET, never more than CASELOAD_MAX."""
    specialists = max(1, round(total / CASELOAD_TARGET))
    while math.ceil(total / specialists) > CASELOAD_MAX:
        specialists += 1
    return _split(total, specialists)


def _years(delta_days: float) -> float:
    return delta_days / 365.25


def _education_group(level: str) -> str:
    if level in (EducationLevel.NONE, EducationLevel.PRIMARY, EducationLevel.LOWER_SECONDARY):
        return "low"
    if level == EducationLevel.UPPER_SECONDARY:
        return "upper"
    if level == EducationLevel.VOCATIONAL:
        return "vocational"
    return "higher"


@dataclass
class Person:
    """The draws that the parts of a participant's profile depend on."""

    origin: Origin
    female: bool
    mother_tongue: str
    given: str
    family: str
    arrival: dt.date
    registered: dt.datetime
    birth_date: dt.date
    birth_country: str
    education_country: str
    level: str
    target: Occupation
    residence: str
    is_municipality: bool

    @property
    def rank(self) -> int:
        return EDUCATION_LEVELS.index(self.level)

    @property
    def group(self) -> str:
        return _education_group(self.level)

    @property
    def years_in_norway(self) -> float:
        return _years((self.registered.date() - self.arrival).days)

    @property
    def months_in_norway(self) -> float:
        return self.years_in_norway * 12

    @property
    def eea(self) -> bool:
        return self.origin.residence[0][0] == ResidenceBasis.EEA


class _Builder:
    def __init__(self, *, seed: int, participants: int, password: str):
        self.seed = seed
        self.size = participants
        self.password = password
        self.rng = random.Random(f"samspill-demo:{seed}")
        self._fakers: dict[str, Faker] = {}
        self.usernames: set[str] = set()
        self.national_ids: set[str] = set()
        self.events: list[tuple[dt.datetime, int, object]] = []
        self.organisations: dict[str, Organisation] = {}
        self.offices: dict[str, Office] = {}
        self.staff: dict[str, list[User]] = {}  # organisation key -> users
        self.mentor_origin: dict[object, str] = {}  # mentor user id -> country of origin ("NO" for natives)
        self.demo_users: dict[str, User] = {}
        self.plans: list[Plan] = []
        self.admin: User | None = None
        self.pathways = None

    # -- helpers --------------------------------------------------------------------------------------------------

    def faker(self, locale: str) -> Faker:
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(f"samspill-demo:{self.seed}:{locale}")
            self._fakers[locale] = fake
        return self._fakers[locale]

    def at(self, when: dt.datetime, action) -> None:
        self.events.append((when, len(self.events), action))

    def moment(self, day: dt.date) -> dt.datetime:
        """A time in office hours on a working day near ``day``, never after the end of the story."""
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        while day > TODAY or day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        minutes = self.rng.randint(8 * 60 + 15, 15 * 60 + 30)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=OSLO)

    def later(self, after: dt.datetime, min_days: int, max_days: int) -> dt.datetime | None:
        """A moment some days after ``after``, or None when that is past the end of the story."""
        day = after.astimezone(OSLO).date() + dt.timedelta(days=self.rng.randint(min_days, max_days))
        if day > TODAY:
            return None
        when = self.moment(day)
        if when <= after:
            when = after + dt.timedelta(minutes=self.rng.randint(5, 120))
        return when if when <= DEMO_NOW else None

    def name(self, names: Names, female: bool) -> tuple[str, str]:
        rng = self.rng
        if names.faker_locale:
            fake = self.faker(names.faker_locale)
            if female:
                given = fake.first_name_female()
                family = fake.last_name_female() if hasattr(fake, "last_name_female") else fake.last_name()
            else:
                given = fake.first_name_male()
                family = fake.last_name_male() if hasattr(fake, "last_name_male") else fake.last_name()
            if names.faker_locale == "lt_LT":  # one list for both genders: the ending tells
                endings = ("a", "ė") if female else ("as", "is", "ys", "us")
                for _attempt in range(50):
                    if given.endswith(endings):
                        break
                    given = fake.first_name()
                family = lithuanian_married_name(family) if female else family
            if names.transliterate == "uk":
                given, family = transliterate_ukrainian(given), transliterate_ukrainian(family)
            return given, family
        given = rng.choice(names.female if female else names.male)
        return given, rng.choice(names.family)

    def person_name(self, origin: Origin, mother_tongue: str, female: bool) -> tuple[str, str]:
        special = origin.names_by_mother_tongue.get(mother_tongue)
        if special is not None and special.family:
            return self.name(special, female)
        given, family = self.name(origin.names, female)
        if special is not None:  # Kurdish given names with the family names of the country
            given = self.rng.choice(special.female if female else special.male)
        return given, family

    def norwegian_name(self, female: bool) -> tuple[str, str]:
        fake = self.faker("no_NO")
        given = fake.first_name_female() if female else fake.first_name_male()
        return given, fake.last_name()

    def username_for(self, given: str, family: str) -> str:
        base = f"{ascii_slug(given)}.{ascii_slug(family, '-')}"[:140]
        candidate, number = base, 1
        while candidate in self.usernames:
            number += 1
            candidate = f"{base}{number}"
        self.usernames.add(candidate)
        return candidate

    def unusable_hash(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "!" + "".join(self.rng.choice(alphabet) for _ in range(40))

    def national_id(self, birth_date: dt.date) -> str:
        low, high = (0, 499) if birth_date.year < 2000 else (500, 999)
        for _attempt in range(200):
            value = make_synthetic_national_id(birth_date, self.rng.randint(low, high))
            if value and value not in self.national_ids:
                self.national_ids.add(value)
                return value
        return ""

    # -- organisations and staff ----------------------------------------------------------------------------------

    def build_organisations(self) -> None:
        for key, name, kind, municipality, weight in ORGANISATIONS:
            organisation = organisation_create(actor=None, name=name, kind=kind, municipality_number=municipality)
            self.organisations[key] = organisation
            if kind in (NAV, MUNICIPALITY):
                self.offices[key] = Office(key=key, organisation=organisation, weight=weight)
        for key, name, municipality, _codes in EMPLOYERS:
            self.organisations[key] = organisation_create(
                actor=None, name=name, kind=OrganisationKind.EMPLOYER, municipality_number=municipality
            )

    def add_user(self, *, organisation_key: str, role: Role, username: str = "", person=None, actor="admin"):
        organisation = self.organisations[organisation_key]
        female = self.rng.random() < 0.55
        given, family = person or self.norwegian_name(female)
        if username:
            self.usernames.add(username)
            password_hash = demo_password_hash(self.password, self.seed, username)
        else:
            username = self.username_for(given, family)
            password_hash = self.unusable_hash()
        creator = self.admin if actor == "admin" else actor
        domain = ascii_slug(organisation.name.split(" – ")[0], "-")
        user = user_create(
            actor=creator,
            username=username,
            password=None,
            password_hash=password_hash,
            first_name=given,
            last_name=family,
            email=f"{ascii_slug(given)}.{ascii_slug(family, '-')}@{domain}.example",
        )
        membership_add(actor=creator, user=user, organisation=organisation, role=role)
        self.staff.setdefault(organisation_key, []).append(user)
        return user

    def migrant_staff_name(self, female: bool) -> tuple[tuple[str, str], str]:
        origin = BY_COUNTRY[self.rng.choice(("SY", "SO", "ER", "AF", "IQ", "PL", "UA", "TR"))]
        mother = _weighted(self.rng, origin.mother_tongues)
        return self.person_name(origin, mother, female), origin.country

    def allocate(self) -> None:
        """How many participants each office follows up, and how they are spread over specialists and teams."""
        offices = list(self.offices.values())
        total_weight = sum(office.weight for office in offices)
        shares = [self.size * office.weight / total_weight for office in offices]
        counts = [math.floor(share) for share in shares]
        by_remainder = sorted(range(len(offices)), key=lambda i: (counts[i] - shares[i], i))
        for i in by_remainder[: self.size - sum(counts)]:
            counts[i] += 1
        demo = offices.index(self.offices[DEMO_OFFICE])
        if counts[demo] == 0:  # a tiny demo still has its demo participant
            biggest = max(range(len(offices)), key=lambda i: counts[i])
            counts[biggest] -= 1
            counts[demo] += 1
        for office, count in zip(offices, counts, strict=True):
            office.count = count
            teams = 1 if count < 70 else 2
            queue_per_team = min(2, count // 20)  # new referrals that wait for a specialist, seen by the team
            own = count - queue_per_team * teams
            if office.key == DEMO_OFFICE:
                first = min(own, DEMO_CASELOAD)
                office.caseloads = [first] + (_caseloads(own - first) if own > first else [])
            else:
                office.caseloads = _caseloads(own)
            office.queues = [queue_per_team] * teams

    def build_staff(self) -> None:
        rng = self.rng
        self.admin = self.add_user(organisation_key=DEMO_OFFICE, role=Role.ADMINISTRATOR, username="admin", actor=None)
        self.demo_users["admin"] = self.admin
        for office in self.offices.values():
            coordinator_name = "koordinator" if office.key == DEMO_OFFICE else ""
            office.coordinator = self.add_user(
                organisation_key=office.key, role=Role.COORDINATOR, username=coordinator_name
            )
            if coordinator_name:
                self.demo_users[coordinator_name] = office.coordinator
            for index in range(len(office.caseloads)):
                demo = office.key == DEMO_OFFICE and index == 0
                female = rng.random() < 0.65
                person = None
                if not demo and rng.random() < 0.2:  # job specialists with target-group competence
                    person, _country = self.migrant_staff_name(female)
                user = self.add_user(
                    organisation_key=office.key,
                    role=Role.JOB_SPECIALIST,
                    username="jobbspesialist" if demo else "",
                    person=person,
                )
                office.specialists.append(user)
                if demo:
                    self.demo_users["jobbspesialist"] = user
            place = MUNICIPALITIES[office.municipality]
            short = office.organisation.name if not office.is_municipality else f"{place} kommune"
            halves = _split(len(office.specialists), len(office.queues))
            start = 0
            suffixes = ("", "") if len(office.queues) == 1 else (" øst", " vest")
            for team_index, size in enumerate(halves):
                members = office.specialists[start : start + size]
                start += size
                office.teams.append(
                    team_create(
                        actor=office.coordinator,
                        organisation=office.organisation,
                        name=f"Jobbspesialistteam {short}{suffixes[team_index]}",
                        members=members,
                    )
                )
        partner_kinds = (
            OrganisationKind.EDUCATION_PROVIDER,
            OrganisationKind.HEALTH_SERVICE,
            OrganisationKind.COUNTY,
            OrganisationKind.EMPLOYERS_FEDERATION,
        )
        for key, _name, kind, _municipality, _weight in ORGANISATIONS:
            if kind in partner_kinds:
                if key == DEMO_PARTNER:
                    self.demo_users["partner"] = self.add_user(
                        organisation_key=key, role=Role.PARTNER_SERVICE, username="partner"
                    )
                self.add_user(organisation_key=key, role=Role.PARTNER_SERVICE)
            elif kind == OrganisationKind.NGO:
                for index in range(6):
                    demo = key == DEMO_MENTOR_ORGANISATION and index == 0
                    female = rng.random() < 0.5
                    if demo or rng.random() < 0.6:  # peers of migrant background, and native professionals
                        person, country = (("Rasha", "Al-Khatib"), "SY") if demo else self.migrant_staff_name(female)
                    else:
                        person, country = self.norwegian_name(female), "NO"
                    user = self.add_user(
                        organisation_key=key, role=Role.MENTOR, username="mentor" if demo else "", person=person
                    )
                    self.mentor_origin[user.pk] = country
                    if demo:
                        self.demo_users["mentor"] = user
            elif kind == OrganisationKind.RESEARCH_INSTITUTION:
                for index in range(2 if key == DEMO_RESEARCH else 1):
                    demo = key == DEMO_RESEARCH and index == 0
                    user = self.add_user(organisation_key=key, role=Role.RESEARCHER, username="forsker" if demo else "")
                    if demo:
                        self.demo_users["forsker"] = user
        for key, _name, _municipality, _codes in EMPLOYERS:
            demo = key == DEMO_EMPLOYER
            user = self.add_user(
                organisation_key=key, role=Role.EMPLOYER_CONTACT, username="arbeidsgiver" if demo else ""
            )
            if demo:
                self.demo_users["arbeidsgiver"] = user

    # -- participants ---------------------------------------------------------------------------------------------

    def arrival_date(self, origin: Origin, low: dt.date, high: dt.date) -> dt.date:
        windows = []
        for start, end, weight in origin.waves:
            wave_end = end or TODAY
            first, last = max(start, low), min(wave_end, high)
            if first <= last:
                share = ((last - first).days + 1) / ((wave_end - start).days + 1)
                windows.append(((first, last), weight * share))
        first, last = _weighted(self.rng, windows) if windows else (low, high)
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def choose_target(self, origin: Origin, level: str, female: bool) -> Occupation:
        group = _education_group(level)
        weights = []
        for occupation in OCCUPATIONS:
            skill, has_field = occupation.skill_level, bool(occupation.education_field_nb)
            if group == "low":
                weight = {1: 3.0, 2: 0.2 if has_field else 1.0}.get(skill, 0.0)
            elif group == "upper":
                weight = {1: 2.0, 2: 0.8 if has_field else 1.5, 3: 0.2}.get(skill, 0.0)
            elif group == "vocational":
                weight = {1: 0.4, 2: 3.0 if has_field else 0.6, 3: 0.6}.get(skill, 0.0)
            else:
                weight = {1: 0.25, 2: 0.4, 3: 1.2, 4: 3.0 if has_field else 0.5}.get(skill, 0.0)
            weight *= origin.occupation_bias.get(occupation.code, 1.0)
            if female and occupation.code in ("5321", "5322", "5329", "2223", "5311", "2342", "5141", "9112"):
                weight *= 1.6
            if not female and occupation.code[0] in "78" and occupation.code != "8160":
                weight *= 1.6
            weights.append((occupation, weight))
        return _weighted(self.rng, weights)

    def recognition(self, person: Person) -> str:
        """Recognition of a foreign education: regulated professions need it, EU/EEA ones get it more easily."""
        rng, group, target = self.rng, person.group, person.target
        if group == "low":
            return _weighted(rng, ((RecognitionStatus.NOT_NEEDED, 1), (RecognitionStatus.NOT_APPLIED, 1)))
        if person.months_in_norway < 6:
            return _weighted(rng, ((RecognitionStatus.NOT_APPLIED, 3), (RecognitionStatus.PENDING, 1)))
        if group == "upper":
            return _weighted(
                rng,
                (
                    (RecognitionStatus.NOT_APPLIED, 70),
                    (RecognitionStatus.RECOGNISED, 15),
                    (RecognitionStatus.NOT_NEEDED, 15),
                ),
            )
        if target.regulated:
            return _weighted(
                rng,
                (
                    (RecognitionStatus.RECOGNISED, 60 if person.eea else 28),
                    (RecognitionStatus.PENDING, 25),
                    (RecognitionStatus.PARTLY, 20),
                    (RecognitionStatus.REFUSED, 10),
                    (RecognitionStatus.NOT_APPLIED, 12),
                ),
            )
        return _weighted(
            rng,
            (
                (RecognitionStatus.RECOGNISED, 30),
                (RecognitionStatus.PENDING, 15),
                (RecognitionStatus.PARTLY, 8),
                (RecognitionStatus.NOT_APPLIED, 42),
                (RecognitionStatus.REFUSED, 5),
            ),
        )

    def norwegian(self, months: float, rank: int, origin: Origin) -> dict:
        rng = self.rng
        base = min(3.0, months / 14) + (-0.9, -0.6, -0.3, 0, 0, 0.3, 0.5, 0.5)[rank]
        if origin.residence[0][0] == ResidenceBasis.EEA:
            base -= 0.6
        if origin.country in ("PH", "IN"):
            base -= 0.2
        base += rng.gauss(0, 0.5)
        levels = {}
        for skill, offset in zip(LanguageSkill.CEFR_SKILLS, (0.3, 0.2, 0.0, -0.1, -0.4), strict=True):
            index = round(base + offset + rng.gauss(0, 0.25))
            if index < 0:
                levels[skill] = "" if months < 4 else "A1"
            else:
                levels[skill] = CEFR_LEVELS[min(index, 4)]
        return {"language": "nb", "is_mother_tongue": False, **levels}

    def other_language(self, language: str, low: int, high: int) -> dict:
        base = self.rng.randint(low, high)
        levels = {}
        for skill, offset in zip(LanguageSkill.CEFR_SKILLS, (0, 0, 0, 0, -1), strict=True):
            index = min(5, max(0, base + offset + self.rng.choice((-1, 0, 0, 0, 1))))
            levels[skill] = CEFR_LEVELS[index]
        return {"language": language, "is_mother_tongue": False, **levels}

    def mother_tongue_row(self, language: str, rank: int) -> dict:
        literate = {0: ("", "A1", "A2"), 1: ("B1", "B2", "C1")}.get(rank)
        reading = writing = "C2"
        if literate is not None:
            reading = self.rng.choice(literate)
            writing = reading if rank else self.rng.choice(("", "A1"))
        return {
            "language": language,
            "is_mother_tongue": True,
            "listening": "C2",
            "reading": reading,
            "spoken_interaction": "C2",
            "spoken_production": "C2",
            "writing": writing,
        }

    def plan_participant(self, index: int, office: Office, slot: int | None, team_index: int, forced=None) -> Plan:
        """Draws one participant. ``slot`` is the index of their specialist, or None for a team's queue; ``forced``
        fixes some draws (for the demo participant)."""
        forced = forced or {}
        person = self.draw_person(office, queue=slot is None, forced=forced)
        experiences = list(forced.get("experiences", ())) or self.draw_experiences(person)
        languages = self.draw_languages(person, forced.get("norwegian"))
        data = self.participant_data(person, office, languages)
        preferences = self.draw_preferences(person, data["municipality_number"], forced.get("note"))
        specialist = office.specialists[slot] if slot is not None else None
        team = office.teams[team_index] if specialist is None else None
        if specialist is not None:
            data["assigned_specialist"] = specialist
        else:
            data["assigned_team"] = team
        return Plan(
            index=index,
            office=office,
            creator=specialist or office.coordinator,
            specialist=specialist,
            team=team,
            origin=person.origin,
            region=region_of(office.municipality),
            data=data,
            target=person.target,
            education_rank=person.rank,
            registered=person.registered,
            languages=languages,
            educations=self.draw_educations(person),
            experiences=[self.experience_row(*experience) for experience in experiences],
            skills=self.draw_skills(person, experiences, preferences["driving_licence"]),
            health=self.draw_health(person) if specialist is not None and not forced else None,
            preferences=preferences,
        )

    def draw_person(self, office: Office, *, queue: bool, forced: dict) -> Person:
        rng = self.rng
        if "origin" in forced:
            origin = BY_COUNTRY[forced["origin"]]
        elif office.is_municipality:
            origin = _weighted(rng, ((o, o.weight_introduction) for o in ORIGINS if o.weight_introduction))
        else:
            origin = _weighted(rng, ((o, o.weight_nav) for o in ORIGINS))
        female = forced.get("female", rng.random() < origin.share_female)
        mother_tongue = forced.get("mother_tongue") or _weighted(rng, origin.mother_tongues)
        given, family = self.person_name(origin, mother_tongue, female)

        # Arrival, then registration: the introduction programme starts weeks after settlement; NAV follows up
        # people who came any time in the last eight years; new referrals wait in a team's queue.
        if "arrival" in forced:
            arrival = forced["arrival"]
        elif office.is_municipality:
            arrival = self.arrival_date(origin, TODAY - dt.timedelta(days=3 * 365), TODAY - dt.timedelta(days=21))
        else:
            arrival = self.arrival_date(origin, EARLIEST_ARRIVAL, TODAY - dt.timedelta(days=60))
        if "registered" in forced:
            registration_day = forced["registered"]
        elif queue:
            registration_day = TODAY - dt.timedelta(days=rng.randint(1, 30))
            arrival = min(arrival, registration_day - dt.timedelta(days=14))
        elif office.is_municipality:
            registration_day = arrival + dt.timedelta(days=rng.randint(14, 70))
            if registration_day >= TODAY:
                registration_day = TODAY - dt.timedelta(days=rng.randint(1, 5))
        else:
            first = max(arrival + dt.timedelta(days=30), FIRST_REGISTRATION)
            registration_day = first + dt.timedelta(days=rng.randint(0, max(0, (TODAY - first).days - 1)))
        registered = self.moment(registration_day)

        # Adults when they came: the age at registration covers the years since.
        years_here = _years((registered.date() - arrival).days)
        age = forced.get("age") or max(round(rng.triangular(19, 60, 31)), math.ceil(years_here) + 18)
        birth_date = registered.date() - dt.timedelta(days=round(age * 365.25) + rng.randint(0, 364))
        birth_country = origin.country
        for country, share in origin.birth_countries:
            if rng.random() < share:
                birth_country = country
                break

        level = forced.get("education") or _weighted(rng, zip(EDUCATION_LEVELS, origin.education, strict=True))
        if age < 23 and _education_group(level) == "higher":
            level = EducationLevel.UPPER_SECONDARY
        target = BY_CODE[forced["target"]] if "target" in forced else self.choose_target(origin, level, female)
        if target.code in ("2211", "2261") and level == EducationLevel.BACHELOR:
            level = EducationLevel.MASTER  # medicine and dentistry
        return Person(
            origin=origin,
            female=female,
            mother_tongue=mother_tongue,
            given=given,
            family=family,
            arrival=arrival,
            registered=registered,
            birth_date=birth_date,
            birth_country=birth_country,
            education_country=birth_country if rng.random() < 0.5 else origin.country,
            level=level,
            target=target,
            residence=forced.get("residence", ""),
            is_municipality=office.is_municipality,
        )

    def participant_data(self, person: Person, office: Office, languages: list[dict]) -> dict:
        """The fields participant_create takes: identity, residence, legal basis, language needs."""
        rng = self.rng
        newly_arrived = (TODAY - person.arrival).days < 90
        national_id = "" if newly_arrived or rng.random() < 0.02 else self.national_id(person.birth_date)
        if office.is_municipality:
            residence = ResidenceBasis.REFUGEE if rng.random() < 0.85 else ResidenceBasis.FAMILY
            legal_basis = CaseLegalBasis.INTRODUCTION_ACT
        else:
            residence = person.residence or _weighted(rng, person.origin.residence)
            legal_basis = _weighted(
                rng,
                (
                    (CaseLegalBasis.NAV_ACT_14A, 70),
                    (CaseLegalBasis.LABOUR_MARKET_ACT, 20),
                    (CaseLegalBasis.SOCIAL_SERVICES_ACT, 10),
                ),
            )
        person.residence = residence
        if office.is_municipality or rng.random() < 0.75:
            municipality = office.municipality
        else:
            municipality = rng.choice(NEIGHBOURS.get(office.municipality, (office.municipality,)))

        norwegian = next(row for row in languages if row["language"] == "nb")
        english = next((row for row in languages if row["language"] == "en"), None)
        spoken = CEFR_LEVELS.index(norwegian["spoken_interaction"]) if norwegian["spoken_interaction"] else -1
        english_spoken = CEFR_LEVELS.index(english["spoken_interaction"]) if english else -1
        interpreter = spoken <= 0 and rng.random() < 0.9 or spoken == 1 and rng.random() < 0.35
        mother = person.mother_tongue
        if spoken >= 2:
            preferred = "nb"
        elif english_spoken >= 3 and not interpreter:
            preferred = "en"
        else:
            preferred = mother

        phone = f"+47 {rng.choice('49')}{rng.randint(0, 99):02d} {rng.randint(0, 99):02d} {rng.randint(0, 999):03d}"
        email = ""
        if rng.random() < 0.6:
            email = f"{ascii_slug(person.given)}.{ascii_slug(person.family)}{rng.randint(1, 99)}@example.com"
        return {
            "given_name": person.given,
            "family_name": person.family,
            "birth_date": person.birth_date,
            "national_id": national_id,
            "email": email,
            "phone": phone,
            "country_of_birth": person.birth_country,
            "citizenship": person.origin.country,
            "arrival_date": person.arrival,
            "residence_basis": residence,
            "municipality_number": municipality,
            "case_legal_basis": legal_basis,
            "preferred_language": preferred,
            "interpreter_needed": interpreter,
            # Interpreters are booked in the language most interpreters speak (Tigrinya for Tigre speakers).
            "interpreter_language": {"tig": "ti", "az": "fa"}.get(mother, mother) if interpreter else "",
        }

    def draw_educations(self, person: Person) -> list[dict]:
        rng, level, group = self.rng, person.level, person.group
        completed = None
        if level != EducationLevel.NONE:
            completed = person.birth_date.year + EDUCATION_START_WORK_AGE[level] + rng.randint(-1, 2)
            completed = min(completed, person.arrival.year)
        field_name = ""
        if group in ("vocational", "higher"):
            target = person.target
            if target.education_field_nb and (group == "higher") == (target.skill_level >= 3):
                field_name = target.education_field_nb
            else:
                field_name = rng.choice(GENERIC_FIELDS[group])
        rows = [
            {
                "level": level,
                "field": field_name,
                "country": person.education_country,
                "completed_year": completed,
                "recognition_status": self.recognition(person),
            }
        ]
        if group == "higher" and rng.random() < 0.4:
            rows.append(
                {
                    "level": EducationLevel.UPPER_SECONDARY,
                    "field": "",
                    "country": person.education_country,
                    "completed_year": min(person.arrival.year, person.birth_date.year + 19),
                    "recognition_status": RecognitionStatus.NOT_NEEDED,
                }
            )
        if person.target.code == "5321" and person.years_in_norway > 2.5 and rng.random() < 0.5:
            rows.append(
                {
                    "level": EducationLevel.VOCATIONAL,
                    "field": "Helsefag (fagbrev som praksiskandidat)",
                    "country": "NO",
                    "completed_year": person.registered.year,
                    "recognition_status": RecognitionStatus.NOT_NEEDED,
                }
            )
        return rows

    def draw_experiences(self, person: Person) -> list[tuple[Occupation, float, str]]:
        """(occupation, years, country): work before coming, and for some a first job in Norway."""
        rng, origin = self.rng, person.origin
        experiences = []
        available = _years((person.arrival - person.birth_date).days) - EDUCATION_START_WORK_AGE[person.level]
        homemaker = person.group == "low" and person.female and origin.country in ("SY", "AF", "SO", "IQ")
        homemaker = homemaker and rng.random() < 0.35  # no paid work before coming
        if available >= 1 and not homemaker:
            main = person.target if rng.random() < 0.8 else BY_CODE[rng.choice(LOW_SKILLED_IN_NORWAY)]
            main_years = rng.uniform(1, min(available, 20))
            experiences.append((main, main_years, person.education_country))
            if available - main_years >= 1 and rng.random() < 0.3:
                other = BY_CODE[rng.choice(("9112", "5223", "9211", "8322", "9313", "5120", "4321"))]
                if other is not main:
                    experiences.append((other, rng.uniform(0.5, min(5, available - main_years)), origin.country))
        if person.years_in_norway >= 1 and rng.random() < (0.9 if person.eea else 0.45):
            if person.eea and rng.random() < 0.6:
                norway = person.target
            else:
                norway = BY_CODE[rng.choice(LOW_SKILLED_IN_NORWAY)]
            experiences.append((norway, rng.uniform(0.5, max(0.6, person.years_in_norway - 0.3)), "NO"))
        return experiences

    def experience_row(self, occupation: Occupation, years: float, country: str) -> dict:
        return {
            "occupation_code": occupation.code,
            "title": occupation.title_nb,
            "years": Decimal(str(max(0.5, round(years * 2) / 2))),
            "country": country,
            "description": self.rng.choice(NORWAY_NOTES if country == "NO" else EXPERIENCE_NOTES),
        }

    def draw_languages(self, person: Person, norwegian_levels: dict | None) -> list[dict]:
        rng, rank, mother = self.rng, person.rank, person.mother_tongue
        norwegian = self.norwegian(person.months_in_norway, rank, person.origin)
        norwegian.update(norwegian_levels or {})
        languages = [self.mother_tongue_row(mother, rank), norwegian]
        english_share = (0.05, 0.1, 0.15, 0.35, 0.35, 0.65, 0.8, 0.9)[rank]
        english_done = False
        for spec, probability, low, high in person.origin.other_languages:
            parts = spec.split(":")
            if parts[0] == "mother" and parts[1] != mother:
                continue
            language = parts[-1]
            if language == mother or any(row["language"] == language for row in languages):
                continue
            if language == "en":
                english_done = True
                probability = max(probability, english_share)
                low, high = max(low, rank // 3), max(high, min(4, 1 + rank // 2))
            if rng.random() < probability:
                languages.append(self.other_language(language, low, min(high, 5)))
        if not english_done and rng.random() < english_share:
            languages.append(self.other_language("en", rank // 3, min(4, 1 + rank // 2)))
        return languages

    def draw_preferences(self, person: Person, municipality: str, note: str | None) -> dict:
        """Job wishes, recorded after a first conversation."""
        rng = self.rng
        driving_licence = rng.random() < (0.6 if person.eea else 0.25) + min(0.25, person.years_in_norway / 16)
        if person.target.code in ("8331", "8332", "8322"):
            driving_licence = True
        age = _years((person.registered.date() - person.birth_date).days)
        childcare = age < 45 and rng.random() < (0.35 if person.female else 0.1)
        if childcare:
            hours = ((HoursPreference.PART_TIME, 4), (HoursPreference.EITHER, 3), (HoursPreference.FULL_TIME, 2))
        else:
            hours = ((HoursPreference.FULL_TIME, 55), (HoursPreference.EITHER, 30), (HoursPreference.PART_TIME, 15))
        return {
            "hours_preference": _weighted(rng, hours),
            "commuting_radius_km": None if rng.random() < 0.15 else rng.choice((5, 10, 15, 20, 20, 30, 30, 40, 50, 80)),
            "driving_licence": driving_licence,
            "childcare_constraint": childcare,
            "preferences_note": note or self.preferences_note(person, municipality, childcare, driving_licence),
        }

    def draw_skills(self, person: Person, experiences, driving_licence: bool) -> list[str]:
        rng, target = self.rng, person.target
        skills = rng.sample(target.skills_nb, k=min(len(target.skills_nb), rng.randint(2, 4)))
        for occupation, _duration, _where in experiences:
            if occupation is not target and rng.random() < 0.6:
                skills.append(rng.choice(occupation.skills_nb))
        if driving_licence:
            skills.append("Førerkort klasse B")
        if rng.random() < 0.15:
            skills.append("Førstehjelp")
        if person.group == "higher" and rng.random() < 0.4:
            skills.append("Microsoft Office")
        return list(dict.fromkeys(skills))

    def draw_health(self, person: Person) -> dict | None:
        """Special-category data, for some: recorded by the responsible job specialist."""
        if self.rng.random() >= (0.14 if person.residence == ResidenceBasis.REFUGEE else 0.05):
            return None
        return {
            "work_limitations": self.rng.choice(HEALTH_LIMITATIONS),
            "adaptation_needs": self.rng.choice(HEALTH_ADAPTATIONS),
            "follow_up_by_health_service": self.rng.random() < 0.6,
        }

    def preferences_note(self, person: Person, municipality: str, childcare: bool, driving_licence: bool) -> str:
        """The participant's job wishes in their own words (simple bokmål)."""
        rng = self.rng
        title = person.target.title_nb
        title = title if title[:2].isupper() else title[0].lower() + title[1:]  # "IT-driftstekniker" keeps its IT
        sentences = [
            rng.choice(
                (
                    f"Jeg vil jobbe som {title}.",
                    f"Jeg ønsker meg fast jobb som {title}.",
                    f"Jeg vil gjerne jobbe som {title} i {MUNICIPALITIES[municipality]}.",
                    f"Drømmen min er å jobbe som {title}.",
                )
            )
        ]
        if person.group == "higher" and rng.random() < 0.6:
            sentences.append(f"Jeg vil bruke utdanningen min fra {country_name(person.education_country, 'nb')}.")
        if childcare:
            sentences.append("Jeg kan ikke begynne før klokka ni fordi jeg leverer barna i barnehagen.")
        elif rng.random() < 0.3:
            sentences.append("Jeg kan jobbe kveld og helg.")
        if driving_licence and rng.random() < 0.4:
            sentences.append("Jeg har førerkort og bil.")
        extra = (
            "Jeg vil lære mer norsk på jobben.",
            "Jeg liker å jobbe med mennesker.",
            "Jeg liker praktisk arbeid.",
            "Jeg vil gjerne ha en arbeidspraksis først.",
            "På sikt vil jeg starte egen bedrift.",
            "Jeg trenger jobb nær bussen.",
        )
        if rng.random() < 0.6:
            sentences.append(rng.choice(extra))
        return " ".join(sentences)

    # -- the story of one participant ------------------------------------------------------------------------------

    def schedule(self, plan: Plan) -> None:
        rng = self.rng
        self.at(plan.registered, lambda: self.register(plan))
        if plan.specialist is None:  # waiting in the team's queue: registered, profile recorded, nothing more yet
            if rng.random() < 0.5:
                plan.consents.append(PlannedConsent(ConsentPurpose.RESEARCH, at_registration=True))
            return
        plan.profiled = self.later(plan.registered, 7, 45)
        if plan.profiled is not None:
            self.at(plan.profiled, lambda: self.update(plan, plan.creator, plan.preferences, Purpose.CASE_MANAGEMENT))
            if rng.random() < 0.35:
                reassessed = self.later(plan.profiled, 120, 400)
                if reassessed is not None:
                    self.at(reassessed, lambda: self.reassess_norwegian(plan))
        if rng.random() < 0.72:  # asked for at the first meeting
            research = PlannedConsent(ConsentPurpose.RESEARCH, at_registration=True)
            plan.consents.append(research)
            withdrawn = self.later(plan.registered, 30, 400) if rng.random() < 0.06 else None
            if withdrawn is not None:
                research.withdrawn = True
                self.at(withdrawn, lambda: self.withdraw(plan, research, ""))
        if rng.random() < 0.25:
            partner = self.choose_partner(plan)
            given = self.later(plan.registered, 7, 60)
            withdrawn = self.later(given, 20, 300) if given and rng.random() < 0.08 else None
            self.consent(plan, ConsentPurpose.SHARE_PARTNER, organisation=partner, given=given, withdrawn=withdrawn)
        if plan.profiled is not None and rng.random() < 0.22:
            employer = self.choose_employer(plan)
            given = self.later(plan.profiled, 14, 200)
            withdrawn = self.later(given, 10, 120) if given and rng.random() < 0.15 else None
            self.consent(plan, ConsentPurpose.SHARE_EMPLOYER, organisation=employer, given=given, withdrawn=withdrawn)
            if withdrawn is not None and rng.random() < 0.4:
                other = self.choose_employer(plan, exclude=employer)
                if other is not None:
                    given = self.later(withdrawn, 14, 90)
                    self.consent(plan, ConsentPurpose.SHARE_EMPLOYER, organisation=other, given=given)
        if rng.random() < 0.10:
            mentor = self.choose_mentor(plan)
            given = self.later(plan.registered, 20, 200)
            withdrawn = self.later(given, 30, 200) if given and rng.random() < 0.1 else None
            self.consent(plan, ConsentPurpose.SHARE_MENTOR, user=mentor, given=given, withdrawn=withdrawn)

    def consent(
        self,
        plan: Plan,
        purpose: ConsentPurpose,
        *,
        given: dt.datetime | None,
        withdrawn: dt.datetime | None = None,
        organisation: Organisation | None = None,
        user: User | None = None,
        actor: str = "",
        reader: User | None = None,
    ) -> PlannedConsent | None:
        """Plans a consent given (and maybe withdrawn) at these moments, and perhaps a read by its recipient.
        ``actor`` "participant" has the participant give and withdraw it; otherwise their job specialist records
        it."""
        if given is None:
            return None
        planned = PlannedConsent(purpose=purpose, organisation=organisation, user=user, withdrawn=withdrawn is not None)
        plan.consents.append(planned)
        self.at(given, lambda: self.give(plan, planned, actor))
        if withdrawn is not None:
            self.at(withdrawn, lambda: self.withdraw(plan, planned, actor))
        if purpose != ConsentPurpose.RESEARCH and (reader is not None or self.rng.random() < 0.7):
            reader = reader or user or self.rng.choice(self.staff_of(organisation))
            read = self.later(given, 0, 20)
            if read is not None and (withdrawn is None or read < withdrawn):
                self.at(read, lambda: access_participant(reader, plan.participant.pk, SHARED_READS[purpose]))
        return planned

    def staff_of(self, organisation: Organisation) -> list[User]:
        key = next(k for k, o in self.organisations.items() if o.pk == organisation.pk)
        return self.staff[key]

    def choose_partner(self, plan: Plan) -> Organisation:
        options = []
        for key, _name, kind, municipality, _weight in ORGANISATIONS:
            same_region = region_of(municipality) == plan.region
            if kind == OrganisationKind.EDUCATION_PROVIDER and same_region:
                weight = 3.0
            elif kind == OrganisationKind.HEALTH_SERVICE and same_region:
                weight = 2.0 if plan.health else 0.3
            elif kind == OrganisationKind.COUNTY and same_region:
                weight = 1.0
            elif kind == OrganisationKind.EMPLOYERS_FEDERATION and (municipality[:2] == "15") == (
                plan.region == "Møre og Romsdal"
            ):
                weight = 0.7 if plan.education_rank >= 5 else 0.2
            else:
                continue
            if municipality == plan.office.municipality:
                weight *= 3
            options.append((self.organisations[key], weight))
        return _weighted(self.rng, options)

    def choose_employer(self, plan: Plan, exclude: Organisation | None = None) -> Organisation | None:
        options = []
        for key, _name, municipality, codes in EMPLOYERS:
            organisation = self.organisations[key]
            if region_of(municipality) != plan.region or organisation is exclude:
                continue
            weight = 6.0 if plan.target.code in codes else 0.5
            options.append((organisation, weight))
        return _weighted(self.rng, options) if options else None

    def choose_mentor(self, plan: Plan) -> User:
        key = {"Vestfold": "mentor-vestfold", "Telemark": "mentor-grenland"}.get(plan.region, "mentor-sunnmore")
        mentors = [m for m in self.staff[key] if m.username != "mentor"]  # the demo mentor gets chosen mentees
        return _weighted(
            self.rng, ((m, 5.0 if self.mentor_origin[m.pk] == plan.origin.country else 1.0) for m in mentors)
        )

    # -- actions, run in the order of the story ----------------------------------------------------------------------

    def register(self, plan: Plan) -> None:
        actor = plan.creator
        plan.participant = participant_create(actor=actor, organisation=plan.office.organisation, data=plan.data)
        access = access_participant(actor, plan.participant.pk, Purpose.CASE_MANAGEMENT)
        language_skills_replace(actor=actor, access=access, languages=plan.languages)
        for section, rows in (("educations", plan.educations), ("experiences", plan.experiences)):
            for row in rows:
                profile_item_add(actor=actor, access=access, section=section, data=row)
        for skill in plan.skills:
            profile_item_add(actor=actor, access=access, section="skills", data={"name": skill})
        if plan.health and access.special_category:
            health_update(actor=actor, access=access, data=plan.health)
        for planned in plan.consents:
            if planned.at_registration:
                planned.consent = consent_give(actor=actor, access=access, purpose=planned.purpose)

    def update(self, plan: Plan, actor: User, data: dict, purpose: Purpose) -> None:
        access = access_participant(actor, plan.participant.pk, purpose)
        participant_update(actor=actor, access=access, data=data)

    def reassess_norwegian(self, plan: Plan) -> None:
        rows = [dict(row) for row in plan.languages]
        for row in rows:
            if row["language"] == "nb":
                for skill in LanguageSkill.CEFR_SKILLS:
                    if self.rng.random() < 0.6:
                        current = row[skill]
                        row[skill] = CEFR_LEVELS[min(CEFR_LEVELS.index(current) + 1, 4)] if current else "A1"
        plan.languages = rows
        access = access_participant(plan.creator, plan.participant.pk, Purpose.CASE_MANAGEMENT)
        language_skills_replace(actor=plan.creator, access=access, languages=rows)

    def _consent_actor(self, plan: Plan, actor: str) -> tuple[User, Purpose]:
        if actor == "participant":
            return plan.user, Purpose.SELF_SERVICE
        return plan.creator, Purpose.CASE_MANAGEMENT

    def give(self, plan: Plan, planned: PlannedConsent, actor: str) -> None:
        user, purpose = self._consent_actor(plan, actor)
        access = access_participant(user, plan.participant.pk, purpose)
        planned.consent = consent_give(
            actor=user,
            access=access,
            purpose=planned.purpose,
            recipient_organisation=planned.organisation,
            recipient_user=planned.user,
        )

    def withdraw(self, plan: Plan, planned: PlannedConsent, actor: str) -> None:
        user, purpose = self._consent_actor(plan, actor)
        access = access_participant(user, plan.participant.pk, purpose)
        consent_withdraw(actor=user, access=access, consent_id=planned.consent.pk)

    def create_participant_account(self, plan: Plan) -> None:
        """The job specialist opens a login for the participant and links it to their record."""
        specialist = plan.specialist
        user = user_create(
            actor=specialist,
            username="deltaker",
            password=None,
            password_hash=demo_password_hash(self.password, self.seed, "deltaker"),
            first_name=plan.data["given_name"],
            last_name=plan.data["family_name"],
            email=plan.data["email"],
        )
        membership_add(actor=specialist, user=user, organisation=plan.office.organisation, role=Role.PARTICIPANT)
        participant = plan.participant
        with transaction.atomic():
            participant.user = user
            participant.updated_at = clock.now()
            participant.save(update_fields=["user", "updated_at"])
            change_record(
                actor=specialist,
                instance=participant,
                action="update",
                before={"user": None},
                after={"user": str(user.pk)},
                participant=participant,
            )
        plan.user = user
        self.demo_users["deltaker"] = user

    # -- the demo's own people --------------------------------------------------------------------------------------

    def plan_demo_participant(self, office: Office) -> Plan:
        plan = self.plan_participant(
            0,
            office,
            0,
            0,
            forced={
                "origin": "SY",
                "female": True,
                "mother_tongue": "ar",
                "arrival": dt.date(2019, 9, 12),
                "registered": TODAY - dt.timedelta(days=236),
                "residence": ResidenceBasis.REFUGEE,
                "education": EducationLevel.VOCATIONAL,
                "target": "5120",
                "age": 34,
                "experiences": ((BY_CODE["5120"], 6.0, "SY"), (BY_CODE["9412"], 1.5, "NO")),
                "norwegian": {
                    "listening": "B1",
                    "reading": "B1",
                    "spoken_interaction": "B1",
                    "spoken_production": "A2",
                    "writing": "A2",
                },
                "note": "Jeg vil jobbe som kokk på et hotell eller en restaurant. Jeg har laget mat i mange år.",
            },
        )
        plan.data.update(
            {
                "national_id": plan.data["national_id"] or self.national_id(plan.data["birth_date"]),
                "email": plan.data["email"]
                or f"{ascii_slug(plan.data['given_name'])}.{ascii_slug(plan.data['family_name'])}@example.com",
                "case_legal_basis": CaseLegalBasis.NAV_ACT_14A,
                "municipality_number": office.municipality,
                "interpreter_needed": False,
                "interpreter_language": "",
                "preferred_language": "nb",
            }
        )
        plan.preferences.update({"hours_preference": HoursPreference.FULL_TIME, "childcare_constraint": False})
        return plan

    def schedule_demo_participant(self, plan: Plan) -> None:
        """The demo participant's own story: a login, consents they gave and one they withdrew, shared with the
        demo employer, partner and mentor, who have looked at the profile."""
        self.at(plan.registered, lambda: self.register(plan))
        account_at = self.later(plan.registered, 1, 3)
        self.at(account_at, lambda: self.create_participant_account(plan))
        plan.profiled = self.later(account_at, 7, 14)
        self.at(plan.profiled, lambda: self.update(plan, plan.creator, plan.preferences, Purpose.CASE_MANAGEMENT))
        me = "participant"
        self.consent(plan, ConsentPurpose.RESEARCH, given=self.later(account_at, 0, 1), actor=me)
        self.consent(
            plan,
            ConsentPurpose.SHARE_PARTNER,
            organisation=self.organisations[DEMO_PARTNER],
            given=self.later(account_at, 20, 25),
            actor=me,
            reader=self.demo_users["partner"],
        )
        first = self.later(plan.profiled, 30, 40)
        self.consent(
            plan,
            ConsentPurpose.SHARE_EMPLOYER,
            organisation=self.organisations["tonsberg-hotell"],
            given=first,
            withdrawn=self.later(first, 30, 40),
            actor=me,
            reader=self.staff["tonsberg-hotell"][0],
        )
        second = self.later(first, 90, 100)
        self.consent(
            plan,
            ConsentPurpose.SHARE_EMPLOYER,
            organisation=self.organisations[DEMO_EMPLOYER],
            given=second,
            actor=me,
            reader=self.demo_users["arbeidsgiver"],
        )
        mentor = self.demo_users["mentor"]
        self.consent(plan, ConsentPurpose.SHARE_MENTOR, user=mentor, given=self.later(second, 10, 20), actor=me)
        self.at(self.later(plan.profiled, 110, 130), lambda: self.reassess_norwegian(plan))
        own_words = {
            "preferences_note": plan.preferences["preferences_note"]
            + " Jeg har jobbet på kjøkken i Norge også, og jeg kan lage mat til mange gjester."
        }
        self.at(self.later(second, 30, 50), lambda: self.update(plan, plan.user, own_words, Purpose.SELF_SERVICE))

    def guarantee_demo_sharing(self) -> None:
        """The demo employer sees a few candidates, the demo partner a few referrals, the demo mentor two mentees."""
        demo_specialist = self.demo_users["jobbspesialist"]
        employer = self.organisations[DEMO_EMPLOYER]
        partner = self.organisations[DEMO_PARTNER]
        hotel_codes = next(codes for key, _n, _m, codes in EMPLOYERS if key == DEMO_EMPLOYER)

        def active(plan, **recipient):
            return any(not c.withdrawn and all(getattr(c, k) is v for k, v in recipient.items()) for c in plan.consents)

        candidates = [p for p in self.plans if p.region == "Vestfold" and p.profiled is not None and p.index != 0]
        candidates.sort(key=lambda p: (p.target.code not in hotel_codes, p.office.key != DEMO_OFFICE, p.index))
        for wanted, purpose, recipient, after in (
            (5, ConsentPurpose.SHARE_EMPLOYER, {"organisation": employer}, 14),
            (4, ConsentPurpose.SHARE_PARTNER, {"organisation": partner}, 1),
        ):
            have = sum(1 for p in self.plans if active(p, **recipient))
            for plan in candidates:
                if have >= wanted:
                    break
                if active(plan, **recipient) or (
                    purpose == ConsentPurpose.SHARE_EMPLOYER and active(plan, purpose=purpose)
                ):
                    continue
                if self.consent(plan, purpose, given=self.later(plan.profiled, after, after + 60), **recipient):
                    have += 1
        mentee = next((p for p in self.plans if p.specialist is demo_specialist and p.index != 0 and p.profiled), None)
        if mentee is not None:
            self.consent(
                mentee,
                ConsentPurpose.SHARE_MENTOR,
                user=self.demo_users["mentor"],
                given=self.later(mentee.profiled, 5, 30),
            )

    # -- the whole story ------------------------------------------------------------------------------------------

    def plan_all(self) -> None:
        demo_office = self.offices[DEMO_OFFICE]
        slots = []
        for office in self.offices.values():
            for index, caseload in enumerate(office.caseloads):
                slots += [(office, index, 0)] * caseload
            for team_index, queue in enumerate(office.queues):
                slots += [(office, None, team_index)] * queue
        slots.remove((demo_office, 0, 0))
        self.rng.shuffle(slots)
        demo = self.plan_demo_participant(demo_office)
        self.plans.append(demo)
        self.schedule_demo_participant(demo)
        for index, (office, slot, team_index) in enumerate(slots, start=1):
            plan = self.plan_participant(index, office, slot, team_index)
            self.plans.append(plan)
            self.schedule(plan)
        self.guarantee_demo_sharing()

    def play(self) -> None:
        for when, _order, action in sorted(self.events, key=lambda event: (event[0], event[1])):
            if when > clock.now():
                clock.set_simulated_time(when)
            action()

    def run(self) -> None:
        self.build_organisations()
        self.allocate()
        self.build_staff()
        self.plan_all()
        self.pathways = schedule_pathways(self)  # pathway histories, played in date order with the rest
        self.play()
        build_research(
            researcher=self.demo_users["forsker"],
            institution=self.organisations[DEMO_RESEARCH],
            # Where participants live: their office's municipality or a neighbour of it.
            municipalities={
                number
                for plan in self.plans
                for number in (plan.office.municipality, *NEIGHBOURS.get(plan.office.municipality, ()))
            },
            today=TODAY,
            seed=self.seed,
        )
        self.build_peers()
        build_wishes(rng=random.Random(f"samspill-demo-wishes:{self.seed}"))

    def build_peers(self) -> None:
        mentors = list(User.objects.filter(pk__in=self.mentor_origin).order_by("username"))
        municipality_of = {
            user.pk: user.memberships.select_related("organisation").first().organisation.municipality_number
            for user in mentors
        }
        consents = (
            Consent.objects.filter(purpose=ConsentPurpose.SHARE_MENTOR, withdrawn_at__isnull=True)
            .select_related("participant__assigned_specialist", "recipient_user")
            .order_by("given_at", "id")
        )
        shared = [
            (c.participant.assigned_specialist, c.participant_id, c.recipient_user)
            for c in consents
            if c.participant.assigned_specialist is not None and c.recipient_user is not None
        ]
        build_peers(
            mentors=mentors,
            mentor_origin=self.mentor_origin,
            municipality_of=municipality_of,
            shared=shared,
            rng=random.Random(f"samspill-demo-peers:{self.seed}"),
        )


SHARED_READS = {
    ConsentPurpose.SHARE_EMPLOYER: Purpose.SHARE_EMPLOYER,
    ConsentPurpose.SHARE_MENTOR: Purpose.SHARE_MENTOR,
    ConsentPurpose.SHARE_PARTNER: Purpose.SHARE_PARTNER,
}


def build(*, seed: int = DEFAULT_SEED, participants: int = DEFAULT_PARTICIPANTS, password: str = "") -> BuildSummary:
    """Builds the demo ecosystem in one transaction. The caller checks that the database is empty."""
    if participants < 1:
        raise ValueError("the demo needs at least one participant")
    started = time.perf_counter()
    builder = _Builder(seed=seed, participants=participants, password=password or demo_password())
    with clock.simulated(start=PLATFORM_START, seed=seed), transaction.atomic():
        builder.run()
    return BuildSummary(
        seed=seed,
        organisations=len(builder.organisations),
        users=User.objects.count(),
        participants=len(builder.plans),
        consents=Consent.objects.count(),
        seconds=time.perf_counter() - started,
    )
