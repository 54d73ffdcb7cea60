"""Suggestions for one participant, computed on request from the platform's records (the catalogues here are
small enough to index per request: a few hundred opportunities; the benchmark covers 20,000)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from samspill.employers.selectors import opportunities_for_actor
from samspill.matching.engine import JobMatcher, MentorMatcher, ServiceMatcher, Suggestion, isco_similarity
from samspill.matching.features import (
    mentor_features,
    opportunity_features,
    participant_features,
    programme_features,
)
from samspill.pathways.selectors import open_activity_kinds
from samspill.peers.selectors import mentor_profiles_open
from samspill.programmes.selectors import programmes_list
from samspill.taxonomy.selectors import occupation_similarity

# The engine's factors as a job specialist reads them.
FACTOR_LABELS = {
    "skills": _("Skills"),
    "occupation": _("Occupation"),
    "experience": _("Experience"),
    "preferences": _("Own wishes"),
    "qualification": _("Use of qualifications"),
    "job_quality": _("Job quality"),
    "field": _("Field"),
    "language": _("Language"),
    "topics": _("Topics"),
    "proximity": _("Distance"),
    "availability": _("Availability"),
    "background": _("Background asked for"),
    "needs": _("Needs in the plan"),
}
KINDS = ("job", "mentor", "service")


@dataclass(frozen=True)
class Shown:
    kind: str
    rank: int
    target: object  # the opportunity, mentor profile or programme
    suggestion: Suggestion

    @property
    def contributions(self) -> list[tuple[str, float, str]]:
        notes = self.suggestion.notes
        return [
            (str(FACTOR_LABELS.get(name, name)), value, notes.get(name, ""))
            for name, value in self.suggestion.contributions.items()
        ]


class _PlatformTaxonomy:
    """The engine's taxonomy protocol over the loaded ISCO tree (ESCO skills are matched on the opportunity side
    only when the participant's skills carry ESCO URIs, which the demo's do not)."""

    def occupation_similarity(self, a: str, b: str) -> float:
        # The loaded tree knows ESCO's finer codes; without it, the codes' own digits say the same for ISCO.
        return occupation_similarity(a, b) or isco_similarity(a, b)

    def skills(self, occupation: str):
        return frozenset(), frozenset()


def suggestions_for(*, actor, access, kind: str, top: int = 5) -> list[Shown]:
    """The top suggestions of ``kind`` for the participant of ``access`` (a case-management access), each with its
    explanation."""
    participant = access.participant
    features = participant_features(participant, open_activity_kinds=open_activity_kinds(participant_id=participant.pk))
    if kind == "job":
        targets = {str(o.pk): o for o in opportunities_for_actor(actor).filter(status="open")}
        matcher = JobMatcher(taxonomy=_PlatformTaxonomy()).fit([opportunity_features(o) for o in targets.values()])
    elif kind == "mentor":
        profiles = mentor_profiles_open()
        targets = {str(p.user_id): p for p, _taken in profiles}
        matcher = MentorMatcher(taxonomy=_PlatformTaxonomy()).fit(
            [mentor_features(p, open_mentorships=taken) for p, taken in profiles]
        )
    elif kind == "service":
        programmes = list(programmes_list(actor=actor, active_only=True))
        targets = {str(p.pk): p for p in programmes}
        matcher = ServiceMatcher().fit([programme_features(p, free_seats=p.free_seats) for p in programmes])
    else:
        raise ValueError(f"kind must be one of {KINDS}")
    if not targets:
        return []
    return [
        Shown(kind=kind, rank=rank, target=targets[str(s.target)], suggestion=s)
        for rank, s in enumerate(matcher.suggest(features, top=top), start=1)
    ]
