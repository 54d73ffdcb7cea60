"""From the platform's records to what the engine sees (``matching.engine.features``). The documented choices:

* Norwegian level: the lower median of the five CEFR skills of the participant's Norwegian (nb, nn or no) row; a
  Norwegian course or vocational Norwegian in the plan that is not done or cancelled is the planned language support.
* Right to work: every residence basis on the platform gives it (asylum seekers are not yet participants).
* Hours: part-time wishes cap at 30 hours a week; full time or either, no cap.
* Home, workplace and mentor locations: the municipality's centroid when the municipalities are loaded
  (``samspill taxonomy load-municipalities``); otherwise no location, and the engine says the distance was not
  checked.
* Skills: ESCO URIs where the profile has them, else the skill's name in lower case.
* Job quality: the share of the JRC-Eurofound indices in the better third, when the matrix is loaded.
* Needs for programmes: from the plan's open activities (a Norwegian course needs Norwegian training, a health
  follow-up a health service, and so on).
* Stated wishes: the occupations (ISCO-08/STYRK-08 codes), kinds of opportunity, mentor topics and kind of mentor
  a job specialist recorded with the participant (``Wishes``); none recorded, the preference factors are neutral.
  A wish for a mentor of a given background is not recorded on the platform, so that factor is always neutral.
* Country of origin, religion, gender and health are never passed: the engine carries the fields, the platform
  leaves them empty.
"""

from samspill.matching.engine import (
    MentorFeatures,
    OpportunityFeatures,
    ParticipantFeatures,
    ProgrammeFeatures,
    cefr_index,
    norwegian_level_from_skills,
)
from samspill.matching.engine.features import ISCED_FROM_EDUCATION_LEVEL
from samspill.taxonomy.selectors import job_quality_for_opportunity, municipality_centroids

NORWEGIAN_CODES = ("nb", "nn", "no")
LANGUAGE_SKILLS = ("listening", "reading", "spoken_interaction", "spoken_production", "writing")
PART_TIME_HOURS = 30.0
# An open plan activity of these kinds is a need that a programme of the same kind can meet.
NEEDS_OF_ACTIVITIES = {
    "language_course": "norwegian",
    "vocational_norwegian": "norwegian",
    "health_follow_up": "health",
    "financial_guidance": "financial",
    "business_course": "business_start_up",
    "business_plan": "business_start_up",
    "credential_recognition": "qualification",
    "mentor_session": "mentor",
    "job_search": "supported_employment",
}
SUPPORT_ACTIVITIES = ("language_course", "vocational_norwegian")
GOOD_WHEN_HIGH = ("autonomy", "latitude")
GOOD_WHEN_LOW = ("physical", "strength", "routine", "repetitive")


def participant_features(participant, *, open_activity_kinds=(), wishes=None) -> ParticipantFeatures:
    centroids = municipality_centroids()
    norwegian, others, mother = 0, {}, None
    for row in participant.languages.all():
        levels = {skill: getattr(row, skill) for skill in LANGUAGE_SKILLS}
        if row.language in NORWEGIAN_CODES:
            norwegian = max(norwegian, norwegian_level_from_skills(levels))
        elif row.is_mother_tongue:
            mother = row.language
        else:
            known = [cefr_index(value) for value in levels.values() if value]
            if known:
                others[row.language] = max(known)
    education = [ISCED_FROM_EDUCATION_LEVEL.get(e.level) for e in participant.educations.all()]
    education = [level for level in education if level is not None]
    experience: dict[str, float] = {}
    for item in participant.experiences.all():
        if item.occupation_code:
            experience[item.occupation_code] = experience.get(item.occupation_code, 0.0) + float(item.years)
    return ParticipantFeatures(
        id=str(participant.pk),
        norwegian_level=norwegian,
        norwegian_support=any(kind in SUPPORT_ACTIVITIES for kind in open_activity_kinds),
        right_to_work=True,
        driving_licence=participant.driving_licence,
        max_hours_per_week=PART_TIME_HOURS if participant.hours_preference == "part_time" else None,
        commuting_radius_km=float(participant.commuting_radius_km) if participant.commuting_radius_km else None,
        home=centroids.get(participant.municipality_number),
        skills=frozenset(s.esco_uri or s.name.strip().lower() for s in participant.skills.all()),
        experience=experience,
        education_level=max(education) if education else None,
        languages=others,
        mother_tongue=mother,
        needs=frozenset(NEEDS_OF_ACTIVITIES[k] for k in open_activity_kinds if k in NEEDS_OF_ACTIVITIES),
        preferred_occupations=frozenset(wishes.occupations) if wishes else frozenset(),
        preferred_kinds=frozenset(wishes.opportunity_kinds) if wishes else frozenset(),
        mentor_topics=frozenset(wishes.mentor_topics) if wishes else frozenset(),
        preferred_mentor_kinds=frozenset({wishes.mentor_kind}) if wishes and wishes.mentor_kind else frozenset(),
    )


def job_quality_score(opportunity) -> float | None:
    summary = job_quality_for_opportunity(opportunity)
    if summary is None:
        return None
    good = [i.level == "high" for i in summary.indicators if i.name in GOOD_WHEN_HIGH and i.level]
    good += [i.level == "low" for i in summary.indicators if i.name in GOOD_WHEN_LOW and i.level]
    return sum(good) / len(good) if good else None


_UNSET = object()


def opportunity_features(opportunity, *, job_quality=_UNSET, centroids=None) -> OpportunityFeatures:
    """``job_quality`` and ``centroids``: what the caller has already read for many opportunities at once (the job
    quality of the same occupation in the same industry is the same number)."""
    centroids = municipality_centroids() if centroids is None else centroids
    return OpportunityFeatures(
        id=str(opportunity.pk),
        occupation=opportunity.occupation_code,
        kind=opportunity.kind,
        norwegian_level=cefr_index(opportunity.norwegian_level or None),
        hours_per_week=float(opportunity.hours_per_week),
        location=centroids.get(opportunity.municipality_number),
        job_quality=job_quality_score(opportunity) if job_quality is _UNSET else job_quality,
        positions=opportunity.positions,
    )


def _mentor_level(level: str) -> int:
    return 6 if level == "native" else cefr_index(level)


def mentor_features(profile, *, open_mentorships: int) -> MentorFeatures:
    return MentorFeatures(
        id=str(profile.user_id),
        kind=profile.kind,
        occupation=profile.field_occupation_code or None,
        languages={
            item["language"]: 6 if item["level"] == "native" else cefr_index(item["level"])
            for item in profile.languages
        },
        topics=frozenset(profile.topics),
        capacity=profile.capacity,
        active_mentees=open_mentorships,
        location=municipality_centroids().get(profile.municipality_number),
    )


def programme_features(programme, *, free_seats: int) -> ProgrammeFeatures:
    return ProgrammeFeatures(
        id=str(programme.pk),
        kind=programme.kind,
        needs=frozenset({programme.kind}),
        seats=programme.seats,
        free_seats=max(0, free_seats),
    )
