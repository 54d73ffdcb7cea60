"""What the matchers know about participants, opportunities, peer mentors and programmes.

Plain frozen dataclasses, filled by the platform (``matching/services.py``) or by a researcher from register data.
Levels are small integers so that the batch paths can hold them in arrays:

* Norwegian and other languages: CEFR index 0..6 = none (below A1), A1, A2, B1, B2, C1, C2; a mother tongue
  counts as 6.
* Education: ISCED 2011 level 0..8; field: ISCED-F 2013 code ("0913") or, failing that, a free-text label.
* Occupations: ISCO-08 codes as digit strings; a 4-digit STYRK-08 code is the same code. Shorter codes name a
  group ("51" = personal service workers) and are allowed where a preference or a mentor's field is broad.

The participant carries the protected attributes (country of origin, religion, gender, health) so that the tests can
change them and prove that no score moves: no matcher reads them (see ``PROTECTED_ATTRIBUTES``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CEFR_LABELS = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
MOTHER_TONGUE_LEVEL = 6

# Codes under which the platform may store Norwegian (ISO 639-1 and -3, Bokmål and Nynorsk): all are one language
# for matching, stored as "no".
NORWEGIAN = "no"
NORWEGIAN_CODES = frozenset({"no", "nb", "nn", "nor", "nob", "nno"})

OPPORTUNITY_KINDS = ("job", "language_practice", "work_trial", "apprenticeship", "subsidised_job")
MENTOR_KINDS = ("migrant_peer", "native_professional")

# Read by no matcher. The invariance tests change exactly these fields.
PROTECTED_ATTRIBUTES = ("country_of_origin", "religion", "gender", "health")

# The platform's education levels (people.models.EducationLevel) as ISCED 2011 levels. A Norwegian trade certificate
# (fagbrev) is upper secondary vocational education, ISCED 353.
ISCED_FROM_EDUCATION_LEVEL = MappingProxyType(
    {
        "none": 0,
        "primary": 1,
        "lower_secondary": 2,
        "upper_secondary": 3,
        "vocational": 3,
        "bachelor": 6,
        "master": 7,
        "doctorate": 8,
    }
)

Location = tuple[float, float]  # (latitude, longitude) in degrees, WGS84


def cefr_index(level: str | int | None) -> int:
    """ "B1" -> 3; "" or None -> 0 (not assessed counts as no level); an int passes through after a range check."""
    if level is None or level == "":
        return 0
    if isinstance(level, int):
        if not 0 <= level <= 6:
            raise ValueError(f"CEFR index {level} is outside 0..6")
        return level
    text = level.strip().upper()
    if text == "NONE":
        return 0
    if text not in CEFR_LABELS:
        raise ValueError(f"{level!r} is not a CEFR level (A1..C2)")
    return CEFR_LABELS.index(text)


def cefr_label(index: int) -> str:
    return CEFR_LABELS[index]


def norwegian_level_from_skills(levels: Mapping[str, str | int | None]) -> int:
    """One Norwegian level from the five CEFR skills (listening, reading, spoken interaction and production, writing).

    The lower median of the assessed skills: one weak skill (writing, typically) does not pull the whole level down,
    as a minimum would, yet the level is never above what most skills reach. Skills not assessed are left out; none
    assessed gives 0.
    """
    assessed = sorted(cefr_index(v) for v in levels.values() if v not in (None, ""))
    if not assessed:
        return 0
    return assessed[(len(assessed) - 1) // 2]


def language_code(code: str) -> str:
    code = code.strip().lower()
    return NORWEGIAN if code in NORWEGIAN_CODES else code


def _frozen_levels(levels: Mapping[str, int]) -> Mapping[str, int]:
    out: dict[str, int] = {}
    for code, level in levels.items():
        level = cefr_index(level)
        key = language_code(code)
        out[key] = max(out.get(key, 0), level)
    return MappingProxyType(out)


def _check_location(name: str, loc: Location | None) -> Location | None:
    if loc is None:
        return None
    lat, lon = float(loc[0]), float(loc[1])
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or math.isnan(lat) or math.isnan(lon):
        raise ValueError(f"{name} {loc!r} is not a (latitude, longitude) pair in degrees")
    return (lat, lon)


def _check_level(name: str, value: int, low: int = 0, high: int = 6) -> None:
    if not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer in {low}..{high}, got {value!r}")


@dataclass(frozen=True, kw_only=True)
class ParticipantFeatures:
    """A participant as the matchers see them. Sets and mappings are frozen on construction."""

    id: Hashable
    # Overall Norwegian level, CEFR index 0..6 (see norwegian_level_from_skills for the five skills).
    norwegian_level: int = 0
    # A Norwegian course planned or in progress in the plan: counts as one CEFR level more for the language
    # *requirement* of an opportunity, never for scoring (the rule the issue asks for; see jobs.py).
    norwegian_support: bool = False
    right_to_work: bool = True
    driving_licence: bool = False
    max_hours_per_week: float | None = None  # None: no limit stated
    commuting_radius_km: float | None = None  # None: no limit stated
    home: Location | None = None
    skills: frozenset[str] = frozenset()  # ESCO skill URIs or plain labels, matched by equality
    experience: Mapping[str, float] = field(default_factory=dict)  # ISCO code -> years
    education_level: int | None = None  # ISCED 0..8, None: unknown
    education_field: str | None = None  # ISCED-F code or a label
    preferred_occupations: frozenset[str] = frozenset()  # ISCO codes, 1 to 4 digits
    preferred_kinds: frozenset[str] = frozenset()  # OPPORTUNITY_KINDS
    languages: Mapping[str, int] = field(default_factory=dict)  # language code -> CEFR index (Norwegian apart)
    mother_tongue: str | None = None
    # Peer mentoring and services.
    mentor_topics: frozenset[str] = frozenset()  # what the participant wants to talk about with a mentor
    preferred_mentor_kinds: frozenset[str] = frozenset()  # MENTOR_KINDS; empty: either
    # The participant's own, explicit wish for a mentor of a given background (a country or region). Never derived
    # from country_of_origin: it is what the participant asked for, and None unless they did.
    preferred_mentor_background: str | None = None
    needs: frozenset[str] = frozenset()  # needs in the plan a programme or service can meet
    eligibility: frozenset[str] = frozenset()  # eligibility facts established by the caseworker
    # Protected attributes: carried, never used (PROTECTED_ATTRIBUTES).
    country_of_origin: str | None = None
    religion: str | None = None
    gender: str | None = None
    health: str | None = None

    def __post_init__(self) -> None:
        _check_level("norwegian_level", self.norwegian_level)
        if self.education_level is not None:
            _check_level("education_level", self.education_level, 0, 8)
        for name in ("max_hours_per_week", "commuting_radius_km"):
            value = getattr(self, name)
            if value is not None and not (value >= 0):
                raise ValueError(f"{name} must be >= 0 or None, got {value!r}")
        object.__setattr__(self, "home", _check_location("home", self.home))
        for name in (
            "skills",
            "preferred_occupations",
            "preferred_kinds",
            "mentor_topics",
            "preferred_mentor_kinds",
            "needs",
            "eligibility",
        ):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        for years in self.experience.values():
            if not (years >= 0):
                raise ValueError(f"years of experience must be >= 0, got {years!r}")
        object.__setattr__(self, "experience", MappingProxyType({str(k): float(v) for k, v in self.experience.items()}))
        object.__setattr__(self, "languages", _frozen_levels(self.languages))
        if self.mother_tongue is not None:
            object.__setattr__(self, "mother_tongue", language_code(self.mother_tongue))

    def spoken_levels(self) -> dict[str, int]:
        """Every language the participant speaks with its level: the mother tongue at 6 and Norwegian at
        ``norwegian_level`` (the current level: the course is not yet spoken)."""
        levels = dict(self.languages)
        if self.mother_tongue:
            levels[self.mother_tongue] = MOTHER_TONGUE_LEVEL
        if self.norwegian_level:
            levels[NORWEGIAN] = max(levels.get(NORWEGIAN, 0), self.norwegian_level)
        return {k: v for k, v in levels.items() if v > 0}

    def __hash__(self) -> int:  # mappings are not hashable; the id identifies a participant
        return hash(self.id)


@dataclass(frozen=True, kw_only=True)
class OpportunityFeatures:
    id: Hashable
    occupation: str  # ISCO-08 / STYRK-08, 4 digits
    kind: str = "job"
    norwegian_level: int = 0  # required, CEFR index
    # The workplace offers language support (a language mentor, vocational Norwegian on the job): like a planned
    # course on the participant's side it counts as one level for the requirement (at most one level in all).
    language_support: bool = False
    hours_per_week: float = 37.5
    requires_driving_licence: bool = False
    requires_right_to_work: bool = True
    location: Location | None = None
    # The employer's own list; the occupation's ESCO essential/optional skills are added to it (jobs.py).
    essential_skills: frozenset[str] = frozenset()
    optional_skills: frozenset[str] = frozenset()
    education_level: int | None = None  # required ISCED level; None: the ISCO skill level's typical level
    education_field: str | None = None
    job_quality: float | None = None  # 0..1 from the job-quality / job-exposure assessment; None: unknown
    positions: int = 1  # positions still free

    def __post_init__(self) -> None:
        if not (isinstance(self.occupation, str) and self.occupation.isdigit() and 1 <= len(self.occupation) <= 4):
            raise ValueError(f"occupation must be an ISCO-08 code of 1-4 digits, got {self.occupation!r}")
        if self.kind not in OPPORTUNITY_KINDS:
            raise ValueError(f"kind must be one of {OPPORTUNITY_KINDS}, got {self.kind!r}")
        _check_level("norwegian_level", self.norwegian_level)
        if self.education_level is not None:
            _check_level("education_level", self.education_level, 0, 8)
        if not (self.hours_per_week >= 0):
            raise ValueError(f"hours_per_week must be >= 0, got {self.hours_per_week!r}")
        if self.job_quality is not None and not (0.0 <= self.job_quality <= 1.0):
            raise ValueError(f"job_quality must be in 0..1 or None, got {self.job_quality!r}")
        if not isinstance(self.positions, int) or self.positions < 0:
            raise ValueError(f"positions must be an integer >= 0, got {self.positions!r}")
        object.__setattr__(self, "location", _check_location("location", self.location))
        object.__setattr__(self, "essential_skills", frozenset(self.essential_skills))
        object.__setattr__(self, "optional_skills", frozenset(self.optional_skills))


@dataclass(frozen=True, kw_only=True)
class MentorFeatures:
    id: Hashable
    kind: str  # MENTOR_KINDS
    occupation: str | None = None  # the mentor's field as an ISCO code (1-4 digits)
    languages: Mapping[str, int] = field(default_factory=dict)  # language code -> CEFR index, mother tongue as 6
    # The background the mentor declares on their profile so that a participant who asks for a peer of a given
    # background can find one. Scored only against the participant's explicit preferred_mentor_background.
    background: str | None = None
    topics: frozenset[str] = frozenset()
    capacity: int = 1
    active_mentees: int = 0
    location: Location | None = None
    meets_online: bool = False  # the distance limit does not apply

    def __post_init__(self) -> None:
        if self.kind not in MENTOR_KINDS:
            raise ValueError(f"kind must be one of {MENTOR_KINDS}, got {self.kind!r}")
        if self.occupation is not None and not (self.occupation.isdigit() and 1 <= len(self.occupation) <= 4):
            raise ValueError(f"occupation must be an ISCO-08 code of 1-4 digits, got {self.occupation!r}")
        if self.capacity < 0 or self.active_mentees < 0:
            raise ValueError("capacity and active_mentees must be >= 0")
        object.__setattr__(self, "location", _check_location("location", self.location))
        object.__setattr__(self, "topics", frozenset(self.topics))
        object.__setattr__(self, "languages", _frozen_levels(self.languages))

    @property
    def free_places(self) -> int:
        return max(0, self.capacity - self.active_mentees)

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True, kw_only=True)
class ProgrammeFeatures:
    """A programme or service in the catalogue (Norwegian training, qualification, health follow-up...)."""

    id: Hashable
    kind: str
    needs: frozenset[str]  # the needs it meets, in the same vocabulary as ParticipantFeatures.needs
    required_eligibility: frozenset[str] = frozenset()  # facts the participant must have, all of them
    # Current Norwegian level the programme admits (a planned course does not count: it is often this programme).
    min_norwegian_level: int = 0
    max_norwegian_level: int = 6
    requires_right_to_work: bool = False
    languages: frozenset[str] = frozenset({NORWEGIAN})  # languages of instruction (or with an interpreter)
    seats: int = 1
    free_seats: int = 1
    location: Location | None = None
    online: bool = False

    def __post_init__(self) -> None:
        _check_level("min_norwegian_level", self.min_norwegian_level)
        _check_level("max_norwegian_level", self.max_norwegian_level)
        if not 0 <= self.free_seats <= max(self.seats, self.free_seats) or self.seats < 0:
            raise ValueError("seats and free_seats must be >= 0")
        object.__setattr__(self, "location", _check_location("location", self.location))
        for name in ("needs", "required_eligibility"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        object.__setattr__(self, "languages", frozenset(language_code(c) for c in self.languages))
