"""Suggestions for one participant, computed on request from the platform's records (the catalogues here are
small enough to index per request: a few hundred opportunities; the benchmark covers 20,000)."""

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from samspill.access.selectors import actor_organisation_ids
from samspill.accounts.selectors import organisations_list
from samspill.core.roles import Role
from samspill.employers.selectors import opportunities_for_actor, opportunity_kind_choices
from samspill.matching.engine import (
    FACTORS,
    JobMatcher,
    MentorMatcher,
    ServiceMatcher,
    Suggestion,
    Text,
    Weights,
    isco_similarity,
)
from samspill.matching.features import (
    mentor_features,
    opportunity_features,
    participant_features,
    programme_features,
)
from samspill.matching.models import OrganisationWeights, Wishes
from samspill.pathways.selectors import open_activity_kinds
from samspill.peers.selectors import mentor_kind_choices, mentor_profiles_open
from samspill.programmes.selectors import programmes_list
from samspill.taxonomy.selectors import occupation_similarity, taxonomy_version

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
MATCHER_LABELS = {"job": _("Opportunities"), "mentor": _("Peer mentors"), "service": _("Programmes and services")}
WISH_FIELDS = ("occupations", "opportunity_kinds", "mentor_topics", "mentor_kind")
# Coordinators give each factor a relative weight on this scale; the engine rescales them to sum to 1.
MAX_WEIGHT = 100


@functools.lru_cache(maxsize=16)
def _code_labels(language: str | None) -> dict[str, str]:
    """The codes the engine puts in its explanations (kinds of opportunity and of mentor), in ``language``: built
    once per language, not for every note and constraint of every suggestion."""
    return {code: str(label) for code, label in (*opportunity_kind_choices(), *mentor_kind_choices())}


def explained(text: str) -> str:
    """An explanation from the engine in the active language: a ``Text`` translated, with the codes in it named,
    any other ``str`` as it is."""
    return text.translated(gettext, _code_labels(get_language())) if isinstance(text, Text) else text


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
            (str(FACTOR_LABELS.get(name, name)), value, explained(notes.get(name, "")))
            for name, value in self.suggestion.contributions.items()
        ]

    @property
    def constraints(self) -> list[str]:
        """The hard constraints passed, in the active language."""
        return [explained(text) for text in self.suggestion.constraints]

    @property
    def title(self) -> str:
        """The opportunity's title, the mentor's name or the programme's name."""
        if self.kind == "job":
            return self.target.title
        if self.kind == "mentor":
            return self.target.user.get_full_name() or self.target.user.username
        return self.target.name

    @property
    def detail(self) -> str:
        """The employer, the kind of mentor or the programme's provider."""
        if self.kind == "job":
            return self.target.employer.name
        if self.kind == "mentor":
            return str(self.target.get_kind_display())
        return self.target.provider.name

    def as_dict(self) -> dict:
        """The suggestion for the API and the command line: the same facts as the page, in the active language."""
        suggestion = self.suggestion
        return {
            "rank": self.rank,
            "kind": self.kind,
            "target": {"id": str(suggestion.target), "title": self.title, "detail": self.detail},
            "score": suggestion.score,
            "factors": [
                {
                    "factor": name,
                    "label": str(FACTOR_LABELS.get(name, name)),
                    "value": suggestion.values[name],
                    "contribution": contribution,
                    "note": explained(suggestion.notes.get(name, "")),
                }
                for name, contribution in suggestion.contributions.items()
            ],
            "constraints": self.constraints,
        }


class _PlatformTaxonomy:
    """The engine's taxonomy protocol over the loaded ISCO tree (ESCO skills are matched on the opportunity side
    only when the participant's skills carry ESCO URIs, which the demo's do not)."""

    def occupation_similarity(self, a: str, b: str) -> float:
        # The loaded tree knows ESCO's finer codes; without it, the codes' own digits say the same for ISCO.
        return occupation_similarity(a, b) or isco_similarity(a, b)

    def skills(self, occupation: str):
        return frozenset(), frozenset()


def wishes_of(*, participant_id) -> Wishes | None:
    """For a participant already read through the gate (the caller holds the access)."""
    return Wishes.objects.filter(participant_id=participant_id).first()


def organisation_weights(*, organisation_id, matcher: str) -> Weights:
    """The organisation's weights for ``matcher``: its own where a coordinator set them, else the defaults."""
    stored = (
        OrganisationWeights.objects.filter(organisation_id=organisation_id, matcher=matcher)
        .values_list("weights", flat=True)
        .first()
    )
    return Weights.from_mapping(matcher, stored) if stored else Weights.default(matcher)


@dataclass(frozen=True)
class WeightsForm:
    organisation: object
    matcher: str
    label: str
    # (factor name, label, documentation, relative weight 0..MAX_WEIGHT, default)
    factors: list[tuple[str, str, str, float, float]]
    is_default: bool


def weights_forms_for_actor(actor) -> list[WeightsForm]:
    """One form per matcher for each organisation where ``actor`` is coordinator, with the weights as stored (the
    defaults scaled to 0..100 where none are)."""
    organisations = organisations_list(actor=actor).filter(pk__in=actor_organisation_ids(actor, Role.COORDINATOR))
    stored = {
        (row.organisation_id, row.matcher): row.weights
        for row in OrganisationWeights.objects.filter(organisation__in=organisations)
    }
    forms = []
    for organisation in organisations:
        for matcher, label in MATCHER_LABELS.items():
            own = stored.get((organisation.pk, matcher))
            factors = []
            for name, factor in FACTORS[matcher].items():
                default = round(factor.default * MAX_WEIGHT, 2)
                value = own.get(name, default) if own else default
                factors.append((name, str(FACTOR_LABELS.get(name, name)), gettext(factor.doc), value, default))
            forms.append(WeightsForm(organisation, matcher, str(label), factors, own is None))
    return forms


_fitted: OrderedDict = OrderedDict()
_fitted_lock = threading.Lock()
FITTED_CACHE_SIZE = 16


def _fitted_job_matcher(catalogue, weights: Weights) -> JobMatcher:
    """The job matcher fitted to ``catalogue``, kept per process: the key names every opportunity with the time
    it and its employer profile last changed, the weights and the taxonomy loads, so any change refits."""
    signature = tuple(
        catalogue.order_by("pk").values_list("pk", "updated_at", "employer__employer_profile__updated_at")
    )
    key = (weights, signature, taxonomy_version())
    with _fitted_lock:
        matcher = _fitted.get(key)
        if matcher is not None:
            _fitted.move_to_end(key)
            return matcher
    opportunities = catalogue.select_related("employer__employer_profile")
    matcher = JobMatcher(taxonomy=_PlatformTaxonomy(), weights=weights).fit(
        [opportunity_features(o) for o in opportunities]
    )
    with _fitted_lock:
        _fitted[key] = matcher
        while len(_fitted) > FITTED_CACHE_SIZE:
            _fitted.popitem(last=False)
    return matcher


def suggestions_for(*, actor, access, kind: str, top: int = 5) -> list[Shown]:
    """The top suggestions of ``kind`` for the participant of ``access`` (a case-management access), each with its
    explanation, weighted as the participant's organisation chose."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    participant = access.participant
    features = participant_features(
        participant,
        open_activity_kinds=open_activity_kinds(participant_id=participant.pk),
        wishes=wishes_of(participant_id=participant.pk),
    )
    weights = organisation_weights(organisation_id=participant.organisation_id, matcher=kind)
    if kind == "job":
        catalogue = opportunities_for_actor(actor).filter(status="open")
        suggestions = _fitted_job_matcher(catalogue, weights).suggest(features, top=top)
        targets = {str(pk): o for pk, o in catalogue.in_bulk([s.target for s in suggestions]).items()}
    else:
        if kind == "mentor":
            profiles = mentor_profiles_open()
            targets = {str(p.user_id): p for p, _taken in profiles}
            matcher = MentorMatcher(taxonomy=_PlatformTaxonomy(), weights=weights)
            catalogue = [mentor_features(p, open_mentorships=taken) for p, taken in profiles]
        else:
            programmes = list(programmes_list(actor=actor, active_only=True))
            targets = {str(p.pk): p for p in programmes}
            matcher = ServiceMatcher(weights=weights)
            catalogue = [programme_features(p, free_seats=p.free_seats) for p in programmes]
        if not catalogue:
            return []
        suggestions = matcher.fit(catalogue).suggest(features, top=top)
    return [
        Shown(kind=kind, rank=rank, target=targets[str(s.target)], suggestion=s)
        for rank, s in enumerate(suggestions, start=1)
    ]


def feedback_for(*, access, kind: str = ""):
    """The decisions taken on the suggestions for the participant of ``access`` (a case-management access), newest
    first, each with who took it. The gate has read the participant (and logged it); this reads nothing more about
    them. ``kind`` ("job", "mentor", "service") keeps only that kind."""
    from samspill.access.selectors import Level
    from samspill.core.errors import NotFound
    from samspill.matching.models import SuggestionFeedback

    if access.level is not Level.CASE:
        raise NotFound()
    feedback = SuggestionFeedback.objects.filter(participant=access.participant).select_related("decided_by")
    if kind:
        feedback = feedback.filter(kind=kind)
    return feedback.order_by("-created_at", "id")


def matcher_evaluation_for(*, actor):
    """How good the job suggestions would have been on the placements of the organisations ``actor`` coordinates
    (``matching.evaluation``; kept for a few minutes); None for anyone who coordinates none."""
    from samspill.matching.evaluation import matcher_evaluation_cached  # imports this module: only when asked

    return matcher_evaluation_cached(actor=actor)
