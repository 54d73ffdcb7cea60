"""Hypothesis strategies for the matching tests: small worlds around Oslo where every constraint both passes and
fails often."""

from __future__ import annotations

import math

from hypothesis import strategies as st

from samspill.matching.engine import (
    InMemoryTaxonomy,
    MentorFeatures,
    OpportunityFeatures,
    ParticipantFeatures,
    ProgrammeFeatures,
)
from samspill.matching.engine.features import MENTOR_KINDS, OPPORTUNITY_KINDS

OCCUPATIONS = ["5120", "5131", "5132", "5141", "9112", "9121", "2221", "2223", "3221", "7411", "7412", "8322", "4110"]
GROUPS = ["5", "51", "513", "22", "9", "74"]
SKILLS = [f"skill-{i}" for i in range(16)]
FIELDS = ["0913", "0914", "0915", "0721", "1013", "cooking"]
LANGUAGES = ["ar", "so", "ti", "en", "uk", "fa", "no"]
TOPICS = ["cv", "interview", "network", "norwegian", "business"]
NEEDS = ["norwegian", "qualification", "health", "financial", "job_search", "business_start_up"]
FLAGS = ["introduction_programme", "nav_14a", "under_30"]
BACKGROUNDS = ["Somalia", "Syria", "Eritrea", "Ukraine", "East Africa"]

# A fixed taxonomy: some occupations have ESCO skills, some none (the opportunity's own list then counts alone).
TAXONOMY = InMemoryTaxonomy(
    {
        "5120": (["skill-0", "skill-1", "skill-2"], ["skill-3", "skill-4"]),
        "5131": (["skill-1", "skill-5"], ["skill-0"]),
        "9112": (["skill-6"], ["skill-7", "skill-8"]),
        "2221": (["skill-9", "skill-10", "skill-11"], ["skill-12"]),
        "7411": (["skill-13"], ["skill-14", "skill-15", "skill-13"]),
    }
)

levels = st.integers(0, 6)
locations = st.one_of(st.none(), st.tuples(st.floats(59.6, 60.3), st.floats(10.2, 11.4)))
radii = st.one_of(st.none(), st.sampled_from([5.0, 15.0, 30.0, 60.0]))
skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=8)
protected = st.fixed_dictionaries(
    {
        "country_of_origin": st.one_of(st.none(), st.sampled_from(["SO", "SY", "ER", "UA", "AF", "NO"])),
        "religion": st.one_of(st.none(), st.sampled_from(["islam", "christianity", "none", "other"])),
        "gender": st.one_of(st.none(), st.sampled_from(["female", "male", "other"])),
        "health": st.one_of(st.none(), st.sampled_from(["none", "back pain", "ptsd", "diabetes"])),
    }
)


@st.composite
def participants(draw, ident=None):
    return ParticipantFeatures(
        id=ident if ident is not None else draw(st.integers(0, 10**6)),
        norwegian_level=draw(levels),
        norwegian_support=draw(st.booleans()),
        right_to_work=draw(st.booleans()),
        driving_licence=draw(st.booleans()),
        max_hours_per_week=draw(st.one_of(st.none(), st.sampled_from([15.0, 20.0, 30.0, 37.5]))),
        commuting_radius_km=draw(radii),
        home=draw(locations),
        skills=draw(skill_sets),
        experience=draw(st.dictionaries(st.sampled_from(OCCUPATIONS), st.floats(0, 12, allow_nan=False), max_size=3)),
        education_level=draw(st.one_of(st.none(), st.integers(0, 8))),
        education_field=draw(st.one_of(st.none(), st.sampled_from(FIELDS))),
        preferred_occupations=draw(st.frozensets(st.sampled_from(OCCUPATIONS + GROUPS), max_size=2)),
        preferred_kinds=draw(st.frozensets(st.sampled_from(OPPORTUNITY_KINDS), max_size=2)),
        languages=draw(st.dictionaries(st.sampled_from(LANGUAGES), levels, max_size=3)),
        mother_tongue=draw(st.one_of(st.none(), st.sampled_from(LANGUAGES[:-1]))),
        mentor_topics=draw(st.frozensets(st.sampled_from(TOPICS), max_size=3)),
        preferred_mentor_kinds=draw(st.frozensets(st.sampled_from(MENTOR_KINDS), max_size=1)),
        preferred_mentor_background=draw(st.one_of(st.none(), st.sampled_from(BACKGROUNDS))),
        needs=draw(st.frozensets(st.sampled_from(NEEDS), max_size=3)),
        eligibility=draw(st.frozensets(st.sampled_from(FLAGS), max_size=3)),
        **draw(protected),
    )


@st.composite
def opportunities(draw, ident):
    return OpportunityFeatures(
        id=ident,
        occupation=draw(st.sampled_from(OCCUPATIONS)),
        kind=draw(st.sampled_from(OPPORTUNITY_KINDS)),
        norwegian_level=draw(st.integers(0, 5)),
        language_support=draw(st.booleans()),
        hours_per_week=draw(st.sampled_from([10.0, 20.0, 30.0, 37.5])),
        requires_driving_licence=draw(st.booleans()),
        requires_right_to_work=draw(st.booleans()),
        location=draw(locations),
        essential_skills=draw(st.frozensets(st.sampled_from(SKILLS), max_size=3)),
        optional_skills=draw(st.frozensets(st.sampled_from(SKILLS), max_size=3)),
        education_level=draw(st.one_of(st.none(), st.integers(0, 8))),
        education_field=draw(st.one_of(st.none(), st.sampled_from(FIELDS))),
        job_quality=draw(st.one_of(st.none(), st.floats(0, 1))),
        positions=draw(st.integers(0, 3)),
    )


def catalogue(item, max_size=12):
    return st.integers(0, max_size).flatmap(lambda n: st.tuples(*[item(f"t{i}") for i in range(n)]).map(list))


@st.composite
def mentors(draw, ident):
    capacity = draw(st.integers(0, 3))
    return MentorFeatures(
        id=ident,
        kind=draw(st.sampled_from(MENTOR_KINDS)),
        occupation=draw(st.one_of(st.none(), st.sampled_from(OCCUPATIONS + GROUPS))),
        languages=draw(st.dictionaries(st.sampled_from(LANGUAGES), levels, max_size=3)),
        background=draw(st.one_of(st.none(), st.sampled_from(BACKGROUNDS))),
        topics=draw(st.frozensets(st.sampled_from(TOPICS), max_size=4)),
        capacity=capacity,
        active_mentees=draw(st.integers(0, capacity + 1)),
        location=draw(locations),
        meets_online=draw(st.booleans()),
    )


@st.composite
def programmes(draw, ident):
    seats = draw(st.integers(0, 10))
    low = draw(st.integers(0, 4))
    return ProgrammeFeatures(
        id=ident,
        kind=draw(st.sampled_from(["norwegian", "qualification", "health", "mentor"])),
        needs=draw(st.frozensets(st.sampled_from(NEEDS), min_size=1, max_size=3)),
        required_eligibility=draw(st.frozensets(st.sampled_from(FLAGS), max_size=2)),
        min_norwegian_level=low,
        max_norwegian_level=draw(st.integers(low, 6)),
        requires_right_to_work=draw(st.booleans()),
        languages=draw(st.frozensets(st.sampled_from(LANGUAGES), min_size=1, max_size=2)),
        seats=seats,
        free_seats=draw(st.integers(0, seats)),
        location=draw(locations),
        online=draw(st.booleans()),
    )


def haversine_km(a, b) -> float:
    """Independent of the engine's unit-vector arithmetic."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))
