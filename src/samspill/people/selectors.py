"""Reads of profile data. Every function takes what the access gate returned, never a bare id."""

from django.db.models import Q, QuerySet

from samspill.access.selectors import ParticipantAccess
from samspill.people.models import HealthInformation, Participant


def caseload_filter(
    queryset: QuerySet[Participant],
    *,
    actor,
    q: str = "",
    mine: bool = False,
    municipality: str = "",
    country_of_birth: str = "",
    mother_tongue: str = "",
    interpreter_needed: bool = False,
    team: str = "",
) -> QuerySet[Participant]:
    """Narrows a list the gate produced (``participants_for_actor``); it can never widen it."""
    if q:
        for word in q.split()[:5]:
            queryset = queryset.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    if mine:
        queryset = queryset.filter(assigned_specialist=actor)
    if municipality:
        queryset = queryset.filter(municipality_number=municipality)
    if country_of_birth:
        queryset = queryset.filter(country_of_birth=country_of_birth)
    if mother_tongue:
        queryset = queryset.filter(languages__language=mother_tongue, languages__is_mother_tongue=True)
    if interpreter_needed:
        queryset = queryset.filter(interpreter_needed=True)
    if team:
        queryset = queryset.filter(assigned_team_id=team)
    return queryset.select_related("assigned_specialist", "assigned_team").order_by("family_name", "given_name")


def participant_profile(access: ParticipantAccess) -> dict:
    """The sub-records of a profile the actor may see, in display order."""
    participant = access.participant
    profile = {
        "languages": list(participant.languages.all()),
        "educations": list(participant.educations.all()),
        "experiences": list(participant.experiences.all()),
        "skills": list(participant.skills.all()),
        "health": None,
    }
    if access.special_category:
        profile["health"] = HealthInformation.objects.filter(participant=participant).first()
    return profile
